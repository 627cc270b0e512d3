import {
  BATCH_TOTAL_ITEMS,
  ContractError,
  Env,
  JOB_COMPLETIONS,
  JOB_COMPLETION_INDEX,
  readCount,
} from './contract';
import { Shard, ShardRequest, shard } from './shard';

/**
 * The shard request of this pod from the injected contract: JOB_COMPLETION_INDEX,
 * JOB_COMPLETIONS and BATCH_TOTAL_ITEMS. Throws a ContractError naming what is missing.
 */
export function readContract(env: Env = process.env): ShardRequest {
  const index = readCount(env, JOB_COMPLETION_INDEX);
  const count = readCount(env, JOB_COMPLETIONS);
  const total = readCount(env, BATCH_TOTAL_ITEMS);
  if (count < 1) {
    throw new ContractError(
      JOB_COMPLETIONS,
      `${JOB_COMPLETIONS}="0" must be at least 1: it is the Job's completions`,
    );
  }
  if (index >= count) {
    throw new ContractError(
      JOB_COMPLETION_INDEX,
      `${JOB_COMPLETION_INDEX}="${index}" is not below ${JOB_COMPLETIONS}="${count}": the env does not come from one Job; set both from the same construct`,
    );
  }
  return { total, count, index };
}

/** This pod's contiguous shard of the items, from the contract the constructs inject. */
export function currentShard(env: Env = process.env): Shard {
  return shard(readContract(env));
}
