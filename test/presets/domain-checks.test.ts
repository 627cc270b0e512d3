import { Duration } from 'cdk8s';
import {
  BackupJob,
  ConfigMaps,
  EmbeddingRefreshCronJob,
  IndexedIngestJob,
  LogCleanupCronJob,
  ModelMigrationJob,
  ReportCronJob,
  Secrets,
  TargetVersion,
  Volume,
  WorkQueueJob,
} from '../../src';
import { currentShard } from '../../src/runtime';
import { errorsOf, newChart, ownEnv, problemsOf, synthError, synthValid } from '../support/harness';

const IMAGE = 'ghcr.io/acme/worker:1.0.0';
const podOf = (o: Record<string, any>) =>
  (o.kind === 'CronJob' ? o.spec.jobTemplate.spec : o.spec).template.spec;

describe('EmbeddingRefreshCronJob', () => {
  const base = { image: IMAGE, vectorDbUrl: 'http://qdrant:6333' };

  test('an activeDeadline that outlasts the interval between runs is reported at synth', () => {
    const chart = newChart();
    new EmbeddingRefreshCronJob(chart, 'embeddings', {
      ...base,
      schedule: '0 */6 * * *',
      activeDeadline: Duration.hours(6),
    });
    expect(synthError(chart)).toContain(
      '[agents/embeddings] (EmbeddingRefreshCronJob) spec.jobTemplate.spec.activeDeadlineSeconds: 21600: a run may last 21600 s plus the startingDeadline of 600 s, not less than the 21600 s between runs of "0 */6 * * *", so runs pile up; set activeDeadline below 21000 s, or run less often',
    );
  });

  test('the default activeDeadline is half the interval, at most 6 hours', () => {
    const chart = newChart();
    new EmbeddingRefreshCronJob(chart, 'hourly', { ...base, schedule: '0 * * * *' });
    new EmbeddingRefreshCronJob(chart, 'weekly', { ...base, schedule: '0 2 * * 0' });
    const [hourly, weekly] = synthValid(chart);
    expect(hourly.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(1800);
    expect(weekly.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(6 * 3600);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('an API key that is not a Secret reference is reported', () => {
    const problems = errorsOf((chart) => {
      new EmbeddingRefreshCronJob(chart, 'embeddings', {
        ...base,
        embeddingApiKey: ConfigMaps.key('settings', 'api-key'),
      });
    });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'embeddingApiKey',
        family: 3,
        fix: expect.stringContaining('Secrets.key'),
      }),
    ]);
  });

  test('an empty vectorDbUrl is reported', () => {
    expect(
      errorsOf((chart) => new EmbeddingRefreshCronJob(chart, 'e', { ...base, vectorDbUrl: '' })),
    ).toEqual([expect.objectContaining({ field: 'vectorDbUrl' })]);
  });

  test('gpu and Kueue: GPU resources and toleration, queue label and suspended Jobs', () => {
    const chart = newChart();
    new EmbeddingRefreshCronJob(chart, 'embeddings', { ...base, gpu: 1, queueName: 'ml-team' });
    const [cron] = synthValid(chart);
    expect(cron.spec.jobTemplate.metadata.labels).toMatchObject({
      'kueue.x-k8s.io/queue-name': 'ml-team',
    });
    expect(cron.spec.jobTemplate.spec.suspend).toBe(true);
    const pod = podOf(cron);
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBe('1');
    expect(pod.tolerations).toContainEqual(expect.objectContaining({ key: 'nvidia.com/gpu' }));
    expect(problemsOf(chart)).toEqual([]);
  });

  test('queueName with jobSuspend false is reported', () => {
    const problems = errorsOf((chart) => {
      new EmbeddingRefreshCronJob(chart, 'e', { ...base, queueName: 'ml', jobSuspend: false });
    });
    expect(problems).toEqual([expect.objectContaining({ field: 'jobSuspend' })]);
  });

  test('restartPolicy OnFailure drops the default pod failure policy, which needs Never', () => {
    const chart = newChart();
    new EmbeddingRefreshCronJob(chart, 'e', { ...base, restartPolicy: 'OnFailure' });
    const [cron] = synthValid(chart);
    expect(cron.spec.jobTemplate.spec).not.toHaveProperty('podFailurePolicy');
    expect(problemsOf(chart)).toEqual([]);
  });
});

