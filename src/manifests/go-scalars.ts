/**
 * Scalar resolution exactly as the API server reads YAML: goyaml.v2's `resolve()` (the fork
 * sigs.k8s.io/yaml/goyaml.v2, resolve.go, which adds the big.Int fallback) and its decoder's
 * `scalar()` into `interface{}`, followed by sigs.k8s.io/yaml's conversion to JSON
 * (`convertToJSONableObject`: non-string map keys become strings, NaN and infinities cannot
 * be encoded). Go's strconv rules (ParseInt/ParseUint with base 0, ParseFloat) are
 * transcribed here because JavaScript's Number() accepts other spellings.
 */

/** goyaml.v2's long tags. */
export const TAG = {
  str: 'tag:yaml.org,2002:str',
  bool: 'tag:yaml.org,2002:bool',
  int: 'tag:yaml.org,2002:int',
  float: 'tag:yaml.org,2002:float',
  null: 'tag:yaml.org,2002:null',
  timestamp: 'tag:yaml.org,2002:timestamp',
  binary: 'tag:yaml.org,2002:binary',
  merge: 'tag:yaml.org,2002:merge',
} as const;

const LONG_TAG_PREFIX = 'tag:yaml.org,2002:';

/** `!!int` for `tag:yaml.org,2002:int`, as goyaml.v2's shortTag prints it. */
export function shortTag(tag: string): string {
  return tag.startsWith(LONG_TAG_PREFIX) ? `!!${tag.slice(LONG_TAG_PREFIX.length)}` : tag;
}

/** A scalar that cannot be decoded as its tag asks; the reader turns it into a read error. */
export class ScalarError extends Error {}

/**
 * A resolved value that is not a plain JSON value yet: a float (its map-key spelling differs
 * from an int's), an integer beyond 2^53, a null or a merge key. js-yaml calls `toString()`
 * when the value is a mapping key, which gives sigs.k8s.io/yaml's key spelling; the reader's
 * conversion step (`toJsonValue`) turns it into the JSON value.
 */
export abstract class GoScalar {
  /** Keeps js-yaml from replacing a key of this class with `[object Object]`. */
  get [Symbol.toStringTag](): string {
    return 'GoScalar';
  }
  /** The JSON value; throws a ScalarError when JSON cannot hold it. */
  abstract toJsonValue(): unknown;
}

/** Markers that a mapping key's string starts with when the key is not a plain string. */
export const KEY_MARKER = '\u0000cdk8s-batch:';

/** A float64 (goyaml.v2 resolved it with the float tag). */
export class GoFloat extends GoScalar {
  constructor(public readonly value: number) {
    super();
  }
  toJsonValue(): number {
    if (!Number.isFinite(this.value)) {
      throw new ScalarError(
        `${this.toString()} cannot be encoded as JSON (the API server reads only finite numbers)`,
      );
    }
    return this.value === 0 ? 0 : this.value;
  }
  /** strconv.FormatFloat(v, 'g', -1, 32), then .inf/-.inf/.nan, as sigs.k8s.io/yaml spells a key. */
  override toString(): string {
    return formatFloatKey(this.value);
  }
}

/** An integer outside JavaScript's safe range: int64, uint64, or (sigs' fork) a big.Int. */
export class GoBigInt extends GoScalar {
  constructor(
    public readonly value: bigint,
    public readonly goType: 'int64' | 'uint64' | '*big.Int',
  ) {
    super();
  }
  toJsonValue(): number {
    return Number(this.value);
  }
  override toString(): string {
    // sigs.k8s.io/yaml formats int and int64 keys; uint64 and *big.Int keys are unsupported.
    if (this.goType === 'int64') return this.value.toString();
    return `${KEY_MARKER}unsupported key ${this.goType} ${this.value.toString()}`;
  }
}

