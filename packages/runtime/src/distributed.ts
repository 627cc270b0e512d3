import {
  ContractError,
  Env,
  JOB_COMPLETION_INDEX,
  MASTER_ADDR,
  MASTER_PORT,
  NNODES,
  NPROC_PER_NODE,
  readCount,
  setterOf,
} from './contract';

/** Where this pod stands in a multi-node training run. */
export interface DistributedEnv {
  /** This pod's node rank, 0 for the leader (the completion index). */
  readonly rank: number;
  /** The number of pods. */
  readonly nodes: number;
  /** Worker processes per pod. */
  readonly procsPerNode: number;
  /** The leader's hostname, reachable from every pod of the Job. */
  readonly masterAddr: string;
  /** The leader's rendezvous port. */
  readonly masterPort: number;
}

/** A hostname: DNS labels of letters, digits and '-', separated by dots. */
const HOSTNAME =
  /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$/;

/**
 * This pod's place in a DistributedTrainingJob, from the env contract it injects:
 * JOB_COMPLETION_INDEX, NNODES, NPROC_PER_NODE, MASTER_ADDR and MASTER_PORT. Throws a
 * ContractError naming what is missing or wrong.
 */
export function distributedEnv(env: Env = process.env): DistributedEnv {
  const rank = readCount(env, JOB_COMPLETION_INDEX);
  const nodes = readCount(env, NNODES);
  const procsPerNode = readCount(env, NPROC_PER_NODE);
  const masterPort = readCount(env, MASTER_PORT);
  const masterAddr = env[MASTER_ADDR];
  if (nodes < 1) {
    throw new ContractError(NNODES, `${NNODES}="0" must be at least 1: ${setterOf(NNODES)}`);
  }
  if (procsPerNode < 1) {
    throw new ContractError(
      NPROC_PER_NODE,
      `${NPROC_PER_NODE}="0" must be at least 1: ${setterOf(NPROC_PER_NODE)}`,
    );
  }
  if (rank >= nodes) {
    throw new ContractError(
      JOB_COMPLETION_INDEX,
      `${JOB_COMPLETION_INDEX}="${rank}" is not below ${NNODES}="${nodes}": the env does not come from one Job; set both from the same construct`,
    );
  }
  if (masterPort < 1 || masterPort > 65535) {
    throw new ContractError(
      MASTER_PORT,
      `${MASTER_PORT}="${masterPort}" is not a port (1-65535): ${setterOf(MASTER_PORT)}`,
    );
  }
  if (masterAddr === undefined || masterAddr === '') {
    throw new ContractError(
      MASTER_ADDR,
      `${MASTER_ADDR} is ${masterAddr === undefined ? 'not set' : 'empty'}: ${setterOf(MASTER_ADDR)}`,
    );
  }
  if (masterAddr.length > 253 || !HOSTNAME.test(masterAddr)) {
    throw new ContractError(
      MASTER_ADDR,
      `${MASTER_ADDR}=${JSON.stringify(masterAddr)} is not a hostname: ${setterOf(MASTER_ADDR)}`,
    );
  }
  return { rank, nodes, procsPerNode, masterAddr, masterPort };
}
