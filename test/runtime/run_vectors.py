"""Runs the shared runtime test vectors (JSON on stdin) against the installed Python twin."""

import json
import sys

import cdk8s_batch_runtime as rt

CALLS = {
    "shard": lambda a: rt.shard(a["total"], a["count"], a["index"])._asdict(),
    "stridedShard": lambda a: rt.strided_shard(a["total"], a["count"], a["index"])._asdict(),
    "completionIndex": lambda a: rt.completion_index(a["env"]),
    "currentShard": lambda a: rt.current_shard(a["env"])._asdict(),
    "mergeRanges": lambda a: rt.merge_ranges(a["ranges"]),
    "distributedEnv": lambda a: _camel(rt.distributed_env(a["env"])._asdict()),
}


def _camel(record):
    """snake_case fields as the TypeScript twin names them (procs_per_node: procsPerNode)."""
    return {k.split("_")[0] + "".join(w.title() for w in k.split("_")[1:]): v for k, v in record.items()}


def run(vector):
    try:
        return {"ok": CALLS[vector["fn"]](vector["args"])}
    except ValueError as e:
        return {"error": {"message": str(e), "variable": getattr(e, "variable", None)}}


print(json.dumps([run(v) for v in json.load(sys.stdin)], ensure_ascii=False))
