/**
 * dstChanges samples a zone's offset a week at a time and looks day by day only inside a week
 * whose offset changed. That finds what a scan of every day finds, in every zone Intl knows,
 * as long as no zone changes its offset twice within one week: checked here for the years
 * `check` looks at, against a day-by-day scan written independently.
 */
import { dstChanges } from '../../src/schedule/dst';

const DAY = 86_400_000;

/** The zone's offset at an instant, from Intl alone. */
function offset(instant: number, zone: string): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant;
}

/** The days on which the zone's offset changes, by looking at every day. */
function changeDays(zone: string, year: number): number {
  let n = 0;
  const end = Date.UTC(year + 1, 0, 1);
  for (let day = Date.UTC(year, 0, 1); day < end; day += DAY) {
    if (offset(day, zone) !== offset(day + DAY, zone)) n++;
  }
  return n;
}

const ZONES = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf(
  'timeZone',
);

test.each([2026, 2027])('every zone in %i: as many changes as a day-by-day scan', (year) => {
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
