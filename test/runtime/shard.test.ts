import fc from 'fast-check';
import { shard, shardItems, stridedShard } from '../../src/runtime';

const request = fc
  .record({
    total: fc.integer({ min: 0, max: 10_000_000 }),
    count: fc.integer({ min: 1, max: 100_000 }),
  })
  .filter(({ total, count }) => total + count > 0);

describe('shard', () => {
  test('contiguous shards are disjoint, complete and balanced', () => {
    fc.assert(
      fc.property(request, ({ total, count }) => {
        let next = 0;
        let min = Infinity;
        let max = -Infinity;
        for (let index = 0; index < count; index++) {
          const s = shard({ total, count, index });
          if (s.index !== index || s.start !== next) return false; // a gap or an overlap
          const size = s.end - s.start;
          min = Math.min(min, size);
          max = Math.max(max, size);
          next = s.end;
        }
        return next === total && max - min <= 1;
      }),
      { numRuns: 60 },
    );
  });

  test('strided shards are disjoint, complete and balanced', () => {
    fc.assert(
      fc.property(request, ({ total, count }) => {
        let sum = 0;
        let min = Infinity;
        let max = -Infinity;
        for (let index = 0; index < count; index++) {
          const s = stridedShard({ total, count, index });
          if (s.step !== count || s.end !== total) return false;
          if (s.size > 0 && (s.start !== index || s.start + (s.size - 1) * count >= total)) {
            return false;
          }
          if (s.size > 0 && s.start + s.size * count < total) return false; // an item left out
          sum += s.size;
          min = Math.min(min, s.size);
          max = Math.max(max, s.size);
        }
        return sum === total && max - min <= 1;
      }),
      { numRuns: 60 },
    );
  });

  test('shardItems walks exactly the items, for both kinds, on small cases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (total, count) => {
          for (const kind of [shard, stridedShard]) {
            const seen: number[] = [];
            for (let index = 0; index < count; index++) {
              seen.push(...shardItems(kind({ total, count, index })));
            }
            expect(seen.sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
          }
        },
      ),
    );
  });

  test('O(1): the largest total is computed at once, so nothing is allocated per item', () => {
    const total = Number.MAX_SAFE_INTEGER;
    const started = process.hrtime.bigint();
    const heapBefore = process.memoryUsage().heapUsed;
    let last = shard({ total, count: 100_000, index: 0 });
    for (let index = 1; index < 100_000; index++) last = shard({ total, count: 100_000, index });
    const strided = stridedShard({ total, count: 3, index: 2 });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(last.end).toBe(total);
    expect(strided.size).toBe(Math.floor((total - 3) / 3) + 1);
    expect(elapsedMs).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
});
