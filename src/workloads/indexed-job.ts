import { Construct } from 'constructs';
import { EnvRecord, EnvValue } from '../pod/env';
import { PodTemplateProps, withEnv } from '../pod/pod-template';
import { BATCH_TOTAL_ITEMS, JOB_COMPLETIONS, JOB_COMPLETION_INDEX } from '../runtime/contract';
import { Problem, propProblem } from '../validation/problem';
import { BatchJob, BatchJobProps } from './batch-job';
import { INDEXED_JOB_FIELDS, handOver, propsOf } from './props';

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
export function indexedEnv(completions: number | undefined, totalItems?: number): EnvRecord {
  return {
    [JOB_COMPLETION_INDEX]: EnvValue.fromField(COMPLETION_INDEX_ANNOTATION),
    ...(completions === undefined ? {} : { [JOB_COMPLETIONS]: String(completions) }),
    ...(totalItems === undefined ? {} : { [BATCH_TOTAL_ITEMS]: String(totalItems) }),
  };
}

/** Props of an Indexed JobSpec with the env contract injected. */
export function indexedJobProps<
  P extends PodTemplateProps & IndexedContractProps & { completions?: number },
>(props: P): P {
  return withEnv(props, indexedEnv(props.completions, props.totalItems)) as P;
}

/** Where each variable of the contract comes from, for the report. */
const CONTRACT_SOURCE: Readonly<Record<string, string>> = {
  [JOB_COMPLETION_INDEX]: "the pod's completion index",
  [JOB_COMPLETIONS]: 'completions',
  [BATCH_TOTAL_ITEMS]: 'totalItems',
};

/**
 * A problem for each variable of `contract` that the user's env sets too: the construct's
 * value is the one the pods get, and a different one in env means the user expects otherwise.
 * Variables already reported (`reported` holds their fields) are skipped.
 */
export function contractProblems(
  props: PodTemplateProps,
  contract: EnvRecord,
  reported: readonly Problem[] = [],
): Problem[] {
  const envs: Array<[string, EnvRecord | undefined]> = [
    ['env', props.env],
    ...(props.containers ?? []).map((c, i): [string, EnvRecord | undefined] => [
      `containers[${i}].env`,
      c.env,
    ]),
  ];
  const problems: Problem[] = [];
  for (const [path, env] of envs) {
    if (!env) continue;
    for (const variable of Object.keys(contract)) {
      if (!Object.prototype.hasOwnProperty.call(env, variable)) continue;
      const field = `${path}.${variable}`;
      if (reported.some((p) => p.field === field)) continue;
      const source = CONTRACT_SOURCE[variable] ?? 'the props';
      const value = env[variable];
      problems.push(
        propProblem(
          field,
          `is part of the runtime contract the construct injects (from ${source}): a value of your own would give the workers a wrong slice`,
          {
            ...(typeof value === 'string' ? { value } : {}),
            fix: `remove it from env${source.includes(' ') ? '' : `; set ${source} instead`}`,
          },
        ),
      );
    }
  }
  return problems;
}

/** The problems of `totalItems` and `completions` of an Indexed Job. */
export function indexedProblems(props: {
  readonly totalItems?: number;
  readonly completions?: number;
}): Problem[] {
  const { totalItems, completions } = props;
  if (totalItems === undefined) return [];
  if (totalItems < 0) {
    return [
      propProblem('totalItems', 'must be a whole number of items, 0 or more', {
        value: totalItems,
      }),
    ];
  }
  if (completions !== undefined && completions > totalItems) {
    return [
      propProblem(
        'completions',
        `is more than the ${totalItems} items: ${completions - totalItems} pods start with nothing to do`,
        {
          value: completions,
          family: 2,
          severity: 'warning',
          fix: `set completions to at most ${totalItems}`,
        },
      ),
    ];
  }
  return [];
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
    const checked = propsOf<IndexedJobProps>(props, INDEXED_JOB_FIELDS, constructKind);
    const p = checked.props;
    const problems = [
      ...checked.problems,
      ...indexedProblems(p),
      ...contractProblems(p, indexedEnv(p.completions, p.totalItems), checked.problems),
    ];
    super(
      scope,
      id,
      handOver(
        { ...indexedJobProps(p), completionMode: 'Indexed' },
        { problems, dropped: checked.dropped },
      ),
      constructKind,
      byName,
    );
  }
}