/** A resolved null (`~`, `null`, `!!null`). */
export class GoNull extends GoScalar {
  static readonly INSTANCE = new GoNull();
  toJsonValue(): null {
    return null;
  }
  override toString(): string {
    return `${KEY_MARKER}unsupported key <nil>`;
  }
}

let mergeCounter = 0;

/** A merge key `<<` (plain, or tagged !!merge). As a value it is the string `<<`. */
export class GoMerge extends GoScalar {
  private readonly id = mergeCounter++;
  toJsonValue(): string {
    return '<<';
  }
  override toString(): string {
    return `${MERGE_KEY_PREFIX}${this.id}`;
  }
}

/** The key string of a merge key in the parser's intermediate object. */
export const MERGE_KEY_PREFIX = `${KEY_MARKER}merge:`;

// ---- the resolve table (resolve.go init()) -------------------------------------------------

const HINT = new Uint8Array(256);
{
  HINT['+'.charCodeAt(0)] = 83; // 'S' sign
  HINT['-'.charCodeAt(0)] = 83;
  for (const c of '0123456789') HINT[c.charCodeAt(0)] = 68; // 'D' digit
  for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 77; // 'M' in map
  HINT['.'.charCodeAt(0)] = 46; // '.' float
}
const S = 83;
const D = 68;
const M = 77;
const DOT = 46;

interface Resolved {
  readonly tag: string;
  readonly value: unknown;
}

const RESOLVE_MAP = new Map<string, Resolved>();
{
  const add = (value: unknown, tag: string, spellings: string[]) => {
    for (const s of spellings) RESOLVE_MAP.set(s, { tag, value });
  };
  add(true, TAG.bool, ['y', 'Y', 'yes', 'Yes', 'YES']);
  add(true, TAG.bool, ['true', 'True', 'TRUE']);
  add(true, TAG.bool, ['on', 'On', 'ON']);
  add(false, TAG.bool, ['n', 'N', 'no', 'No', 'NO']);
  add(false, TAG.bool, ['false', 'False', 'FALSE']);
  add(false, TAG.bool, ['off', 'Off', 'OFF']);
  add(null, TAG.null, ['', '~', 'null', 'Null', 'NULL']);
  add(NaN, TAG.float, ['.nan', '.NaN', '.NAN']);
  add(Infinity, TAG.float, ['.inf', '.Inf', '.INF']);
  add(Infinity, TAG.float, ['+.inf', '+.Inf', '+.INF']);
  add(-Infinity, TAG.float, ['-.inf', '-.Inf', '-.INF']);
  add('<<', TAG.merge, ['<<']);
}

const RESOLVABLE = new Set<string>([
  '',
  TAG.str,
  TAG.bool,
  TAG.int,
  TAG.float,
  TAG.null,
  TAG.timestamp,
]);

// ---- Go's strconv ---------------------------------------------------------------------------

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_CUTOFF = 1n << 63n;

type ParseResult = { ok: true; value: bigint } | { ok: false; range: boolean };

const SYNTAX: ParseResult = { ok: false, range: false };
const RANGE: ParseResult = { ok: false, range: true };

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return 99;
}

/** strconv.ParseUint(s, base, 64); base 0 reads 0b/0o/0x prefixes and a leading 0 as octal. */
export function goParseUint(s: string, base = 0): ParseResult {
  if (s === '') return SYNTAX;
  let i = 0;
  if (base === 0) {
    base = 10;
    if (s.charCodeAt(0) === 48) {
      const p = s.length >= 3 ? s.charCodeAt(1) | 0x20 : 0;
      if (p === 98) [base, i] = [2, 2];
      else if (p === 111) [base, i] = [8, 2];
      else if (p === 120) [base, i] = [16, 2];
      else [base, i] = [8, 1];
    }
  }
  // Fast path: up to 15 decimal digits cannot overflow and need no BigInt.
  if (base === 10 && s.length - i <= 15) {
    let n = 0;
    for (let j = i; j < s.length; j++) {
      const d = s.charCodeAt(j) - 48;
      if (d < 0 || d > 9) return SYNTAX;
      n = n * 10 + d;
    }
    return { ok: true, value: BigInt(n) };
  }
  const b = BigInt(base);
  let n = 0n;
  for (let j = i; j < s.length; j++) {
    const d = digitValue(s.charCodeAt(j));
    if (d >= base) return SYNTAX;
    n = n * b + BigInt(d);
    if (n > MAX_UINT64) return RANGE; // Go stops at the first overflowing digit
  }
  return { ok: true, value: n };
}

