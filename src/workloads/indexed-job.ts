import { Construct } from 'constructs';
import { EnvRecord, EnvValue } from '../pod/env';
import { PodTemplateProps, withEnv } from '../pod/pod-template';
import { BATCH_TOTAL_ITEMS, JOB_COMPLETIONS, JOB_COMPLETION_INDEX } from '../runtime/contract';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from './batch-job';

/** The annotation from which the constructs inject the pod's index. */
export const COMPLETION_INDEX_ANNOTATION =
  "metadata.annotations['batch.kubernetes.io/job-completion-index']";

/** The part of the runtime contract that only the user knows. */
export interface IndexedContractProps {
  /** Items split across the indexes, injected as BATCH_TOTAL_ITEMS for `currentShard()`. @default not injected */
  readonly totalItems?: number;
}

export interface IndexedJobProps
  extends Omit<BatchJobProps, 'completionMode' | 'completions'>, IndexedContractProps {
  /** The number of indexes: pods 0..completions-1 each run once to success. */
  readonly completions: number;
}

/**
 * The env contract of an Indexed Job's pods, read by `cdk8s-batch/runtime`:
 * JOB_COMPLETION_INDEX (from the pod annotation), JOB_COMPLETIONS and, when known,
 * BATCH_TOTAL_ITEMS.
 */
export function indexedEnv(completions: number, totalItems?: number): EnvRecord {
  return {
    [JOB_COMPLETION_INDEX]: EnvValue.fromField(COMPLETION_INDEX_ANNOTATION),
    [JOB_COMPLETIONS]: String(completions),
    ...(totalItems === undefined ? {} : { [BATCH_TOTAL_ITEMS]: String(totalItems) }),
  };
}

/** Props of an Indexed JobSpec with the env contract injected. */
export function indexedJobProps<
  P extends PodTemplateProps & IndexedContractProps & { completions: number },
>(props: P): P {
  return withEnv(props, indexedEnv(props.completions, props.totalItems)) as P;
}

/** The problem with `totalItems`, if any. */
export function totalItemsProblem(totalItems: number | undefined): Problem | undefined {
  if (totalItems === undefined || (Number.isSafeInteger(totalItems) && totalItems >= 0)) {
    return undefined;
  }
  return propProblem('totalItems', 'must be a whole number of items, 0 or more', {
    value: totalItems,
  });
}

/**
 * A batch/v1 Job in Indexed completion mode: each pod gets an index and its slice of the
 * work; supports per-index retries (`backoffLimitPerIndex`, `maxFailedIndexes`).
 *
 * @example
 * new IndexedJob(chart, 'summarize', { image: 'ghcr.io/acme/summarizer:1.0.0', completions: 100, parallelism: 10, totalItems: 5000 });
 */
export class IndexedJob extends BatchJob {
  public constructor(
    scope: Construct,
    id: string,
    props: IndexedJobProps,
    constructKind = 'IndexedJob',
    byName?: (name: string) => Partial<BatchJobProps>,
  ) {
    super(
      scope,
      id,
      { ...indexedJobProps(props), completionMode: 'Indexed' },
      constructKind,
      byName,
    );
    const problem = totalItemsProblem(props.totalItems);
    if (problem) this.addProblem(problem);
  }
}
