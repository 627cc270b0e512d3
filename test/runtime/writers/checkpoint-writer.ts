// Marks items done one by one in a FileCheckpointStore, as a worker attempt would.
// Usage: checkpoint-writer.ts <dir> <index> <first> <end> [crash-at-item]
// With crash-at-item, the process dies (exit 137) between writing that item's temp file
// and renaming it over the checkpoint, as a pod killed at that instant would.
import { promises as fsp } from 'fs';
import { Checkpoint, FileCheckpointStore } from '../../../src/runtime';

async function main(): Promise<void> {
  const [dir, index, first, end, crashAt] = process.argv.slice(2);
  const checkpoint = await Checkpoint.open(new FileCheckpointStore(dir), Number(index));
  for (let item = Number(first); item < Number(end); item++) {
    if (crashAt !== undefined && item === Number(crashAt)) {
      fsp.rename = () => process.exit(137);
    }
    await checkpoint.markDone(item);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