/** strconv.ParseInt(s, base, 64). */
export function goParseInt(s: string, base = 0): ParseResult {
  if (s === '') return SYNTAX;
  let neg = false;
  let rest = s;
  const c = s.charCodeAt(0);
  if (c === 43) rest = s.slice(1);
  else if (c === 45) [neg, rest] = [true, s.slice(1)];
  const u = goParseUint(rest, base);
  if (!u.ok) return u;
  if (!neg && u.value >= INT64_CUTOFF) return RANGE;
  if (neg && u.value > INT64_CUTOFF) return RANGE;
  return { ok: true, value: neg ? -u.value : u.value };
}

/** strconv's underscoreOK: underscores only between digits, and only after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const ch = s[i];
    if ((ch >= '0' && ch <= '9') || (hex && /[a-fA-F]/.test(ch))) {
      saw = '0';
      continue;
    }
    if (ch === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const DOT_FLOAT = /^\.(?=[0-9_]*[0-9])[0-9_]*(?:[eE][+-]?[0-9][0-9_]*)?$/;

/**
 * strconv.ParseFloat(s, 64) for a string that starts with `.` (goyaml.v2's `.` hint): Go's
 * float syntax with underscores checked by underscoreOK; out of range is an error.
 */
function goParseFloatDot(s: string): number | undefined {
  if (!DOT_FLOAT.test(s)) return undefined;
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const v = Number(s.replace(/_/g, ''));
  return Number.isFinite(v) ? v : undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** big.Int.SetString(s, 0): sign, base prefix, digits of that base. */
function bigIntSetString(s: string): bigint | undefined {
  let neg = false;
  let rest = s;
  if (rest[0] === '+' || rest[0] === '-') [neg, rest] = [rest[0] === '-', rest.slice(1)];
  let base = 10;
  let i = 0;
  if (rest[0] === '0' && rest.length > 1) {
    const p = rest[1].toLowerCase();
    if (p === 'b') [base, i] = [2, 2];
    else if (p === 'o') [base, i] = [8, 2];
    else if (p === 'x') [base, i] = [16, 2];
    else [base, i] = [8, 1];
  }
  if (i >= rest.length) return rest === '0' ? 0n : undefined;
  const b = BigInt(base);
  let n = 0n;
  for (let j = i; j < rest.length; j++) {
    const d = digitValue(rest.charCodeAt(j));
    if (d >= base) return undefined;
    n = n * b + BigInt(d);
  }
  return neg ? -n : n;
}

/** goyaml.v2 returns `int` (64-bit) when it fits, and we return a JS number when it is safe. */
function intValue(v: bigint): unknown {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : new GoBigInt(v, 'int64');
}

// ---- timestamps (only an explicit !!timestamp tag needs them checked) ------------------------

const TIMESTAMP_FORMS = [
  // "2006-1-2T15:4:5.999999999Z07:00" and the lower-case t variant
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  // "2006-1-2 15:4:5.999999999"
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?$/,
  // "2006-1-2"
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
];

/** parseTimestamp of resolve.go: the layouts Go's time.Parse accepts, with range checks. */
export function isGoTimestamp(s: string): boolean {
  for (const form of TIMESTAMP_FORMS) {
    const m = form.exec(s);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30];
    const monthDays = [...days, 31, 31, 30, 31, 30, 31];
    if (mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1]) continue;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) {
      continue;
    }
    return true;
  }
  return false;
}

// ---- resolve() ------------------------------------------------------------------------------

