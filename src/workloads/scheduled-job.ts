import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { JsonMap } from '../pod/k8s-types';
import { PodMetadata } from '../pod/pod-template';
import { wholeSeconds } from '../pod/duration';
import { CRONJOB_NAME_MAX } from '../validation/rules/metadata';
import { BatchJobProps, KUEUE_QUEUE_LABEL } from './batch-job';
import {
  IndexedContractProps,
  contractProblems,
  indexedEnv,
  indexedJobProps,
  indexedProblems,
} from './indexed-job';
import { kueueProblem, renderJobSpec } from './job-spec';
import { indexedNameLength } from './names';
import { SCHEDULED_JOB_FIELDS, containerProblem, propsOf } from './props';
import { Workload } from './workload';
import { Problem, propProblem } from '../validation/problem';

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
  /** Create each Job suspended (e.g. for Kueue to admit). @default false (true with queueName) */
  readonly jobSuspend?: boolean;
  /** Labels and annotations of the Jobs the CronJob creates. @default the recommended labels */
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
    const checked = propsOf<ScheduledJobProps>(props, SCHEDULED_JOB_FIELDS, constructKind);
    const p = checked.props;
    const indexed = p.completionMode === 'Indexed';
    const queued = p.queueName !== undefined;
    const problems: Problem[] = [...checked.problems];
    const missing = containerProblem(p, checked.dropped);
    if (missing) problems.push(missing);
    if (queued) {
      const kueue = kueueProblem(p.jobSuspend, 'jobSuspend');
      if (kueue) problems.push(kueue);
    }
    if (indexed) {
      problems.push(
        ...indexedProblems(p),
        ...contractProblems(p, indexedEnv(p.completions, p.totalItems), checked.problems),
      );
    } else if (p.totalItems !== undefined) {
      problems.push(
        propProblem('totalItems', 'is only read by the workers of an Indexed Job', {
          value: p.totalItems,
          fix: "set completionMode: 'Indexed' and completions, or remove totalItems",
        }),
      );
    }
    super(
      scope,
      id,
      {
        kind: 'CronJob',
        constructKind,
        maxNameLength: indexed
          ? indexedNameLength(CRONJOB_NAME_MAX, p.completions)
          : CRONJOB_NAME_MAX,
        props: p,
        checked: {
          problems,
          dropped: missing ? new Set([...checked.dropped, 'image']) : checked.dropped,
        },
      },
      (report, _name, labels) => {
        const jobProps = indexed ? indexedJobProps(p) : p;
        const jobSpec = renderJobSpec(
          { ...jobProps, suspend: queued ? true : p.jobSuspend },
          p.completionMode,
          report,
          labels,
        );
        const jobLabels = {
          ...labels,
          ...(queued ? { [KUEUE_QUEUE_LABEL]: p.queueName as string } : {}),
          ...p.jobMetadata?.labels,
        };
        const jobMetadata: JsonMap = {};
        if (Object.keys(jobLabels).length > 0) jobMetadata.labels = jobLabels;
        if (p.jobMetadata?.annotations && Object.keys(p.jobMetadata.annotations).length > 0) {
          jobMetadata.annotations = { ...p.jobMetadata.annotations };
        }
        const jobTemplate: JsonMap =
          Object.keys(jobMetadata).length > 0
            ? { metadata: jobMetadata, spec: jobSpec }
            : { spec: jobSpec };
        const spec: JsonMap = {};
        const set = (key: string, value: unknown) => {
          if (value !== undefined) spec[key] = value;
        };
        set('schedule', p.schedule);
        set('timeZone', p.timeZone);
        set('concurrencyPolicy', p.concurrencyPolicy);
        if (p.startingDeadline) {
          set(
            'startingDeadlineSeconds',
            wholeSeconds(p.startingDeadline, 'startingDeadline', report),
          );
        }
        set('suspend', p.suspend);
        set('successfulJobsHistoryLimit', p.successfulJobsHistoryLimit);
        set('failedJobsHistoryLimit', p.failedJobsHistoryLimit);
        spec.jobTemplate = jobTemplate;
        return spec;
      },
    );
  }
}
