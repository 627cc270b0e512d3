import { Duration } from 'cdk8s';
import { BackupCronJob, BackupJob } from '../../src';
import { errorsOf, newChart, ownEnv, problemsOf, synthValid } from '../support/harness';

const BACKUP = {
  image: 'amazon/aws-cli:2.17.0',
  sourceClaim: 'agent-data',
  sourcePath: '/data/conversations',
  destination: 's3://my-bucket/backups/',
  credentials: 'aws-credentials',
};

describe('BackupCronJob: BackupJob on a schedule', () => {
  test('the same pod as BackupJob, nightly, one run at a time, deadlines within the interval', () => {
    const chart = newChart();
    new BackupCronJob(chart, 'nightly-backup', { ...BACKUP, timeZone: 'Europe/Berlin' });
    new BackupJob(chart, 'once', BACKUP);
    const [cron, job] = synthValid(chart);
    expect(cron).toMatchSnapshot();
    expect(cron.spec).toMatchObject({
      schedule: '0 1 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 1800,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(6 * 3600);
    // The pod is BackupJob's: command, mounts, credentials and env.
    expect(cron.spec.jobTemplate.spec.template.spec).toEqual({
      ...job.spec.template.spec,
      containers: [
        expect.objectContaining({ command: job.spec.template.spec.containers[0].command }),
      ],
    });
    const container = cron.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.command).toEqual([
      'aws',
      's3',
      'sync',
      '/data/conversations',
      's3://my-bucket/backups/',
    ]);
    expect(container.envFrom).toEqual([{ secretRef: { name: 'aws-credentials' } }]);
    expect(ownEnv(container.env)).toEqual([
      { name: 'BACKUP_SOURCE', value: '/data/conversations' },
      { name: 'BACKUP_DESTINATION', value: 's3://my-bucket/backups/' },
    ]);
    expect(container.volumeMounts).toContainEqual({
      name: 'agent-data',
      mountPath: '/data/conversations',
      readOnly: true,
    });
    expect(problemsOf(chart)).toEqual([]);
  });

  test('a run that outlasts the interval and a destination that is not object storage are reported', () => {
    const problems = errorsOf((chart) => {
      new BackupCronJob(chart, 'b', {
        ...BACKUP,
        destination: 'my-bucket/backups',
        schedule: '0 * * * *',
        activeDeadline: Duration.hours(2),
      });
    });
    expect(problems.map((p) => p.field)).toEqual([
      'destination',
      'spec.jobTemplate.spec.activeDeadlineSeconds',
    ]);
  });
});