/**
 * goyaml.v2's resolve(tag, in) for a resolvable tag, with Go's result types mapped to
 * JavaScript: strings, booleans, GoNull, safe integers as numbers, GoFloat, GoBigInt, GoMerge;
 * a timestamp keeps its text (the decoder sets it as a string into interface{}).
 */
function resolveUntyped(tag: string, input: string): Resolved {
  const hint =
    input === '' ? 78 /* 'N' */ : input.charCodeAt(0) < 256 ? HINT[input.charCodeAt(0)] : 0;
  if (hint !== 0 && tag !== TAG.str && tag !== TAG.binary) {
    const item = RESOLVE_MAP.get(input);
    if (item) return item;
    if (hint === DOT) {
      const f = goParseFloatDot(input);
      if (f !== undefined) return { tag: TAG.float, value: f };
    } else if (hint === D || hint === S) {
      if ((tag === '' || tag === TAG.timestamp) && isGoTimestamp(input)) {
        return { tag: TAG.timestamp, value: input };
      }
      const plain = input.includes('_') ? input.replace(/_/g, '') : input;
      const i = goParseInt(plain);
      if (i.ok) return { tag: TAG.int, value: i.value };
      const u = goParseUint(plain);
      if (u.ok) return { tag: TAG.int, value: new GoBigInt(u.value, 'uint64') };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = Number(plain);
        if (Number.isFinite(f)) return { tag: TAG.float, value: f };
      }
      if (plain.startsWith('0b')) {
        const b = goParseInt(plain.slice(2), 2);
        if (b.ok) return { tag: TAG.int, value: b.value };
        const ub = goParseUint(plain.slice(2), 2);
        if (ub.ok) return { tag: TAG.int, value: new GoBigInt(ub.value, 'uint64') };
      } else if (plain.startsWith('-0b')) {
        const b = goParseInt(`-${plain.slice(3)}`, 2);
        if (b.ok) return { tag: TAG.int, value: b.value };
      }
      if (!u.ok && u.range) {
        const big = bigIntSetString(plain);
        if (big !== undefined) return { tag: TAG.int, value: new GoBigInt(big, '*big.Int') };
      }
    } else if (hint !== M) {
      throw new ScalarError(`resolveTable item not yet handled: ${input}`);
    }
  }
  return { tag: TAG.str, value: input };
}

let goScalarsGiven = 0;

/**
 * How many GoScalar values resolution has handed out so far: decode.ts skips its conversion
 * pass over a document that got none (and has no anchors).
 */
export function goScalarCount(): number {
  return goScalarsGiven;
}

/** Go's JSON value of a resolved scalar (ints as numbers or GoBigInt; floats as GoFloat). */
function toGoValue(r: Resolved, input: string): unknown {
  const value = goValue(r, input);
  if (typeof value === 'object' && value !== null) goScalarsGiven++;
  return value;
}

function goValue(r: Resolved, input: string): unknown {
  switch (r.tag) {
    case TAG.int:
      return typeof r.value === 'bigint' ? intValue(r.value) : r.value;
    case TAG.float:
      return new GoFloat(r.value as number);
    case TAG.null:
      return GoNull.INSTANCE;
    case TAG.merge:
      return new GoMerge();
    case TAG.timestamp:
      return input; // "for backward compatibility reasons we set it as a string"
    default:
      return r.value;
  }
}

/** A decimal int that strconv.ParseInt(s, 0, 64) reads and a double holds exactly (no `-0`). */
const SAFE_DECIMAL = /^(?:0|-?[1-9][0-9]{0,14})$/;

