"""cdk8s-batch runtime for Python workers: the twin of `cdk8s-batch/runtime`.

One file, standard library only. Copy it next to your worker. Every function gives the
same result as its TypeScript twin; shared test vectors prove it.

    from cdk8s_batch_runtime import current_shard
    s = current_shard()            # reads JOB_COMPLETION_INDEX, JOB_COMPLETIONS, BATCH_TOTAL_ITEMS
    for item in range(s.start, s.end): ...
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import string
import time
from typing import Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX"
JOB_COMPLETIONS = "JOB_COMPLETIONS"
BATCH_TOTAL_ITEMS = "BATCH_TOTAL_ITEMS"
CHECKPOINT_DIR = "CHECKPOINT_DIR"  # where a mounted checkpoint volume is
NNODES = "NNODES"  # the number of pods of a distributed training Job
NPROC_PER_NODE = "NPROC_PER_NODE"  # worker processes per pod
MASTER_ADDR = "MASTER_ADDR"  # the hostname of index 0 under the Job's headless Service
MASTER_PORT = "MASTER_PORT"  # the leader's rendezvous port

# Exit codes the presets' pod failure policies match.
EXIT_SUCCESS = 0
EXIT_RETRY = 1  # transient: the pod is retried (counts towards backoffLimit / backoffLimitPerIndex)
EXIT_FAIL_INDEX = 42  # permanent for this index: FailIndex, no retries
EXIT_FAIL_JOB = 43  # permanent for the whole Job: FailJob

_SETTERS = {
    JOB_COMPLETION_INDEX: "Kubernetes sets it in pods of an Indexed Job (completionMode: Indexed); "
    "the IndexedJob and IndexedIngestJob constructs also inject it from the "
    "batch.kubernetes.io/job-completion-index annotation",
    JOB_COMPLETIONS: "the IndexedJob and IndexedIngestJob constructs set it to the Job's completions",
    BATCH_TOTAL_ITEMS: "IndexedIngestJob sets it from totalItems, and IndexedJob when its "
    "totalItems prop is set",
    NNODES: "DistributedTrainingJob sets it to its nodes",
    NPROC_PER_NODE: "DistributedTrainingJob sets it to its procsPerNode",
    MASTER_ADDR: "DistributedTrainingJob sets it to the hostname of index 0 under its Service",
    MASTER_PORT: "DistributedTrainingJob sets it to its masterPort",
}

_MAX_SAFE_INTEGER = 2**53 - 1
_DIGITS = re.compile(r"[0-9]+")


class ContractError(ValueError):
    """A broken env contract: names the variable, the value and who is meant to set it."""

    def __init__(self, variable: str, message: str) -> None:
        super().__init__(message)
        self.variable = variable


class Shard(NamedTuple):
    """A contiguous slice of the items: start inclusive, end exclusive."""

    index: int
    start: int
    end: int


class StridedShard(NamedTuple):
    """An interleaved slice: items start, start + step, ... below end; size of them."""

    index: int
    start: int
    end: int
    step: int
    size: int


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def read_count(env: Mapping[str, str], variable: str) -> int:
    """Reads a non-negative decimal integer from the env, or raises ContractError."""
    raw = env.get(variable)
    setter = _setter(variable)
    if raw is None or raw == "":
        state = "not set" if raw is None else "empty"
        raise ContractError(variable, f"{variable} is {state}: {setter}")
    if not _DIGITS.fullmatch(raw) or int(raw) > _MAX_SAFE_INTEGER:
        raise ContractError(variable, f"{variable}={_json(raw)} is not a non-negative integer: {setter}")
    return int(raw)


def completion_index(env: Optional[Mapping[str, str]] = None) -> int:
    """The pod's index in an Indexed Job, from JOB_COMPLETION_INDEX."""
    return read_count(os.environ if env is None else env, JOB_COMPLETION_INDEX)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _MAX_SAFE_INTEGER


def _show(value: object) -> str:
    return str(value) if _is_int(value) else repr(value)


def _check_request(total: int, count: int, index: int) -> None:
    if not _is_int(total) or total < 0:
        raise ValueError(f"total must be a non-negative integer, got {_show(total)}")
    if not _is_int(count) or count < 1:
        raise ValueError(f"count must be a positive integer, got {_show(count)}")
    if not _is_int(index) or index < 0 or index >= count:
        raise ValueError(f"index must be an integer in 0..{count - 1}, got {_show(index)}")


def shard(total: int, count: int, index: int) -> Shard:
    """Contiguous, balanced shards: disjoint, covering 0..total, sizes differing by at most one."""
    _check_request(total, count, index)
    base, extra = divmod(total, count)
    start = index * base + min(index, extra)
    return Shard(index, start, start + base + (1 if index < extra else 0))


def strided_shard(total: int, count: int, index: int) -> StridedShard:
    """Interleaved shards: shard i gets items i, i + count, i + 2 * count, ..."""
    _check_request(total, count, index)
    start = min(index, total)
    size = (total - index - 1) // count + 1 if index < total else 0
    return StridedShard(index, start, total, count, size)


