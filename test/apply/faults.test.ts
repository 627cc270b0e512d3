/**
 * One object that fails or never answers does not stop the others, and the report says
 * what the server holds: each object once, the summary counting them, exit 1.
 */
import { useApiDouble } from '../support/api-double';
import { cli, job, manifests } from '../support/apply-cli';

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ai-agents' },
  data: { mode: 'batch' },
});

describe('a hung or failing object among others', () => {
  const double = useApiDouble({ shared: true });
  afterEach(() => double.api.faults.splice(0));

  test('one read and one apply that never answer: reported per object, the rest go on', async () => {
    // cfg-read never answers anything; cfg-patch is read fine but its apply never answers.
    double.api.faults.push({
      pathIncludes: '/configmaps/cfg-read',
      hang: true,
      status: 0,
      times: 99,
    });
    double.api.faults.push({
      method: 'PATCH',
      pathIncludes: '/configmaps/cfg-patch',
      hang: true,
      status: 0,
      times: 99,
    });
    double.api.faults.push({
      method: 'PATCH',
      pathIncludes: '/jobs/refused',
      status: 403,
      message:
        'jobs.batch "refused" is forbidden: User "ci" cannot patch resource "jobs" in API group "batch" in the namespace "ai-agents"',
      times: 99,
    });
    const file = manifests(
      configMap('cfg-read'),
      configMap('cfg-ok'),
      configMap('cfg-patch'),
      job('after-hang', { completions: 1 }),
      job('refused'),
    );
    const started = Date.now();
    const r = await cli(['apply', '--server', double.server, '--request-timeout', '500ms', file]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'ConfigMap/ai-agents/cfg-read failed: not applied: reading it failed: the API server did not answer within 500ms (tried 3 times)',
        'ConfigMap/ai-agents/cfg-ok created',
        'ConfigMap/ai-agents/cfg-patch failed: the API server did not answer within 500ms (tried 3 times); the server does not hold it (it does not exist)',
        'Job/ai-agents/after-hang created',
        'Job/ai-agents/refused failed: jobs.batch "refused" is forbidden: User "ci" cannot patch resource "jobs" in API group "batch" in the namespace "ai-agents"',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('apply: 5 objects: 3 failed, 2 created\n');
    // What the report says is what the server holds.
    expect([...double.api.objects.keys()].sort()).toEqual([
      'configmaps/ai-agents/cfg-ok',
      'jobs/ai-agents/after-hang',
    ]);
    expect(double.api.objects.get('configmaps/ai-agents/cfg-ok')?.data).toEqual({ mode: 'batch' });
  }, 60_000);

  test('the server stops answering mid-run: the rest are skipped, not each timed out', async () => {
    const file = manifests(configMap('cfg-gone'), job('gone-a'), job('gone-b'));
    // Once the first check has passed, nothing answers any more.
    const cut = setInterval(() => {
      if (!double.api.requests.some((q, i) => i >= mark && q === 'GET /version')) return;
      clearInterval(cut);
      double.api.faults.push({ hang: true, status: 0, times: 999 });
    }, 2);
    const mark = double.api.requests.length;
    const started = Date.now();
    const r = await cli(['apply', '--server', double.server, '--request-timeout', '500ms', file]);
    clearInterval(cut);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ConfigMap\/ai-agents\/cfg-gone failed: .*did not answer within 500ms/,
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^Job\/ai-agents\/gone-a skipped: not tried: cannot reach the API server at http:\/\/127\.0\.0\.1:\d+ \(ETIMEDOUT\)/,
      ),
      expect.stringMatching(
        /^Job\/ai-agents\/gone-b skipped: not tried: cannot reach the API server/,
      ),
    ]);
    expect(r.stderr).toBe('apply: 3 objects: 1 failed, 2 skipped\n');
    expect(double.api.requests.slice(mark).filter((q) => q.includes('/jobs/'))).toEqual([]);
  }, 60_000);
});
