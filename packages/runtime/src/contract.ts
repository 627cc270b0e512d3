/**
 * The env contract between the constructs and the worker: the names the IndexedJob and
 * IndexedIngestJob constructs inject, and the runtime reads.
 */

/** The pod's index; Kubernetes sets it in Indexed Jobs, the constructs inject it too. */
export const JOB_COMPLETION_INDEX = 'JOB_COMPLETION_INDEX';
/** The number of indexes (the Job's `completions`). */
export const JOB_COMPLETIONS = 'JOB_COMPLETIONS';
/** The number of work items split across the indexes. */
export const BATCH_TOTAL_ITEMS = 'BATCH_TOTAL_ITEMS';

/** The number of pods (nodes) of a distributed training Job. */
export const NNODES = 'NNODES';
/** Worker processes per pod (torchrun's --nproc-per-node). */
export const NPROC_PER_NODE = 'NPROC_PER_NODE';
/** The leader's address: the hostname of index 0 under the Job's headless Service. */
export const MASTER_ADDR = 'MASTER_ADDR';
/** The port the leader listens on for the rendezvous. */
export const MASTER_PORT = 'MASTER_PORT';

/** Where a mounted checkpoint volume is (IndexedIngestJob's `checkpoints` prop sets it). */
export const CHECKPOINT_DIR = 'CHECKPOINT_DIR';

/** The env the runtime reads: `process.env` or any record of the same shape. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A broken env contract: names the variable, the value and who is meant to set it. */
export class ContractError extends Error {
  public constructor(
    public readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

const SETTERS: Record<string, string> = {
  [JOB_COMPLETION_INDEX]:
    'Kubernetes sets it in pods of an Indexed Job (completionMode: Indexed); the IndexedJob and IndexedIngestJob constructs also inject it from the batch.kubernetes.io/job-completion-index annotation',
  [JOB_COMPLETIONS]:
    "the IndexedJob and IndexedIngestJob constructs set it to the Job's completions",
  [BATCH_TOTAL_ITEMS]:
    'IndexedIngestJob sets it from totalItems, and IndexedJob when its totalItems prop is set',
  [NNODES]: 'DistributedTrainingJob sets it to its nodes',
  [NPROC_PER_NODE]: 'DistributedTrainingJob sets it to its procsPerNode',
  [MASTER_ADDR]: 'DistributedTrainingJob sets it to the hostname of index 0 under its Service',
  [MASTER_PORT]: 'DistributedTrainingJob sets it to its masterPort',
};

/** Who is meant to set a variable of the contract. */
export function setterOf(variable: string): string {
  return Object.prototype.hasOwnProperty.call(SETTERS, variable)
    ? SETTERS[variable]
    : 'the construct that declares this workload sets it';
}

/** Reads a non-negative decimal integer from the env, or throws a ContractError. */
export function readCount(env: Env, variable: string): number {
  const raw = env[variable];
  const setter = setterOf(variable);
  if (raw === undefined || raw === '') {
    throw new ContractError(
      variable,
      `${variable} is ${raw === undefined ? 'not set' : 'empty'}: ${setter}`,
    );
  }
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new ContractError(
      variable,
      `${variable}=${JSON.stringify(raw)} is not a non-negative integer: ${setter}`,
    );
  }
  return Number(raw);
}
