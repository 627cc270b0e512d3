import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ConfigMaps, Secrets } from '../pod/env';
import { Named } from '../pod/k8s-types';
import { checkProps, named, required, str } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { SCHEDULED_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { ScheduledJob, ScheduledJobProps } from '../workloads/scheduled-job';
import { PresetOptions, presetResources, workerFailurePolicy } from './preset-options';
import { deadlineFitsSchedule, defaultActiveDeadline } from './scheduled-preset';

export interface ReportCronJobProps extends Omit<ScheduledJobProps, 'timeZone'>, PresetOptions {
  /** The IANA zone the schedule is in: a report at 8 am is 8 am for its readers. */
  readonly timeZone: string;
  /** A Secret whose keys all become variables (API keys, SMTP password). @default none */
  readonly secrets?: Named;
  /** A ConfigMap whose keys all become variables (recipients, report options). @default none */
  readonly config?: Named;
}

/** The props' runtime checks. */
export const REPORT_FIELDS = {
  ...omitFields(SCHEDULED_JOB_FIELDS, 'timeZone'),
  timeZone: required(str(), 'the zone the report is read in, e.g. "Europe/Berlin"'),
  secrets: named('Secret'),
  config: named('ConfigMap'),
};

const RESOURCES: Resources = {
  requests: { cpu: '250m', memory: '512Mi' },
  limits: { memory: '1Gi' },
};

/**
 * A scheduled report agent: its zone, one run at a time, a 10-minute starting deadline,
 * history 3/5 so failures stay around to debug, configuration from a Secret and a ConfigMap.
 *
 * @example
 * new ReportCronJob(chart, 'weekly-report', {
 *   image: 'ghcr.io/acme/report-agent:1.0.0', schedule: '0 8 * * 1', timeZone: 'Europe/Berlin',
 *   secrets: 'ai-secrets', config: 'report-config',
 * });
 */
export class ReportCronJob extends ScheduledJob {
  public constructor(scope: Construct, id: string, props: ReportCronJobProps) {
    const kind = 'ReportCronJob';
    const checked = checkProps<ReportCronJobProps>(props, REPORT_FIELDS, kind);
    const p = checked.props;
    const activeDeadline = p.activeDeadline ?? defaultActiveDeadline(p.schedule, Duration.hours(1));
    const { secrets, config, ...general } = p;
    super(
      scope,
      id,
      handOver(
        {
          concurrencyPolicy: 'Forbid',
          startingDeadline: Duration.seconds(600),
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 5,
          backoffLimit: 2,
          ...general,
          activeDeadline,
          podFailurePolicy: workerFailurePolicy(p, false),
          resources: presetResources(p, RESOURCES),
          envFrom: [
            ...(secrets !== undefined ? [Secrets.all(secrets)] : []),
            ...(config !== undefined ? [ConfigMaps.all(config)] : []),
            ...(p.envFrom ?? []),
          ],
        },
        checked,
      ),
      kind,
    );
    const deadline = deadlineFitsSchedule(
      p.schedule,
      activeDeadline,
      p.startingDeadline ?? Duration.seconds(600),
    );
    if (deadline) this.addProblem(deadline);
  }
}
