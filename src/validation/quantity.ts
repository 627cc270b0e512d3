/**
 * Kubernetes resource quantities, exactly as k8s.io/apimachinery/pkg/api/resource parses them
 * (quantity.go ParseQuantity and parseQuantityString, suffix.go, Quantity.UnmarshalJSON).
 *
 * A quantity is a signed decimal number with an optional binary (Ki…Ei), decimal (n u m k M G T
 * P E) or exponent (e3, E-2) suffix. Values are kept exactly (BigInt mantissa and a base-10
 * exponent), never as floats: `1500u` and `2m` compare as the API server compares them.
 */

import { memoByText } from './memo';

/** Which of the three forms the quantity was written in (quantity.go Format). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: `mantissa × 10^exp`, normalized (no trailing zero digits in the mantissa). */
export interface Quantity {
  readonly mantissa: bigint;
  readonly exp: number;
  readonly format: QuantityFormat;
}

/** The result of reading a manifest value as a quantity. */
export type QuantityRead =
  | { readonly ok: true; readonly quantity: Quantity }
  /** `format`: a string or number that is not a quantity; `type`: another JSON type. */
  | { readonly ok: false; readonly reason: 'format' | 'type' };

const ZERO: Quantity = { mantissa: 0n, exp: 0, format: 'DecimalSI' };
const MAX_INT64 = 9223372036854775807n;
const MAX_INT32 = 2147483647;
/** quantity.go maxInt64Factors: the number of decimal digits that always fit an int64. */
const MAX_INT64_FACTORS = 18;
/** The nano scale every parsed value is rounded up to. */
const NANO = -9;

const SUFFIX_CHARS = 'eEinumkKMGTP';

interface Scanned {
  readonly positive: boolean;
  readonly value: string;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** quantity.go parseQuantityString: a port of the fast scanner, quirks included. */
function scan(str: string): Scanned | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // strip leading zeros
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  // the numerator
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  // a denominator
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
    denom = str.slice(pos, i);
    pos = i;
  }
  const value = str.slice(0, pos);
  // the suffix: letters, an optional sign, digits to the end
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  return undefined; // ErrFormatWrong
}

interface Suffix {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);

/** suffix.go interpret; an exponent outside ±MaxInt32 is rejected (newer apimachinery). */
function interpret(suffix: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(s, 10, 64): an optional sign, then at least one digit
    const m = /^[+-]?[0-9]+$/.exec(suffix.slice(1));
    if (!m) return undefined;
    const parsed = BigInt(suffix.slice(1));
    if (parsed > BigInt(MAX_INT32) || parsed < -BigInt(MAX_INT32)) return undefined;
    return { base: 10, exponent: Number(parsed), format: 'DecimalExponent' };
  }
  return undefined;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/** Removes trailing zero digits from the mantissa; zero is always `0 × 10^0`. */
function normalize(mantissa: bigint, exp: number, format: QuantityFormat): Quantity {
  if (mantissa === 0n) return { mantissa: 0n, exp: 0, format };
  let m = mantissa;
  let e = exp;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  return { mantissa: m, exp: e, format };
}

/** Rounds a non-negative `mantissa × 10^exp` up to a multiple of 10^scale (RoundUp, away from 0). */
function roundUpMagnitude(mantissa: bigint, exp: number, scale: number): [bigint, number] {
  if (exp >= scale || mantissa === 0n) return [mantissa, exp];
  const drop = scale - exp;
  if (drop > digitCount(mantissa)) return [1n, scale]; // smaller than one unit: rounds up to one
  const div = pow10(drop);
  const q = mantissa / div;
  return [mantissa % div === 0n ? q : q + 1n, scale];
}

/**
 * quantity.go ParseQuantity: the exact value, or undefined where it returns an error. Parsed
 * once per text: manifests repeat a few (`500m`, `1Gi`), and a Quantity is immutable.
 */
export const parseQuantityString: (str: string) => Quantity | undefined =
  memoByText(parseQuantityUncached);