/** A plain (unquoted, untagged) scalar, as goyaml.v2 decodes it into interface{}. */
export function resolvePlain(input: string): unknown {
  const c = input.charCodeAt(0);
  const hint = c < 256 ? HINT[c] : 0; // '' gives NaN, so 0, and goes to resolveUntyped
  if (hint === 0 && input !== '') {
    // The common case: a word. `<<` resolves to a string, but is a merge key as a key.
    if (c !== 60 || input !== '<<') return input;
    goScalarsGiven++;
    return new GoMerge();
  }
  // resolveUntyped's answers for a word that is not in the table, and for a decimal int
  if (hint === M) {
    const item = RESOLVE_MAP.get(input);
    return item ? toGoValue(item, input) : input;
  }
  if (SAFE_DECIMAL.test(input)) return Number(input);
  return toGoValue(resolveUntyped('', input), input);
}

/**
 * A scalar with an explicit tag (`!!int "12"`, `!!binary ...`, `!foo x`), as goyaml.v2's
 * decoder.scalar() decodes it into interface{}; throws a ScalarError where goyaml.v2 fails.
 */
export function resolveTagged(tag: string, input: string): unknown {
  if (tag === TAG.binary) return decodeBinary(input);
  if (tag === TAG.merge) {
    if (input !== '<<') return input;
    goScalarsGiven++;
    return new GoMerge();
  }
  if (!RESOLVABLE.has(tag)) return input;
  let r = resolveUntyped(tag, input);
  if (tag !== r.tag && tag !== TAG.str) {
    const isInt = r.tag === TAG.int && !(r.value instanceof GoBigInt && r.value.goType !== 'int64');
    if (tag === TAG.float && isInt) {
      const v = r.value instanceof GoBigInt ? r.value.value : r.value;
      r = { tag: TAG.float, value: Number(v as bigint | number) };
    } else {
      throw new ScalarError(`cannot decode ${shortTag(r.tag)} \`${input}\` as a ${shortTag(tag)}`);
    }
  }
  return toGoValue(r, input);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** base64.StdEncoding.DecodeString (which skips \r and \n), then Go's JSON string coercion. */
function decodeBinary(input: string): string {
  const s = input.replace(/[\r\n]/g, '');
  if (!BASE64.test(s)) throw new ScalarError('!!binary value contains invalid base64 data');
  return goString(Buffer.from(s, 'base64'));
}

/**
 * The bytes of a Go string as encoding/json writes them: valid UTF-8 is kept, every byte that
 * does not start a valid sequence becomes U+FFFD (utf8.DecodeRune's width-1 RuneError).
 */
export function goString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i];
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    }
    let need = 0;
    let cp = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) [need, cp] = [1, b0 & 0x1f];
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      [need, cp] = [2, b0 & 0x0f];
      if (b0 === 0xe0) lo = 0xa0;
      if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      [need, cp] = [3, b0 & 0x07];
      if (b0 === 0xf0) lo = 0x90;
      if (b0 === 0xf4) hi = 0x8f;
    }
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const b = bytes[i + k];
      const [l, h] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (b === undefined || b < l || b > h) ok = false;
      else cp = (cp << 6) | (b & 0x3f);
    }
    if (!ok) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

// ---- strconv.FormatFloat(f, 'g', -1, 32) ----------------------------------------------------

/** A float map key as sigs.k8s.io/yaml spells it: float32 shortest %g, or .inf/-.inf/.nan. */
export function formatFloatKey(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  const f = Math.fround(value);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const neg = f < 0;
  const abs = Math.abs(f);
  // The shortest decimal that reads back as the same float32.
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = abs.toExponential(p - 1); // d.ddde±x
    if (Math.fround(Number(e)) === abs) {
      const [mant, ex] = e.split('e');
      digits = mant.replace('.', '').replace(/0+$/, '') || '0';
      exp = Number(ex);
      break;
    }
  }
  const sign = neg ? '-' : '';
  // %e when the exponent is < -4 or >= 6 (eprec is 6 for the shortest form)
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = exp < 0 ? '-' : '+';
    const ea = Math.abs(exp);
    return `${sign}${mant}e${es}${ea < 10 ? '0' : ''}${ea}`;
  }
  const dp = exp + 1; // digits before the decimal point
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}
