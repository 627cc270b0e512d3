/**
 * Props from plain JavaScript: every construct gets random, wrongly typed prop sets (5,000 in
 * all) and must answer each with a report naming a prop, never with another exception (a
 * TypeError, a cdk8s serialisation error), and every object it synthesizes must still be
 * schema-valid: nothing silently wrong.
 */
import fc from 'fast-check';
import { App, Chart, Duration, Testing } from 'cdk8s';
import {
  BackupCronJob,
  BackupJob,
  BatchJob,
  DistributedTrainingJob,
  EmbeddingRefreshCronJob,
  IndexedIngestJob,
  IndexedJob,
  LogCleanupCronJob,
  ModelMigrationJob,
  Problem,
  ReportCronJob,
  ScheduledJob,
  Secrets,
  Volume,
  WorkQueueJob,
  Workload,
} from '../../src';
import { expectSchemaValid } from '../support/schema';

type Kind = keyof typeof TYPES;

/** The runtime type of each prop, as the test sees it (independent of the library's checks). */
const TYPES = {
  string: [
    'image',
    'containerName',
    'workingDir',
    'priorityClassName',
    'subdomain',
    'hostname',
    'runtimeClassName',
    'schedulerName',
    'managedBy',
    'queueName',
  ],
  stringList: ['command', 'args', 'schedulingGates'],
  stringRecord: ['nodeSelector'],
  int: ['parallelism', 'completions', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes'],
  bool: [
    'suspend',
    'automountServiceAccountToken',
    'enableServiceLinks',
    'shareProcessNamespace',
    'setHostnameAsFQDN',
    'hostUsers',
    'cacheDirs',
    'recommendedLabels',
  ],
  duration: ['activeDeadline', 'ttlAfterFinished', 'terminationGracePeriod'],
  enum: ['restartPolicy', 'imagePullPolicy', 'podReplacementPolicy', 'dnsPolicy', 'os'],
  named: ['serviceAccountName'],
  object: [
    'metadata',
    'podMetadata',
    'resources',
    'securityContext',
    'podSecurityContext',
    'affinity',
    'podFailurePolicy',
    'successPolicy',
    'dnsConfig',
  ],
  list: [
    'tolerations',
    'containers',
    'initContainers',
    'volumes',
    'envFrom',
    'imagePullSecrets',
    'topologySpreadConstraints',
    'hostAliases',
    'resourceClaims',
    'allow',
  ],
  env: ['env'],
  gpu: ['gpu'],
  envValue: [] as string[],
  volume: [] as string[],
} satisfies Record<string, string[]>;

/** Props beyond the shared ones, per construct, with their type. */
const EXTRA: Record<string, Partial<Record<Kind, string[]>>> = {
  BatchJob: { enum: ['completionMode'] },
  IndexedJob: { int: ['totalItems'] },
  ScheduledJob: {
    string: ['schedule', 'timeZone'],
    int: ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'totalItems'],
    bool: ['jobSuspend'],
    duration: ['startingDeadline'],
    enum: ['concurrencyPolicy', 'completionMode'],
    object: ['jobMetadata'],
  },
  EmbeddingRefreshCronJob: {
    string: ['schedule', 'vectorDbUrl', 'vectorDbUrlEnv', 'embeddingApiKeyEnv'],
    duration: ['startingDeadline'],
    envValue: ['embeddingApiKey'],
  },
  IndexedIngestJob: { int: ['totalItems', 'itemsPerTask'], volume: ['checkpoints'] },
  ModelMigrationJob: { string: ['sourceModel', 'targetModel'], envValue: ['databaseUrl'] },
  LogCleanupCronJob: {
    string: ['path', 'schedule'],
    duration: ['retention', 'startingDeadline'],
    named: ['logsClaim'],
  },
  ReportCronJob: { string: ['schedule', 'timeZone'], named: ['secrets', 'config'] },
  WorkQueueJob: { envValue: ['queueUrl'], string: ['queueUrlEnv'] },
  BackupJob: { string: ['destination', 'sourcePath'], named: ['sourceClaim', 'credentials'] },
  BackupCronJob: {
    string: ['destination', 'sourcePath', 'schedule'],
    named: ['sourceClaim', 'credentials'],
  },
  DistributedTrainingJob: {
    int: ['nodes', 'gpusPerNode', 'procsPerNode', 'masterPort'],
    string: ['shmSize'],
  },
};

/** Shared props a construct does not take (its props interface omits them). */
const NOT_TAKEN: Record<string, string[]> = {
  IndexedJob: ['completions'],
  WorkQueueJob: ['completions', 'parallelism'],
  DistributedTrainingJob: ['completions', 'parallelism', 'subdomain', 'successPolicy', 'gpu'],
  ScheduledJob: ['suspend'],
  EmbeddingRefreshCronJob: ['suspend'],
  LogCleanupCronJob: ['suspend'],
  ReportCronJob: ['suspend'],
  BackupCronJob: ['suspend'],
};

