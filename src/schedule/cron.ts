/**
 * Cron expressions exactly as the Kubernetes API server accepts them: robfig/cron v3's
 * `ParseStandard` (five fields or an `@` descriptor), plus the API server's own refusal of
 * `TZ=` / `CRON_TZ=` prefixes in favour of `spec.timeZone`.
 */

/** One field's allowed values as a bit set; `star` is robfig's star bit (see dayMatches). */
export interface CronField {
  readonly bits: bigint;
  readonly star: boolean;
}

export interface CronSchedule {
  readonly kind: 'spec';
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dayOfMonth: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
}

export interface EverySchedule {
  readonly kind: 'every';
  /** The interval in seconds, rounded down as robfig's `Every` does (minimum 1 s). */
  readonly seconds: number;
}

export type ParsedSchedule = CronSchedule | EverySchedule;

export type CronParseResult =
  | { readonly ok: true; readonly schedule: ParsedSchedule }
  | { readonly ok: false; readonly error: string; readonly fix?: string };

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: ReadonlyMap<string, number>;
}

/** A lookup table that a schedule's text cannot reach Object.prototype through (`constructor`). */
function names(table: Record<string, number>): ReadonlyMap<string, number> {
  return new Map(Object.entries(table));
}

const MONTH_NAMES = names({
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
});
const DOW_NAMES = names({
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
});

const FIELDS: readonly Bounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 6, names: DOW_NAMES },
];

const DESCRIPTORS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '@yearly': '0 0 1 1 *',
    '@annually': '0 0 1 1 *',
    '@monthly': '0 0 1 * *',
    '@weekly': '0 0 * * 0',
    '@daily': '0 0 * * *',
    '@midnight': '0 0 * * *',
    '@hourly': '0 * * * *',
  }),
);

class CronError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/**
 * Go's unicode.IsSpace, which strings.Fields splits on: so U+00A0 and U+3000 separate
 * fields on the API server too.
 */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const parsed = new Map<string, CronParseResult>();

/**
 * Parses a CronJob `spec.schedule` as the API server does; never throws. Results are
 * immutable and cached, since a chart repeats the same few schedules.
 */
export function parseSchedule(schedule: string): CronParseResult {
  let result = parsed.get(schedule);
  if (result === undefined) {
    result = parseScheduleUncached(schedule);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(schedule, result);
  }
  return result;
}

function parseScheduleUncached(schedule: string): CronParseResult {
  try {
    return { ok: true, schedule: parseOrThrow(schedule) };
  } catch (e) {
    if (e instanceof CronError) return { ok: false, error: e.message, fix: e.fix };
    throw e;
  }
}

function parseOrThrow(spec: string): ParsedSchedule {
  if (spec.length === 0)
    throw new CronError('the schedule is empty', 'write five fields, e.g. "0 2 * * *"');
  if (spec.includes('TZ')) {
    throw new CronError(
      'TZ or CRON_TZ in the schedule is rejected by the API server',
      'remove the prefix and set timeZone instead',
    );
  }
  if (spec.startsWith('@')) return parseDescriptor(spec);
  const fields = spec.split(GO_SPACE).filter((f) => f.length > 0);
  if (fields.length !== 5) {
    throw new CronError(
      `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`,
      fields.length === 6
        ? 'Kubernetes schedules have no seconds field; drop the first field'
        : undefined,
    );
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((f, i) =>
    parseField(f, FIELDS[i]),
  );
  return { kind: 'spec', minute, hour, dayOfMonth, month, dayOfWeek };
}

function parseDescriptor(spec: string): ParsedSchedule {
  const expansion = DESCRIPTORS.get(spec);
  if (expansion !== undefined) return parseOrThrow(expansion);
  const every = '@every ';
  if (spec.startsWith(every)) {
    const seconds = parseGoDuration(spec.slice(every.length));
    return { kind: 'every', seconds: Math.max(1, Math.floor(seconds)) };
  }
  throw new CronError(
    `unrecognized descriptor ${spec}`,
    'use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration>',
  );
}

function parseField(field: string, bounds: Bounds): CronField {
  let bits = 0n;
  let star = false;
  // robfig splits with FieldsFunc on ',', so empty list items are skipped, not errors.
  for (const expr of field.split(',').filter((e) => e.length > 0)) {
    const range = parseRange(expr, bounds);
    bits |= range.bits;
    star = star || range.star;
  }
  return { bits, star };
}

function parseRange(expr: string, b: Bounds): CronField {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b);
    else throw new CronError(`${b.name} "${expr}" has too many hyphens`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNonNegativeInt(rangeAndStep[1], b);
    if (single) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`${b.name} "${expr}" has too many slashes`);
  }
  if (start < b.min) {
    throw new CronError(`${b.name} ${start} is outside ${b.min}-${b.max}`);
  }
  if (end > b.max) {
    const fix =
      b.name === 'day-of-week' && end === 7 ? 'Sunday is 0 (or SUN); 7 is not accepted' : undefined;
    throw new CronError(`${b.name} ${end} is outside ${b.min}-${b.max}`, fix);
  }
  if (start > end) {
    throw new CronError(`${b.name} range "${expr}" starts after it ends`);
  }
  if (step === 0) throw new CronError(`${b.name} step in "${expr}" must be a positive number`);
  let bits = 0n;
  for (let i = start; i <= end; i += step) bits |= 1n << BigInt(i);
  return { bits, star };
}

