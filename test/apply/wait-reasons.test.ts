import { useApiDouble } from '../support/api-double';
import { cli, job, kubectl, manifests, onTerminal, sleep } from '../support/apply-cli';

const lines = (...l: string[]) => [...l, ''].join('\n');

describe('wait says why a Job is stuck or failed', () => {
  const double = useApiDouble();

  test.each([
    ['ImagePullBackOff', 'ImagePullBackOff: Back-off pulling image "ghcr.io/acme/embedder:9.9.9"'],
    ['CreateContainerConfigError', 'CreateContainerConfigError: secret "openai" not found'],
    ['Unschedulable', 'Unschedulable: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.'],
  ])(
    'a pod stuck in %s is reported at once and in the timeout message',
    async (reason, says) => {
      const file = manifests(
        job('stuck', {}, 'ghcr.io/acme/embedder:9.9.9', { 'test.cdk8s-batch/pod-reason': reason }),
      );
      const r = await cli(['apply', '--server', double.server, '--wait', '--timeout', '2s', file]);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe(
        lines(
          'Job/ai-agents/stuck created',
          'Job/ai-agents/stuck: 0/1 succeeded, 0 active, 0 failed',
          'Job/ai-agents/stuck: 0/1 succeeded, 1 active, 0 failed',
          `Job/ai-agents/stuck: pod stuck-pending: ${says}`,
        ),
      );
      expect(r.stderr).toBe(
        `timed out after 2s; still running: Job/ai-agents/stuck (pod stuck-pending: ${says})\n`,
      );
    },
    60_000,
  );

  test('on a terminal, the stuck pod is printed above the live bar', async () => {
    const file = manifests(
      job('pull', {}, 'ghcr.io/acme/embedder:9.9.9', {
        'test.cdk8s-batch/pod-reason': 'ImagePullBackOff',
      }),
    );
    const args = ['apply', '--server', double.server, '--wait', '--timeout', '2s', file];
    const { code, screen } = await onTerminal(args);
    expect(code).toBe(3);
    const notice = screen.indexOf('Job/ai-agents/pull: pod pull-pending: ImagePullBackOff');
    expect(notice).toBeGreaterThan(-1);
    expect(screen.slice(notice)).toMatch(/Job\/ai-agents\/pull \[░+\] 0\/1 succeeded, 1 active/);
  }, 60_000);

  test.each([
    ['DeadlineExceeded', 'Job was active longer than specified deadline'],
    ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
  ])(
    'a Job that fails with %s names it and exits 1',
    async (reason, message) => {
      const file = manifests(
        job('late', { backoffLimit: 0, activeDeadlineSeconds: 60 }, 'ghcr.io/acme/fail:1', {
          'test.cdk8s-batch/fail-reason': reason,
        }),
      );
      const r = await cli(['apply', '--server', double.server, '--wait', file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`Job/ai-agents/late: Failed (${reason}): ${message}\n`);
      expect(r.stdout).toContain('  pod late-1: Error (exit code 1)\n');
    },
    60_000,
  );

  test('a suspended Job waiting for Kueue says so, and which queue', async () => {
    const queued = job('queued', { suspend: true });
    const file = manifests({
      ...queued,
      metadata: { ...queued.metadata, labels: { 'kueue.x-k8s.io/queue-name': 'gpu-queue' } },
    });
    const r = await cli(['apply', '--server', double.server, '--wait', '--timeout', '1s', file]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(
      lines(
        'Job/ai-agents/queued created',
        'Job/ai-agents/queued: suspended: waiting for Kueue to admit it from queue gpu-queue',
      ),
    );
  }, 60_000);

  test('a Job that is not there yet is said so, then followed once it is created', async () => {
    const file = manifests(job('later', { completions: 2 }));
    const waiting = cli(['wait', '--server', double.server, '--timeout', '20s', file]);
    await sleep(2500);
    await cli(['apply', '--server', double.server, file]);
    const r = await waiting;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Job\/ai-agents\/later: not found; waiting for it to be created\n/);
    expect(r.stdout).toMatch(/Job\/ai-agents\/later: Complete\n$/);
  }, 60_000);

  test('a Job deleted while wait follows it counts as failed', async () => {
    const file = manifests(job('doomed', { suspend: true }));
    await cli(['apply', '--server', double.server, file]);
    const waiting = cli(['wait', '--server', double.server, file]);
    // Delete once wait follows the Job (a fixed sleep raced a slow start on a loaded machine).
    while (double.api.openWatches === 0) await sleep(50);
    await kubectl(double.server, ['delete', 'job', 'doomed', '-n', 'ai-agents', '--wait=false']);
    const r = await waiting;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      lines(
        'Job/ai-agents/doomed: suspended: set spec.suspend to false to start it',
        'Job/ai-agents/doomed: deleted before it finished',
      ),
    );
  }, 60_000);

  test('wait with no Jobs in the manifests is a usage error', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} };
    const r = await cli(['wait', '--server', double.server, manifests(cm)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no Jobs in .*app\.k8s\.yaml to wait for\n$/);
  }, 60_000);
});