const IMAGE = 'ghcr.io/acme/worker:1.0.0';
const BACKUP = {
  image: 'amazon/aws-cli:2.17.0',
  sourceClaim: 'agent-data',
  destination: 's3://bucket/backups/',
  credentials: 'aws-credentials',
};

/** Each construct with valid props, its required props, and how to build it. */
const CONSTRUCTS: Array<{
  name: string;
  base: Record<string, unknown>;
  required: string[];
  build: (chart: Chart, props: any) => unknown;
}> = [
  {
    name: 'BatchJob',
    base: { image: IMAGE },
    required: [],
    build: (c, p) => new BatchJob(c, 'w', p),
  },
  {
    name: 'IndexedJob',
    base: { image: IMAGE, completions: 4, totalItems: 40 },
    required: ['completions'],
    build: (c, p) => new IndexedJob(c, 'w', p),
  },
  {
    name: 'ScheduledJob',
    base: { image: IMAGE, schedule: '0 2 * * *' },
    required: ['schedule'],
    build: (c, p) => new ScheduledJob(c, 'w', p),
  },
  {
    name: 'EmbeddingRefreshCronJob',
    base: { image: IMAGE, vectorDbUrl: 'http://qdrant:6333' },
    required: ['vectorDbUrl'],
    build: (c, p) => new EmbeddingRefreshCronJob(c, 'w', p),
  },
  {
    name: 'IndexedIngestJob',
    base: { image: IMAGE, totalItems: 100, itemsPerTask: 10 },
    required: ['totalItems'],
    build: (c, p) => new IndexedIngestJob(c, 'w', p),
  },
  {
    name: 'ModelMigrationJob',
    base: {
      image: IMAGE,
      sourceModel: 'gpt-3.5-turbo',
      targetModel: 'gpt-4o-mini',
      databaseUrl: Secrets.key('db-credentials', 'url'),
    },
    required: ['sourceModel', 'targetModel', 'databaseUrl'],
    build: (c, p) => new ModelMigrationJob(c, 'w', p),
  },
  {
    name: 'LogCleanupCronJob',
    base: { logsClaim: 'agent-logs' },
    required: ['logsClaim'],
    build: (c, p) => new LogCleanupCronJob(c, 'w', p),
  },
  {
    name: 'ReportCronJob',
    base: { image: IMAGE, schedule: '0 8 * * 1', timeZone: 'Europe/Berlin' },
    required: ['schedule', 'timeZone'],
    build: (c, p) => new ReportCronJob(c, 'w', p),
  },
  {
    name: 'WorkQueueJob',
    base: { image: IMAGE, parallelism: 3, queueUrl: 'redis://redis:6379/0' },
    required: ['parallelism', 'queueUrl'],
    build: (c, p) => new WorkQueueJob(c, 'w', p),
  },
  {
    name: 'BackupJob',
    base: BACKUP,
    required: ['sourceClaim', 'destination', 'credentials'],
    build: (c, p) => new BackupJob(c, 'w', p),
  },
  {
    name: 'BackupCronJob',
    base: BACKUP,
    required: ['sourceClaim', 'destination', 'credentials'],
    build: (c, p) => new BackupCronJob(c, 'w', p),
  },
  {
    name: 'DistributedTrainingJob',
    base: { image: IMAGE, nodes: 2 },
    required: ['nodes'],
    build: (c, p) => new DistributedTrainingJob(c, 'w', p),
  },
];

/** Values that are never right for a prop of the kind (by construction, not by the library). */
const junk = [null, NaN, Infinity, 5n, Symbol('s'), () => 1, new Date(0), new Map()];
const notString = fc.constantFrom<unknown>(...junk, 5, true, [], {}, ['a'], Duration.seconds(1));
const WRONG: Record<Kind, fc.Arbitrary<unknown>> = {
  string: notString,
  stringList: fc.constantFrom<unknown>(
    ...junk,
    'python main.py',
    'x',
    5,
    {},
    [null],
    ['ok', 5],
    [['nested']],
    [undefined],
  ),
  stringRecord: fc.constantFrom<unknown>(
    ...junk,
    'gpu',
    5,
    ['a'],
    { a: 5 },
    { a: null },
    { a: true },
    { a: 1n },
  ),
  int: fc.constantFrom<unknown>(...junk, 2.5, '3', 2 ** 31, -(2 ** 31) - 1, true, {}, [1]),
  bool: fc.constantFrom<unknown>(...junk, 'yes', 'true', 1, 0, {}, []),
  duration: fc.constantFrom<unknown>(
    ...junk,
    3600,
    '1h',
    {},
    Duration.seconds(1.0005),
    Duration.millis(1500),
  ),
  enum: fc.constantFrom<unknown>(...junk, 'Sometimes', '', 5, {}, ['Never']),
  named: fc.constantFrom<unknown>(...junk, 5, {}, { name: 5 }, 'AI Secrets', 'Bad_Name', ''),
  object: fc.constantFrom<unknown>(
    ...junk,
    'x',
    5,
    ['a'],
    { bogusField: 1 },
    { labels: 'x' },
    { rules: 'x' },
    { requests: 'x' },
    { runAsUser: 'root' },
    { nodeAffinity: 'x' },
    { nameservers: 'x' },
  ),
  list: fc.constantFrom<unknown>(...junk, 'x', 5, {}, [null], [5], [true], [{ bogus: 1 }]),
  env: fc.constantFrom<unknown>(
    ...junk,
    'DEBUG=1',
    ['A=1'],
    5,
    { A: 5 },
    { A: null },
    { A: {} },
    { A: Secrets.key('Bad Name', 'k') },
    { A: Secrets.key('ok', 'bad key') },
  ),
  gpu: fc.constantFrom<unknown>(...junk, '1', 0, 1.5, -1, {}, { count: 'x' }, { count: 0 }),
  envValue: fc.constantFrom<unknown>(...junk, 5, {}, Secrets.key('Bad Name', 'k'), ['x']),
  volume: fc.constantFrom<unknown>(
    ...junk,
    'x',
    {},
    Volume.fromPersistentVolumeClaim('Bad Name'),
    Volume.fromEmptyDir(5 as never),
  ),
};

