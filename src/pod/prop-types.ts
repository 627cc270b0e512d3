/**
 * Runtime checks of construct props, one per prop type, run before anything reads a prop:
 * plain JavaScript (or a cast) can pass anything, and a wrong type must end in one report
 * line naming the prop, never in a TypeError or in a string spread into characters.
 *
 * Each check returns the value to render, or INVALID after reporting what it expects and what
 * it got; an invalid value is left out of the manifest, so the rule catalogue does not report
 * the same mistake again. Kubernetes' own syntax rules (quantities, label keys, names of the
 * object itself) stay in the catalogue; these checks cover types, JSON safety and the names of
 * the Secrets, ConfigMaps and claims a construct refers to.
 */
import { Duration } from 'cdk8s';
import { Problem, propProblem } from '../validation/problem';
import { dns1123SubdomainProblem } from '../validation/syntax';

/** The result of a check whose value must not be rendered. */
export const INVALID: unique symbol = Symbol('invalid');
export type Checked<T> = T | typeof INVALID;

/** Where checks put what they find. */
export interface CheckContext {
  /** Receives each problem. */
  report(problem: Problem): void;
  /** Prop paths reported as missing or wrong, whose value is left out. */
  readonly dropped: Set<string>;
}

export type Check<T = unknown> = (value: unknown, path: string, ctx: CheckContext) => Checked<T>;

/** A field of a props shape: its check, and whether it is required. */
export interface Field<T = unknown> {
  /** The check of its value. */
  readonly check: Check<T>;
  /** Whether it must be given. @default false */
  readonly required?: boolean;
  /** What to say when a required field is missing. @default nothing more than "is required" */
  readonly missing?: string;
}

export type Fields = Readonly<Record<string, Check | Field>>;

/** A required field. */
export function required<T>(check: Check<T>, missing?: string): Field<T> {
  return { check, required: true, missing };
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** How a value reads in a message: its type, and the value itself when it cannot be quoted. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return String(value);
      return Number.isInteger(value) ? 'a number' : `a fraction (${value})`;
    case 'bigint':
      return `a BigInt (${value}n): write a number`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value instanceof Date) return 'a Date';
      if (isDuration(value)) return 'a Duration';
      if (value instanceof Map) return 'a Map';
      if (value instanceof Set) return 'a Set';
      return 'an object';
  }
}

/** The value itself, when describeProblem can quote it. */
function quotable(value: unknown): { value?: unknown } {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return { value };
  if (typeof value === 'number' && Number.isFinite(value)) return { value };
  return {};
}

/** Reports a wrong value and returns INVALID. */
export function wrong(
  ctx: CheckContext,
  path: string,
  message: string,
  value: unknown,
  fix?: string,
): typeof INVALID {
  ctx.report(propProblem(path, message, { ...quotable(value), ...(fix ? { fix } : {}) }));
  ctx.dropped.add(path);
  return INVALID;
}

function expected(
  ctx: CheckContext,
  path: string,
  what: string,
  value: unknown,
  fix?: string,
): typeof INVALID {
  return wrong(ctx, path, `must be ${what}, got ${describeValue(value)}`, value, fix);
}

/** A plain object: `{ ... }`, not a list, a Date, a Map or a class instance with methods. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A cdk8s Duration (by shape: an app may hold more than one copy of cdk8s). */
export function isDuration(value: unknown): value is Duration {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Duration).toMilliseconds === 'function' &&
    typeof (value as Duration).toHumanString === 'function'
  );
}

/** A string; `nonEmpty` refuses ''. */
export function str(options: { nonEmpty?: boolean } = {}): Check<string> {
  return (value, path, ctx) => {
    if (typeof value !== 'string') {
      const fix = typeof value === 'number' ? `quote it: "${value}"` : undefined;
      return expected(ctx, path, 'a string', value, fix);
    }
    if (options.nonEmpty && value.trim() === '') {
      return wrong(ctx, path, 'must not be empty', value);
    }
    return value;
  };
}

/** One of a few strings. */
export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (value, path, ctx) => {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) {
      return value as T;
    }
    return wrong(
      ctx,
      path,
      `must be one of ${values.join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : describeValue(value)}`,
      value,
    );
  };
}

