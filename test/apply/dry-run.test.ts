import { ApiDouble, useApiDouble } from '../support/api-double';
import { cli, job, manifests } from '../support/apply-cli';

const writes = (api: ApiDouble) => api.requests.filter((q) => !q.startsWith('GET'));

describe('dry runs and namespaces', () => {
  const double = useApiDouble();
  beforeEach(async () => {
    await cli(['apply', '--server', double.server, manifests(job('live', { backoffLimit: 2 }))]);
    double.api.requests.length = 0;
  }, 30_000);

  const changed = manifests(job('live', { backoffLimit: 5 }), job('fresh'), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'ai-agents' },
  });

  test('--dry-run=server: the server says what would change, nothing is stored', async () => {
    const r = await cli(['apply', '--server', double.server, '--dry-run=server', changed]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'ConfigMap/ai-agents/cfg created (server dry run)',
        'Job/ai-agents/live configured (server dry run)',
        'Job/ai-agents/fresh created (server dry run)',
        '',
      ].join('\n'),
    );
    expect(double.api.objects.size).toBe(1);
    expect(double.api.objects.get('jobs/ai-agents/live')?.spec.backoffLimit).toBe(2);
    expect(writes(double.api).every((q) => q.startsWith('PATCH'))).toBe(true);
    const same = manifests(job('live', { backoffLimit: 2 }));
    expect((await cli(['apply', '--server', double.server, '--dry-run=server', same])).stdout).toBe(
      'Job/ai-agents/live unchanged (server dry run)\n',
    );
  }, 60_000);

  test('--dry-run=client: judged from the live objects, without a single write', async () => {
    const same = await cli([
      'apply',
      '--server',
      double.server,
      '--dry-run=client',
      manifests(job('live', { backoffLimit: 2 })),
    ]);
    expect(same.stdout).toBe('Job/ai-agents/live unchanged (client dry run)\n');
    const r = await cli(['apply', '--server', double.server, '--dry-run', 'client', changed]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'ConfigMap/ai-agents/cfg created (client dry run)',
        'Job/ai-agents/live configured (client dry run)',
        'Job/ai-agents/fresh created (client dry run)',
        '',
      ].join('\n'),
    );
    expect(writes(double.api)).toEqual([]);
    const template = await cli([
      'apply',
      '--server',
      double.server,
      '--dry-run=client',
      manifests(job('live', { backoffLimit: 2 }, 'busybox:1.37')),
    ]);
    expect(template.code).toBe(1);
    expect(template.stdout).toContain(
      'Job/ai-agents/live immutable (client dry run): the Job exists with a different pod template (spec.template.spec.containers[0].image: "busybox:1.36" → "busybox:1.37")',
    );
  }, 60_000);

  test("--dry-run=client runs the library's own rules first and stops on an error", async () => {
    const bad = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'ai-agents' },
      spec: { schedule: '0 25 * * *', jobTemplate: { spec: job('x').spec } },
    };
    const r = await cli(['apply', '--server', double.server, '--dry-run=client', manifests(bad)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CronJob\/nightly\b.* spec\.schedule: "0 25 \* \* \*": hour 25/);
    expect(double.api.requests).toEqual([]);
  }, 60_000);

  test('a namespace that does not exist: the fix is named; with its Namespace it goes first', async () => {
    const elsewhere = { ...job('moved'), metadata: { name: 'moved', namespace: 'research' } };
    const r = await cli(['apply', '--server', double.server, manifests(elsewhere)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'Job/research/moved failed: namespaces "research" not found: add the Namespace to the manifests (apply creates Namespaces first) or pass --namespace\n',
    );
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'research' } };
    const withNs = await cli(['apply', '--server', double.server, manifests(elsewhere, ns)]);
    expect(withNs).toMatchObject({ code: 0, stderr: '' });
    expect(withNs.stdout).toBe('Namespace/research created\nJob/research/moved created\n');
  }, 60_000);
});
