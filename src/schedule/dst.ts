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

/** No zone has changed its offset twice within a week (dst.test.ts checks every zone). */
const WEEK = 7 * DAY;

/** The DST changes of `zone` in `year`, found from the zone's offsets (empty without DST). */
export function dstChanges(zone: string, year: number): DstChange[] {
  const key = `${zone} ${year}`;
  const cached = changes.get(key);
  if (cached) return cached;
  const found: DstChange[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let offset = offsetAt(Date.UTC(year, 0, 1), zone);
  // A week at a time, then day by day only in a week whose offset changed.
  for (let week = Date.UTC(year, 0, 1); week < end; week += WEEK) {
    const weekEnd = Math.min(week + WEEK, end);
    const atWeekEnd = offsetAt(weekEnd, zone);
    if (atWeekEnd === offset) continue;
    for (let day = week; day < weekEnd; day += DAY) {
      const after = offsetAt(Math.min(day + DAY, weekEnd), zone);
      if (after !== offset) found.push(changeIn(zone, day, offset, after));
      offset = after;
    }
  }
  changes.set(key, found);
  return found;
}

/** The change from offset `before` to `after` within the day from `day`, to the minute. */
function changeIn(zone: string, day: number, before: number, after: number): DstChange {
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
  return {
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    kind: shift > 0 ? 'skipped' : 'repeated',
    fromMinute: shift > 0 ? localBefore : localBefore + shift,
    toMinute: shift > 0 ? localBefore + shift : localBefore,
  };
}

/**
 * The answers of dstSurprises by parsed schedule (parseSchedule hands out one object per
 * schedule), then zone and day: a chart repeats a few schedules in a few zones.
 */
const surprises = new WeakMap<CronSchedule, Map<string, DstChange[]>>();

/** The last day asked for, as `Date.prototype.toISOString` writes it: rules ask with Date.now(). */
let lastDay = { day: NaN, iso: '' };

function isoDay(epochMs: number): string {
  const day = Math.floor(epochMs / DAY);
  if (day !== lastDay.day) lastDay = { day, iso: new Date(epochMs).toISOString().slice(0, 10) };
  return lastDay.iso;
}

/**
 * The DST changes of `zone` in the year after `from` (epoch ms) on which the schedule has a run
 * that is skipped or repeated, soonest first; changes already past are not named.
 */
export function dstSurprises(
  schedule: CronSchedule,
  zone: string,
  from: number,
): readonly DstChange[] {
  const today = isoDay(from);
  let byZone = surprises.get(schedule);
  if (!byZone) surprises.set(schedule, (byZone = new Map()));
  const key = `${zone} ${today}`;
  let found = byZone.get(key);
  if (!found) byZone.set(key, (found = surprisesFrom(schedule, zone, from, today)));
  return found;
}

function surprisesFrom(
  schedule: CronSchedule,
  zone: string,
  from: number,
  today: string,
): DstChange[] {
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
