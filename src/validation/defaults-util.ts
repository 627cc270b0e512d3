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
  const copy: Record<string, unknown> = Object.assign({}, base);
  copy[key] = next;
  return copy;
}

/**
 * A copy-on-write view of one object: changes are collected, the object is copied once. The
 * changes are kept as two short lists in the order they were first set, which is the order a
 * new key takes in the copy.
 */
export class Edit {
  private keys: string[] | undefined;
  private values: unknown[] | undefined;

  constructor(private readonly base: Obj) {}

  /** The value of `key` as it stands after the changes so far. */
  current(key: string): unknown {
    const at = this.keys ? this.keys.indexOf(key) : -1;
    return at >= 0 ? (this.values as unknown[])[at] : this.base[key];
  }

  set(key: string, value: unknown): this {
    if (!this.keys) {
      this.keys = [key];
      this.values = [value];
      return this;
    }
    const at = this.keys.indexOf(key);
    if (at >= 0) (this.values as unknown[])[at] = value;
    else {
      this.keys.push(key);
      (this.values as unknown[]).push(value);
    }
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
    const keys = this.keys;
    if (!keys) return this.base;
    const values = this.values as unknown[];
    // Object.assign, not a spread: on Node 20 a spread copy that then gains keys is built
    // several times slower, and this runs for every object checked.
    const copy: Record<string, unknown> = Object.assign({}, this.base);
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = values[i];
    return copy;
  }
}