def shard_items(s: Union[Shard, StridedShard]) -> range:
    """The items of a shard, in order, as a range (nothing is allocated per item)."""
    step = s.step if isinstance(s, StridedShard) else 1
    return range(s.start, s.end, step)


def read_contract(env: Optional[Mapping[str, str]] = None) -> Tuple[int, int, int]:
    """(total, count, index) of this pod from the injected contract."""
    env = os.environ if env is None else env
    index = read_count(env, JOB_COMPLETION_INDEX)
    count = read_count(env, JOB_COMPLETIONS)
    total = read_count(env, BATCH_TOTAL_ITEMS)
    if count < 1:
        raise ContractError(
            JOB_COMPLETIONS, f'{JOB_COMPLETIONS}="0" must be at least 1: it is the Job\'s completions'
        )
    if index >= count:
        raise ContractError(
            JOB_COMPLETION_INDEX,
            f'{JOB_COMPLETION_INDEX}="{index}" is not below {JOB_COMPLETIONS}="{count}": the env '
            "does not come from one Job; set both from the same construct",
        )
    return total, count, index


def current_shard(env: Optional[Mapping[str, str]] = None) -> Shard:
    """This pod's contiguous shard of the items, from the contract the constructs inject."""
    total, count, index = read_contract(env)
    return shard(total, count, index)


class DistributedEnv(NamedTuple):
    """Where this pod stands in a multi-node training run."""

    rank: int  # this pod's node rank, 0 for the leader (the completion index)
    nodes: int
    procs_per_node: int
    master_addr: str
    master_port: int


_HOSTNAME = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*")


def _setter(variable: str) -> str:
    return _SETTERS.get(variable, "the construct that declares this workload sets it")


def distributed_env(env: Optional[Mapping[str, str]] = None) -> DistributedEnv:
    """This pod's place in a DistributedTrainingJob, from the env contract it injects."""
    env = os.environ if env is None else env
    rank = read_count(env, JOB_COMPLETION_INDEX)
    nodes = read_count(env, NNODES)
    procs = read_count(env, NPROC_PER_NODE)
    port = read_count(env, MASTER_PORT)
    addr = env.get(MASTER_ADDR)
    if nodes < 1:
        raise ContractError(NNODES, f'{NNODES}="0" must be at least 1: {_setter(NNODES)}')
    if procs < 1:
        raise ContractError(NPROC_PER_NODE, f'{NPROC_PER_NODE}="0" must be at least 1: {_setter(NPROC_PER_NODE)}')
    if rank >= nodes:
        raise ContractError(
            JOB_COMPLETION_INDEX,
            f'{JOB_COMPLETION_INDEX}="{rank}" is not below {NNODES}="{nodes}": the env does not come '
            "from one Job; set both from the same construct",
        )
    if port < 1 or port > 65535:
        raise ContractError(MASTER_PORT, f'{MASTER_PORT}="{port}" is not a port (1-65535): {_setter(MASTER_PORT)}')
    if addr is None or addr == "":
        state = "not set" if addr is None else "empty"
        raise ContractError(MASTER_ADDR, f"{MASTER_ADDR} is {state}: {_setter(MASTER_ADDR)}")
    if len(addr) > 253 or not _HOSTNAME.fullmatch(addr):
        raise ContractError(MASTER_ADDR, f"{MASTER_ADDR}={_json(addr)} is not a hostname: {_setter(MASTER_ADDR)}")
    return DistributedEnv(rank, nodes, procs, addr, port)


ItemRange = Tuple[int, int]


