/** Half-open ranges of item numbers, `[start, end)`. */
export type ItemRange = readonly [start: number, end: number];

/** Sorts and merges ranges: the result is disjoint, non-adjacent and ascending. */
export function mergeRanges(ranges: readonly ItemRange[]): ItemRange[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Whether `item` lies in one of the merged, ascending ranges (binary search). */
export function rangesContain(ranges: readonly ItemRange[], item: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid];
    if (item < s) hi = mid - 1;
    else if (item >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Checks the shape of ranges read from storage; returns a message or undefined. */
export function rangesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'done is not a list';
  for (const r of value) {
    if (
      !Array.isArray(r) ||
      r.length !== 2 ||
      !r.every((n) => Number.isSafeInteger(n) && n >= 0) ||
      r[1] < r[0]
    ) {
      return `${JSON.stringify(r)} is not a [start, end) pair of item numbers`;
    }
  }
  return undefined;
}
