import { Duration } from 'cdk8s';
import { JsonMap } from '../pod/k8s-types';
import { wholeSeconds } from '../pod/duration';
import { PodTemplateProps, renderPodTemplate } from '../pod/pod-template';
import { Problem, ProblemSink, propProblem } from '../validation/problem';
import { PodFailurePolicy, SuccessPolicy } from './policies';

/** Every batch/v1 JobSpec field, typed. */
export interface JobSpecProps {
  /** Pods running at once. @default 1 (Kubernetes' default) */
  readonly parallelism?: number;
  /** Successful pods needed to complete the Job; unset means work-queue mode. @default 1 when parallelism is unset */
  readonly completions?: number;
  /** Retries (replacement pods) before the Job fails. @default 6 (Kubernetes' default) */
  readonly backoffLimit?: number;
  /** Retries per index of an Indexed Job (Kubernetes 1.29+). @default none */
  readonly backoffLimitPerIndex?: number;
  /** Failed indexes tolerated before the Job fails, with backoffLimitPerIndex. @default none */
  readonly maxFailedIndexes?: number;
  /** Time after which the running Job is failed with DeadlineExceeded. @default none */
  readonly activeDeadline?: Duration;
  /** Delete the Job this long after it finishes. @default never */
  readonly ttlAfterFinished?: Duration;
  /** How pod failures count: ignore disruptions, fail fast on exit codes. @default none */
  readonly podFailurePolicy?: PodFailurePolicy;
  /** When an Indexed Job counts as succeeded early (Kubernetes 1.31+). @default all indexes succeed */
  readonly successPolicy?: SuccessPolicy;
  /** When to create a replacement pod (Kubernetes 1.29+). @default 'TerminatingOrFailed', or 'Failed' with a podFailurePolicy */
  readonly podReplacementPolicy?: 'Failed' | 'TerminatingOrFailed';
  /** Create the Job without starting pods (Kueue and similar admit it later). @default false */
  readonly suspend?: boolean;
  /** The controller that reconciles the Job, e.g. `kueue.x-k8s.io/multikueue` (Kubernetes 1.32+). @default the built-in Job controller */
  readonly managedBy?: string;
  /** The Kueue LocalQueue to submit to: sets the `kueue.x-k8s.io/queue-name` label and creates the Job suspended, so Kueue admits it. @default not queued */
  readonly queueName?: string;
}

export type CompletionMode = 'NonIndexed' | 'Indexed';

/** The problem of `suspend: false` beside `queueName`, if any. */
export function kueueProblem(suspend: boolean | undefined, prop: string): Problem | undefined {
  if (suspend !== false) return undefined;
  return propProblem(
    prop,
    'must be true with queueName: Kueue starts a queued Job by unsuspending it',
    {
      value: false,
      family: 2,
      fix: `remove ${prop}, or remove queueName`,
    },
  );
}

/**
 * Renders a JobSpec from checked props.
 * @internal
 */
export function renderJobSpec(
  props: JobSpecProps & PodTemplateProps,
  completionMode: CompletionMode | undefined,
  report: ProblemSink,
  labels: Readonly<Record<string, string>> = {},
): JsonMap {
  const spec: JsonMap = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) spec[key] = value;
  };
  set('parallelism', props.parallelism);
  set('completions', props.completions);
  set('completionMode', completionMode);
  set('backoffLimit', props.backoffLimit);
  set('backoffLimitPerIndex', props.backoffLimitPerIndex);
  set('maxFailedIndexes', props.maxFailedIndexes);
  if (props.activeDeadline)
    set('activeDeadlineSeconds', wholeSeconds(props.activeDeadline, 'activeDeadline', report));
  if (props.ttlAfterFinished)
    set(
      'ttlSecondsAfterFinished',
      wholeSeconds(props.ttlAfterFinished, 'ttlAfterFinished', report),
    );
  if (props.podFailurePolicy)
    set('podFailurePolicy', renderPodFailurePolicy(props.podFailurePolicy));
  if (props.successPolicy)
    set('successPolicy', { rules: props.successPolicy.rules.map((r) => ({ ...r })) });
  set('podReplacementPolicy', props.podReplacementPolicy);
  set('suspend', props.suspend);
  set('managedBy', props.managedBy);
  spec.template = renderPodTemplate(props, report, labels);
  return spec;
}

function renderPodFailurePolicy(policy: PodFailurePolicy): JsonMap {
  return {
    rules: policy.rules.map((rule) => ({
      action: rule.action,
      ...(rule.onExitCodes
        ? { onExitCodes: { ...rule.onExitCodes, values: [...rule.onExitCodes.values] } }
        : {}),
      ...(rule.onPodConditions
        ? {
            onPodConditions: rule.onPodConditions.map((c) => ({
              type: c.type,
              status: c.status ?? 'True',
            })),
          }
        : {}),
    })),
  };
}
