/** Where robfig/cron and Go's time package behave in ways a naive cron does not. */
import fc from 'fast-check';
import { oversizedSteps, parseGoDuration, parseSchedule } from '../../src/schedule/cron';
import { dstSurprises } from '../../src/schedule/dst';
import { nextRuns } from '../../src/schedule/next-runs';
import { CronSchedule } from '../../src/schedule/cron';

const runs = (schedule: string, from: string, timeZone: string, count = 3) =>
  nextRuns(schedule, { from: new Date(from), timeZone, count }).map((d) => d.toISOString());

describe('fields split as Go strings.Fields splits them', () => {
  test.each([
    ['no-break space', '0\u00a02 * * *'],
    ['ideographic space', '0\u30002\u3000*\u3000*\u3000*'],
    ['next line', '0\u00852 * * *'],
    ['thin space', '0\u20092 * * *'],
  ])('%s separates fields', (_name, spec) => {
    const parsed = parseSchedule(spec);
    expect(parsed.ok).toBe(true);
  });

  test('a zero-width space does not (Go: not a space)', () => {
    expect(parseSchedule('0\u200b2 * * *').ok).toBe(false);
  });
});

describe('@every and Go durations', () => {
  test("Go's largest duration is accepted, one nanosecond more is not", () => {
    expect(parseSchedule('@every 2562047h').ok).toBe(true);
    expect(parseGoDuration('9223372036854775807ns')).toBeCloseTo(9223372036.854776, 3);
    const over = parseSchedule('@every 9223372036854775808ns');
    expect(over).toMatchObject({ ok: false, error: expect.stringMatching(/largest duration/) });
    expect(parseSchedule('@every 2562048h').ok).toBe(false);
  });

  test.each(['5.s', '.5h', '1h30m', '-5m', '+2s', '0'])('%s parses', (text) => {
    expect(() => parseGoDuration(text)).not.toThrow();
  });

  test.each(['', '.s', 'h', '5', '1d', '1h 30m'])('%s is not a Go duration', (text) => {
    expect(parseSchedule(`@every ${text}`).ok).toBe(false);
  });
});

describe('names that are Object.prototype members are only text', () => {
  test.each([
    '0 0 1 * constructor',
    '0 0 1 __proto__ *',
    '0 0 1 toString *',
    '@constructor',
    '@__proto__',
    '0 0 1 hasOwnProperty *',
  ])('%s is refused without throwing', (spec) => {
    const parsed = parseSchedule(spec);
    expect(parsed.ok).toBe(false);
  });

  test('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (spec) => {
        parseSchedule(spec);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('next runs where clocks jump by odd amounts', () => {
  test('Pacific/Apia skipped 2011-12-30 entirely: the next runs come, and soon', () => {
    const started = Date.now();
    expect(runs('0 0 1,15 * 1', '2011-12-30T00:00:00Z', 'Pacific/Apia')).toEqual([
      '2011-12-31T10:00:00.000Z', // Sunday 2012-01-01 00:00 +14
      '2012-01-01T10:00:00.000Z', // Monday 2012-01-02
      '2012-01-08T10:00:00.000Z', // Monday 2012-01-09
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('America/Caracas 2016-05-01 02:30 -> 03:00: robfig steps minute by minute onto 03:00', () => {
    expect(runs('0 * * * *', '2016-05-01T06:50:00Z', 'America/Caracas')).toEqual([
      '2016-05-01T07:00:00.000Z',
      '2016-05-01T08:00:00.000Z',
      '2016-05-01T09:00:00.000Z',
    ]);
  });

  test('Asia/Pyongyang 2018-05-04 23:30 -> 00:00', () => {
    expect(runs('0 * * * *', '2018-05-04T14:00:00Z', 'Asia/Pyongyang')).toEqual([
      '2018-05-04T14:30:00.000Z',
      '2018-05-04T15:00:00.000Z',
      '2018-05-04T16:00:00.000Z',
    ]);
  });
});

describe('steps beyond their field', () => {
  test.each([
    ['*/61 * * * *', [{ field: 'minute', expr: '*/61', range: 60 }]],
    ['*/90 * * * *', [{ field: 'minute', expr: '*/90', range: 60 }]],
    ['0 */24 * * *', [{ field: 'hour', expr: '*/24', range: 24 }]],
    ['*/59 * * * *', []],
    ['0 2 * * *', []],
    ['@every 90m', []],
    ['nonsense', []],
  ])('%s', (spec, expected) => {
    expect(oversizedSteps(spec)).toEqual(expected);
  });
});

describe('DST changes are named only while they are ahead', () => {
  const berlin230 = (parseSchedule('30 2 * * *') as { schedule: CronSchedule }).schedule;

  test('on 2026-11-23 the next change that matters is March 2027, not 2026-10-25', () => {
    const found = dstSurprises(berlin230, 'Europe/Berlin', Date.UTC(2026, 10, 23));
    expect(found.map((c) => `${c.kind} ${c.date}`)).toEqual([
      'skipped 2027-03-28',
      'repeated 2027-10-31',
    ]);
  });

  test('in January both changes of the year are ahead', () => {
    const found = dstSurprises(berlin230, 'Europe/Berlin', Date.UTC(2026, 0, 10));
    expect(found.map((c) => c.date)).toEqual(['2026-03-29', '2026-10-25']);
  });
});

describe("Go's Factory zone", () => {
  test('is a zone, with the clock of UTC', () => {
    expect(
      nextRuns('30 2 * * *', {
        from: new Date('2026-03-29T00:00:00Z'),
        timeZone: 'Factory',
        count: 2,
      }).map((d) => d.toISOString()),
    ).toEqual(['2026-03-29T02:30:00.000Z', '2026-03-30T02:30:00.000Z']);
  });
});
