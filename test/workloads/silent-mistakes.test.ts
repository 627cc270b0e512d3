/**
 * Each mistake of issue 14, as a new user makes it: refused (or warned about, where the
 * cluster would still run it) in one line that names the prop, never a crash, never silent.
 */
import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import {
  BackupJob,
  BatchJob,
  DistributedTrainingJob,
  IndexedIngestJob,
  IndexedJob,
  LogCleanupCronJob,
  ModelMigrationJob,
  Problem,
  ReportCronJob,
  ScheduledJob,
  Secrets,
  Volume,
  describeProblem,
  nextRuns,
  synthOrReport,
  Workload,
} from '../../src';
import { newChart, problemsOf, synthValid } from '../support/harness';

const IMAGE = 'ghcr.io/acme/worker:1.0.0';

/** Builds in a fresh chart; returns every problem, checking that nothing threw. */
function problems(build: (chart: Chart) => void): Problem[] {
  const chart = newChart();
  build(chart);
  return problemsOf(chart);
}

/** The only error of a build, as a report line without the construct. */
function onlyError(build: (chart: Chart) => void): string {
  const errors = problems(build).filter((p) => p.severity === 'error');
  expect(errors.map(describeProblem)).toHaveLength(1);
  return describeProblem(errors[0]);
}

/** Plain JavaScript props, as a cast from TypeScript would pass them. */
const js = (props: Record<string, unknown>) => props as never;

describe('crashes are reports: one line naming the prop', () => {
  test.each<[string, (chart: Chart) => void, string]>([
    [
      'activeDeadline: 3600',
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, activeDeadline: 3600 })),
      'activeDeadline: 3600: must be a Duration, got a number; write Duration.seconds(3600)',
    ],
    [
      'LogCleanupCronJob retention: 7',
      (c) => new LogCleanupCronJob(c, 'j', js({ logsClaim: 'logs', retention: 7 })),
      'retention: 7: must be a Duration',
    ],
    [
      'LogCleanupCronJob path: 5',
      (c) => new LogCleanupCronJob(c, 'j', js({ logsClaim: 'logs', path: 5 })),
      'path: 5: must be a string, got a number',
    ],
    [
      'ReportCronJob without schedule',
      (c) => new ReportCronJob(c, 'j', js({ image: IMAGE, timeZone: 'Europe/Berlin' })),
      'schedule: is required',
    ],
    [
      'ReportCronJob schedule: 0',
      (c) => new ReportCronJob(c, 'j', js({ image: IMAGE, timeZone: 'Etc/UTC', schedule: 0 })),
      'schedule: 0: must be a string, got a number',
    ],
    [
      'ModelMigrationJob sourceModel: {}',
      (c) =>
        new ModelMigrationJob(
          c,
          'j',
          js({
            image: IMAGE,
            sourceModel: {},
            targetModel: 'gpt-4o-mini',
            databaseUrl: Secrets.key('db', 'url'),
          }),
        ),
      'sourceModel: must be a string, got an object',
    ],
    [
      "volumes: [{ path: '/data' }]",
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, volumes: [{ path: '/data' }] })),
      'volumes[0]: must be a mount ({ path, volume }): volume missing',
    ],
    [
      'podFailurePolicy: {}',
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, podFailurePolicy: {} })),
      'podFailurePolicy: must be a pod failure policy ({ rules }): rules missing',
    ],
    [
      'containers: [null]',
      (c) => new BatchJob(c, 'j', js({ containers: [null] })),
      'containers[0]: null: must be a container',
    ],
    [
      'resources: { gpu: null }',
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, resources: { gpu: null } })),
      'resources.gpu: null: must be a number of GPUs or GpuOptions, got null',
    ],
    [
      'allow: {}',
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, allow: {} })),
      'allow: must be a list of rule ids',
    ],
    [
      'a BigInt',
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, backoffLimit: 3n })),
      'backoffLimit: must be a whole number, got a BigInt (3n)',
    ],
    [
      'image: new Date(0)',
      (c) => new BatchJob(c, 'j', js({ image: new Date(0) })),
      'image: must be a string, got a Date',
    ],
    [
      'Duration.seconds(1.0005)',
      (c) => new BatchJob(c, 'j', { image: IMAGE, activeDeadline: Duration.seconds(1.0005) }),
      'activeDeadline: must be a whole number of seconds, got 1.0005 seconds',
    ],
    [
      'a missing image',
      (c) => new BatchJob(c, 'j', js({})),
      'image: is required: the image of the container (or set containers)',
    ],
    [
      'a YAML-minded prop',
      (c) => new BatchJob(c, 'j', js({ image: IMAGE, activeDeadlineSeconds: 3600 })),
      'activeDeadlineSeconds: is not a prop of BatchJob; use activeDeadline',
    ],
  ])('%s', (_, build, line) => {
    expect(onlyError(build)).toContain(line);
  });
});