function propsOf(name: string): Array<[string, Kind]> {
  const out: Array<[string, Kind]> = [];
  const skip = NOT_TAKEN[name] ?? [];
  for (const [kind, props] of Object.entries(TYPES) as Array<[Kind, string[]]>) {
    for (const p of props) if (!skip.includes(p)) out.push([p, kind]);
  }
  for (const [kind, props] of Object.entries(EXTRA[name] ?? {}) as Array<[Kind, string[]]>) {
    for (const p of props) out.push([p, kind]);
  }
  return out;
}

/** Whether a problem's field names the prop: the prop itself, or a field inside it. */
function names(field: string, prop: string): boolean {
  return field === prop || field.startsWith(`${prop}.`) || field.startsWith(`${prop}[`);
}

/** 5,000 in all, spread over the constructs. */
const RUNS_PER_CONSTRUCT = Math.ceil(5000 / CONSTRUCTS.length);

describe('wrongly typed props from plain JavaScript: a report naming a prop, never a crash', () => {
  test.each(CONSTRUCTS.map((c) => [c.name, c] as const))('%s', (_, construct) => {
    const props = propsOf(construct.name);
    const mistake = fc.oneof(
      {
        weight: 9,
        arbitrary: fc
          .constantFrom(...props)
          .chain(([prop, kind]) => WRONG[kind].map((value) => ({ prop, value, missing: false }))),
      },
      {
        weight: construct.required.length > 0 ? 1 : 0,
        arbitrary: fc
          .constantFrom(...(construct.required.length > 0 ? construct.required : ['image']))
          .map((prop) => ({ prop, value: undefined as unknown, missing: true })),
      },
    );
    const mistakes = fc.uniqueArray(mistake, {
      minLength: 1,
      maxLength: 3,
      selector: (m) => m.prop,
    });
    let singles = 0;
    fc.assert(
      fc.property(mistakes, (wrong) => {
        const raw: Record<string, unknown> = { ...construct.base };
        for (const m of wrong) {
          if (m.missing) delete raw[m.prop];
          else raw[m.prop] = m.value;
          // containers replace the image: both would be a second mistake.
          if (m.prop === 'containers') delete raw.image;
        }
        const app = Testing.app();
        const chart = new Chart(app, 'agents', { namespace: 'ai-agents' });
        construct.build(chart, raw); // never throws
        const workload = chart.node.findAll().find(Workload.isWorkload)!;
        const errors = workload.problems().filter((p: Problem) => p.severity === 'error');
        const named = errors.filter((p) => wrong.some((m) => names(p.field, m.prop)));
        if (named.length === 0) {
          throw new Error(
            `no problem names ${wrong.map((m) => m.prop).join(', ')}: ${JSON.stringify(errors.map((e) => e.field))}`,
          );
        }
        if (wrong.length === 1) {
          singles++;
          // One mistake, one line.
          if (errors.length !== 1) {
            throw new Error(
              `one mistake in ${wrong[0].prop}, ${errors.length} lines: ${errors.map((e) => e.field).join(', ')}`,
            );
          }
        }
        // synth fails with the report, and with nothing else.
        expect(() => (app as App).synthYaml()).toThrow(
          /^Validation failed with the following errors:/,
        );
        // What the construct renders is schema-valid even so: nothing silently wrong (but for
        // a CronJob whose schedule is missing or wrong: the schema requires one, and there
        // is no right value to make up).
        if (wrong.some((m) => m.prop === 'schedule')) return;
        for (const o of chart.node.findAll()) {
          if (!Workload.isWorkload(o)) continue;
          expectSchemaValid(o.apiObject.toJson());
        }
      }),
      { numRuns: RUNS_PER_CONSTRUCT },
    );
    expect(singles).toBeGreaterThan(0);
  });
});
