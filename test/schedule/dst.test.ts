/**
 * dstChanges samples a zone's offset a week at a time and looks day by day only inside a week
 * whose offset changed. That finds what a scan of every day finds, in every zone Intl knows,
 * as long as no zone changes its offset twice within one week: checked here for the year ahead
 * of `check`, against a day-by-day scan written independently.
 */
import { parseSchedule } from '../../src/schedule/cron';
import { dstChanges, dstSurprises } from '../../src/schedule/dst';

const DAY = 86_400_000;

/** The zone's offset at an instant, from Intl alone. */
const formats = new Map<string, Intl.DateTimeFormat>();

function offset(instant: number, zone: string): number {
  const f =
    formats.get(zone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  formats.set(zone, f);
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
}

/** The days on which the zone's offset changes, by looking at every day. */
function changeDays(zone: string, year: number): number {
  let n = 0;
  const end = Date.UTC(year + 1, 0, 1);
  let before = offset(Date.UTC(year, 0, 1), zone);
  for (let day = Date.UTC(year, 0, 1); day < end; day += DAY) {
    const after = offset(day + DAY, zone);
    if (after !== before) n++;
    before = after;
  }
  return n;
}

const ZONES = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf(
  'timeZone',
);

test.each([2027])('every zone in %i: as many changes as a day-by-day scan', (year) => {
  const differ = ZONES.filter((zone) => dstChanges(zone, year).length !== changeDays(zone, year));
  expect(differ).toEqual([]);
  expect(ZONES.filter((zone) => dstChanges(zone, year).length > 0).length).toBeGreaterThan(50);
});

test('Europe/Berlin 2027: the skipped and the repeated hour', () => {
  expect(dstChanges('Europe/Berlin', 2027)).toEqual([
    { date: '2027-03-28', kind: 'skipped', fromMinute: 120, toMinute: 180 },
    { date: '2027-10-31', kind: 'repeated', fromMinute: 120, toMinute: 180 },
  ]);
});

test('dstSurprises answers a schedule, zone and day once, and anew on another day', () => {
  const parsed = parseSchedule('30 2 * * *');
  if (!parsed.ok || parsed.schedule.kind !== 'spec') throw new Error('unparsed');
  const day = Date.UTC(2026, 10, 23, 8);
  const first = dstSurprises(parsed.schedule, 'Europe/Berlin', day);
  expect(dstSurprises(parsed.schedule, 'Europe/Berlin', day + 3_600_000)).toBe(first);
  expect(first.map((c) => c.date)).toEqual(['2027-03-28', '2027-10-31']);
  // after the spring change: the autumn one, then next year's spring
  const later = dstSurprises(parsed.schedule, 'Europe/Berlin', Date.UTC(2027, 3, 1));
  expect(later.map((c) => c.date)).toEqual(['2027-10-31', '2028-03-26']);
});
