/**
 * Wall-clock time in an IANA zone, as Go's `time` package computes it, built on Intl so
 * that no time zone library is needed. Instants are epoch milliseconds.
 */
import { clockZone } from './time-zone';

/** The fields of an instant as the zone's clock shows it (month 1-12, weekday 0 = Sunday). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: clockZone(zone),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's clock at `instant`. */
export function wallClock(instant: number, zone: string): WallClock {
  if (clockZone(zone) === 'UTC') {
    const d = new Date(instant);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  }
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour, minute, second, weekday };
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, zone: string): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * Go's `time.Date(year, month, day, hour, minute, second, 0, zone)`: out-of-range fields
 * normalize (month 13 is January of the next year), and a wall time that a DST change
 * skips or repeats resolves the way Go resolves it.
 */
export function dateIn(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  if (clockZone(zone) === 'UTC') return local;
  let offset = offsetAt(local, zone);
  const utc = local - offset;
  const actual = offsetAt(utc, zone);
  if (actual !== offset) offset = actual;
  return local - offset;
}
