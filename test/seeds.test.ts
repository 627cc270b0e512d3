/**
 * Each manifest of the seed documents (shared/seeds), reproduced with the general constructs.
 * Where a seed is wrong for a real cluster, the test says so and asserts the fixed form.
 */
import { Duration } from 'cdk8s';
import { BatchJob, ConfigMaps, IndexedJob, ScheduledJob, Secrets, Volume } from '../src';
import { newChart, ownEnv, problemsOf, synthValid } from './support/harness';

function only(build: (chart: ReturnType<typeof newChart>) => void): Record<string, any> {
  const chart = newChart();
  build(chart);
  const objects = synthValid(chart);
  expect(problemsOf(chart)).toEqual([]);
  expect(objects).toHaveLength(1);
  return objects[0];
}

const podOf = (job: Record<string, any>) =>
  (job.kind === 'CronJob' ? job.spec.jobTemplate.spec : job.spec).template.spec;

describe('the seed manifests', () => {
  test('embedding-refresh Job (python:3.11-slim, backoffLimit 4)', () => {
    const job = only(
      (chart) =>
        new BatchJob(chart, 'x', {
          metadata: { name: 'embedding-refresh' },
          image: 'python:3.11-slim',
          containerName: 'refresh',
          command: ['python', '-c'],
          args: ['print("Embedding refresh complete!")'],
          backoffLimit: 4,
        }),
    );
    expect(job.metadata.name).toBe('embedding-refresh');
    expect(job.spec.backoffLimit).toBe(4);
    const pod = podOf(job);
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0]).toMatchObject({
      name: 'refresh',
      image: 'python:3.11-slim',
      command: ['python', '-c'],
    });
    // python:3.11-slim runs as root: the pod must name a non-root uid or the kubelet refuses it.
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
  });

  test('batch-processor Job (completions 5, parallelism 2, busybox)', () => {
    const job = only(
      (chart) =>
        new BatchJob(chart, 'x', {
          metadata: { name: 'batch-processor' },
          image: 'busybox:1.36',
          containerName: 'processor',
          command: ['sh', '-c'],
          args: ['echo "Processing task on $(hostname)..."; sleep 5'],
          completions: 5,
          parallelism: 2,
        }),
    );
    expect(job.spec).toMatchObject({ completions: 5, parallelism: 2 });
    expect(podOf(job).containers[0].image).toBe('busybox:1.36');
  });

  test('log-cleanup CronJob (every minute, OnFailure, history 3/1)', () => {
    const cron = only(
      (chart) =>
        new ScheduledJob(chart, 'x', {
          metadata: { name: 'log-cleanup' },
          schedule: '* * * * *',
          image: 'busybox:1.36',
          containerName: 'cleanup',
          command: ['sh', '-c'],
          args: ['echo "Running log cleanup at $(date)"'],
          restartPolicy: 'OnFailure',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
        }),
    );
    expect(cron.spec).toMatchObject({
      schedule: '* * * * *',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    expect(podOf(cron).restartPolicy).toBe('OnFailure');
  });

  test('embedding-refresh-nightly CronJob (0 2 * * *, Forbid, VECTOR_DB_URL)', () => {
    const cron = only(
      (chart) =>
        new ScheduledJob(chart, 'x', {
          metadata: { name: 'embedding-refresh-nightly' },
          schedule: '0 2 * * *',
          concurrencyPolicy: 'Forbid',
          image: 'your-registry/embedding-refresher:v1',
          containerName: 'refresh',
          env: { VECTOR_DB_URL: 'http://qdrant:6333' },
          restartPolicy: 'OnFailure',
        }),
    );
    expect(cron.spec).toMatchObject({ schedule: '0 2 * * *', concurrencyPolicy: 'Forbid' });
    expect(ownEnv(podOf(cron).containers[0].env)).toEqual([
      { name: 'VECTOR_DB_URL', value: 'http://qdrant:6333' },
    ]);
  });

  test('embedding-sync CronJob (0 3 * * *, secret key, resources)', () => {
    const cron = only(
      (chart) =>
        new ScheduledJob(chart, 'x', {
          metadata: { name: 'embedding-sync' },
          schedule: '0 3 * * *',
          concurrencyPolicy: 'Forbid',
          image: 'your-registry/embedding-sync:v1',
          containerName: 'sync',
          env: {
            OPENAI_API_KEY: Secrets.key('openai-credentials', 'api-key'),
            QDRANT_URL: 'http://qdrant:6333',
          },
          resources: {
            requests: { memory: '512Mi', cpu: '500m' },
            limits: { memory: '1Gi', cpu: '1' },
          },
          restartPolicy: 'OnFailure',
        }),
    );
    const container = podOf(cron).containers[0];
    expect(ownEnv(container.env)[0]).toEqual({
      name: 'OPENAI_API_KEY',
      valueFrom: { secretKeyRef: { name: 'openai-credentials', key: 'api-key' } },
    });
    expect(container.resources).toEqual({
      requests: { memory: '512Mi', cpu: '500m' },
      limits: { memory: '1Gi', cpu: '1' },
    });
  });

  test('model-migration-v2 Job (models, DB_URL from a secret, ttl one hour)', () => {
    const job = only(
      (chart) =>
        new BatchJob(chart, 'x', {
          metadata: { name: 'model-migration-v2' },
          image: 'your-registry/model-migrator:v2',
          containerName: 'migrate',
          env: {
            SOURCE_MODEL: 'gpt-3.5-turbo',
            TARGET_MODEL: 'gpt-4o-mini',
            DB_URL: Secrets.key('db-credentials', 'connection-string'),
          },
          backoffLimit: 2,
          ttlAfterFinished: Duration.hours(1),
        }),
    );
    expect(job.spec).toMatchObject({ backoffLimit: 2, ttlSecondsAfterFinished: 3600 });
    expect(ownEnv(podOf(job).containers[0].env)[2].valueFrom.secretKeyRef).toEqual({
      name: 'db-credentials',
      key: 'connection-string',
    });
  });

  test('document-ingest Job (100 indexed batches, 10 at a time)', () => {
    // The seed reads the completion-index annotation without completionMode: Indexed; Kubernetes
    // sets that annotation only for Indexed Jobs, so IndexedJob is the working form.
    const job = only(
      (chart) =>
        new IndexedJob(chart, 'x', {
          metadata: { name: 'document-ingest' },
          image: 'your-registry/doc-processor:v1',
          containerName: 'ingest',
          completions: 100,
          parallelism: 10,
        }),
    );
    expect(job.spec).toMatchObject({
      completions: 100,
      parallelism: 10,
      completionMode: 'Indexed',
    });
    expect(ownEnv(podOf(job).containers[0].env)[0].valueFrom.fieldRef.fieldPath).toBe(
      "metadata.annotations['batch.kubernetes.io/job-completion-index']",
    );
  });

  test('document-processor Job (namespace, deadline, resources, PVC)', () => {
    const job = only(
      (chart) =>
        new BatchJob(chart, 'x', {
          metadata: { name: 'document-processor' },
          image: 'myregistry/doc-processor:1.0.0',
          containerName: 'processor',
          env: {
            BATCH_ID: '2026-03-17-intake',
            OPENAI_API_KEY: Secrets.key('ai-secrets', 'openai-api-key'),
          },
          resources: {
            requests: { memory: '1Gi', cpu: '500m' },
            limits: { memory: '4Gi', cpu: '2000m' },
          },
          volumes: [
            {
              path: '/data',
              volume: Volume.fromPersistentVolumeClaim('document-storage', { name: 'data' }),
            },
          ],
          backoffLimit: 3,
          activeDeadline: Duration.hours(1),
        }),
    );
    expect(job.metadata.namespace).toBe('ai-agents');
    expect(job.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 3600 });
    const pod = podOf(job);
    // The seed declares the volume but never mounts it; the construct mounts what it declares.
    expect(pod.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'document-storage' },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
  });

  test('batch-summarizer Job (Indexed, 100 completions, backoffLimit 10)', () => {
    const job = only(
      (chart) =>
        new IndexedJob(chart, 'x', {
          metadata: { name: 'batch-summarizer' },
          image: 'myregistry/summarizer:1.0.0',
          containerName: 'summarizer',
          completions: 100,
          parallelism: 10,
          backoffLimit: 10,
        }),
    );
    expect(job.spec).toMatchObject({
      completions: 100,
      parallelism: 10,
      completionMode: 'Indexed',
      backoffLimit: 10,
    });
  });

  test('weekly-report-agent CronJob (Monday 8:00, Forbid, 3/5, deadline 600 s, envFrom)', () => {
    const cron = only(
      (chart) =>
        new ScheduledJob(chart, 'x', {
          metadata: { name: 'weekly-report-agent' },
          schedule: '0 8 * * 1',
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 5,
          startingDeadline: Duration.seconds(600),
          image: 'myregistry/report-agent:1.0.0',
          containerName: 'report-agent',
          envFrom: [Secrets.all('ai-secrets'), ConfigMaps.all('report-config')],
          backoffLimit: 2,
        }),
    );
    expect(cron.spec).toMatchObject({
      schedule: '0 8 * * 1',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      startingDeadlineSeconds: 600,
    });
    expect(cron.spec.jobTemplate.spec.backoffLimit).toBe(2);
    expect(podOf(cron).containers[0].envFrom).toEqual([
      { secretRef: { name: 'ai-secrets' } },
      { configMapRef: { name: 'report-config' } },
    ]);
  });
});