describe('strings are not spread into characters', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'command',
      { command: 'python main.py' },
      'command: "python main.py": must be a list of strings, got a string; write a list, one string per argument: ["python","main.py"]',
    ],
    ['env', { env: 'DEBUG=1' }, 'env: "DEBUG=1": must be a record of variables'],
    ['nodeSelector', { nodeSelector: 'gpu' }, 'nodeSelector: "gpu": must be a record'],
  ])('%s', (prop, bad, line) => {
    const chart = newChart();
    const job = new BatchJob(chart, 'j', js({ image: IMAGE, ...bad }));
    expect(onlyErrorOf(job.problems())).toContain(line);
    const pod = (job.apiObject.toJson() as any).spec.template.spec;
    expect(JSON.stringify(pod)).not.toContain('"0":"');
    expect(JSON.stringify(pod)).not.toContain('"name":"0"');
    if (prop !== 'env') expect(pod.containers[0][prop]).toBeUndefined();
  });
});

function onlyErrorOf(all: Problem[]): string {
  const errors = all.filter((p) => p.severity === 'error');
  expect(errors).toHaveLength(1);
  return describeProblem(errors[0]);
}

describe('schema-invalid YAML is refused, naming the prop', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ["tolerations: ['x']", { tolerations: ['x'] }, 'tolerations[0]: "x": must be a toleration'],
    [
      'a numeric nodeSelector value',
      { nodeSelector: { pool: 5 } },
      'nodeSelector.pool: 5: must be a string, got a number; quote it: "5"',
    ],
    ['workingDir: 5', { workingDir: 5 }, 'workingDir: 5: must be a string'],
    [
      "imagePullPolicy: 'Sometimes'",
      { imagePullPolicy: 'Sometimes' },
      'imagePullPolicy: "Sometimes": must be one of Always, IfNotPresent, Never',
    ],
    [
      "automountServiceAccountToken: 'yes'",
      { automountServiceAccountToken: 'yes' },
      'automountServiceAccountToken: "yes": must be true or false, got a string',
    ],
    ["envFrom: ['x']", { envFrom: ['x'] }, 'envFrom[0]: "x": must be Secrets.all(...)'],
    ['args: [null]', { args: [null] }, 'args[0]: null: must be a string, got null'],
  ])('%s', (_, bad, line) => {
    expect(onlyError((c) => new BatchJob(c, 'j', js({ image: IMAGE, ...bad })))).toContain(line);
  });

  test('history limits of 2^31', () => {
    expect(
      onlyError(
        (c) =>
          new ScheduledJob(c, 'j', {
            image: IMAGE,
            schedule: '0 3 * * *',
            successfulJobsHistoryLimit: 2 ** 31,
          }),
      ),
    ).toContain('successfulJobsHistoryLimit: 2147483648: must be from -2147483648 to 2147483647');
  });
});

