import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ConfigMaps, Secrets } from '../pod/env';
import { Named } from '../pod/k8s-types';
import { Resources } from '../pod/resources';
import { Problem } from '../validation/problem';
import { ScheduledJob, ScheduledJobProps } from '../workloads/scheduled-job';
import {
  PresetOptions,
  kueueForCronJob,
  presetResources,
  workerFailurePolicy,
} from './preset-options';
import { deadlineFitsSchedule, defaultActiveDeadline } from './scheduled-preset';

export interface ReportCronJobProps extends Omit<ScheduledJobProps, 'timeZone'>, PresetOptions {
  /** The IANA zone the schedule is in: a report at 8 am is 8 am for its readers. */
  readonly timeZone: string;
  /** A Secret whose keys all become variables (API keys, SMTP password). @default none */
  readonly secrets?: Named;
  /** A ConfigMap whose keys all become variables (recipients, report options). @default none */
  readonly config?: Named;
}

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
    const problems: Problem[] = [];
    const activeDeadline =
      props.activeDeadline ?? defaultActiveDeadline(props.schedule, Duration.hours(1));
    super(
      scope,
      id,
      {
        concurrencyPolicy: 'Forbid',
        startingDeadline: Duration.seconds(600),
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 5,
        backoffLimit: 2,
        ...props,
        ...kueueForCronJob(props, problems),
        activeDeadline,
        podFailurePolicy: workerFailurePolicy(props, false),
        resources: presetResources(props, RESOURCES),
        envFrom: [
          ...(props.secrets !== undefined ? [Secrets.all(props.secrets)] : []),
          ...(props.config !== undefined ? [ConfigMaps.all(props.config)] : []),
          ...(props.envFrom ?? []),
        ],
      },
      'ReportCronJob',
    );
    const deadline = deadlineFitsSchedule(
      props.schedule,
      activeDeadline,
      props.startingDeadline ?? Duration.seconds(600),
    );
    if (deadline) problems.push(deadline);
    for (const p of problems) this.addProblem(p);
  }
}
