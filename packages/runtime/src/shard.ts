/** A contiguous slice of the items: `start` inclusive, `end` exclusive. */
export interface Shard {
  /** The shard (the pod's completion index). */
  readonly index: number;
  /** The first item. */
  readonly start: number;
  /** One past the last item. */
  readonly end: number;
}

/** An interleaved slice: items `start`, `start + step`, ... below `end`; `size` of them. */
export interface StridedShard extends Shard {
  /** The distance between items (the number of shards). */
  readonly step: number;
  /** How many items the shard has. */
  readonly size: number;
}

/** Which slice of `total` items shard `index` of `count` gets. */
export interface ShardRequest {
  /** The number of items, 0 or more. */
  readonly total: number;
  /** The number of shards (a Job's completions), 1 or more. */
  readonly count: number;
  /** This shard, 0..count-1 (a pod's completion index). */
  readonly index: number;
}

function checkRequest({ total, count, index }: ShardRequest): void {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`total must be a non-negative integer, got ${String(total)}`);
  }
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`count must be a positive integer, got ${String(count)}`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`index must be an integer in 0..${count - 1}, got ${String(index)}`);
  }
}

/**
 * Contiguous, balanced shards: disjoint, covering 0..total exactly, sizes differing by at
 * most one (the first `total % count` shards get one more). O(1).
 */
export function shard(request: ShardRequest): Shard {
  checkRequest(request);
  const { total, count, index } = request;
  const base = Math.floor(total / count);
  const extra = total % count;
  const start = index * base + Math.min(index, extra);
  return { index, start, end: start + base + (index < extra ? 1 : 0) };
}

/** Interleaved shards: shard i gets items i, i + count, i + 2 * count, ... O(1). */
export function stridedShard(request: ShardRequest): StridedShard {
  checkRequest(request);
  const { total, count, index } = request;
  const start = Math.min(index, total);
  const size = index < total ? Math.floor((total - index - 1) / count) + 1 : 0;
  return { index, start, end: total, step: count, size };
}

/** The items of a shard, in order, one at a time (nothing is allocated per item). */
export function* shardItems(s: Shard | StridedShard): Generator<number, void, undefined> {
  const step = 'step' in s ? s.step : 1;
  for (let item = s.start; item < s.end; item += step) yield item;
}
