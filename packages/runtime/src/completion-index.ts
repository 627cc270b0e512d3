import { Env, JOB_COMPLETION_INDEX, readCount } from './contract';

/**
 * The pod's index in an Indexed Job, from JOB_COMPLETION_INDEX.
 * Throws a ContractError naming the variable when it is missing, empty, negative or not an integer.
 */
export function completionIndex(env: Env = process.env): number {
  return readCount(env, JOB_COMPLETION_INDEX);
}
