"""A multi-node training entry point for a cdk8s-batch DistributedTrainingJob.

The construct runs `torchrun train.py` in every pod; torchrun reads its rendezvous from the
PET_* variables the construct injects (nodes, processes per node, node rank, leader address
and port) and starts one process per GPU with RANK, LOCAL_RANK and WORLD_SIZE set. This file
checks the contract first, so a misconfigured Job fails at once with a clear message instead
of hanging in the rendezvous. Replace train() with the real loop.

    python train.py --contract   # print this pod's place in the run (no torch needed)
"""

import json
import os
import sys

from cdk8s_batch_runtime import EXIT_FAIL_JOB, ContractError, distributed_env


def train() -> None:
    import torch  # noqa: PLC0415 - only the training processes need it
    import torch.distributed as dist  # noqa: PLC0415

    backend = "nccl" if torch.cuda.is_available() else "gloo"
    dist.init_process_group(backend)  # env://: MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE
    if torch.cuda.is_available():
        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
    print(f"rank {dist.get_rank()} of {dist.get_world_size()} ready", flush=True)
    dist.barrier()
    dist.destroy_process_group()


def main(argv: list) -> int:
    try:
        env = distributed_env()
    except ContractError as e:
        print(e, file=sys.stderr)
        return EXIT_FAIL_JOB  # a misconfigured Job: retrying cannot help
    if "--contract" in argv:
        print(json.dumps(env._asdict()), flush=True)
        return 0
    train()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
