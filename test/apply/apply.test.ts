import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { useApiDouble } from '../support/api-double';
import {
  BIN,
  ROOT,
  cli,
  exec,
  job,
  kubectl,
  manifests,
  onTerminal,
  sleep,
} from '../support/apply-cli';

describe('cdk8s-batch apply and wait against the API server double', () => {
  const double = useApiDouble();

  test('the double speaks the protocol the real kubectl speaks', async () => {
    const file = manifests(job('from-kubectl'));
    await kubectl(double.server, ['apply', '--server-side', '--validate=false', '-f', file]);
    const got = JSON.parse(
      await kubectl(double.server, [
        'get',
        'job',
        'from-kubectl',
        '-n',
        'ai-agents',
        '-o',
        'json',
        '--show-managed-fields',
      ]),
    );
    expect(got.metadata.managedFields[0].manager).toBe('kubectl');
  }, 60_000);

  test("apply creates the example app's objects; a second apply changes nothing", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    await exec(
      join(ROOT, 'node_modules', '.bin', 'cdk8s'),
      ['synth', '--no-check-upgrade', '--output', dist],
      { cwd: ROOT },
    );
    const first = await cli(['apply', '--server', double.server, dist]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines.every((l) => l.endsWith(' created'))).toBe(true);
    // Jobs before CronJobs: nothing a Job needs comes after it.
    expect(lines.findIndex((l) => l.startsWith('CronJob/'))).toBeGreaterThan(
      lines.findIndex((l) => l.startsWith('Job/')),
    );
    expect(double.api.objects.size).toBe(9);
    const second = await cli(['apply', '--server', double.server, dist]);
    expect(second.code).toBe(0);
    expect(
      second.stdout
        .trim()
        .split('\n')
        .every((l) => l.endsWith(' unchanged')),
    ).toBe(true);
    expect(double.api.objects.size).toBe(9);
  }, 120_000);

  test('apply --wait: one plain line per change, exit 0 when every Job completes', async () => {
    const r = await cli([
      'apply',
      '--server',
      double.server,
      '--wait',
      manifests(job('ingest', { completions: 3 })),
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'Job/ai-agents/ingest created',
        'Job/ai-agents/ingest: 0/3 succeeded, 0 active, 0 failed',
        'Job/ai-agents/ingest: 1/3 succeeded, 1 active, 0 failed',
        'Job/ai-agents/ingest: 2/3 succeeded, 1 active, 0 failed',
        'Job/ai-agents/ingest: Complete',
        '',
      ].join('\n'),
    );
  }, 60_000);

  test('on a terminal: one live progress bar per Job (run under a pseudo-terminal)', async () => {
    const file = manifests(job('bars', { completions: 3 }));
    const { code, screen } = await onTerminal(['apply', '--server', double.server, '--wait', file]);
    expect(code).toBe(0);
    expect(screen).toContain('Job/ai-agents/bars created');
    expect(screen).toMatch(/Job\/ai-agents\/bars \[[█░]+\] 3\/3 succeeded, 0 active, 0 failed/);
    expect(screen).toContain('Job/ai-agents/bars: Complete');
    expect(screen).not.toContain('1/3 succeeded, 1 active, 0 failed\r\nJob'); // no plain lines per change
  }, 60_000);

  test('Ctrl-C on a terminal gives the cursor back and exits 130', async () => {
    const file = manifests(job('held', { suspend: true }));
    const { code, raw } = await onTerminal(
      ['apply', '--server', double.server, '--wait', file],
      async () => {
        // Once the bar is up (the Job was read by wait), interrupt the command.
        while (!double.api.requests.some((q) => q.endsWith('/jobs/held'))) await sleep(50);
        await sleep(1000);
        // The node process only: `script`'s own command line holds the same words.
        const node = `^${process.execPath} ${BIN[0]} apply --server ${double.server}`;
        await exec('pkill', ['-INT', '-f', node]);
      },
    );
    expect(code).toBe(130);
    const hidden = raw.indexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThan(-1);
    expect(raw.indexOf('\x1b[?25h', hidden)).toBeGreaterThan(hidden);
  }, 60_000);

  test('a failed Job names its reason and exits 1', async () => {
    const file = manifests(
      job('broken', { backoffLimit: 1 }, 'ghcr.io/acme/fail:1.0.0', {
        'test.cdk8s-batch/fail-reason': 'BackoffLimitExceeded',
      }),
    );
    const r = await cli(['apply', '--server', double.server, '--wait', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Job/ai-agents/broken: Failed (BackoffLimitExceeded)');
  }, 60_000);

  test("a failed Job: the pods' reason and the last log lines of one of them", async () => {
    const file = manifests(
      job('oom', { backoffLimit: 0 }, 'ghcr.io/acme/fail:1.0.0', {
        'test.cdk8s-batch/pod-reason': 'OOMKilled',
        'test.cdk8s-batch/log': 'loading model\nallocating 12Gi\nKilled',
      }),
    );
    const r = await cli(['apply', '--server', double.server, '--wait', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'Job/ai-agents/oom created',
        'Job/ai-agents/oom: 0/1 succeeded, 0 active, 0 failed',
        'Job/ai-agents/oom: Failed (BackoffLimitExceeded): Job has reached the specified backoff limit',
        '  pod oom-1: OOMKilled (exit code 137)',
        '  last log lines of oom-1:',
        '    loading model',
        '    allocating 12Gi',
        '    Killed',
        '',
      ].join('\n'),
    );
  }, 60_000);

  test('run-now creates a Job from a CronJob template, owned by it, and can wait for it', async () => {
    await cli([
      'apply',
      '--server',
      double.server,
      'test/fixtures/good/seed-weekly-report-agent.yaml',
    ]);
    const r = await cli([
      'run-now',
      'weekly-report-agent',
      '--namespace',
      'ai-agents',
      '--server',
      double.server,
      '--wait',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Job\/ai-agents\/weekly-report-agent-manual-\w+ created from CronJob\/ai-agents\/weekly-report-agent\n/,
    );
    expect(r.stdout).toMatch(/: Complete\n$/);
    const created = [...double.api.objects.values()].find((o) => o.kind === 'Job');
    expect(created?.metadata.ownerReferences[0]).toMatchObject({
      kind: 'CronJob',
      name: 'weekly-report-agent',
    });
    expect(created?.metadata.annotations['cronjob.kubernetes.io/instantiate']).toBe('manual');
    const missing = await cli([
      'run-now',
      'nope',
      '--namespace',
      'ai-agents',
      '--server',
      double.server,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('CronJob nope');
  }, 60_000);

  test('a Job still running at the timeout exits 3 and says which', async () => {
    const r = await cli([
      'apply',
      '--server',
      double.server,
      '--wait',
      '--timeout',
      '1s',
      manifests(job('long', { completions: 1000 })),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('timed out after 1s; still running: Job/ai-agents/long');
  }, 60_000);

  test('one Job failed and another still running at the timeout: exit 1, the failure wins', async () => {
    const r = await cli([
      'apply',
      '--server',
      double.server,
      '--wait',
      '--timeout',
      '3s',
      manifests(
        job('long', { completions: 1000 }),
        job('broken', { backoffLimit: 1 }, 'ghcr.io/acme/fail:1.0.0', {
          'test.cdk8s-batch/fail-reason': 'BackoffLimitExceeded',
        }),
      ),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('still running: Job/ai-agents/long');
    expect(r.stderr).toContain('failed: Job/ai-agents/broken');
  }, 60_000);

  test('500s, a 429 with Retry-After and a dropped watch: the run still succeeds, nothing duplicated', async () => {
    double.api.faults.push({ method: 'PATCH', status: 500, times: 2 });
    double.api.faults.push({
      method: 'GET',
      pathIncludes: '/jobs/',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    // Drop every watch once the Job is a third done, as an API server restart would.
    const drop = setInterval(() => {
      if (double.api.objects.get('jobs/ai-agents/flaky')?.status?.succeeded >= 20) {
        clearInterval(drop);
        double.api.dropWatches();
      }
    }, 5);
    const r = await cli([
      'apply',
      '--server',
      double.server,
      '--wait',
      manifests(job('flaky', { completions: 60 })),
    ]);
    clearInterval(drop);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Job/ai-agents/flaky: Complete');
    expect(double.api.objects.size).toBe(1);
    expect(double.api.requests.filter((q) => q.startsWith('PATCH')).length).toBe(3);
    // The read that got the 429 was asked again only after its Retry-After (1 s).
    const reads = double.api.requests
      .map((q, i) => [q, double.api.requestTimes[i]] as const)
      .filter(([q]) => q === 'GET /apis/batch/v1/namespaces/ai-agents/jobs/flaky');
    expect(reads[1][1] - reads[0][1]).toBeGreaterThanOrEqual(950);
    // The watch was dropped mid-run and opened again; no line was printed twice.
    const watches = double.api.requests.filter(
      (q) => q === 'GET /apis/batch/v1/namespaces/ai-agents/jobs',
    );
    expect(watches.length).toBeGreaterThanOrEqual(2);
    const lines = r.stdout.trim().split('\n');
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines).toContain('Job/ai-agents/flaky: 30/60 succeeded, 1 active, 0 failed');
  }, 60_000);

  test('a field owned by another manager is a conflict naming it; --force-conflicts takes it over', async () => {
    await kubectl(double.server, [
      'apply',
      '--server-side',
      '--validate=false',
      '-f',
      manifests(job('shared', { backoffLimit: 1 })),
    ]);
    const file = manifests(job('shared', { backoffLimit: 4 }));
    const r = await cli(['apply', '--server', double.server, file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Job/ai-agents/shared conflict: Apply failed with 1 conflict: conflict with "kubectl"',
    );
    expect(r.stdout).toContain('--force-conflicts');
    const forced = await cli(['apply', '--server', double.server, '--force-conflicts', file]);
    expect(forced.stdout.trim()).toBe('Job/ai-agents/shared configured');
  }, 60_000);

  test('a changed pod template of a finished Job: reported, then recreated only when asked', async () => {
    expect(
      (await cli(['apply', '--server', double.server, '--wait', manifests(job('migrate'))])).code,
    ).toBe(0);
    const changed = manifests(job('migrate', {}, 'busybox:1.37'));
    const r = await cli(['apply', '--server', double.server, changed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'immutable: the Job exists with a different pod template (spec.template.spec.containers[0].image: "busybox:1.36" → "busybox:1.37")',
    );
    expect(r.stdout).toContain('--recreate-finished-jobs');
    const again = await cli([
      'apply',
      '--server',
      double.server,
      '--recreate-finished-jobs',
      changed,
    ]);
    expect(again.stdout.trim()).toBe('Job/ai-agents/migrate recreated');
    expect(double.api.requests.filter((q) => q.startsWith('DELETE'))).toHaveLength(1);
  }, 60_000);
});
