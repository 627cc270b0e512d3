import { ItemRange, mergeRanges, rangesContain } from './item-ranges';
import { Shard, StridedShard, shardItems } from './shard';

/**
 * Where checkpoints live: one record per completion index. Implement it for another store
 * (a database, object storage); FileCheckpointStore is the one for a mounted volume.
 */
export interface CheckpointStore {
  /** The items recorded as done for `index`; empty when nothing is recorded. */
  load(index: number): Promise<ItemRange[]>;
  /**
   * Adds `ranges` to what is recorded for `index`, atomically with respect to other
   * attempts of the same index, and returns everything now recorded.
   */
  add(index: number, ranges: readonly ItemRange[]): Promise<ItemRange[]>;
}

/**
 * Progress of one index, so a retried pod skips the items an earlier attempt finished.
 *
 * @example
 * const cp = await Checkpoint.open(new FileCheckpointStore('/checkpoints'), s.index);
 * for (const item of cp.pending(s)) { await work(item); await cp.markDone(item); }
 */
export class Checkpoint {
  /** Loads the recorded progress of `index` from `store`. */
  public static async open(store: CheckpointStore, index: number): Promise<Checkpoint> {
    return new Checkpoint(store, index, await store.load(index));
  }

  private constructor(
    private readonly store: CheckpointStore,
    public readonly index: number,
    private done: ItemRange[],
  ) {}

  /** Whether `item` is recorded as done (by this or any earlier attempt). */
  public isDone(item: number): boolean {
    return rangesContain(this.done, item);
  }

  /** The shard's items that are not yet done, in order. */
  public *pending(s: Shard | StridedShard): Generator<number, void, undefined> {
    for (const item of shardItems(s)) if (!this.isDone(item)) yield item;
  }

  /** Records `item` as done, durably, before returning. */
  public async markDone(item: number): Promise<void> {
    await this.markRangeDone(item, item + 1);
  }

  /** Records items `start` (inclusive) to `end` (exclusive) as done, durably. */
  public async markRangeDone(start: number, end: number): Promise<void> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new RangeError(`cannot mark [${start}, ${end}) done: not a range of item numbers`);
    }
    const saved = await this.store.add(this.index, [[start, end]]);
    this.done = mergeRanges([...saved, ...this.done, [start, end]]);
  }

  /** The recorded ranges, merged and ascending. */
  public get doneRanges(): readonly ItemRange[] {
    return this.done;
  }
}