function parseQuantityUncached(str: string): Quantity | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return ZERO;
  const scanned = scan(str);
  if (!scanned) return undefined;
  const { positive, value, num, denom } = scanned;
  const suffix = interpret(scanned.suffix);
  if (!suffix) return undefined;
  let { format } = suffix;

  // The exact magnitude: (num.denom) × base^exponent.
  let mantissa = BigInt(num + denom);
  let exp = -denom.length;
  if (suffix.base === 10) exp += suffix.exponent;
  else mantissa *= 1n << BigInt(suffix.exponent);

  // Which path ParseQuantity takes decides the rounding, the cap and some errors.
  let precision: number;
  if (suffix.base === 10) {
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else if (denom.length === 0) {
    precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  const scale = (suffix.base === 10 ? suffix.exponent : 0) - denom.length;
  const fast = precision >= 0 && scale >= NANO && mantissa <= MAX_INT64;
  if (!fast) {
    // inf.Dec.SetString(value) needs at least one digit.
    if (!/[0-9]/.test(value)) return undefined;
    [mantissa, exp] = roundUpMagnitude(mantissa, exp, NANO);
    if (format === 'BinarySI') {
      if (compareMagnitude(mantissa, exp, MAX_INT64, 0) > 0) {
        mantissa = MAX_INT64;
        exp = 0;
      }
      if (mantissa !== 0n && compareMagnitude(mantissa, exp, 1n, 0) < 0) format = 'DecimalSI';
    }
  }
  return normalize(positive ? mantissa : -mantissa, exp, format);
}

/** Compares two non-negative values `a × 10^ae` and `b × 10^be`. */
function compareMagnitude(a: bigint, ae: number, b: bigint, be: number): number {
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  // order of magnitude first, so huge exponents never build huge numbers
  const ma = digitCount(a) + ae;
  const mb = digitCount(b) + be;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const e = Math.min(ae, be);
  const x = a * pow10(ae - e);
  const y = b * pow10(be - e);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const sa = sign(a);
  const sb = sign(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const c = compareMagnitude(abs(a.mantissa), a.exp, abs(b.mantissa), b.exp);
  return sa > 0 ? c : -c;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

export function sign(q: Quantity): -1 | 0 | 1 {
  return q.mantissa === 0n ? 0 : q.mantissa < 0n ? -1 : 1;
}

/**
 * Quantity.RoundUp(scale): rounded away from zero to a multiple of 10^scale. The API server
 * does this at milli scale (-3) to every requests and limits entry (SetDefaults_ResourceList).
 */
export function roundUp(q: Quantity, scale: number): Quantity {
  const [m, e] = roundUpMagnitude(abs(q.mantissa), q.exp, scale);
  return normalize(q.mantissa < 0n ? -m : m, e, q.format);
}

/** Quantity.ScaledValue(scale): the value in units of 10^scale, rounded away from zero. */
export function scaledValue(q: Quantity, scale: number): bigint {
  const [m, e] = roundUpMagnitude(abs(q.mantissa), q.exp, scale);
  const v = m * pow10(Math.min(e - scale, 400)); // e >= scale here; bound absurd exponents
  return q.mantissa < 0n ? -v : v;
}

/** Sum of two quantities (Quantity.Add); the format is the first non-zero one's. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  if (a.mantissa === 0n) return b;
  if (b.mantissa === 0n) return a;
  const e = Math.min(a.exp, b.exp);
  if (Math.max(a.exp, b.exp) - e > 400) return compareQuantities(a, b) >= 0 ? a : b;
  return normalize(a.mantissa * pow10(a.exp - e) + b.mantissa * pow10(b.exp - e), e, a.format);
}

/** The larger of two quantities. */
export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return compareQuantities(a, b) >= 0 ? a : b;
}

export const ZERO_QUANTITY = ZERO;

/** Go's strings.TrimSpace: Unicode White_Space only (not U+FEFF, unlike String.trim). */
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/**
 * encoding/json's text for a float64, which is what kubectl sends for a YAML number and what
 * Quantity.UnmarshalJSON then parses. JavaScript's shortest round-trip form agrees with Go's
 * for every finite number (exponent form below 1e-6 and from 1e21, `e-7` not `e-07`).
 */
function goJsonNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * Reads a manifest value as the API server decodes a resource.Quantity (UnmarshalJSON):
 * surrounding whitespace is trimmed, a YAML number is parsed from its JSON text, `null` is zero.
 */
export function readQuantity(value: unknown): QuantityRead {
  if (value === null) return { ok: true, quantity: ZERO };
  let text: string;
  if (typeof value === 'string') text = value.replace(GO_TRIM, '');
  else if (typeof value === 'number' && Number.isFinite(value)) text = goJsonNumber(value);
  else return { ok: false, reason: 'type' };
  const quantity = parseQuantityString(text);
  return quantity ? { ok: true, quantity } : { ok: false, reason: 'format' };
}

/** The quantity as a JavaScript number (approximate), or undefined when it does not parse. */
export function quantityToNumber(q: Quantity): number {
  return Number(q.mantissa) * 10 ** q.exp;
}

/** The quantity's value as a number (approximate), or undefined when it does not parse. */
export function parseQuantity(text: string | number): number | undefined {
  const read = readQuantity(text);
  return read.ok ? quantityToNumber(read.quantity) : undefined;
}

/** Canonical-ish text for messages: the value as written is usually shown instead. */
export function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  const neg = q.mantissa < 0n;
  const digits = abs(q.mantissa).toString();
  let out: string;
  if (q.exp >= 0) out = q.exp > 30 ? `${digits}e${q.exp}` : digits + '0'.repeat(q.exp);
  else if (-q.exp >= digits.length) out = `0.${'0'.repeat(-q.exp - digits.length)}${digits}`;
  else out = `${digits.slice(0, digits.length + q.exp)}.${digits.slice(digits.length + q.exp)}`;
  return neg ? `-${out}` : out;
}

/** The message for a value that is not a quantity. */
export const NOT_A_QUANTITY =
  'is not a Kubernetes quantity: use a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti), e.g. "1Gi" or "500m", not "1GB"';

/**
 * A problem with a quantity value, for rules outside requests and limits: undefined for a value
 * of another JSON type (the decoding rule reports those) and for a valid quantity.
 */
export function quantityProblem(value: unknown): string | undefined {
  const read = readQuantity(value);
  if (read.ok) return sign(read.quantity) < 0 ? 'must be greater than or equal to 0' : undefined;
  return read.reason === 'format' ? NOT_A_QUANTITY : undefined;
}
