import { Construct } from 'constructs';
import { EnvRecord, EnvValue } from '../pod/env';
import { PodTemplateProps, withEnv } from '../pod/pod-template';
import { BatchJob, BatchJobProps } from './batch-job';

/** The annotation from which the constructs inject the pod's index. */
export const COMPLETION_INDEX_ANNOTATION =
  "metadata.annotations['batch.kubernetes.io/job-completion-index']";

export interface IndexedJobProps extends Omit<BatchJobProps, 'completionMode' | 'completions'> {
  /** The number of indexes: pods 0..completions-1 each run once to success. */
  readonly completions: number;
}

/**
 * The env contract of an Indexed Job's pods: JOB_COMPLETION_INDEX (from the pod annotation)
 * and JOB_COMPLETIONS, read by `cdk8s-batch/runtime`.
 */
export function indexedEnv(completions: number): EnvRecord {
  return {
    JOB_COMPLETION_INDEX: EnvValue.fromField(COMPLETION_INDEX_ANNOTATION),
    JOB_COMPLETIONS: String(completions),
  };
}

/** Props of an Indexed JobSpec with the env contract injected. */
export function indexedJobProps<P extends PodTemplateProps & { completions: number }>(
  props: P,
  extraEnv: EnvRecord = {},
): P {
  return withEnv(props, { ...indexedEnv(props.completions), ...extraEnv }) as P;
}

/**
 * A batch/v1 Job in Indexed completion mode: each pod gets an index and its slice of the
 * work; supports per-index retries (`backoffLimitPerIndex`, `maxFailedIndexes`).
 *
 * @example
 * new IndexedJob(chart, 'summarize', { image: 'ghcr.io/acme/summarizer:1.0.0', completions: 100, parallelism: 10 });
 */
export class IndexedJob extends BatchJob {
  public constructor(
    scope: Construct,
    id: string,
    props: IndexedJobProps,
    constructKind = 'IndexedJob',
  ) {
    super(scope, id, { ...indexedJobProps(props), completionMode: 'Indexed' }, constructKind);
  }
}
