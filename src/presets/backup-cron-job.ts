import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkProps, str } from '../pod/prop-types';
import { SCHEDULED_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { ScheduledJob, ScheduledJobProps } from '../workloads/scheduled-job';
import { BACKUP_OPTION_FIELDS, BackupOptions, backupPod } from './backup-job';
import { PresetOptions, workerFailurePolicy } from './preset-options';
import { deadlineFitsSchedule, defaultActiveDeadline } from './scheduled-preset';

export interface BackupCronJobProps
  extends Omit<ScheduledJobProps, 'schedule' | 'completionMode'>, PresetOptions, BackupOptions {
  /** When to back up. @default '0 1 * * *' (nightly) */
  readonly schedule?: string;
}

/** The props' runtime checks. */
export const BACKUP_CRON_FIELDS = {
  ...omitFields(SCHEDULED_JOB_FIELDS, 'schedule', 'completionMode'),
  ...BACKUP_OPTION_FIELDS,
  schedule: str(),
};

/**
 * BackupJob on a schedule: the same pod (the claim mounted read-only, credentials from a
 * Secret, `aws s3 sync` by default), one run at a time (Forbid), history 3/3, a 30-minute
 * starting deadline and an activeDeadline within the interval between runs (at most 6 h).
 *
 * @example
 * new BackupCronJob(chart, 'nightly-backup', {
 *   image: 'amazon/aws-cli:2.17.0', schedule: '0 1 * * *', timeZone: 'Europe/Berlin',
 *   sourceClaim: 'agent-data', destination: 's3://my-bucket/backups/', credentials: 'aws-credentials',
 * });
 */
export class BackupCronJob extends ScheduledJob {
  public constructor(scope: Construct, id: string, props: BackupCronJobProps) {
    const kind = 'BackupCronJob';
    const checked = checkProps<BackupCronJobProps>(props, BACKUP_CRON_FIELDS, kind);
    const p = checked.props;
    const { pod, problems } = backupPod(p);
    const schedule = p.schedule ?? '0 1 * * *';
    const startingDeadline = p.startingDeadline ?? Duration.minutes(30);
    const activeDeadline = p.activeDeadline ?? defaultActiveDeadline(schedule, Duration.hours(6));
    const { sourceClaim, sourcePath, destination, credentials, ...general } = p;
    void [sourceClaim, sourcePath, destination, credentials];
    super(
      scope,
      id,
      handOver(
        {
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          backoffLimit: 2,
          ...general,
          ...pod,
          schedule,
          startingDeadline,
          activeDeadline,
          podFailurePolicy: workerFailurePolicy(p, false),
        },
        checked,
      ),
      kind,
    );
    const deadline = deadlineFitsSchedule(
      schedule,
      activeDeadline,
      p.concurrencyPolicy === 'Allow' ? undefined : startingDeadline,
    );
    for (const problem of [...problems, ...(deadline ? [deadline] : [])]) this.addProblem(problem);
  }
}
