"""A minimal indexed worker: reads its shard from the env the IndexedJob / IndexedIngestJob
constructs inject, processes it with checkpoints, and exits with the codes the presets' pod
failure policies expect. Replace process_item with the real work."""

import os
import sys

from cdk8s_batch_runtime import (
    EXIT_FAIL_INDEX,
    EXIT_FAIL_JOB,
    EXIT_RETRY,
    EXIT_SUCCESS,
    Checkpoint,
    ContractError,
    FileCheckpointStore,
    current_shard,
)


class PermanentItemError(Exception):
    """An error in an item's data that no retry can fix: fails this index at once."""


def process_item(item: int) -> None:
    # Demo only: DEMO_FAIL_ITEM=<n> makes item n fail permanently.
    if os.environ.get("DEMO_FAIL_ITEM") == str(item):
        raise PermanentItemError(f"item {item} is malformed")
    print(f"processed item {item}", flush=True)


def main() -> int:
    try:
        shard = current_shard()
    except ContractError as e:
        print(e, file=sys.stderr)
        return EXIT_FAIL_JOB  # a misconfigured Job: retrying cannot help
    # Mount a volume and set CHECKPOINT_DIR so that progress survives a pod's replacement.
    store = FileCheckpointStore(os.environ.get("CHECKPOINT_DIR", "/tmp/checkpoints"))
    checkpoint = Checkpoint.open(store, shard.index)
    for item in checkpoint.pending(shard):
        process_item(item)
        checkpoint.mark_done(item)
    print(f"index {shard.index} done: items {shard.start}..{shard.end - 1}", flush=True)
    return EXIT_SUCCESS


if __name__ == "__main__":
    try:
        sys.exit(main())
    except PermanentItemError as e:
        print(e, file=sys.stderr)
        sys.exit(EXIT_FAIL_INDEX)
    except Exception as e:  # transient by default: the pod is retried
        print(e, file=sys.stderr)
        sys.exit(EXIT_RETRY)