describe('silent mistakes that break the cluster', () => {
  test('two objects with the same kind, namespace and name: the later one is refused', () => {
    const chart = newChart();
    new BatchJob(chart, 'first', { image: IMAGE, metadata: { name: 'ingest' } });
    new IndexedJob(chart, 'second', { image: IMAGE, completions: 2, metadata: { name: 'ingest' } });
    const errors = problemsOf(chart).filter((p) => p.severity === 'error');
    expect(errors.map(describeProblem)).toEqual([
      'metadata.name: "ingest": Job ai-agents/ingest is also declared by agents/first (BatchJob): applying both, the second overwrites the first; give one of them another metadata.name (or another namespace)',
    ]);
  });

  test('across charts of one app, and against an object that is not a workload', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'ml' });
    const b = new Chart(app, 'b', { namespace: 'ml' });
    new BatchJob(a, 'x', { image: IMAGE, metadata: { name: 'same' } });
    new ScheduledJob(b, 'y', { image: IMAGE, schedule: '0 3 * * *', metadata: { name: 'same' } });
    new BatchJob(b, 'z', { image: IMAGE, metadata: { name: 'same' } });
    expect(problemsOf(app).map((p) => `${p.rule} ${p.value}`)).toEqual(['duplicate-object same']);
    const other = new Chart(app, 'c', { namespace: 'ml' });
    new DistributedTrainingJob(other, 'train', {
      image: IMAGE,
      nodes: 2,
      metadata: { name: 'svc' },
    });
    new ApiObject(other, 'raw', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
    });
    expect(problemsOf(other).map((p) => p.message)).toEqual([
      expect.stringContaining('Service ml/svc is also declared by c/raw'),
    ]);
  });

  test('the same name in two namespaces is no duplicate', () => {
    const chart = newChart();
    new BatchJob(chart, 'a', { image: IMAGE, metadata: { name: 'x' } });
    new BatchJob(chart, 'b', { image: IMAGE, metadata: { name: 'x', namespace: 'other' } });
    expect(problemsOf(chart)).toEqual([]);
  });

  test.each<[string, (c: Chart) => void, string]>([
    [
      "Secrets.key('OpenAI_Credentials', 'api key')",
      (c) =>
        new BatchJob(c, 'j', {
          image: IMAGE,
          env: { OPENAI_API_KEY: Secrets.key('OpenAI_Credentials', 'api-key') },
        }),
      'env.OPENAI_API_KEY: Secret name "OpenAI_Credentials" must be a DNS-1123 subdomain',
    ],
    [
      'a Secret key with a space',
      (c) => new BatchJob(c, 'j', { image: IMAGE, env: { KEY: Secrets.key('openai', 'api key') } }),
      'env.KEY: Secret key "api key" must consist of letters, digits, "-", "_" or "."',
    ],
    [
      "Secrets.all('AI Secrets')",
      (c) => new BatchJob(c, 'j', { image: IMAGE, envFrom: [Secrets.all('AI Secrets')] }),
      'envFrom[0]: Secret name "AI Secrets" must be a DNS-1123 subdomain',
    ],
    [
      "credentials: ''",
      (c) =>
        new BackupJob(c, 'j', {
          image: 'amazon/aws-cli:2.17.0',
          sourceClaim: 'agent-data',
          destination: 's3://bucket/backups/',
          credentials: '',
        }),
      'credentials: "": names a Secret: the name must not be empty',
    ],
    [
      'a claim name with capitals',
      (c) =>
        new BatchJob(c, 'j', {
          image: IMAGE,
          volumes: [{ path: '/data', volume: Volume.fromPersistentVolumeClaim('Agent_Data') }],
        }),
      'volumes[0].volume: names a PersistentVolumeClaim: the name must be a DNS-1123 subdomain',
    ],
  ])('%s', (_, build, line) => {
    expect(onlyError(build)).toContain(line);
  });

  test("gpu: 1 beside limits['nvidia.com/gpu']: 2 is refused, not quietly 1", () => {
    expect(
      onlyError(
        (c) =>
          new BatchJob(c, 'j', {
            image: IMAGE,
            resources: { gpu: 1, limits: { 'nvidia.com/gpu': '2' } },
          }),
      ),
    ).toContain(
      'resources.gpu: 1: asks for 1 GPU(s), but resources.limits["nvidia.com/gpu"] is "2"',
    );
    expect(
      onlyError((c) => new BatchJob(c, 'j', { image: IMAGE, gpu: 2, resources: { gpu: 1 } })),
    ).toContain('gpu: 2: and resources.gpu (1) disagree');
    // Given two ways that agree: fine.
    expect(
      problems(
        (c) =>
          new BatchJob(c, 'j', {
            image: IMAGE,
            gpu: 1,
            resources: { limits: { 'nvidia.com/gpu': '1' } },
          }),
      ),
    ).toEqual([]);
  });

  test.each<[string, (c: Chart) => void]>([
    [
      'IndexedJob',
      (c) =>
        new IndexedJob(c, 'j', {
          image: IMAGE,
          completions: 5,
          totalItems: 100,
          env: { BATCH_TOTAL_ITEMS: '5000' },
        }),
    ],
    [
      'IndexedIngestJob',
      (c) =>
        new IndexedIngestJob(c, 'j', {
          image: IMAGE,
          totalItems: 100,
          itemsPerTask: 10,
          env: { BATCH_TOTAL_ITEMS: '5000' },
        }),
    ],
    [
      'an Indexed ScheduledJob',
      (c) =>
        new ScheduledJob(c, 'j', {
          image: IMAGE,
          schedule: '0 3 * * *',
          completionMode: 'Indexed',
          completions: 5,
          totalItems: 100,
          env: { BATCH_TOTAL_ITEMS: '5000' },
        }),
    ],
  ])('a contract variable in env is refused: %s', (_, build) => {
    const chart = newChart();
    build(chart);
    expect(onlyErrorOf(problemsOf(chart))).toContain(
      'env.BATCH_TOTAL_ITEMS: "5000": is part of the runtime contract the construct injects (from totalItems)',
    );
    // and the workers get the construct's value
    const workload = chart.node.findAll().find(Workload.isWorkload)!;
    const o = workload.apiObject.toJson() as any;
    const pod = (o.kind === 'CronJob' ? o.spec.jobTemplate.spec : o.spec).template.spec;
    expect(pod.containers[0].env).toContainEqual({ name: 'BATCH_TOTAL_ITEMS', value: '100' });
  });

  test('completions above the items: a warning (40 pods with nothing to do)', () => {
    const all = problems(
      (c) => new IndexedJob(c, 'j', { image: IMAGE, completions: 50, totalItems: 10 }),
    );
    expect(all.map((p) => `${p.severity} ${describeProblem(p)}`)).toEqual([
      'warning completions: 50: is more than the 10 items: 40 pods start with nothing to do; set completions to at most 10',
    ]);
  });
});