def merge_ranges(ranges: Sequence[Sequence[int]]) -> List[List[int]]:
    """Sorts and merges half-open ranges: disjoint, non-adjacent, ascending."""
    merged: List[List[int]] = []
    for s, e in sorted((r[0], r[1]) for r in ranges if r[1] > r[0]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return merged


def _ranges_contain(ranges: Sequence[Sequence[int]], item: int) -> bool:
    lo, hi = 0, len(ranges) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = ranges[mid]
        if item < s:
            hi = mid - 1
        elif item >= e:
            lo = mid + 1
        else:
            return True
    return False


def _ranges_problem(value: object) -> Optional[str]:
    if not isinstance(value, list):
        return "done is not a list"
    for r in value:
        if (
            not isinstance(r, list)
            or len(r) != 2
            or not all(_is_int(n) and n >= 0 for n in r)
            or r[1] < r[0]
        ):
            return f"{json.dumps(r)} is not a [start, end) pair of item numbers"
    return None


def _suffix() -> str:
    return "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(8))


class FileCheckpointStore:
    """Checkpoints as files on a mounted volume, `<dir>/index-<N>.json`: the same files,
    lock protocol and atomic rename as the TypeScript FileCheckpointStore."""

    FORMAT_VERSION = 1

    def __init__(self, directory: str, stale_lock_ms: int = 60_000, lock_timeout_ms: int = 120_000):
        self.dir = directory
        self.stale_lock_ms = stale_lock_ms
        self.lock_timeout_ms = lock_timeout_ms

    def file_of(self, index: int) -> str:
        if not _is_int(index) or index < 0:
            raise ValueError(f"index must be a non-negative integer, got {_show(index)}")
        return os.path.join(self.dir, f"index-{index}.json")

    def load(self, index: int) -> List[List[int]]:
        path = self.file_of(index)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return []
        try:
            data = json.loads(text)
        except ValueError:
            raise ValueError(f"{path} is not JSON: delete it to start index {index} over") from None
        version = data.get("version") if isinstance(data, dict) else None
        if version != self.FORMAT_VERSION:
            problem = f"version is {json.dumps(version)}, expected {self.FORMAT_VERSION}"
        else:
            problem = _ranges_problem(data.get("done"))
        if problem:
            raise ValueError(
                f"{path} is not a cdk8s-batch checkpoint ({problem}): delete it to start index {index} over"
            )
        return merge_ranges(data["done"])

    def add(self, index: int, ranges: Sequence[Sequence[int]]) -> List[List[int]]:
        path = self.file_of(index)
        try:
            os.mkdir(self.dir)
        except FileExistsError:
            pass
        token = self._lock(path + ".lock")
        try:
            done = merge_ranges(list(self.load(index)) + [list(r) for r in ranges])
            self._remove_stale_temp_files(f"index-{index}.json.")
            body = json.dumps({"version": self.FORMAT_VERSION, "index": index, "done": done}, separators=(",", ":"))
            self._write_atomically(path, body + "\n")
            return done
        finally:
            self._unlock(path + ".lock", token)

    def _write_atomically(self, path: str, text: str) -> None:
        temp = f"{path}.{os.getpid()}.{_suffix()}.tmp"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, path)
        except BaseException:
            try:
                os.remove(temp)
            except FileNotFoundError:
                pass
            raise

    def _lock(self, lock_file: str) -> str:
        token = f"{socket.gethostname()} {os.getpid()} {_suffix()}"
        deadline = time.time() + self.lock_timeout_ms / 1000
        while True:
            try:
                fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(token)
                return token
            except FileExistsError:
                pass
            self._break_if_stale(lock_file)
            if time.time() > deadline:
                raise TimeoutError(
                    f"timed out after {self.lock_timeout_ms} ms waiting for {lock_file}; "
                    "if no other attempt of this index runs, delete it"
                )
            time.sleep(0.005 + random.random() * 0.02)

    def _unlock(self, lock_file: str, token: str) -> None:
        try:
            with open(lock_file, encoding="utf-8") as f:
                holder = f.read()
        except FileNotFoundError:
            return
        if holder == token:
            try:
                os.remove(lock_file)
            except FileNotFoundError:
                pass

    def _break_if_stale(self, lock_file: str) -> None:
        try:
            age_ms = (time.time() - os.stat(lock_file).st_mtime) * 1000
        except FileNotFoundError:
            return
        if age_ms <= self.stale_lock_ms:
            return
        aside = f"{lock_file}.stale-{_suffix()}"
        try:
            os.rename(lock_file, aside)
        except FileNotFoundError:
            return
        try:
            os.remove(aside)
        except FileNotFoundError:
            pass

    def _remove_stale_temp_files(self, prefix: str) -> None:
        for name in os.listdir(self.dir):
            if not name.startswith(prefix) or not name.endswith(".tmp"):
                continue
            path = os.path.join(self.dir, name)
            try:
                if (time.time() - os.stat(path).st_mtime) * 1000 > self.stale_lock_ms:
                    os.remove(path)
            except FileNotFoundError:
                pass


class Checkpoint:
    """Progress of one index, so a retried pod skips the items an earlier attempt finished.

        cp = Checkpoint.open(FileCheckpointStore("/checkpoints"), s.index)
        for item in cp.pending(s):
            work(item)
            cp.mark_done(item)
    """

    def __init__(self, store: FileCheckpointStore, index: int, done: List[List[int]]):
        self._store = store
        self.index = index
        self._done = done

    @classmethod
    def open(cls, store: FileCheckpointStore, index: int) -> "Checkpoint":
        return cls(store, index, store.load(index))

    def is_done(self, item: int) -> bool:
        return _ranges_contain(self._done, item)

    def pending(self, s: Union[Shard, StridedShard]) -> Iterator[int]:
        return (item for item in shard_items(s) if not self.is_done(item))

    def mark_done(self, item: int) -> None:
        self.mark_range_done(item, item + 1)

    def mark_range_done(self, start: int, end: int) -> None:
        if not _is_int(start) or not _is_int(end) or start < 0 or end < start:
            raise ValueError(f"cannot mark [{start}, {end}) done: not a range of item numbers")
        saved = self._store.add(self.index, [[start, end]])
        self._done = merge_ranges(saved + self._done + [[start, end]])

    @property
    def done_ranges(self) -> List[List[int]]:
        return self._done
