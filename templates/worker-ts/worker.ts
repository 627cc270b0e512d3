// A minimal indexed worker: reads its shard from the env the IndexedJob / IndexedIngestJob
// constructs inject, processes it with checkpoints, and exits with the codes the presets'
// pod failure policies expect. Replace processItem with the real work.
import {
  Checkpoint,
  ContractError,
  ExitCode,
  FileCheckpointStore,
  currentShard,
} from 'cdk8s-batch-runtime';

/** An error in an item's data that no retry can fix: fails this index at once. */
class PermanentItemError extends Error {}

async function processItem(item: number): Promise<void> {
  // Demo only: DEMO_FAIL_ITEM=<n> makes item n fail permanently.
  if (process.env.DEMO_FAIL_ITEM === String(item)) {
    throw new PermanentItemError(`item ${item} is malformed`);
  }
  console.log(`processed item ${item}`);
}

async function main(): Promise<number> {
  let shard;
  try {
    shard = currentShard();
  } catch (e) {
    if (!(e instanceof ContractError)) throw e;
    console.error(e.message);
    return ExitCode.FAIL_JOB; // a misconfigured Job: retrying cannot help
  }
  // Mount a volume and set CHECKPOINT_DIR so that progress survives a pod's replacement.
  const store = new FileCheckpointStore(process.env.CHECKPOINT_DIR ?? '/tmp/checkpoints');
  const checkpoint = await Checkpoint.open(store, shard.index);
  for (const item of checkpoint.pending(shard)) {
    await processItem(item);
    await checkpoint.markDone(item);
  }
  console.log(`index ${shard.index} done: items ${shard.start}..${shard.end - 1}`);
  return ExitCode.SUCCESS;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(e instanceof PermanentItemError ? ExitCode.FAIL_INDEX : ExitCode.RETRY);
  },
);
