/** Helpers of defaults.ts: copy-on-write editing and Go zero-value tests. */
import { memoByText } from './memo';
import { Obj, isObj } from './read';

/** SetDefaults_ObjectFieldSelector. */
export function defaultFieldRef(ref: Obj): Obj {
  return isUnsetString(ref.apiVersion) ? new Edit(ref).set('apiVersion', 'v1').done() : ref;
}

/**
 * The pull policy SetDefaults_Container picks: Always for a `:latest` tag or an image with
 * neither tag nor digest (parsers.ParseImageName defaults the tag to latest), else IfNotPresent.
 */
export function pullPolicyFor(image: unknown): 'Always' | 'IfNotPresent' {
  return typeof image === 'string' && image !== '' ? pullPolicyOf(image) : 'IfNotPresent';
}

/** Images repeat across the objects of a file: each is parsed once. */
const pullPolicyOf = memoByText((image: string): 'Always' | 'IfNotPresent' => {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? name.slice(colon + 1) : '';
  if (tag === '') return at >= 0 ? 'IfNotPresent' : 'Always';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
});

/** A nil pointer, map or slice: absent or null. */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

/** A Go string field at its zero value. */
export function isUnsetString(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** A Go int32 field at its zero value. */
export function isUnsetInt(value: unknown): boolean {
  return value === undefined || value === null || value === 0;
}

/** `len(obj.Labels) == 0` for a map that decodes (absent, null or {}). */
export function isEmptyMap(value: unknown): boolean {
  return isUnset(value) || (isObj(value) && Object.keys(value).length === 0);
}

/** `base` with the object under `key` replaced by `fn` of it; `base` itself when nothing changes. */
export function withChild(base: Obj, key: string, fn: (value: Obj) => Obj): Obj {
  const value = base[key];
  if (!isObj(value)) return base;
  const next = fn(value);
  if (next === value) return base;
  const copy = copyOf(base);
  copy[key] = next;
  return copy;
}

/**
 * A shallow copy, by Object.assign rather than a spread: on Node 20 a spread copy that then gains
 * keys is built several times slower, and defaults copy several objects of every object checked.
 * Object.assign would set the copy's prototype from an own `__proto__` key (JSON can carry one,
 * and the API server ignores it as an unknown field), so such an object is spread.
 */
function copyOf(base: Obj): Record<string, unknown> {
  return Object.prototype.hasOwnProperty.call(base, '__proto__')
    ? { ...base }
    : Object.assign({}, base);
}

/**
 * A copy-on-write view of one object: the object is copied at the first change, and the
 * changes go into the copy. A new key takes its place in the order it was first set.
 */
export class Edit {
  private copy: Record<string, unknown> | undefined;

  constructor(private readonly base: Obj) {}

  /** The value of `key` as it stands after the changes so far. */
  current(key: string): unknown {
    return (this.copy ?? this.base)[key];
  }

  set(key: string, value: unknown): this {
    (this.copy ??= copyOf(this.base))[key] = value;
    return this;
  }

  /** Replaces the object under `key` (when it is one) with `fn` of it. */
  child(key: string, fn: (value: Obj) => Obj): this {
    const value = this.current(key);
    if (isObj(value)) {
      const next = fn(value);
      if (next !== value) this.set(key, next);
    }
    return this;
  }

  /** Replaces each object of the array under `key` with `fn` of it, keeping order and length. */
  array(key: string, fn: (item: Obj) => Obj): this {
    const value = this.current(key);
    if (!Array.isArray(value)) return this;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (!isObj(item)) continue;
      const next = fn(item);
      if (next !== item) (copy ??= [...value])[i] = next;
    }
    if (copy) this.set(key, copy);
    return this;
  }

  done(): Obj {
    return this.copy ?? this.base;
  }
}
