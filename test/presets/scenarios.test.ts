import { readFileSync } from 'fs';
import { join } from 'path';
import { newChart, ownEnv, problemsOf, synthValid } from '../support/harness';
import { SCENARIOS } from './scenarios';

const podOf = (o: Record<string, any>) =>
  (o.kind === 'CronJob' ? o.spec.jobTemplate.spec : o.spec).template.spec;
const envOf = (o: Record<string, any>) =>
  Object.fromEntries(
    ownEnv(podOf(o).containers[0].env).map((e: any) => [e.name, e.value ?? e.valueFrom]),
  );

function synth(name: string): Record<string, any> {
  const chart = newChart();
  SCENARIOS[name](chart);
  const objects = synthValid(chart);
  expect(problemsOf(chart)).toEqual([]);
  expect(objects).toHaveLength(1);
  return objects[0];
}

describe('the seeds scenarios with the presets', () => {
  test('each scenario is at most 15 lines of user code', () => {
    const text = readFileSync(join(__dirname, 'scenarios.ts'), 'utf8');
    const blocks = [...text.matchAll(/\/\/ scenario: (\S+)\n([\s\S]*?)\n\s*\/\/ end/g)];
    expect(blocks.map((b) => b[1]).sort()).toEqual(Object.keys(SCENARIOS).sort());
    for (const [, name, body] of blocks) {
      expect({ name, lines: body.split('\n').length <= 15 }).toEqual({ name, lines: true });
    }
  });

  test.each(Object.keys(SCENARIOS))('%s is schema-valid and rule-clean', (name) => {
    expect(synth(name)).toMatchSnapshot();
  });

  test('embedding-refresh-nightly: 0 2 * * *, Forbid, VECTOR_DB_URL, deadlines that fit', () => {
    const cron = synth('embedding-refresh-nightly');
    expect(cron.spec).toMatchObject({
      schedule: '0 2 * * *',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      startingDeadlineSeconds: 600,
    });
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(6 * 3600);
    expect(envOf(cron)).toEqual({ VECTOR_DB_URL: 'http://qdrant:6333' });
  });

  test("embedding-sync: the seed's names, zone, secret and resources", () => {
    const cron = synth('embedding-sync');
    expect(cron.spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' });
    expect(envOf(cron)).toEqual({
      QDRANT_URL: 'http://qdrant:6333',
      OPENAI_API_KEY: { secretKeyRef: { name: 'openai-credentials', key: 'api-key' } },
    });
    expect(podOf(cron).containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
  });

  test('document-ingest: 100 indexes of 10 documents, 10 at a time, the runtime contract', () => {
    const job = synth('document-ingest');
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 100,
      parallelism: 10,
      backoffLimitPerIndex: 3,
    });
    expect(envOf(job)).toMatchObject({ JOB_COMPLETIONS: '100', BATCH_TOTAL_ITEMS: '1000' });
    expect(job.spec.podFailurePolicy.rules[0]).toEqual({
      action: 'Ignore',
      onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }],
    });
  });

  test("batch-summarizer: the worker's 100 partitions of 50 come from the construct", () => {
    const job = synth('batch-summarizer');
    expect(job.spec.completions).toBe(100);
    expect(envOf(job)).toMatchObject({ JOB_COMPLETIONS: '100', BATCH_TOTAL_ITEMS: '5000' });
  });

  test('model-migration-v2: models, DB_URL from a secret, Never, backoff 2, ttl one hour', () => {
    const job = synth('model-migration-v2');
    expect(job.spec).toMatchObject({ backoffLimit: 2, ttlSecondsAfterFinished: 3600 });
    expect(podOf(job).restartPolicy).toBe('Never');
    expect(envOf(job)).toEqual({
      SOURCE_MODEL: 'gpt-3.5-turbo',
      TARGET_MODEL: 'gpt-4o-mini',
      DB_URL: { secretKeyRef: { name: 'db-credentials', key: 'connection-string' } },
    });
  });

  test('log-cleanup: find on the mounted claim, OnFailure, history 3/1', () => {
    const cron = synth('log-cleanup');
    expect(cron.spec).toMatchObject({ successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const pod = podOf(cron);
    expect(pod.restartPolicy).toBe('OnFailure');
    expect(pod.containers[0].command).toEqual([
      'find',
      '/logs',
      '-type',
      'f',
      '-mtime',
      '+6',
      '-print',
      '-delete',
    ]);
    expect(pod.volumes).toContainEqual({
      name: 'logs',
      persistentVolumeClaim: { claimName: 'agent-logs' },
    });
  });

  test('weekly-report-agent: Monday 8:00 Berlin, Forbid, deadline 600 s, history 3/5, envFrom', () => {
    const cron = synth('weekly-report-agent');
    expect(cron.spec).toMatchObject({
      schedule: '0 8 * * 1',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
    });
    expect(podOf(cron).containers[0].envFrom).toEqual([
      { secretRef: { name: 'ai-secrets' } },
      { configMapRef: { name: 'report-config' } },
    ]);
  });

  test('work-queue: parallelism 10, completions unset, the queue URL injected', () => {
    const job = synth('work-queue');
    expect(job.spec.parallelism).toBe(10);
    expect(job.spec).not.toHaveProperty('completions');
    expect(envOf(job)).toEqual({ QUEUE_URL: 'redis://redis:6379/0' });
  });

  test('conversation-backup: agent-data read-only, aws s3 sync, credentials from a secret', () => {
    const job = synth('conversation-backup');
    const pod = podOf(job);
    expect(pod.containers[0].command).toEqual([
      'aws',
      's3',
      'sync',
      '/data/conversations',
      's3://my-bucket/backups/',
    ]);
    expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: 'aws-credentials' } }]);
    expect(pod.containers[0].volumeMounts).toContainEqual(
      expect.objectContaining({ mountPath: '/data/conversations', readOnly: true }),
    );
    expect(pod.volumes).toContainEqual(
      expect.objectContaining({
        persistentVolumeClaim: { claimName: 'agent-data', readOnly: true },
      }),
    );
  });
});
