import fc from 'fast-check';
import { parseSchedule } from '../../src/schedule/cron';
import { canFire } from '../../src/schedule/fires';
import { timeZoneProblem } from '../../src/schedule/time-zone';

const ok = (s: string) => parseSchedule(s).ok;
const error = (s: string) => {
  const r = parseSchedule(s);
  return r.ok ? undefined : r.error;
};

describe('cron expressions as Kubernetes parses them (robfig/cron v3 ParseStandard)', () => {
  test.each([
    '0 2 * * *',
    '*/15 * * * *',
    '0 0 * * 0',
    '0 6 1 * *',
    '0 8 * * 1',
    '* * * * *',
    '0 0 * * SUN',
    '0 9 * * mon-fri',
    '0 0 1 JAN,jul *',
    '? ? ? ? ?',
    '5/10 * * * *',
    '0 0 29 2 *',
    '1,,2 * * * *',
    '0\t2 * *  *',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
    '@every 1h30m',
    '@every 90s',
    '@every 1.5h',
    '00 02 * * *',
    '+5 * * * *',
  ])('accepts %j', (s) => expect(parseSchedule(s)).toMatchObject({ ok: true }));

  test.each([
    ['0 25 * * *', 'hour 25 is outside 0-23'],
    ['0 2 * * 7', 'day-of-week 7 is outside 0-6'],
    ['60 * * * *', 'minute 60 is outside 0-59'],
    ['0 0 0 * *', 'day-of-month 0 is outside 1-31'],
    ['0 0 1 13 *', 'month 13 is outside 1-12'],
    ['0 0 * * 5-2', 'day-of-week range "5-2" starts after it ends'],
    ['*/0 * * * *', 'minute step in "*/0" must be a positive number'],
    ['0 0 * *', 'expected exactly 5 fields (minute hour day-of-month month day-of-week), found 4'],
    [
      '0 0 2 * * *',
      'expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6',
    ],
    ['', 'the schedule is empty'],
    ['TZ=UTC 0 2 * * *', 'TZ or CRON_TZ in the schedule is rejected by the API server'],
    [
      'CRON_TZ=Europe/Berlin 0 2 * * *',
      'TZ or CRON_TZ in the schedule is rejected by the API server',
    ],
    ['@every', 'unrecognized descriptor @every'],
    ['@every 1d', '@every "1d" is not a Go duration'],
    ['@reboot', 'unrecognized descriptor @reboot'],
    ['0 0 L * *', 'day-of-month "L" is not a number'],
    ['0 0 * * 1#2', 'day-of-week "1#2" is not a number or a name'],
    ['0 0 1-2-3 * *', 'day-of-month "1-2-3" has too many hyphens'],
    ['0 0 */2/3 * *', 'day-of-month "*/2/3" has too many slashes'],
    ['-1 * * * *', 'minute "" is not a number'],
    ['0 0 * * monday', 'day-of-week "monday" is not a number or a name'],
  ])('rejects %j: %s', (s, message) => expect(error(s)).toBe(message));

  test('day-of-week 7 comes with the fix', () => {
    expect(parseSchedule('0 2 * * 7')).toEqual({
      ok: false,
      error: 'day-of-week 7 is outside 0-6',
      fix: 'Sunday is 0 (or SUN); 7 is not accepted',
    });
  });

  test('robfig star bit: */2 in day-of-month makes both day fields count (OR)', () => {
    const r = parseSchedule('0 0 */2 * 1');
    expect(r.ok && r.schedule.kind === 'spec' && r.schedule.dayOfMonth.star).toBe(false);
    const star = parseSchedule('0 0 */1 * 1');
    expect(star.ok && star.schedule.kind === 'spec' && star.schedule.dayOfMonth.star).toBe(true);
  });

  test('property: any in-range five-field numeric expression parses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 6 }),
        (mi, h, dom, mo, dow) => ok(`${mi} ${h} ${dom} ${mo} ${dow}`),
      ),
    );
  });

  test('property: any string gives a result or an error, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => typeof parseSchedule(s).ok === 'boolean'),
    );
  });
});

describe('schedules that never fire', () => {
  const fires = (s: string) => {
    const r = parseSchedule(s);
    if (!r.ok) throw new Error(r.error);
    return canFire(r.schedule);
  };
  test.each(['0 2 31 2 *', '0 2 30 2 *', '0 0 31 4 *', '0 0 31 4,6,9,11 *', ', * * * *'])(
    '%j never fires',
    (s) => expect(fires(s)).toBe(false),
  );
  test.each([
    '0 2 29 2 *',
    '0 0 31 * *',
    '0 0 31 4 1',
    '0 0 30,31 2,3 *',
    '@every 5m',
    '0 0 31 2 mon',
  ])('%j fires', (s) => expect(fires(s)).toBe(true));
});

describe('time zones as the API server checks them', () => {
  test.each([
    'Europe/Berlin',
    'UTC',
    'Etc/UTC',
    'America/Argentina/ComodRivadavia',
    'US/Pacific',
    'Asia/Kolkata',
  ])('%j is valid', (z) => expect(timeZoneProblem(z)).toBeUndefined());
  test.each([
    ['Mars/Olympus_Mons', 'unknown time zone Mars/Olympus_Mons'],
    ['Local', 'timeZone must be an explicit IANA zone, not Local'],
    ['', 'timeZone must be unset or a non-empty IANA zone name'],
    ['europe/berlin', 'unknown time zone europe/berlin'],
    [' Europe/Rome', 'unknown time zone  Europe/Rome'],
    ['Europe/../etc', 'unknown time zone Europe/../etc'],
    ['America/VeryLongCityNameX', 'unknown time zone America/VeryLongCityNameX'],
  ])('%j: %s', (z, message) => expect(timeZoneProblem(z)).toBe(message));
});
