import { Duration } from 'cdk8s';
import { ScheduledJob, Secrets, TargetVersion } from '../../src';
import { errorsOf, newChart, ownEnv, problemsOf, synthError, synthValid } from '../support/harness';

describe('ScheduledJob', () => {
  test('every CronJob field, and a job template with BatchJob options', () => {
    const chart = newChart();
    new ScheduledJob(chart, 'nightly', {
      schedule: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadline: Duration.minutes(5),
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobSuspend: true,
      jobMetadata: { labels: { 'kueue.x-k8s.io/queue-name': 'batch' } },
      image: 'ghcr.io/acme/embedder:1.4.2',
      env: { OPENAI_API_KEY: Secrets.key('openai-credentials', 'api-key') },
      backoffLimit: 2,
      activeDeadline: Duration.hours(3),
    });
    const [cron] = synthValid(chart);
    expect(cron).toMatchSnapshot();
    expect(cron.spec).toMatchObject({
      schedule: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    expect(cron.spec.jobTemplate.metadata).toEqual({
      labels: {
        'app.kubernetes.io/name': cron.metadata.name,
        'app.kubernetes.io/managed-by': 'cdk8s-batch',
        'app.kubernetes.io/component': 'scheduled-job',
        'kueue.x-k8s.io/queue-name': 'batch',
      },
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({
      suspend: true,
      backoffLimit: 2,
      activeDeadlineSeconds: 10800,
    });
    // 02:00 in Berlin is skipped on the spring DST day: a warning, not an error.
    expect(problemsOf(chart)).toEqual([
      expect.objectContaining({ rule: 'cronjob-dst', severity: 'warning', field: 'spec.schedule' }),
    ]);
  });

  test('an Indexed job template gets the env contract', () => {
    const chart = newChart();
    new ScheduledJob(chart, 'reindex', {
      schedule: '@daily',
      image: 'busybox:1.36',
      completionMode: 'Indexed',
      completions: 8,
      parallelism: 4,
    });
    const [cron] = synthValid(chart);
    expect(cron.spec.jobTemplate.spec.completionMode).toBe('Indexed');
    expect(ownEnv(cron.spec.jobTemplate.spec.template.spec.containers[0].env)[1]).toEqual({
      name: 'JOB_COMPLETIONS',
      value: '8',
    });
  });

  test('generated names fit the 52-character CronJob limit', () => {
    const chart = newChart('a-chart-with-a-rather-long-name');
    const cron = new ScheduledJob(chart, 'a-construct-id-that-is-long-enough-to-need-shortening', {
      schedule: '0 * * * *',
      image: 'busybox:1.36',
    });
    expect(cron.name.length).toBeLessThanOrEqual(52);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('one synth error lists every problem of every construct, in the contract format', () => {
    const chart = newChart();
    new ScheduledJob(chart, 'embeddings', {
      schedule: '0 25 * * *',
      image: 'ghcr.io/acme/embedder:1.4.2',
      timeZone: 'Mars/Olympus_Mons',
    });
    new ScheduledJob(chart, 'report', {
      metadata: { name: 'r'.repeat(53) },
      schedule: '0 8 * * 1',
      image: 'ghcr.io/acme/report:1.0.0',
      failedJobsHistoryLimit: -1,
    });
    expect(synthError(chart)).toBe(
      [
        'Validation failed with the following errors:',
        '  [agents/embeddings] (ScheduledJob) spec.schedule: "0 25 * * *": hour 25 is outside 0-23',
        '  [agents/embeddings] (ScheduledJob) spec.timeZone: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons; use a name from the IANA database, e.g. "Europe/Berlin" or "Etc/UTC"',
        `  [agents/report] (ScheduledJob) metadata.name: "${'r'.repeat(53)}": must be no more than 52 characters (is 53); the CronJob controller appends an 11-character suffix to name each Job; shorten the name`,
        '  [agents/report] (ScheduledJob) spec.failedJobsHistoryLimit: -1: must be greater than or equal to 0',
      ].join('\n'),
    );
  });

  test('a fractional Duration is reported, not thrown', () => {
    const errors = errorsOf((chart) => {
      new ScheduledJob(chart, 'x', {
        schedule: '@hourly',
        image: 'busybox:1.36',
        startingDeadline: Duration.millis(10_500),
      });
    });
    expect(errors).toEqual([expect.objectContaining({ field: 'startingDeadline', rule: 'props' })]);
  });

  test('a field the target version does not serve is an error', () => {
    const chart = newChart();
    TargetVersion.set(chart, '1.28');
    new ScheduledJob(chart, 'x', {
      schedule: '@hourly',
      image: 'busybox:1.36',
      completionMode: 'Indexed',
      completions: 4,
      backoffLimitPerIndex: 1,
      managedBy: 'kueue.x-k8s.io/multikueue',
    });
    const errors = problemsOf(chart);
    expect(errors.map((e) => [e.rule, e.field])).toEqual([
      ['field-served', 'spec.jobTemplate.spec.backoffLimitPerIndex'],
      ['field-served', 'spec.jobTemplate.spec.managedBy'],
    ]);
  });
});