describe('IndexedIngestJob', () => {
  test('completions cover every item exactly once, and each shard is at most itemsPerTask', () => {
    const chart = newChart();
    const job = new IndexedIngestJob(chart, 'ingest', {
      image: IMAGE,
      totalItems: 1005,
      itemsPerTask: 10,
    });
    const [manifest] = synthValid(chart);
    expect(job.completions).toBe(101);
    expect(manifest.spec).toMatchObject({ completions: 101, parallelism: 10 });
    const covered: number[] = [];
    for (let index = 0; index < 101; index++) {
      const s = currentShard({
        JOB_COMPLETION_INDEX: String(index),
        JOB_COMPLETIONS: '101',
        BATCH_TOTAL_ITEMS: '1005',
      });
      expect(s.end - s.start).toBeLessThanOrEqual(10);
      for (let i = s.start; i < s.end; i++) covered.push(i);
    }
    expect(covered).toEqual([...Array(1005).keys()]);
  });

  test.each([
    [{ totalItems: 100, itemsPerTask: 10, completions: 10 }, 'itemsPerTask'],
    [{ totalItems: 100 }, 'itemsPerTask'],
    [{ totalItems: 0, itemsPerTask: 10 }, 'totalItems'],
    [{ totalItems: 2.5, itemsPerTask: 1 }, 'totalItems'],
    [{ totalItems: 100, itemsPerTask: 0 }, 'itemsPerTask'],
  ])('sizing %p is reported on %s', (sizing, field) => {
    const problems = errorsOf(
      (chart) => new IndexedIngestJob(chart, 'ingest', { image: IMAGE, ...sizing }),
    );
    expect(problems).toEqual([expect.objectContaining({ field })]);
  });

  test('more completions than items is a warning', () => {
    const chart = newChart();
    new IndexedIngestJob(chart, 'ingest', { image: IMAGE, totalItems: 5, completions: 8 });
    expect(problemsOf(chart)).toEqual([
      expect.objectContaining({ field: 'completions', severity: 'warning', family: 2 }),
    ]);
  });

  test('targeting Kubernetes 1.28: no per-index retries, FAIL_INDEX fails the Job', () => {
    const chart = newChart();
    TargetVersion.set(chart, '1.28');
    new IndexedIngestJob(chart, 'ingest', { image: IMAGE, totalItems: 100, itemsPerTask: 10 });
    const [job] = synthValid(chart);
    expect(job.spec).not.toHaveProperty('backoffLimitPerIndex');
    expect(job.spec.podFailurePolicy.rules[1]).toEqual({
      action: 'FailJob',
      onExitCodes: { operator: 'In', values: [42, 43] },
    });
    expect(problemsOf(chart)).toEqual([]);
  });

  test('checkpoints: the volume at /checkpoints and CHECKPOINT_DIR', () => {
    const chart = newChart();
    new IndexedIngestJob(chart, 'ingest', {
      image: IMAGE,
      totalItems: 100,
      itemsPerTask: 10,
      checkpoints: Volume.fromPersistentVolumeClaim('ingest-checkpoints'),
      queueName: 'batch',
    });
    const [job] = synthValid(chart);
    const container = podOf(job).containers[0];
    expect(container.env).toContainEqual({ name: 'CHECKPOINT_DIR', value: '/checkpoints' });
    expect(container.volumeMounts).toContainEqual({
      name: 'ingest-checkpoints',
      mountPath: '/checkpoints',
    });
    expect(job.metadata.labels).toMatchObject({ 'kueue.x-k8s.io/queue-name': 'batch' });
    expect(job.spec.suspend).toBe(true);
    expect(problemsOf(chart)).toEqual([]);
  });
});

