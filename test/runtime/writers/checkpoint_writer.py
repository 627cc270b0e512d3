"""The Python twin of checkpoint-writer.ts: <dir> <index> <first> <end> [crash-at-item]."""

import os
import sys

import cdk8s_batch_runtime as rt

directory, index, first, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
crash_at = int(sys.argv[5]) if len(sys.argv) > 5 else None
checkpoint = rt.Checkpoint.open(rt.FileCheckpointStore(directory), index)
for item in range(first, end):
    if item == crash_at:
        os.replace = lambda *_: os._exit(137)
    checkpoint.mark_done(item)
