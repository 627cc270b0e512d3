/**
 * One YAML document's text to its JSON value, as `kubectl` and the API server read it:
 * js-yaml parses (fast; its implicit types apply to plain scalars only, which is exactly
 * goyaml.v2's plain/quoted distinction), a schema built from go-scalars.ts resolves every
 * scalar as goyaml.v2 does, and a conversion pass then applies what goyaml.v2's decoder and
 * sigs.k8s.io/yaml do to the tree: aliases become independent copies (bounded by goyaml.v2's
 * excessive-aliasing rule; an alias inside its own anchor is an error), merge keys `<<` are
 * applied in order as goyaml.v2 applies them, non-string keys take sigs.k8s.io/yaml's spelling,
 * and numbers JSON cannot hold are errors.
 */
import { decodeBlockYaml } from './block-decode';
import { GoScalar, KEY_MARKER, MERGE_KEY_PREFIX, ScalarError, goScalarCount } from './go-scalars';
import { DocumentError, MAX_DEPTH } from './document-error';

export { DocumentError, MAX_DEPTH } from './document-error';

// ---- the conversion: goyaml.v2's decoder over js-yaml's tree ----------------------------------

const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;
const ALIAS_RATIO_RANGE = ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW;

/** goyaml.v2's allowedAliasRatio (decode.go). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - ALIAS_RATIO_RANGE_LOW)) / ALIAS_RATIO_RANGE;
}

/** Sets a property as an own data property, `__proto__` included (never the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

class Converter {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly seen = new Set<object>();
  private readonly onPath = new Set<object>();
  private readonly path: (string | number)[] = [];

  fail(message: string): never {
    throw new DocumentError(message, undefined, undefined, formatPath(this.path));
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      this.fail('document contains excessive aliasing');
    }
  }

  /**
   * The JSON value of `v`. js-yaml's containers are converted in place the first time they
   * are met; an alias (a container met again) becomes an independent copy, as goyaml.v2
   * decodes each alias anew.
   */
  convert(v: unknown): unknown {
    if (v === null || typeof v !== 'object') {
      this.count();
      return v;
    }
    if (v instanceof GoScalar) {
      this.count();
      try {
        return v.toJsonValue();
      } catch (e) {
        if (e instanceof ScalarError) this.fail(e.message);
        throw e;
      }
    }
    if (this.onPath.has(v)) this.fail('an alias refers to a node that contains it (a cycle)');
    if (this.path.length >= MAX_DEPTH) {
      this.fail(`nesting too deep for the reader (over ${MAX_DEPTH} levels)`);
    }
    const alias = this.seen.has(v);
    if (alias) this.aliasDepth++;
    else this.seen.add(v);
    this.count();
    this.onPath.add(v);
    const copy = this.aliasDepth > 0;
    try {
      if (Array.isArray(v)) {
        const out = copy ? new Array<unknown>(v.length) : v;
        for (let i = 0; i < v.length; i++) {
          this.path.push(i);
          out[i] = this.convert(v[i]);
          this.path.pop();
        }
        return out;
      }
      return this.mapping(v as Record<string, unknown>, copy);
    } finally {
      this.onPath.delete(v);
      if (alias) this.aliasDepth--;
    }
  }

  /** decoder.mapping(): pairs in order; a merge key merges, a later key overwrites. */
  private mapping(v: Record<string, unknown>, copy: boolean): Record<string, unknown> {
    const keys = Object.keys(v);
    let merges = false;
    for (const key of keys) if (key.charCodeAt(0) === 0) merges = true;
    const out: Record<string, unknown> = copy || merges ? {} : v;
    for (const key of keys) {
      this.count(); // goyaml.v2 decodes the key node too
      if (key.charCodeAt(0) === 0 && key.startsWith(KEY_MARKER)) {
        if (key.startsWith(MERGE_KEY_PREFIX)) {
          this.path.push('<<');
          this.merge(v[key], out);
          this.path.pop();
          continue;
        }
        // sigs.k8s.io/yaml: "unsupported map key of type: <nil>" (or uint64, *big.Int)
        this.fail(`${key.slice(KEY_MARKER.length)}: JSON object keys must be strings`);
      }
      this.path.push(key);
      const value = v[key];
      const converted = this.convert(value);
      if (out !== v || converted !== value) setOwn(out, key, converted);
      this.path.pop();
    }
    return out;
  }

  /** decoder.merge(): a mapping, an alias of one, or a sequence of them (earlier ones win). */
  private merge(value: unknown, out: Record<string, unknown>): void {
    const isMap = (x: unknown) =>
      x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof GoScalar);
    const wantMap = () => this.fail('map merge requires map or sequence of maps as the value');
    const mergeOne = (m: unknown) => {
      const converted = this.convert(m) as Record<string, unknown>;
      for (const k of Object.keys(converted)) setOwn(out, k, converted[k]);
    };
    if (isMap(value)) {
      mergeOne(value);
    } else if (Array.isArray(value) && !this.seen.has(value)) {
      // goyaml.v2 steps backwards, so that earlier maps take precedence
      for (let i = value.length - 1; i >= 0; i--) {
        if (!isMap(value[i])) wantMap();
        this.path.push(i);
        mergeOne(value[i]);
        this.path.pop();
      }
    } else {
      wantMap();
    }
  }
}

/** `a.b[0].c`, as the validation rules write field paths. */
export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/**
 * The JSON values of the YAML documents in `text` (null for an empty document), as
 * sigs.k8s.io/yaml.YAMLToJSON gives them; throws a DocumentError.
 */
export function decodeYaml(text: string): unknown[] {
  const block = decodeBlockYaml(text);
  return block !== undefined ? [block] : decodeAnyYaml(text);
}

/** decodeYaml without the fast path: js-yaml, then goyaml.v2's conversion. */
export function decodeAnyYaml(text: string): unknown[] {
  const given = goScalarCount();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- js-yaml loads only here
  const { parseRaw } = require('./js-yaml-parse') as typeof import('./js-yaml-parse');
  const raws = parseRaw(text);
  // Without GoScalars and anchors (so aliases) js-yaml's tree is already the JSON value.
  if (goScalarCount() === given && !text.includes('&')) return raws.map((raw) => raw ?? null);
  return raws.map((raw) => new Converter().convert(raw ?? null));
}