/** true or false. */
export function bool(): Check<boolean> {
  return (value, path, ctx) =>
    typeof value === 'boolean'
      ? value
      : expected(
          ctx,
          path,
          'true or false',
          value,
          typeof value === 'string' ? 'write true or false, unquoted' : undefined,
        );
}

/** A whole number in the range of the Kubernetes field (int32 unless said otherwise). */
export function int(options: { min?: number; max?: number; int64?: boolean } = {}): Check<number> {
  const min = options.min ?? (options.int64 ? Number.MIN_SAFE_INTEGER : INT32_MIN);
  const max = options.max ?? (options.int64 ? Number.MAX_SAFE_INTEGER : INT32_MAX);
  return (value, path, ctx) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      const fix =
        typeof value === 'string' && /^-?\d+$/.test(value.trim())
          ? `write the number unquoted: ${value.trim()}`
          : undefined;
      return expected(ctx, path, 'a whole number', value, fix);
    }
    if (value < min || value > max) {
      return wrong(ctx, path, `must be from ${min} to ${max}`, value);
    }
    return value;
  };
}

/** A list of strings: a string is refused, not spread into its characters. */
export function strList(): Check<string[]> {
  return (value, path, ctx) => {
    if (typeof value === 'string') {
      const words = value.split(/\s+/).filter((w) => w !== '');
      return expected(
        ctx,
        path,
        'a list of strings',
        value,
        `write a list, one string per argument: ${JSON.stringify(words.length > 0 ? words : [value])}`,
      );
    }
    if (!Array.isArray(value)) return expected(ctx, path, 'a list of strings', value);
    let ok = true;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item !== 'string') {
        expected(ctx, `${path}[${i}]`, 'a string', item);
        ok = false;
      }
    }
    if (!ok) ctx.dropped.add(path);
    return ok ? [...(value as string[])] : INVALID;
  };
}

/** A record of strings (labels, annotations, node selectors): a bad entry is left out. */
export function strRecord(): Check<Record<string, string>> {
  return record(str());
}

/** A plain object whose values pass `check`; a bad entry is left out. */
export function record<T>(
  check: Check<T>,
  what = 'a record ({ key: value })',
): Check<Record<string, T>> {
  return (value, path, ctx) => {
    if (!isPlainObject(value)) return expected(ctx, path, what, value);
    const out: Record<string, T> = {};
    for (const [key, v] of Object.entries(value)) {
      const checked = check(v, `${path}.${key}`, ctx);
      if (checked !== INVALID) out[key] = checked;
    }
    return out;
  };
}

/** A list whose items pass `check`; a bad item is left out. */
export function list<T>(check: Check<T>, what = 'a list'): Check<T[]> {
  return (value, path, ctx) => {
    if (!Array.isArray(value)) return expected(ctx, path, what, value);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) {
      const checked = check(value[i], `${path}[${i}]`, ctx);
      if (checked !== INVALID) out.push(checked);
    }
    return out;
  };
}

/**
 * A cdk8s Duration of whole seconds (the unit of every Kubernetes duration field), at most
 * `maxSeconds`. `Duration.seconds(1.0005)` is reported here: cdk8s itself would throw.
 */
export function duration(options: { maxSeconds?: number } = {}): Check<Duration> {
  const max = options.maxSeconds ?? Number.MAX_SAFE_INTEGER;
  return (value, path, ctx) => {
    if (!isDuration(value)) {
      const fix =
        typeof value === 'number'
          ? `write Duration.seconds(${value}) (cdk8s' Duration)`
          : 'e.g. Duration.minutes(30), from cdk8s';
      return expected(ctx, path, 'a Duration', value, fix);
    }
    let millis: number;
    try {
      millis = value.toMilliseconds({ integral: false });
    } catch {
      return wrong(ctx, path, 'is not a valid Duration', undefined);
    }
    if (!Number.isFinite(millis) || millis < 0) {
      return wrong(ctx, path, 'must be a finite Duration, 0 or more', undefined);
    }
    if (millis % 1000 !== 0) {
      return wrong(
        ctx,
        path,
        `must be a whole number of seconds, got ${millis / 1000} seconds`,
        undefined,
        'use Duration.seconds(n), Duration.minutes(n) or Duration.hours(n) with whole n',
      );
    }
    if (millis / 1000 > max) {
      return wrong(ctx, path, `must be at most ${max} seconds, got ${millis / 1000}`, undefined);
    }
    return value;
  };
}

