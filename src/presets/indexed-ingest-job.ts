import { Construct } from 'constructs';
import { volume } from '../pod/pod-props';
import { checkProps, int, required } from '../pod/prop-types';
import { Resources } from '../pod/resources';
import { Volume } from '../pod/volume';
import { CHECKPOINT_DIR } from '../runtime/contract';
import { Problem, propProblem } from '../validation/problem';
import { TargetVersion } from '../validation/target-version';
import { serves } from '../validation/versions';
import { IndexedJob, IndexedJobProps } from '../workloads/indexed-job';
import { INDEXED_JOB_FIELDS, handOver, omitFields } from '../workloads/props';
import { PresetOptions, presetResources, workerFailurePolicy } from './preset-options';

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
  /** A volume (e.g. a PVC, ReadWriteMany when pods run in parallel) for `cdk8s-batch/runtime` checkpoints, mounted at /checkpoints as CHECKPOINT_DIR. @default none */
  readonly checkpoints?: Volume;
}

/** The props' runtime checks. */
export const INDEXED_INGEST_FIELDS = {
  ...omitFields(INDEXED_JOB_FIELDS, 'completions', 'totalItems'),
  totalItems: required(int(), 'the number of items to process'),
  itemsPerTask: int(),
  completions: int(),
  backoffLimitPerIndex: int(),
  checkpoints: volume(),
};

const RESOURCES: Resources = {
  requests: { cpu: '1', memory: '2Gi' },
  limits: { memory: '4Gi' },
};

const CHECKPOINT_PATH = '/checkpoints';

function isCount(n: number | undefined, min: number): n is number {
  return n !== undefined && Number.isSafeInteger(n) && n >= min;
}

/** The completions that cover every item once, and the problems with the sizing props. */
function sizing(
  props: IndexedIngestJobProps,
  dropped: ReadonlySet<string>,
  problems: Problem[],
): number | undefined {
  const { totalItems, itemsPerTask, completions } = props;
  if (totalItems === undefined) return completions;
  if (!isCount(totalItems, 1)) {
    problems.push(
      propProblem('totalItems', 'must be a whole number of items, 1 or more', {
        value: totalItems,
      }),
    );
    return completions;
  }
  if (itemsPerTask !== undefined && completions !== undefined) {
    problems.push(
      propProblem('itemsPerTask', 'and completions both size the Job', {
        value: itemsPerTask,
        fix: 'set one of them: completions are derived from itemsPerTask',
      }),
    );
  } else if (
    itemsPerTask === undefined &&
    completions === undefined &&
    !dropped.has('itemsPerTask') &&
    !dropped.has('completions')
  ) {
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
    const kind = 'IndexedIngestJob';
    const checked = checkProps<IndexedIngestJobProps>(props, INDEXED_INGEST_FIELDS, kind);
    const p = checked.props;
    const problems: Problem[] = [];
    const completions = sizing(p, checked.dropped, problems);
    const perIndexServed = serves(TargetVersion.of(scope), '1.29');
    const backoffLimitPerIndex = p.backoffLimitPerIndex ?? (perIndexServed ? 3 : undefined);
    const { itemsPerTask: _itemsPerTask, checkpoints, ...general } = p;
    void _itemsPerTask;
    const contract = checked.dropped.has('completions') || completions === undefined;
    const checkpointEnv: Record<string, string> = checkpoints
      ? { [CHECKPOINT_DIR]: CHECKPOINT_PATH }
      : {};
    const checkpointOverride =
      checkpoints && p.env && Object.prototype.hasOwnProperty.call(p.env, CHECKPOINT_DIR)
        ? propProblem(
            `env.${CHECKPOINT_DIR}`,
            'is where the construct mounts checkpoints (/checkpoints): a path of your own is not mounted',
            { fix: 'remove it from env' },
          )
        : undefined;
    super(
      scope,
      id,
      handOver(
        {
          parallelism: Math.min(completions ?? 1, 10),
          ...general,
          completions: completions as number,
          totalItems: isCount(p.totalItems, 1) ? p.totalItems : undefined,
          backoffLimitPerIndex,
          podFailurePolicy: workerFailurePolicy(p, backoffLimitPerIndex !== undefined),
          resources: presetResources(p, RESOURCES),
          ...(checkpoints
            ? {
                volumes: [...(p.volumes ?? []), { path: CHECKPOINT_PATH, volume: checkpoints }],
                env: { ...checkpointEnv, ...p.env, ...checkpointEnv },
              }
            : {}),
        },
        {
          problems: [
            ...checked.problems,
            ...problems,
            ...(checkpointOverride ? [checkpointOverride] : []),
          ],
          dropped: contract ? new Set([...checked.dropped, 'completions']) : checked.dropped,
        },
      ),
      kind,
    );
    this.completions = completions ?? 1;
  }
}
