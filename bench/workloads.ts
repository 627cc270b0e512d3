/**
 * The benchmark's workloads, each built by every variant: cdk8s-batch, cdk8s-plus-27, raw
 * ApiObject with hand-built specs, and the serialisation floor (the objects cdk8s-batch
 * writes, built beforehand, through cdk8s' YAML serialiser alone: the same bytes).
 */
import { ApiObject, App, Chart, Cron, Duration, JsonPatch, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type * as batchLib from '../src';

export type Variant = 'cdk8s-batch' | 'cdk8s-plus-27' | 'raw' | 'floor';
export type Workload = 'scheduled' | 'indexed' | 'seeds';

// The library as users run it: the compiled lib/ (npm run bench builds it first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const batch: typeof batchLib = require('../lib');

let COUNT = 1000;
const IMAGE = 'ghcr.io/acme/worker:1.0.0';
const schedule = (i: number) => `${i % 60} ${i % 24} * * *`;

/** The cache variables the library sets in every container by default (cacheDirs). */
const cacheEnv = [
  { name: 'HOME', value: '/tmp' },
  { name: 'XDG_CACHE_HOME', value: '/tmp/.cache' },
  { name: 'PIP_CACHE_DIR', value: '/tmp/.cache/pip' },
  { name: 'HF_HOME', value: '/tmp/.cache/huggingface' },
  { name: 'TORCH_HOME', value: '/tmp/.cache/torch' },
];

/** The recommended labels the library sets by default (recommendedLabels). */
const labels = (component: string, name: string) => ({
  labels: {
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'cdk8s-batch',
    'app.kubernetes.io/name': name,
  },
});

/** A pod spec as the library renders it by default, built by hand. */
function securePod(env: object[] = []) {
  return {
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      fsGroup: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'main',
        image: IMAGE,
        env: [...cacheEnv, ...env],
        securityContext: {
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

const indexEnv = [
  {
    name: 'JOB_COMPLETION_INDEX',
    valueFrom: {
      fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
    },
  },
  { name: 'JOB_COMPLETIONS', value: '100' },
];

function rawObjects(workload: Workload): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const n = workload === 'seeds' ? 0 : COUNT;
  for (let i = 0; i < n; i++) {
    if (workload === 'scheduled') {
      const meta = labels('scheduled-job', `job-${i}`);
      out.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { ...meta, name: `job-${i}`, namespace: 'bench' },
        spec: {
          concurrencyPolicy: 'Forbid',
          jobTemplate: {
            metadata: meta,
            spec: { template: { metadata: meta, spec: securePod() } },
          },
          schedule: schedule(i),
          timeZone: 'Europe/Berlin',
        },
      });
    } else {
      const meta = labels('indexed-job', `job-${i}`);
      out.push({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { ...meta, name: `job-${i}`, namespace: 'bench' },
        spec: {
          completionMode: 'Indexed',
          completions: 100,
          parallelism: 10,
          template: { metadata: meta, spec: securePod(indexEnv) },
        },
      });
    }
  }
  return out;
}

function buildBatch(chart: Chart, workload: Workload): void {
  if (workload === 'scheduled') {
    for (let i = 0; i < COUNT; i++) {
      new batch.ScheduledJob(chart, `job-${i}`, {
        metadata: { name: `job-${i}` },
        image: IMAGE,
        schedule: schedule(i),
        timeZone: 'Europe/Berlin',
        concurrencyPolicy: 'Forbid',
      });
    }
  } else if (workload === 'indexed') {
    for (let i = 0; i < COUNT; i++) {
      new batch.IndexedJob(chart, `job-${i}`, {
        metadata: { name: `job-${i}` },
        image: IMAGE,
        completions: 100,
        parallelism: 10,
      });
    }
  } else {
    for (let r = 0; r < COUNT / 10; r++) seedsWithBatch(new Construct(chart, `copy-${r}`), r);
  }
}

/** The example app's workloads (templates/agents-app) under unique names. */
function seedsWithBatch(scope: Construct, r: number): void {
  const n = (s: string) => ({ name: `${s}-${r}` });
  new batch.BatchJob(scope, 'embedding-refresh', {
    metadata: n('embedding-refresh'),
    image: 'python:3.11-slim',
    command: ['python', '-c', 'print(1)'],
    backoffLimit: 4,
  });
  new batch.BatchJob(scope, 'batch-processor', {
    metadata: n('batch-processor'),
    image: 'busybox:1.36',
    command: ['sh', '-c', 'echo hi'],
    completions: 5,
    parallelism: 2,
  });
  new batch.LogCleanupCronJob(scope, 'log-cleanup', {
    metadata: n('log-cleanup'),
    logsClaim: 'agent-logs',
  });
  new batch.EmbeddingRefreshCronJob(scope, 'embedding-sync', {
    metadata: n('embedding-sync'),
    schedule: '0 3 * * *',
    timeZone: 'Europe/Berlin',
    image: IMAGE,
    vectorDbUrl: 'http://qdrant:6333',
    embeddingApiKey: batch.Secrets.key('openai-credentials', 'api-key'),
  });
  new batch.ModelMigrationJob(scope, 'model-migration', {
    metadata: n('model-migration-v2'),
    image: IMAGE,
    sourceModel: 'gpt-3.5-turbo',
    targetModel: 'gpt-4o-mini',
    databaseUrl: batch.Secrets.key('db-credentials', 'connection-string'),
  });
  new batch.IndexedIngestJob(scope, 'document-ingest', {
    metadata: n('document-ingest'),
    image: IMAGE,
    totalItems: 1000,
    itemsPerTask: 10,
    parallelism: 10,
  });
  new batch.BatchJob(scope, 'document-processor', {
    metadata: n('document-processor'),
    image: IMAGE,
    backoffLimit: 3,
    activeDeadline: Duration.hours(1),
    volumes: [
      { path: '/data', volume: batch.Volume.fromPersistentVolumeClaim('document-storage') },
    ],
  });
  new batch.IndexedIngestJob(scope, 'batch-summarizer', {
    metadata: n('batch-summarizer'),
    image: IMAGE,
    totalItems: 5000,
    itemsPerTask: 50,
    parallelism: 10,
  });
  new batch.ReportCronJob(scope, 'weekly-report', {
    metadata: n('weekly-report-agent'),
    schedule: '0 8 * * 1',
    timeZone: 'Europe/Berlin',
    image: IMAGE,
    secrets: 'ai-secrets',
    config: 'report-config',
  });
}

function buildPlus(chart: Chart, workload: Workload): void {
  if (workload === 'seeds') throw new Error('cdk8s-plus-27 runs workloads 1 and 2 only');
  for (let i = 0; i < COUNT; i++) {
    if (workload === 'scheduled') {
      new kplus.CronJob(chart, `job-${i}`, {
        metadata: { name: `job-${i}` },
        schedule: Cron.schedule({ minute: String(i % 60), hour: String(i % 24) }),
        timeZone: 'Europe/Berlin',
        containers: [{ image: IMAGE }],
        concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      });
    } else {
      const j = new kplus.Job(chart, `job-${i}`, {
        metadata: { name: `job-${i}` },
        containers: [{ image: IMAGE }],
      });
      // cdk8s-plus-27's Job cannot express Indexed mode, completions or parallelism.
      for (const [path, value] of [
        ['/spec/completionMode', 'Indexed'],
        ['/spec/completions', 100],
        ['/spec/parallelism', 10],
      ] as const) {
        ApiObject.of(j).addJsonPatch(JsonPatch.add(path, value));
      }
    }
  }
}

/** The objects the floor serialises, by workload and count: built by prepare(), untimed. */
const floorCache = new Map<string, Record<string, unknown>[]>();

/**
 * The floor's objects: those cdk8s-batch writes (synthesized once, here), as plain fresh
 * objects with the same keys in the same order (the manifests cdk8s-batch renders are frozen;
 * raw cdk8s' are not), so the floor writes the same bytes as cdk8s-batch and raw.
 */
function floorObjects(workload: Workload, count: number): Record<string, unknown>[] {
  const key = `${workload}|${count}`;
  let objects = floorCache.get(key);
  if (!objects) {
    COUNT = count;
    const app = new App();
    const chart = new Chart(app, 'bench', { namespace: 'bench' });
    buildBatch(chart, workload);
    objects = JSON.parse(JSON.stringify(chart.toJson())) as Record<string, unknown>[];
    floorCache.set(key, objects);
  }
  return objects;
}

/** Untimed work before a measurement: the floor, and raw for the seeds, build their objects. */
export function prepare(workload: Workload, variant: Variant, count = 1000): void {
  if (variant === 'floor') floorObjects(workload, count);
  if (variant === 'raw' && workload === 'seeds') {
    COUNT = count;
    seedsObjects();
  }
}

/** Builds and synthesizes one workload with one variant of `count` objects; returns the YAML. */
export function synthesize(
  workload: Workload,
  variant: Variant,
  outdir: string,
  count = 1000,
): string {
  COUNT = count;
  if (variant === 'floor') return Yaml.stringify(...floorObjects(workload, count));
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  if (variant === 'cdk8s-batch') buildBatch(chart, workload);
  else if (variant === 'cdk8s-plus-27') buildPlus(chart, workload);
  else
    for (const o of workload === 'seeds' ? seedsObjects() : rawObjects(workload))
      new ApiObject(chart, String((o.metadata as { name: string }).name), o as never);
  return app.synthYaml();
}

/** The seeds workload's final objects, for raw: those cdk8s-batch writes, built by prepare(). */
function seedsObjects(): Record<string, unknown>[] {
  return floorObjects('seeds', COUNT);
}

export const WORKLOAD_VARIANTS: Record<Workload, Variant[]> = {
  scheduled: ['cdk8s-batch', 'cdk8s-plus-27', 'raw', 'floor'],
  indexed: ['cdk8s-batch', 'cdk8s-plus-27', 'raw', 'floor'],
  seeds: ['cdk8s-batch', 'raw', 'floor'],
};
export { kplus };