/** A Kubernetes quantity as written in YAML: a string (`'1Gi'`) or a number (`2`). Its syntax is the catalogue's. */
export function quantity(): Check<string | number> {
  return (value, path, ctx) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return expected(ctx, path, "a quantity such as '500m', '1Gi' or 2", value);
  };
}

/** An instance of one of the library's reference classes (EnvValue, EnvFrom, Volume). */
export function instance<T>(cls: { prototype: T }, what: string, fix?: string): Check<T> {
  return (value, path, ctx) =>
    value instanceof (cls as unknown as new () => T)
      ? (value as T)
      : expected(ctx, path, what, value, fix);
}

/** Problems with the name of a Secret, ConfigMap, claim or service account, or undefined. */
export function referencedNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `must be a name, got ${describeValue(name)}`;
  if (name === '') return 'must not be empty';
  return dns1123SubdomainProblem(name);
}

/**
 * A reference to another object by name: a string, or a cdk8s-plus object with a `name`.
 * The name follows Kubernetes' rules for the names of those objects (DNS-1123 subdomains).
 */
export function named(kind: string): Check<string | { readonly name: string }> {
  return (value, path, ctx) => {
    let name: unknown = value;
    if (typeof value === 'object' && value !== null && typeof value !== 'string') {
      name = (value as { name?: unknown }).name;
      if (typeof name !== 'string') {
        return expected(ctx, path, `the name of a ${kind} (or a cdk8s-plus ${kind})`, value);
      }
    } else if (typeof value !== 'string') {
      return expected(ctx, path, `the name of a ${kind}`, value);
    }
    const problem = referencedNameProblem(name);
    if (problem) {
      return wrong(ctx, path, `names a ${kind}: the name ${problem}`, name);
    }
    return value as string | { readonly name: string };
  };
}

/** Plain JSON (objects, lists, strings, finite numbers, booleans, null), as in the YAML. */
export function json(what = 'an object as in the YAML'): Check<Record<string, unknown>> {
  return (value, path, ctx) => {
    if (!isPlainObject(value)) return expected(ctx, path, what, value);
    const bad = firstNonJson(value, path);
    if (bad) return expected(ctx, bad.path, 'plain YAML data', bad.value);
    return value;
  };
}

function firstNonJson(value: unknown, path: string): { path: string; value: unknown } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = firstNonJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const bad = firstNonJson(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return { path, value };
}

/** YAML-minded names of props and the prop that means the same. */
const ALIASES: Readonly<Record<string, string>> = {
  activeDeadlineSeconds: 'activeDeadline',
  ttlSecondsAfterFinished: 'ttlAfterFinished',
  startingDeadlineSeconds: 'startingDeadline',
  terminationGracePeriodSeconds: 'terminationGracePeriod',
  template: 'the pod props (image, command, ...) directly',
  spec: 'the props directly',
  jobTemplate: 'the job props directly',
  name: 'metadata: { name }',
  namespace: 'metadata: { namespace }',
  labels: 'metadata: { labels }',
  annotations: 'metadata: { annotations }',
  securityContextPod: 'podSecurityContext',
  container: 'containers',
};