describe('synth reads well', () => {
  test('warnings are printed once at synth, on stderr, in the format of check', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents', { namespace: 'ai-agents' });
    new IndexedJob(chart, 'j', { image: IMAGE, completions: 50, totalItems: 10 });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      app.synthYaml();
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([
      '[agents/j] (IndexedJob) completions: 50: is more than the 10 items: 40 pods start with nothing to do; set completions to at most 10 [props] (warning)\n',
    ]);
  });

  test('synthOrReport prints the report instead of throwing, and sets the exit code', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents');
    new BatchJob(chart, 'j', js({ image: IMAGE, command: 'python main.py' }));
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const exitCode = process.exitCode;
    try {
      expect(synthOrReport(app as App)).toBe(false);
      expect(process.exitCode).toBe(1);
    } finally {
      spy.mockRestore();
      process.exitCode = exitCode;
    }
    expect(written.join('')).toBe(
      '[agents/j] (BatchJob) command: "python main.py": must be a list of strings, got a string; write a list, one string per argument: ["python","main.py"]\n\n1 error(s); nothing was written\n',
    );
  });
});

describe('what users expect on the general constructs', () => {
  test('queueName, gpu and the other PodSpec fields on BatchJob', () => {
    const chart = newChart();
    new BatchJob(chart, 'j', {
      image: IMAGE,
      queueName: 'team-a',
      gpu: { count: 2, nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' } },
      runtimeClassName: 'nvidia',
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'j' } },
        },
      ],
      subdomain: 'workers',
      schedulerName: 'default-scheduler',
      dnsPolicy: 'ClusterFirst',
      dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['registry.local'] }],
      enableServiceLinks: false,
      shareProcessNamespace: false,
      schedulingGates: ['example.com/quota'],
      setHostnameAsFQDN: false,
      os: 'linux',
    });
    const [job] = synthValid(chart);
    expect(job.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('team-a');
    expect(job.spec.suspend).toBe(true);
    const pod = job.spec.template.spec;
    expect(pod).toMatchObject({
      runtimeClassName: 'nvidia',
      subdomain: 'workers',
      schedulerName: 'default-scheduler',
      dnsPolicy: 'ClusterFirst',
      dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['registry.local'] }],
      enableServiceLinks: false,
      schedulingGates: [{ name: 'example.com/quota' }],
      os: { name: 'linux' },
      nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' },
    });
    expect(pod.topologySpreadConstraints).toHaveLength(1);
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe('2');
    expect(pod.tolerations).toContainEqual({
      key: 'nvidia.com/gpu',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    expect(problemsOf(chart)).toEqual([]);
  });

  test('hostname, and queueName on a ScheduledJob (its Jobs are queued)', () => {
    const chart = newChart();
    new ScheduledJob(chart, 'c', {
      image: IMAGE,
      schedule: '0 3 * * *',
      queueName: 'team-a',
      hostname: 'worker',
    });
    const [cron] = synthValid(chart);
    expect(cron.spec.jobTemplate.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('team-a');
    expect(cron.spec.jobTemplate.spec.suspend).toBe(true);
    expect(cron.spec.jobTemplate.spec.template.spec.hostname).toBe('worker');
  });

  test('recommended labels on the Job and its pods, overridable, or off', () => {
    const chart = newChart();
    new BatchJob(chart, 'a', { image: IMAGE, metadata: { name: 'a' } });
    new BatchJob(chart, 'b', {
      image: IMAGE,
      metadata: { name: 'b', labels: { 'app.kubernetes.io/name': 'ingest' } },
      podMetadata: { labels: { 'app.kubernetes.io/component': 'worker' } },
    });
    new BatchJob(chart, 'c', { image: IMAGE, metadata: { name: 'c' }, recommendedLabels: false });
    const [a, b, c] = synthValid(chart);
    const recommended = {
      'app.kubernetes.io/name': 'a',
      'app.kubernetes.io/managed-by': 'cdk8s-batch',
      'app.kubernetes.io/component': 'batch-job',
    };
    expect(a.metadata.labels).toEqual(recommended);
    expect(a.spec.template.metadata.labels).toEqual(recommended);
    expect(b.metadata.labels['app.kubernetes.io/name']).toBe('ingest');
    expect(b.spec.template.metadata.labels['app.kubernetes.io/component']).toBe('worker');
    expect(c.metadata.labels).toBeUndefined();
    expect(c.spec.template.metadata).toBeUndefined();
  });

  test('disableResourceNameHashes is honoured', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents', { disableResourceNameHashes: true });
    const job = new BatchJob(chart, 'ingest', { image: IMAGE });
    const cron = new ScheduledJob(chart, 'report', { image: IMAGE, schedule: '0 3 * * *' });
    expect([job.name, cron.name]).toEqual(['agents-ingest', 'agents-report']);
  });

  test('HOME and the cache variables under /tmp, each overridable, or off', () => {
    const chart = newChart();
    new BatchJob(chart, 'a', {
      image: IMAGE,
      metadata: { name: 'a' },
      env: { HF_HOME: '/models' },
    });
    new BatchJob(chart, 'b', { image: IMAGE, metadata: { name: 'b' }, cacheDirs: false });
    const [a, b] = synthValid(chart);
    expect(a.spec.template.spec.containers[0].env).toEqual([
      { name: 'HOME', value: '/tmp' },
      { name: 'XDG_CACHE_HOME', value: '/tmp/.cache' },
      { name: 'PIP_CACHE_DIR', value: '/tmp/.cache/pip' },
      { name: 'HF_HOME', value: '/models' },
      { name: 'TORCH_HOME', value: '/tmp/.cache/torch' },
    ]);
    expect(b.spec.template.spec.containers[0].env).toBeUndefined();
  });

  test('a ReadWriteOnce claim of the chart shared by parallel pods: a warning', () => {
    const chart = newChart();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kplus = require('cdk8s-plus-27');
    const rwo = new kplus.PersistentVolumeClaim(chart, 'ckpt', {
      metadata: { name: 'ckpt' },
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
    });
    const rwx = new kplus.PersistentVolumeClaim(chart, 'shared', {
      metadata: { name: 'shared' },
      accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY],
    });
    new IndexedIngestJob(chart, 'ingest', {
      image: IMAGE,
      totalItems: 100,
      itemsPerTask: 10,
      checkpoints: Volume.fromPersistentVolumeClaim(rwo),
    });
    new IndexedIngestJob(chart, 'fine', {
      image: IMAGE,
      totalItems: 100,
      itemsPerTask: 10,
      checkpoints: Volume.fromPersistentVolumeClaim(rwx),
    });
    new IndexedIngestJob(chart, 'alone', {
      image: IMAGE,
      totalItems: 100,
      itemsPerTask: 10,
      parallelism: 1,
      checkpoints: Volume.fromPersistentVolumeClaim(rwo),
    });
    const found = problemsOf(chart);
    expect(found.map((p) => `${p.severity} ${p.rule} ${p.value}`)).toEqual([
      'warning shared-claim-access-mode ckpt',
    ]);
    expect(found[0].message).toContain(
      'is created by agents/ckpt as ReadWriteOnce, and 10 pods mount it at once',
    );
  });

  test('nextRuns is exported from the package root', () => {
    expect(
      nextRuns('0 3 * * *', { from: new Date('2027-01-01T00:00:00Z'), count: 1 }).map((d) =>
        d.toISOString(),
      ),
    ).toEqual(['2027-01-01T03:00:00.000Z']);
  });
});
