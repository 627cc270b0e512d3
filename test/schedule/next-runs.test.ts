import fc from 'fast-check';
import { parseSchedule } from '../../src/schedule/cron';
import { nextRun, nextRuns, shortestInterval } from '../../src/schedule/next-runs';
import { dateIn, wallClock } from '../../src/schedule/zoned-time';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('nextRuns, as robfig/cron and the CronJob controller compute them', () => {
  test('daily at 02:00 in Berlin: the spring-forward day has no 02:00, so that run is missed', () => {
    const runs = nextRuns('0 2 * * *', {
      from: new Date('2026-03-27T12:00:00Z'),
      count: 3,
      timeZone: 'Europe/Berlin',
    });
    expect(iso(runs)).toEqual([
      '2026-03-28T01:00:00.000Z',
      '2026-03-30T00:00:00.000Z', // 29 March: 02:00 does not exist
      '2026-03-31T00:00:00.000Z',
    ]);
  });

  test('daily at 02:30 in Berlin: the fall-back day repeats 02:30, so it runs twice', () => {
    const runs = nextRuns('30 2 * * *', {
      from: new Date('2026-10-24T12:00:00Z'),
      count: 3,
      timeZone: 'Europe/Berlin',
    });
    expect(iso(runs)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T01:30:00.000Z', // 02:30 CET
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  test.each([
    ['*/15 * * * *', '2026-11-22T00:07:00Z', ['00:15', '00:30', '00:45']],
    ['@every 90m', '2026-11-22T00:07:00Z', ['01:37', '03:07', '04:37']],
    ['@hourly', '2026-11-22T00:07:00Z', ['01:00', '02:00', '03:00']],
  ])('%s after %s', (schedule, from, times) => {
    const runs = nextRuns(schedule, { from: new Date(from), count: 3 });
    expect(runs.map((d) => d.toISOString().slice(11, 16))).toEqual(times);
  });

  test('day-of-month and day-of-week are ORed when both are restricted (robfig)', () => {
    const runs = nextRuns('0 0 1,15 * 3', { from: new Date('2026-11-22T00:00:00Z'), count: 4 });
    expect(iso(runs).map((s) => s.slice(0, 10))).toEqual([
      '2026-11-25', // a Wednesday
      '2026-12-01',
      '2026-12-02',
      '2026-12-09',
    ]);
  });

  test('Feb 29 runs every four years; Feb 31 never within the five-year horizon', () => {
    expect(
      iso(nextRuns('0 0 29 2 *', { from: new Date('2026-11-22T00:00:00Z'), count: 2 })),
    ).toEqual(['2028-02-29T00:00:00.000Z', '2032-02-29T00:00:00.000Z']);
    expect(nextRuns('0 0 31 2 *', { from: new Date('2026-11-22T00:00:00Z') })).toEqual([]);
  });

  test('a schedule Kubernetes refuses throws with the reason', () => {
    expect(() => nextRuns('0 25 * * *')).toThrow('hour 25 is outside 0-23');
  });

  test('property: in UTC, every run matches the fields and no matching minute is skipped', () => {
    const spec = fc.tuple(
      fc.constantFrom('*', '0', '*/7', '5,35', '10-20/5'),
      fc.constantFrom('*', '3', '*/6', '9-17'),
      fc.constantFrom('*', '1', '15', '*/10'),
      fc.constantFrom('*', '2', '*/3', 'jan,jul'),
      fc.constantFrom('*', '0', '1-5', 'sat'),
    );
    fc.assert(
      fc.property(spec, fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }), (fields, offset) => {
        const parsed = parseSchedule(fields.join(' '));
        if (!parsed.ok || parsed.schedule.kind !== 'spec') return false;
        const s = parsed.schedule;
        const from = Date.UTC(2025, 0, 1) + offset * 60_000;
        const next = nextRun(s, from);
        if (next === undefined) return false;
        const matches = (t: number) => {
          const w = wallClock(t, 'UTC');
          const bit = (f: { bits: bigint }, v: number) => (f.bits & (1n << BigInt(v))) !== 0n;
          const dom = bit(s.dayOfMonth, w.day);
          const dow = bit(s.dayOfWeek, w.weekday);
          const day = s.dayOfMonth.star || s.dayOfWeek.star ? dom && dow : dom || dow;
          return bit(s.minute, w.minute) && bit(s.hour, w.hour) && bit(s.month, w.month) && day;
        };
        if (!matches(next) || next <= from) return false;
        // No earlier whole minute after `from` matches (checked over at most a day).
        const first = from - (from % 60_000) + 60_000;
        for (let t = first; t < next && t < first + 86_400_000; t += 60_000) {
          if (matches(t)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  test('dateIn resolves a skipped wall time the way Go does (one hour later)', () => {
    const t = dateIn('Europe/Berlin', 2026, 3, 29, 2, 30);
    expect(new Date(t).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
  });

  test('shortestInterval: nominal gaps', () => {
    const gap = (s: string) => {
      const p = parseSchedule(s);
      if (!p.ok) throw new Error(p.error);
      return shortestInterval(p.schedule);
    };
    expect(gap('0 2 * * *')).toBe(86_400_000);
    expect(gap('*/5 * * * *')).toBe(300_000);
    expect(gap('0 8 * * 1')).toBe(7 * 86_400_000);
    expect(gap('0 0 1 * *')).toBe(28 * 86_400_000);
  });
});
