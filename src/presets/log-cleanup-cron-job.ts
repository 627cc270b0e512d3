import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Named } from '../pod/k8s-types';
import { checkProps, duration, named, required, str } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { Volume } from '../pod/volume';
import { Problem, propProblem } from '../validation/problem';
import { SCHEDULED_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { ScheduledJob, ScheduledJobProps } from '../workloads/scheduled-job';
import { PresetOptions, presetResources } from './preset-options';
import { deadlineFitsSchedule, defaultActiveDeadline } from './scheduled-preset';

export interface LogCleanupCronJobProps
  extends Omit<ScheduledJobProps, 'schedule' | 'image'>, PresetOptions {
  /** The PersistentVolumeClaim that holds the logs (a name or a cdk8s-plus claim). */
  readonly logsClaim: Named;
  /** Where the claim is mounted; files below it are removed. @default '/logs' */
  readonly path?: string;
  /** Files older than this are removed; whole days. @default 7 days */
  readonly retention?: Duration;
  /** @default '0 3 * * *' (nightly) */
  readonly schedule?: string;
  /** An image with `find`. @default 'busybox:1.36' */
  readonly image?: string;
}

/** The props' runtime checks. */
export const LOG_CLEANUP_FIELDS = {
  ...omitFields(SCHEDULED_JOB_FIELDS, 'schedule', 'image'),
  logsClaim: required(named('PersistentVolumeClaim'), 'the claim that holds the logs'),
  path: str(),
  retention: duration(),
  schedule: str(),
  image: str(),
};

const RESOURCES: Resources = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { memory: '128Mi' },
};

/**
 * Removes log files older than a retention period from a volume, nightly by default.
 *
 * @example
 * new LogCleanupCronJob(chart, 'log-cleanup', { logsClaim: 'agent-logs', retention: Duration.days(7) });
 */
export class LogCleanupCronJob extends ScheduledJob {
  public constructor(scope: Construct, id: string, props: LogCleanupCronJobProps) {
    const kind = 'LogCleanupCronJob';
    const checked = checkProps<LogCleanupCronJobProps>(props, LOG_CLEANUP_FIELDS, kind);
    const p = checked.props;
    const problems: Problem[] = [];
    const path = p.path ?? '/logs';
    const retention = p.retention ?? Duration.days(7);
    const days = retention.toSeconds() / 86_400;
    if (!Number.isInteger(days) || days < 1) {
      problems.push(
        propProblem(
          'retention',
          'must be a whole number of days, 1 or more (find -mtime counts days)',
          {
            value: `${retention.toSeconds()} s`,
            fix: 'e.g. retention: Duration.days(7)',
          },
        ),
      );
    }
    if (!path.startsWith('/') || path === '/') {
      problems.push(
        propProblem('path', 'must be an absolute path below /, where the logs are mounted', {
          value: path,
        }),
      );
    }
    const schedule = p.schedule ?? '0 3 * * *';
    const activeDeadline = p.activeDeadline ?? defaultActiveDeadline(schedule, Duration.hours(1));
    const { logsClaim, path: _path, retention: _retention, ...general } = p;
    void _path;
    void _retention;
    super(
      scope,
      id,
      handOver(
        {
          restartPolicy: 'OnFailure',
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          backoffLimit: 2,
          command: [
            'find',
            path,
            '-type',
            'f',
            '-mtime',
            `+${Math.max(0, Math.floor(days) - 1)}`,
            '-print',
            '-delete',
          ],
          ...general,
          image: p.image ?? (p.containers ? undefined : 'busybox:1.36'),
          schedule,
          activeDeadline,
          resources: presetResources(p, RESOURCES),
          volumes: [
            ...(p.volumes ?? []),
            ...(logsClaim !== undefined
              ? [{ path, volume: Volume.fromPersistentVolumeClaim(logsClaim, { name: 'logs' }) }]
              : []),
          ],
        },
        checked,
      ),
      kind,
    );
    const deadline = deadlineFitsSchedule(schedule, activeDeadline, p.startingDeadline);
    if (deadline) problems.push(deadline);
    for (const problem of problems) this.addProblem(problem);
  }
}
