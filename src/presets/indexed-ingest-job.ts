import { Construct } from 'constructs';
import { Resources } from '../pod/resources';
import { Volume } from '../pod/volume';
import { CHECKPOINT_DIR } from '../runtime/contract';
import { Problem, propProblem } from '../validation/problem';
import { TargetVersion } from '../validation/target-version';
import { serves } from '../validation/versions';
import { IndexedJob, IndexedJobProps } from '../workloads/indexed-job';
import { PresetOptions, kueueForJob, presetResources, workerFailurePolicy } from './preset-options';

export interface IndexedIngestJobProps
  extends Omit<IndexedJobProps, 'completions' | 'totalItems'>, PresetOptions {
  /** The number of items (documents, chunks, rows) to process, 1 or more. */
  readonly totalItems: number;
  /** Items per index; completions become ceil(totalItems / itemsPerTask). Set this or `completions`. @default none */
  readonly itemsPerTask?: number;
  /** The number of indexes, when not derived from `itemsPerTask`. @default none */
  readonly completions?: number;
  /** Retries of each index on its own (Kubernetes 1.29+). @default 3 (none when the target is older than 1.29) */
  readonly backoffLimitPerIndex?: number;
  /** A volume (e.g. a PVC) for `cdk8s-batch/runtime` checkpoints, mounted at /checkpoints as CHECKPOINT_DIR. @default none */
  readonly checkpoints?: Volume;
}

const RESOURCES: Resources = {
  requests: { cpu: '1', memory: '2Gi' },
  limits: { memory: '4Gi' },
};

const CHECKPOINT_PATH = '/checkpoints';

function isCount(n: number | undefined, min: number): n is number {
  return n !== undefined && Number.isSafeInteger(n) && n >= min;
}

/** The completions that cover every item once, and the problems with the sizing props. */
function sizing(props: IndexedIngestJobProps, problems: Problem[]): number {
  const { totalItems, itemsPerTask, completions } = props;
  if (!isCount(totalItems, 1)) {
    problems.push(
      propProblem('totalItems', 'must be a whole number of items, 1 or more', {
        value: totalItems,
      }),
    );
    return completions ?? 1;
  }
  if (itemsPerTask !== undefined && completions !== undefined) {
    problems.push(
      propProblem('itemsPerTask', 'and completions both size the Job', {
        value: itemsPerTask,
        fix: 'set one of them: completions are derived from itemsPerTask',
      }),
    );
  } else if (itemsPerTask === undefined && completions === undefined) {
    problems.push(
      propProblem('itemsPerTask', 'or completions is needed to split the items', {
        fix: `e.g. itemsPerTask: ${Math.max(1, Math.ceil(totalItems / 100))}`,
      }),
    );
  }
  if (itemsPerTask !== undefined) {
    if (!isCount(itemsPerTask, 1)) {
      problems.push(
        propProblem('itemsPerTask', 'must be a whole number, 1 or more', { value: itemsPerTask }),
      );
      return 1;
    }
    return Math.ceil(totalItems / itemsPerTask);
  }
  if (completions !== undefined && isCount(completions, 1) && completions > totalItems) {
    problems.push({
      ...propProblem(
        'spec.completions',
        `is more than the ${totalItems} items: some indexes get no work`,
        {
          value: completions,
          family: 2,
          fix: `set completions to at most ${totalItems}`,
        },
      ),
      severity: 'warning',
    });
  }
  return completions ?? 1;
}

/**
 * Parallel document ingest or summarisation as an Indexed Job: covers every item exactly
 * once, injects the runtime contract (JOB_COMPLETION_INDEX, JOB_COMPLETIONS,
 * BATCH_TOTAL_ITEMS) so the worker needs no hard-coded numbers, retries each index on
 * its own, and does not count preemption or node drains as failures.
 *
 * @example
 * new IndexedIngestJob(chart, 'ingest', {
 *   image: 'ghcr.io/acme/ingest:2.0.0',
 *   totalItems: 1000, itemsPerTask: 10, parallelism: 10,
 * });
 * // in the worker: const { start, end } = currentShard();
 */
export class IndexedIngestJob extends IndexedJob {
  /** The number of indexes the items are split into. */
  public readonly completions: number;

  public constructor(scope: Construct, id: string, props: IndexedIngestJobProps) {
    const problems: Problem[] = [];
    const completions = sizing(props, problems);
    const perIndexServed = serves(TargetVersion.of(scope), '1.29');
    const backoffLimitPerIndex = props.backoffLimitPerIndex ?? (perIndexServed ? 3 : undefined);
    super(
      scope,
      id,
      {
        parallelism: Math.min(completions, 10),
        ...props,
        ...kueueForJob(props, problems),
        completions,
        totalItems: isCount(props.totalItems, 1) ? props.totalItems : undefined,
        backoffLimitPerIndex,
        podFailurePolicy: workerFailurePolicy(props, backoffLimitPerIndex !== undefined),
        resources: presetResources(props, RESOURCES),
        ...(props.checkpoints
          ? {
              volumes: [
                ...(props.volumes ?? []),
                { path: CHECKPOINT_PATH, volume: props.checkpoints },
              ],
              env: { [CHECKPOINT_DIR]: CHECKPOINT_PATH, ...props.env },
            }
          : {}),
      },
      'IndexedIngestJob',
    );
    this.completions = completions;
    for (const p of problems) this.addProblem(p);
  }
}