function suggestion(key: string, known: readonly string[]): string | undefined {
  if (Object.prototype.hasOwnProperty.call(ALIASES, key)) {
    const alias = ALIASES[key];
    if (!/^[a-zA-Z]+$/.test(alias) || known.includes(alias)) return `use ${alias}`;
  }
  const lower = key.toLowerCase();
  const close = known.find((k) => k.toLowerCase() === lower || editDistance(k, key) <= 2);
  return close ? `did you mean ${close}?` : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/**
 * A plain object with known fields: each checked, required ones present, unknown ones
 * reported (a misspelt or YAML-minded prop would otherwise vanish silently). A nested object
 * without one of its required fields cannot be rendered and is left out as a whole; the
 * construct's own props (`partial`) are rendered without the missing ones.
 */
export function shape<T>(
  fields: Fields,
  what: string,
  options: { partial?: boolean; owner?: string } = {},
): Check<T> {
  const known = Object.keys(fields);
  const owner = options.owner ?? what;
  // Each field as { check, required, missing }, once per shape rather than per value.
  const normalized: readonly (readonly [string, Field])[] = known.map((key) => {
    const spec = fields[key];
    return [key, typeof spec === 'function' ? { check: spec } : spec];
  });
  const requiredKeys = normalized.filter(([, field]) => field.required).map(([key]) => key);
  const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
  return (value, path, ctx) => {
    if (!isPlainObject(value)) return expected(ctx, path, what, value);
    const out: Record<string, unknown> = {};
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    const unknown: string[] = [];
    for (const key of Object.keys(value)) {
      if (!has(fields, key) && value[key] !== undefined) unknown.push(key);
    }
    // Read even when partial, so a getter runs (and may throw) at the same point as ever.
    const missing = requiredKeys.filter((key) => value[key] === undefined);
    if (!options.partial) {
      if (missing.length > 0) {
        // An object that cannot be rendered: one line for it, whatever else is wrong inside.
        const extra =
          unknown.length > 0 ? `, and has ${unknown.join(', ')}, which it does not take` : '';
        return wrong(
          ctx,
          path,
          `must be ${what}: ${missing.join(', ')} missing${extra}`,
          undefined,
        );
      }
      if (unknown.length > 0) {
        // Most likely a misspelt field: rendering the rest would be silently wrong.
        const hint = suggestion(unknown[0], known);
        return wrong(
          ctx,
          path,
          `must be ${what}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} of it`,
          undefined,
          hint ? `${unknown[0]}: ${hint}` : undefined,
        );
      }
    }
    for (const key of unknown) {
      const hint = suggestion(key, known);
      wrong(ctx, at(key), `is not a prop of ${owner}`, undefined, hint);
    }
    let complete = true;
    for (const [key, field] of normalized) {
      const v = has(value, key) ? value[key] : undefined;
      if (v === undefined) {
        if (field.required) {
          wrong(ctx, at(key), `is required${field.missing ? `: ${field.missing}` : ''}`, undefined);
        }
        continue;
      }
      const checked = field.check(v, at(key), ctx);
      if (checked !== INVALID) out[key] = checked;
      else if (field.required) complete = false;
    }
    if (!complete && !options.partial) {
      ctx.dropped.add(path);
      return INVALID;
    }
    return out as T;
  };
}

/** The outcome of checking a construct's props. */
export interface CheckedProps<P> {
  /** The props to render: every wrong value left out. */
  readonly props: P;
  /** One per mistake, each naming the prop. */
  readonly problems: Problem[];
  /** Prop paths reported as missing or wrong. */
  readonly dropped: ReadonlySet<string>;
}

const CONSTRUCT_SHAPES = new WeakMap<Fields, Map<string, Check>>();

/** The (partial) shape of a construct's props, built once per fields and kind. */
function constructShape<P>(fields: Fields, constructKind: string): Check<P> {
  let byKind = CONSTRUCT_SHAPES.get(fields);
  if (!byKind) CONSTRUCT_SHAPES.set(fields, (byKind = new Map()));
  let check = byKind.get(constructKind);
  if (!check) {
    check = shape<P>(fields, `${constructKind} props`, { partial: true, owner: constructKind });
    byKind.set(constructKind, check);
  }
  return check as Check<P>;
}

/** Checks a construct's props against its fields; never throws. */
export function checkProps<P>(
  props: unknown,
  fields: Fields,
  constructKind: string,
): CheckedProps<P> {
  const problems: Problem[] = [];
  const dropped = new Set<string>();
  const ctx: CheckContext = { report: (p) => problems.push(p), dropped };
  let clean: Checked<P>;
  try {
    clean = constructShape<P>(fields, constructKind)(props, '', ctx);
  } catch (e) {
    // A getter that throws, a Proxy: report it rather than let it escape.
    problems.push(
      propProblem('props', `could not be read: ${e instanceof Error ? e.message : String(e)}`),
    );
    clean = INVALID;
  }
  if (clean === INVALID) {
    if (problems.length === 0 || problems[0].field === '') {
      problems.splice(0, problems.length, {
        ...propProblem(
          'props',
          `must be an object of ${constructKind} props, got ${describeValue(props)}`,
        ),
      });
    }
    dropped.add('props');
    return { props: {} as P, problems, dropped };
  }
  return { props: clean, problems, dropped };
}
