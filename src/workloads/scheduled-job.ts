import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { JsonMap } from '../pod/k8s-types';
import { PodMetadata } from '../pod/pod-template';
import { wholeSeconds } from '../pod/duration';
import { CRONJOB_NAME_MAX } from '../validation/rules/metadata';
import { BatchJobProps } from './batch-job';
import { IndexedContractProps, indexedJobProps, totalItemsProblem } from './indexed-job';
import { renderJobSpec } from './job-spec';
import { indexedNameLength } from './names';
import { Workload } from './workload';
import { propProblem } from '../validation/problem';

export interface ScheduledJobProps extends Omit<BatchJobProps, 'suspend'>, IndexedContractProps {
  /** When to run, as Kubernetes parses cron: `'0 2 * * *'`, `'@daily'`. */
  readonly schedule: string;
  /** The IANA zone the schedule is in, e.g. `'Europe/Berlin'`. @default the controller's zone (UTC on most clusters) */
  readonly timeZone?: string;
  /** What a run does while the previous one still runs. @default 'Allow' (Kubernetes' default) */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** How late a missed run may still start; at least 10 seconds. @default no deadline */
  readonly startingDeadline?: Duration;
  /** Stop creating Jobs. @default false */
  readonly suspend?: boolean;
  /** Finished Jobs kept after success. @default 3 (Kubernetes' default) */
  readonly successfulJobsHistoryLimit?: number;
  /** Finished Jobs kept after failure. @default 1 (Kubernetes' default) */
  readonly failedJobsHistoryLimit?: number;
  /** Create each Job suspended (e.g. for Kueue to admit). @default false */
  readonly jobSuspend?: boolean;
  /** Labels and annotations of the Jobs the CronJob creates. @default none */
  readonly jobMetadata?: PodMetadata;
}

/**
 * A batch/v1 CronJob whose job template takes every BatchJob and IndexedJob option.
 *
 * @example
 * new ScheduledJob(chart, 'report', { image: 'ghcr.io/acme/report:1.0.0', schedule: '0 8 * * 1', concurrencyPolicy: 'Forbid' });
 */
export class ScheduledJob extends Workload {
  public constructor(
    scope: Construct,
    id: string,
    props: ScheduledJobProps,
    constructKind = 'ScheduledJob',
  ) {
    const indexed = props.completionMode === 'Indexed';
    super(
      scope,
      id,
      {
        kind: 'CronJob',
        constructKind,
        maxNameLength: indexed
          ? indexedNameLength(CRONJOB_NAME_MAX, props.completions)
          : CRONJOB_NAME_MAX,
        props,
      },
      (report) => {
        const jobProps =
          indexed && props.completions !== undefined
            ? indexedJobProps({ ...props, completions: props.completions })
            : props;
        const jobSpec = renderJobSpec(
          { ...jobProps, suspend: props.jobSuspend },
          props.completionMode,
          'spec.jobTemplate.spec',
          report,
        );
        const hasJobMetadata = props.jobMetadata && Object.keys(props.jobMetadata).length > 0;
        const jobTemplate: JsonMap = hasJobMetadata
          ? { metadata: { ...props.jobMetadata }, spec: jobSpec }
          : { spec: jobSpec };
        const spec: JsonMap = { schedule: props.schedule };
        const set = (key: string, value: unknown) => {
          if (value !== undefined) spec[key] = value;
        };
        set('timeZone', props.timeZone);
        set('concurrencyPolicy', props.concurrencyPolicy);
        if (props.startingDeadline) {
          set(
            'startingDeadlineSeconds',
            wholeSeconds(props.startingDeadline, 'spec.startingDeadlineSeconds', report),
          );
        }
        set('suspend', props.suspend);
        set('successfulJobsHistoryLimit', props.successfulJobsHistoryLimit);
        set('failedJobsHistoryLimit', props.failedJobsHistoryLimit);
        spec.jobTemplate = jobTemplate;
        return spec;
      },
    );
    const problem = totalItemsProblem(props.totalItems);
    if (problem) this.addProblem(problem);
    if (props.totalItems !== undefined && !indexed) {
      this.addProblem(
        propProblem('totalItems', 'is only read by the workers of an Indexed Job', {
          value: props.totalItems,
          fix: "set completionMode: 'Indexed' and completions, or remove totalItems",
        }),
      );
    }
  }
}
