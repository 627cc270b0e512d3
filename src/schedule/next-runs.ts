import { CronField, CronSchedule, ParsedSchedule, parseSchedule } from './cron';
import { WallClock, dateIn, wallClock } from './zoned-time';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function has(field: CronField, value: number): boolean {
  return (field.bits & (1n << BigInt(value))) !== 0n;
}

/** The first value >= `from` whose bit is set, or `limit` when none is below it. */
function nextSet(field: CronField, from: number, limit: number): number {
  for (let v = from; v < limit; v++) if (has(field, v)) return v;
  return limit;
}

/** The zone's offset at `t`, from its wall clock `w` (no second Intl call). */
function offsetOf(w: WallClock, t: number): number {
  return (
    Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) -
    (t - (((t % SECOND) + SECOND) % SECOND))
  );
}

function dayMatches(s: CronSchedule, t: WallClock): boolean {
  const dom = has(s.dayOfMonth, t.day);
  const dow = has(s.dayOfWeek, t.weekday);
  return s.dayOfMonth.star || s.dayOfWeek.star ? dom && dow : dom || dow;
}

/**
 * The first run strictly after `after` (epoch ms), exactly as robfig/cron v3's
 * `SpecSchedule.Next` computes it in `zone` (and so the CronJob controller), DST included:
 * a run in a skipped hour does not happen that day, a run in a repeated hour happens twice.
 * Undefined when there is none within five years.
 */
export function nextRun(schedule: ParsedSchedule, after: number, zone = 'UTC'): number | undefined {
  if (schedule.kind === 'every') {
    return after - (after % SECOND) + schedule.seconds * SECOND;
  }
  const s = schedule;
  let t = after - (((after % SECOND) + SECOND) % SECOND) + SECOND;
  let w = wallClock(t, zone);
  let added = false;
  const yearLimit = w.year + 5;
  const set = (instant: number) => {
    t = instant;
    w = wallClock(t, zone);
  };
  wrap: for (;;) {
    if (w.year > yearLimit) return undefined;
    while (!has(s.month, w.month)) {
      if (!added) {
        added = true;
        set(dateIn(zone, w.year, w.month, 1));
      }
      set(dateIn(zone, w.year, w.month + 1, w.day, w.hour, w.minute, w.second));
      if (w.month === 1) continue wrap;
    }
    while (!dayMatches(s, w)) {
      if (!added) {
        added = true;
        set(dateIn(zone, w.year, w.month, w.day));
      }
      const before = t;
      set(dateIn(zone, w.year, w.month, w.day + 1, w.hour, w.minute, w.second));
      if (w.hour !== 0) set(t + (w.hour > 12 ? 24 - w.hour : -w.hour) * HOUR);
      // A whole skipped day (Pacific/Apia, 2011-12-30): Go's time.Date resolves the missing
      // midnight to the day before, and robfig loops there forever. Step over the gap instead.
      if (t <= before) set(before + 24 * HOUR);
      if (w.day === 1) continue wrap;
    }
    while (!has(s.hour, w.hour)) {
      if (!added) {
        added = true;
        set(dateIn(zone, w.year, w.month, w.day, w.hour));
      }
      // Hours are stepped one at a time where DST can repeat or skip one; UTC jumps.
      const hours = zone === 'UTC' ? nextSet(s.hour, w.hour + 1, 24) - w.hour : 1;
      set(t + hours * HOUR);
      if (w.hour === 0) continue wrap;
    }
    // robfig steps one minute (then one second) at a time. Jumping straight to the next
    // candidate lands on the same instant unless the offset changes on the way; where it does
    // (a half-hour shift such as America/Caracas on 2016-05-01 02:30), step as robfig does.
    while (!has(s.minute, w.minute)) {
      if (!added) {
        added = true;
        set(t - (t % MINUTE));
      }
      const before = t;
      const beforeOffset = offsetOf(w, t);
      const jump = (nextSet(s.minute, w.minute + 1, 60) - w.minute) * MINUTE;
      set(t + jump);
      if (jump > MINUTE && zone !== 'UTC' && offsetOf(w, t) !== beforeOffset) {
        set(before + MINUTE);
      }
      if (w.minute === 0) continue wrap;
    }
    // The standard parser's seconds field is always 0.
    if (w.second !== 0) {
      if (!added) {
        added = true;
        set(t - (t % SECOND));
      }
      set(t + (60 - w.second) * SECOND);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}

/**
 * The next `count` runs of a schedule after `from`, in `timeZone` (the CronJob's
 * `spec.timeZone`; without one the controller uses its own zone, UTC on most clusters).
 * Throws when the schedule does not parse.
 */
export function nextRuns(
  schedule: string,
  options: { from?: Date; count?: number; timeZone?: string } = {},
): Date[] {
  const parsed = parseSchedule(schedule);
  if (!parsed.ok) throw new Error(`schedule ${JSON.stringify(schedule)}: ${parsed.error}`);
  const zone = options.timeZone ?? 'UTC';
  const runs: Date[] = [];
  let t = (options.from ?? new Date()).getTime();
  for (let i = 0; i < (options.count ?? 5); i++) {
    const next = nextRun(parsed.schedule, t, zone);
    if (next === undefined) break;
    runs.push(new Date(next));
    t = next;
  }
  return runs;
}

/**
 * The shortest time between two consecutive runs within two years from `from` (at most
 * 5000 runs looked at), in milliseconds; undefined when it runs at most once in that time.
 */
export function shortestInterval(
  schedule: ParsedSchedule,
  zone = 'UTC',
  from = Date.UTC(2024, 0, 1),
): number | undefined {
  if (schedule.kind === 'every') return schedule.seconds * SECOND;
  const key = `${zone} ${from} ${schedule.minute.bits} ${schedule.hour.bits} ${schedule.dayOfMonth.bits} ${schedule.dayOfMonth.star} ${schedule.month.bits} ${schedule.dayOfWeek.bits} ${schedule.dayOfWeek.star}`;
  if (!intervals.has(key)) intervals.set(key, computeShortestInterval(schedule, zone, from));
  return intervals.get(key);
}

const intervals = new Map<string, number | undefined>();

function computeShortestInterval(
  schedule: CronSchedule,
  zone: string,
  from: number,
): number | undefined {
  const end = from + 2 * 366 * 24 * HOUR;
  let shortest: number | undefined;
  let previous = nextRun(schedule, from, zone);
  for (let i = 0; previous !== undefined && previous < end && i < 5000; i++) {
    const next = nextRun(schedule, previous, zone);
    if (next === undefined) break;
    const gap = next - previous;
    if (shortest === undefined || gap < shortest) shortest = gap;
    if (shortest <= MINUTE) break;
    previous = next;
  }
  return shortest;
}
