/**
 * wait tells the truth when the watch does not: Jobs are read before watching, a quiet
 * watch is checked by reading the Jobs, and at the timeout the Jobs are read once more.
 * Also: refused permissions on pods are named, suspended Jobs are not "still running", and
 * on a terminal a failure is printed when it happens.
 */
import { useApiDouble } from '../support/api-double';
import { cli, job, manifests, onTerminal, sleep } from '../support/apply-cli';

const COMPLETE = { succeeded: 1, active: 0, conditions: [{ type: 'Complete', status: 'True' }] };
const RUNNING = { active: 1, succeeded: 0 };

describe('wait against watches that fail', () => {
  const double = useApiDouble({ shared: true });
  afterEach(() => double.api.faults.splice(0));

  /** Jobs in their own namespace, applied without anyone watching (so they do not move). */
  async function jobsIn(namespace: string, ...jobs: ReturnType<typeof job>[]) {
    double.api.namespaces.add(namespace);
    const file = manifests(...jobs.map((j) => ({ ...j, metadata: { ...j.metadata, namespace } })));
    expect((await cli(['apply', '--server', double.server, file])).code).toBe(0);
    return file;
  }

  test('a Jobs watch that never answers: finished Jobs are reported as finished, at once', async () => {
    const file = await jobsIn('fb-done', job('done-1'), job('done-2'), job('done-3'));
    for (const name of ['done-1', 'done-2', 'done-3'])
      double.api.setJobStatus('fb-done', name, COMPLETE);
    double.api.faults.push({
      watch: true,
      pathIncludes: '/fb-done/jobs',
      hang: true,
      status: 0,
      times: 99,
    });
    const started = Date.now();
    const r = await cli(['wait', '--server', double.server, '--timeout', '10s', file]);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r).toEqual({
      code: 0,
      stdout: ['done-1', 'done-2', 'done-3'].map((n) => `Job/fb-done/${n}: Complete\n`).join(''),
      stderr: '',
    });
  }, 60_000);

  test('a watch that stays open but silent: a Job finishing meanwhile is found by reading it', async () => {
    const file = await jobsIn('fb-late', job('late'));
    double.api.setJobStatus('fb-late', 'late', RUNNING);
    double.api.faults.push({
      watch: true,
      pathIncludes: '/fb-late/jobs',
      stall: true,
      status: 200,
      times: 99,
    });
    const args = [
      'wait',
      '--server',
      double.server,
      '--request-timeout',
      '1s',
      '--timeout',
      '30s',
      file,
    ];
    const mark = double.api.requests.length;
    const waiting = cli(args);
    const read = 'GET /apis/batch/v1/namespaces/fb-late/jobs/late';
    while (!double.api.requests.slice(mark).includes(read)) await sleep(20);
    await sleep(500);
    const finished = Date.now();
    double.api.setJobStatus('fb-late', 'late', COMPLETE);
    const r = await waiting;
    expect(Date.now() - finished).toBeLessThan(5000);
    expect(r).toEqual({
      code: 0,
      stdout: 'Job/fb-late/late: 0/1 succeeded, 1 active, 0 failed\nJob/fb-late/late: Complete\n',
      stderr: '',
    });
  }, 60_000);

  test('at the timeout the Jobs are read again; suspended Jobs are named as waiting for Kueue', async () => {
    const queued = job('queued', { suspend: true });
    const file = await jobsIn(
      'fb-end',
      job('finishing'),
      {
        ...queued,
        metadata: { ...queued.metadata, labels: { 'kueue.x-k8s.io/queue-name': 'gpu-queue' } },
      } as ReturnType<typeof job>,
      job('running'),
    );
    double.api.setJobStatus('fb-end', 'finishing', RUNNING);
    double.api.setJobStatus('fb-end', 'running', RUNNING);
    double.api.faults.push({
      watch: true,
      pathIncludes: '/fb-end/jobs',
      hang: true,
      status: 0,
      times: 99,
    });
    const mark = double.api.requests.length;
    const waiting = cli(['wait', '--server', double.server, '--timeout', '2s', file]);
    // Once wait has read the Jobs, one finishes; no watch tells it so.
    const reads = ['finishing', 'queued', 'running'].map(
      (n) => `GET /apis/batch/v1/namespaces/fb-end/jobs/${n}`,
    );
    while (!reads.every((q) => double.api.requests.slice(mark).includes(q))) await sleep(20);
    await sleep(100); // the answers are on their way
    double.api.setJobStatus('fb-end', 'finishing', COMPLETE);
    const r = await waiting;
    expect(r.code).toBe(3);
    // Read first as running, then, at the timeout, as complete.
    expect(r.stdout).toMatch(
      /Job\/fb-end\/finishing: 0\/1 succeeded, 1 active, 0 failed\n[^]*Job\/fb-end\/finishing: Complete\n$/,
    );
    expect(r.stdout).toContain(
      'Job/fb-end/queued: suspended: waiting for Kueue to admit it from queue gpu-queue\n',
    );
    expect(r.stderr).toBe(
      'timed out after 2s; still running: Job/fb-end/running; waiting for Kueue to admit them from queue gpu-queue: Job/fb-end/queued\n',
    );
  }, 60_000);

  test('pods that may not be watched, listed or logged: which permission is missing', async () => {
    for (const ns of ['fb-deny', 'fb-log']) double.api.namespaces.add(ns);
    const forbidden = (verb: string, resource: string, ns: string) =>
      `${resource} is forbidden: User "ci" cannot ${verb} resource "${resource}" in API group "" in the namespace "${ns}"`;
    double.api.faults.push(
      { watch: true, pathIncludes: '/fb-deny/pods', status: 403, times: 99 },
      {
        watch: false,
        pathIncludes: '/fb-deny/pods',
        status: 403,
        message: forbidden('list', 'pods', 'fb-deny'),
        times: 99,
      },
      {
        pathIncludes: '/log',
        status: 403,
        message: forbidden('get', 'pods/log', 'fb-log'),
        times: 99,
      },
    );
    const failing = (name: string, namespace: string) => {
      const j = job(name, { backoffLimit: 0 }, 'ghcr.io/acme/fail:1', {
        'test.cdk8s-batch/pod-reason': 'OOMKilled',
        'test.cdk8s-batch/log': 'Killed',
      });
      return { ...j, metadata: { ...j.metadata, namespace } };
    };
    const r = await cli([
      'apply',
      '--server',
      double.server,
      '--wait',
      manifests(failing('denied', 'fb-deny'), failing('nolog', 'fb-log')),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'access denied: cannot watch pods in namespace fb-deny (403 Forbidden), so wait cannot say why a pod is stuck and follows the Jobs only; the missing permission is "watch" on "pods"\n',
    );
    expect(r.stdout).toContain(
      'Job/fb-deny/denied: Failed (BackoffLimitExceeded): Job has reached the specified backoff limit\n',
    );
    expect(r.stdout).toContain(
      `  access denied: cannot list pods in namespace fb-deny (${forbidden('list', 'pods', 'fb-deny')}), so the failed pods of Job/fb-deny/denied and their logs are unknown; the missing permission is "list" on "pods"\n`,
    );
    expect(r.stdout).toContain(
      `  pod nolog-1: OOMKilled (exit code 137)\n  access denied: cannot get pods/log in namespace fb-log (${forbidden('get', 'pods/log', 'fb-log')}), so the last log lines of nolog-1 are unknown; the missing permission is "get" on "pods/log"\n`,
    );
    // The refused watch is not asked again and again.
    const watches = double.api.requests.filter((q) => q === 'GET /api/v1/namespaces/fb-deny/pods');
    expect(watches.length).toBeLessThanOrEqual(2); // one watch, one list
  }, 60_000);

  test('on a terminal, a failed Job is printed when it fails, while the other still runs', async () => {
    const file = manifests(
      job('quick-fail', { backoffLimit: 0 }, 'ghcr.io/acme/fail:1'),
      job('slow', { completions: 60 }),
    );
    const { code, screen } = await onTerminal(['apply', '--server', double.server, '--wait', file]);
    expect(code).toBe(1);
    const failure = screen.indexOf('Job/ai-agents/quick-fail: Failed (BackoffLimitExceeded)');
    expect(failure).toBeGreaterThan(-1);
    // The slow Job's bar is drawn again after the failure was printed: it was not held back.
    expect(screen.lastIndexOf('Job/ai-agents/slow [')).toBeGreaterThan(failure);
    expect(screen).toMatch(/Job\/ai-agents\/slow: Complete/);
  }, 60_000);
});