/**
 * The steps of a schedule larger than their field's range (61 or 90 in the minute field): robfig
 * accepts them and fires once per wrap (minute 0 of every hour), which is rarely what the writer
 * meant. Empty for a schedule that does not parse.
 */
export function oversizedSteps(spec: string): { field: string; expr: string; range: number }[] {
  if (!spec.includes('/') || !parseSchedule(spec).ok || spec.startsWith('@')) return [];
  const found: { field: string; expr: string; range: number }[] = [];
  spec
    .split(GO_SPACE)
    .filter((f) => f.length > 0)
    .forEach((field, i) => {
      const b = FIELDS[i];
      for (const expr of field.split(',')) {
        const parts = expr.split('/');
        if (parts.length !== 2) continue;
        const range = b.max - b.min + 1;
        if (Number(parts[1]) >= range) found.push({ field: b.name, expr, range });
      }
    });
  return found;
}

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.get(expr.toLowerCase());
  if (named !== undefined) return named;
  return parseNonNegativeInt(expr, b);
}

/** Go's strconv.Atoi (optional sign, decimal digits, int64 range), then robfig's `num < 0` check. */
function parseNonNegativeInt(expr: string, b: Bounds): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) {
    throw new CronError(`${b.name} "${expr}" is not a number${b.names ? ' or a name' : ''}`);
  }
  const n = Number(expr);
  if (!Number.isSafeInteger(n)) throw new CronError(`${b.name} ${expr} is out of range`);
  if (n < 0) throw new CronError(`${b.name} ${expr} is negative`);
  return n;
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

const GO_UNIT_NANOSECONDS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.Duration is an int64 of nanoseconds; ParseDuration refuses anything larger. */
const GO_MAX_DURATION = 2n ** 63n - 1n;

/** Go's time.ParseDuration, in seconds. */
export function parseGoDuration(text: string): number {
  const bad = new CronError(
    `@every "${text}" is not a Go duration`,
    'write it like 1h30m, 90s or 15m',
  );
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad;
  let total = 0;
  let nanoseconds = 0n;
  const re = /^([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw bad;
    total += Number(`${m[1] || '0'}.${m[2] ?? ''}`) * GO_UNITS[m[3]];
    const unit = GO_UNIT_NANOSECONDS[m[3]];
    const fraction = m[2] ? (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length) : 0n;
    nanoseconds += BigInt(m[1] || '0') * unit + fraction;
    if (nanoseconds > GO_MAX_DURATION) {
      throw new CronError(
        `@every "${text}" is longer than Go's largest duration (about 2562047h)`,
        'use a shorter interval',
      );
    }
    s = s.slice(m[0].length);
  }
  // robfig's Every() raises anything under one second (negative included) to one second.
  return sign * total;
}
