import { CronSchedule } from './cron';
import { offsetAt, wallClock } from './zoned-time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A DST change in a zone: the local times it skips or repeats on one day. */
export interface DstChange {
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** `skipped` when clocks go forward, `repeated` when they go back. */
  readonly kind: 'skipped' | 'repeated';
  /** The first local minute of the day affected, and one past the last (minutes since midnight). */
  readonly fromMinute: number;
  readonly toMinute: number;
}

const changes = new Map<string, DstChange[]>();

/** The DST changes of `zone` in `year`, found from the zone's offsets (empty without DST). */
export function dstChanges(zone: string, year: number): DstChange[] {
  const key = `${zone} ${year}`;
  const cached = changes.get(key);
  if (cached) return cached;
  const found: DstChange[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  for (let day = Date.UTC(year, 0, 1); day < end; day += DAY) {
    const before = offsetAt(day, zone);
    const after = offsetAt(day + DAY, zone);
    if (before === after) continue;
    let lo = day;
    let hi = day + DAY; // the change happens in (lo, hi]
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    const w = wallClock(hi - 1, zone); // the last local minute before the change
    const localBefore = w.hour * 60 + w.minute + 1;
    const shift = (after - before) / 60_000;
    const pad = (n: number) => String(n).padStart(2, '0');
    found.push({
      date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
      kind: shift > 0 ? 'skipped' : 'repeated',
      fromMinute: shift > 0 ? localBefore : localBefore + shift,
      toMinute: shift > 0 ? localBefore + shift : localBefore,
    });
  }
  changes.set(key, found);
  return found;
}

/**
 * The DST changes of `zone` in the year after `from` (epoch ms) on which the schedule has a run
 * that is skipped or repeated, soonest first; changes already past are not named.
 */
export function dstSurprises(schedule: CronSchedule, zone: string, from: number): DstChange[] {
  const today = new Date(from).toISOString().slice(0, 10);
  const yearAhead = new Date(from + 365 * DAY).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  return [...dstChanges(zone, year), ...dstChanges(zone, year + 1)].filter((change) => {
    if (change.date < today || change.date > yearAhead) return false;
    for (let m = change.fromMinute; m < change.toMinute; m++) {
      const hour = Math.floor(m / 60) % 24;
      const minute = m % 60;
      if ((schedule.hour.bits & (1n << BigInt(hour))) === 0n) continue;
      if ((schedule.minute.bits & (1n << BigInt(minute))) !== 0n) return true;
    }
    return false;
  });
}
