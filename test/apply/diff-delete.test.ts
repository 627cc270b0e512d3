import { confirmDeletion } from '../../src/cli/delete-command';
import { ApiDouble, useApiDouble } from '../support/api-double';
import { cli, job, kubeconfigFor, manifests, writeKubeconfig } from '../support/apply-cli';

const writes = (api: ApiDouble) => api.requests.filter((q) => !q.startsWith('GET'));

/** Each DELETE the double received, as `path?query`. */
const deletes = (api: ApiDouble) =>
  api.requests.flatMap((q, i) =>
    q.startsWith('DELETE ') ? [`${q.slice('DELETE '.length)}?${api.requestQueries[i]}`] : [],
  );

/** A Job whose pod template sets a label of its own, next to those the controller adds. */
const labelled = (name: string, app: string, image = 'busybox:1.36') => {
  const j = job(name, {}, image);
  return {
    ...j,
    spec: { template: { ...j.spec.template, metadata: { labels: { app } } } },
  };
};

describe('cdk8s-batch diff', () => {
  const double = useApiDouble();
  const apply = async (...objects: object[]) => {
    expect((await cli(['apply', '--server', double.server, manifests(...objects)])).code).toBe(0);
    double.api.requests.length = 0;
  };

  test('an object the server does not have is created, and diff exits 1', async () => {
    const r = await cli(['diff', '--server', double.server, manifests(job('fresh'))]);
    expect(r).toMatchObject({ code: 1, stdout: 'Job/ai-agents/fresh: created\n', stderr: '' });
    expect(writes(double.api)).toEqual([]);
  }, 30_000);

  test('after apply nothing differs: unchanged, exit 0, nothing written', async () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'ai-agents' },
      data: { mode: 'fast' },
    };
    await apply(job('same', { backoffLimit: 2 }), cm);
    const r = await cli([
      'diff',
      '--server',
      double.server,
      manifests(job('same', { backoffLimit: 2 }), cm),
    ]);
    expect(r).toMatchObject({
      code: 0,
      stdout: 'Job/ai-agents/same: unchanged\nConfigMap/ai-agents/cfg: unchanged\n',
      stderr: '',
    });
    expect(writes(double.api)).toEqual([]);
  }, 30_000);

  test('a changed image is named with its live and its new value, exit 1', async () => {
    await apply(job('ingest'), job('other'));
    const r = await cli([
      'diff',
      '--server',
      double.server,
      manifests(job('ingest', {}, 'busybox:1.37'), job('other')),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'Job/ai-agents/ingest: changed',
        '  spec.template.spec.containers[0].image: "busybox:1.36" → "busybox:1.37"',
        'Job/ai-agents/other: unchanged',
        '',
      ].join('\n'),
    );
  }, 30_000);

  test("a Secret's changed value is named, never shown; stringData is compared as data", async () => {
    const secret = (t: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'token', namespace: 'ai-agents' },
      stringData: { t },
    });
    await apply(secret('old-value'));
    const same = await cli(['diff', '--server', double.server, manifests(secret('old-value'))]);
    expect(same).toMatchObject({ code: 0, stdout: 'Secret/ai-agents/token: unchanged\n' });
    const r = await cli(['diff', '--server', double.server, manifests(secret('new-value'))]);
    expect(r).toMatchObject({
      code: 1,
      stdout: 'Secret/ai-agents/token: changed\n  data.t: changed (value not shown)\n',
    });
  }, 30_000);

  test('the labels the Job controller adds are not changes; a label the manifest changes is', async () => {
    await apply(labelled('train', 'train'));
    const live = double.api.objects.get('jobs/ai-agents/train');
    expect(Object.keys(live?.spec.template.metadata.labels).sort()).toEqual([
      'app',
      'batch.kubernetes.io/controller-uid',
      'batch.kubernetes.io/job-name',
      'controller-uid',
      'job-name',
    ]);
    const same = await cli([
      'diff',
      '--server',
      double.server,
      manifests(labelled('train', 'train')),
    ]);
    expect(same).toMatchObject({ code: 0, stdout: 'Job/ai-agents/train: unchanged\n' });
    const relabelled = await cli([
      'diff',
      '--server',
      double.server,
      manifests(labelled('train', 'train-v2')),
    ]);
    expect(relabelled).toMatchObject({
      code: 1,
      stdout:
        'Job/ai-agents/train: changed\n  spec.template.metadata.labels.app: "train" → "train-v2"\n',
    });
  }, 30_000);

  test("the library's rules run first: an error stops diff before any request", async () => {
    const bad = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'ai-agents' },
      spec: { schedule: '0 25 * * *', jobTemplate: { spec: job('x').spec } },
    };
    const r = await cli(['diff', '--server', double.server, manifests(bad)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CronJob\/nightly\b.* spec\.schedule: "0 25 \* \* \*": hour 25/);
    expect(double.api.requests).toEqual([]);
  }, 30_000);

  test('an object that cannot be read is its own line, the others go on, exit 2', async () => {
    await apply(job('readable'));
    double.api.faults.push({
      method: 'GET',
      pathIncludes: '/jobs/secret-job',
      status: 403,
      message: 'jobs.batch "secret-job" is forbidden',
      times: 1,
    });
    const r = await cli([
      'diff',
      '--server',
      double.server,
      manifests(job('secret-job'), job('readable')),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      [
        'Job/ai-agents/secret-job: failed: reading it failed: jobs.batch "secret-job" is forbidden',
        'Job/ai-agents/readable: unchanged',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('diff: 1 of 2 objects could not be read\n');
  }, 30_000);
});

describe('cdk8s-batch delete', () => {
  const double = useApiDouble();
  const ns = (kind: string, name: string, extra: object = {}) => ({
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: 'research' },
    ...extra,
  });
  const app = [
    ns('ConfigMap', 'cfg', { data: { a: '1' } }),
    { ...job('train'), metadata: { name: 'train', namespace: 'research' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'research' } },
    ns('Secret', 'token', { stringData: { t: 'x' } }),
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'research' },
      spec: { schedule: '0 2 * * *', jobTemplate: { spec: job('x').spec } },
    },
    ns('ServiceAccount', 'runner'),
    ns('PersistentVolumeClaim', 'cache', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }),
  ];
  let file: string;
  beforeEach(async () => {
    file = manifests(...app);
    expect((await cli(['apply', '--server', double.server, file])).code).toBe(0);
    double.api.requests.length = 0;
    double.api.requestQueries.length = 0;
  }, 30_000);

  test('without --yes and without a terminal it refuses, exit 2, nothing deleted', async () => {
    const r = await cli(['delete', '--server', double.server, file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: delete asks before deleting 7 objects, and standard input is not a terminal: pass --yes to delete without asking (--dry-run shows what would be deleted)\n',
    );
    expect(deletes(double.api)).toEqual([]);
    expect(double.api.objects.size).toBe(7);
  }, 30_000);

  test('--yes deletes in the reverse of apply order; a Job with its pods (propagationPolicy Background)', async () => {
    double.api.objects.set('pods/research/train-1', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'train-1',
        namespace: 'research',
        labels: { 'batch.kubernetes.io/job-name': 'train' },
      },
    });
    const r = await cli(['delete', '--yes', '--server', double.server, file]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'CronJob/research/nightly deleted',
        'Job/research/train deleted',
        'PersistentVolumeClaim/research/cache deleted',
        'Secret/research/token deleted',
        'ConfigMap/research/cfg deleted',
        'ServiceAccount/research/runner deleted',
        'Namespace/research deleted',
        '',
      ].join('\n'),
    );
    expect(deletes(double.api)).toEqual([
      '/apis/batch/v1/namespaces/research/cronjobs/nightly?',
      '/apis/batch/v1/namespaces/research/jobs/train?propagationPolicy=Background',
      '/api/v1/namespaces/research/persistentvolumeclaims/cache?',
      '/api/v1/namespaces/research/secrets/token?',
      '/api/v1/namespaces/research/configmaps/cfg?',
      '/api/v1/namespaces/research/serviceaccounts/runner?',
      '/api/v1/namespaces/research?',
    ]);
    expect([...double.api.objects.keys()]).toEqual([]);
  }, 30_000);

  test('an object already absent is not found, not an error: exit 0', async () => {
    const r = await cli([
      'delete',
      '--yes',
      '-n',
      'ai-agents',
      '--server',
      double.server,
      manifests({ ...job('gone'), metadata: { name: 'gone' } }),
    ]);
    expect(r).toMatchObject({ code: 0, stdout: 'Job/ai-agents/gone not found\n', stderr: '' });
  }, 30_000);

  test('--dry-run asks the server (dryRun=All) without asking the user, and deletes nothing', async () => {
    const r = await cli(['delete', '--dry-run', '--server', double.server, file]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n')[1]).toBe('Job/research/train deleted (server dry run)');
    expect(r.stdout.trim().split('\n')).toHaveLength(7);
    const sent = deletes(double.api);
    expect(sent).toHaveLength(7);
    expect(sent.every((d) => /[?&]dryRun=All\b/.test(d))).toBe(true);
    expect(double.api.objects.size).toBe(7);
  }, 30_000);
});