describe('ModelMigrationJob', () => {
  const base = {
    image: IMAGE,
    sourceModel: 'gpt-3.5-turbo',
    targetModel: 'gpt-4o-mini',
    databaseUrl: Secrets.key('db', 'url'),
  };

  test('migrating a model to itself is reported', () => {
    expect(
      errorsOf(
        (chart) => new ModelMigrationJob(chart, 'm', { ...base, targetModel: 'gpt-3.5-turbo' }),
      ),
    ).toEqual([expect.objectContaining({ field: 'targetModel', family: 2 })]);
  });

  test('a database URL from a ConfigMap is reported', () => {
    expect(
      errorsOf(
        (chart) =>
          new ModelMigrationJob(chart, 'm', { ...base, databaseUrl: ConfigMaps.key('c', 'url') }),
      ),
    ).toEqual([expect.objectContaining({ field: 'databaseUrl' })]);
  });

  test('defaults: Never, backoffLimit 2, ttl one hour, a deadline', () => {
    const chart = newChart();
    new ModelMigrationJob(chart, 'm', base);
    const [job] = synthValid(chart);
    expect(job.spec).toMatchObject({
      backoffLimit: 2,
      ttlSecondsAfterFinished: 3600,
      activeDeadlineSeconds: 7200,
    });
    expect(podOf(job).restartPolicy).toBe('Never');
  });
});

describe('LogCleanupCronJob', () => {
  test.each([
    [{ retention: Duration.hours(12) }, 'retention'],
    [{ retention: Duration.hours(36) }, 'retention'],
    [{ path: 'logs' }, 'path'],
    [{ path: '/' }, 'path'],
  ])('%p is reported on %s', (props, field) => {
    expect(
      errorsOf((chart) => new LogCleanupCronJob(chart, 'c', { logsClaim: 'logs', ...props })),
    ).toEqual([expect.objectContaining({ field })]);
  });

  test('a 30-day retention on another path and image', () => {
    const chart = newChart();
    new LogCleanupCronJob(chart, 'c', {
      logsClaim: 'logs',
      retention: Duration.days(30),
      path: '/var/log/agents',
      image: 'busybox:1.37',
    });
    const [cron] = synthValid(chart);
    expect(podOf(cron).containers[0].command).toEqual([
      'find',
      '/var/log/agents',
      '-type',
      'f',
      '-mtime',
      '+29',
      '-print',
      '-delete',
    ]);
  });
});

describe('ReportCronJob', () => {
  const base = { image: IMAGE, schedule: '0 8 * * 1', timeZone: 'Europe/Berlin' };

  test('an unknown time zone is reported by the catalogue', () => {
    expect(
      errorsOf(
        (chart) => new ReportCronJob(chart, 'r', { ...base, timeZone: 'Mars/Olympus_Mons' }),
      ),
    ).toEqual([expect.objectContaining({ field: 'spec.timeZone' })]);
  });

  test('a deadline longer than an hourly schedule is reported', () => {
    expect(
      errorsOf(
        (chart) =>
          new ReportCronJob(chart, 'r', {
            ...base,
            schedule: '0 * * * *',
            activeDeadline: Duration.minutes(55),
          }),
      ),
    ).toEqual([expect.objectContaining({ field: 'spec.jobTemplate.spec.activeDeadlineSeconds' })]);
  });
});

describe('WorkQueueJob and BackupJob', () => {
  test.each([0, -1, 1.5])('parallelism %p is reported', (parallelism) => {
    const problems = errorsOf(
      (chart) =>
        new WorkQueueJob(chart, 'q', { image: IMAGE, parallelism, queueUrl: 'redis://r:6379' }),
    );
    expect(problems.map((p) => p.field)).toContain('parallelism');
  });

  test('a queue URL with a password can come from a Secret', () => {
    const chart = newChart();
    new WorkQueueJob(chart, 'q', {
      image: IMAGE,
      parallelism: 3,
      queueUrl: Secrets.key('redis', 'url'),
    });
    const [job] = synthValid(chart);
    expect(ownEnv(podOf(job).containers[0].env)).toEqual([
      { name: 'QUEUE_URL', valueFrom: { secretKeyRef: { name: 'redis', key: 'url' } } },
    ]);
    expect(problemsOf(chart)).toEqual([]);
  });

  test.each(['my-bucket/backups', 'ftp://host/x', ''])(
    'backup destination %p is reported',
    (destination) => {
      const problems = errorsOf(
        (chart) =>
          new BackupJob(chart, 'b', {
            image: IMAGE,
            sourceClaim: 'data',
            destination,
            credentials: 'aws',
          }),
      );
      expect(problems).toEqual([expect.objectContaining({ field: 'destination' })]);
    },
  );
});