describe('diff and delete with a kubeconfig that cannot be used', () => {
  const double = useApiDouble();

  test('one line, exit 2, before any request', async () => {
    const env = {
      KUBECONFIG: writeKubeconfig(
        kubeconfigFor({ server: double.server, 'certificate-authority': '/nowhere/ca.crt' }),
      ),
    };
    const file = manifests(job('a'), job('b'));
    const expected =
      'error: the certificate-authority of cluster "c", /nowhere/ca.crt cannot be read: no such file\n';
    for (const args of [
      ['diff', file],
      ['delete', '--yes', file],
    ]) {
      const r = await cli(args, env);
      expect(r).toMatchObject({ code: 2, stdout: '', stderr: expected });
    }
    expect(double.api.requests).toEqual([]);
  }, 30_000);
});

describe('the confirmation on a terminal', () => {
  const ids = ['Job/ai/train', 'ConfigMap/ai/cfg', 'Namespace/ai'];

  test('lists the objects, asks once, and only y or yes confirms', async () => {
    for (const [answer, confirmed] of [
      ['y', true],
      ['YES', true],
      [' y ', true],
      ['', false],
      ['n', false],
      ['yep', false],
    ] as const) {
      const out: string[] = [];
      const questions: string[] = [];
      const ask = async (q: string) => {
        questions.push(q);
        return answer;
      };
      expect(await confirmDeletion(ids, (l) => out.push(l), ask)).toBe(confirmed);
      expect(out).toEqual(ids);
      expect(questions).toEqual(['Delete 3 objects? [y/N] ']);
    }
  }, 30_000);
});
