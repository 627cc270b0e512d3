/** Helpers of defaults.ts: copy-on-write editing and Go zero-value tests. */
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
  if (typeof image !== 'string' || image === '') return 'IfNotPresent';
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? name.slice(colon + 1) : '';
  if (tag === '') return at >= 0 ? 'IfNotPresent' : 'Always';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

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

/** A copy-on-write view of one object: changes are collected, the object is copied once. */
export class Edit {
  private changes: Record<string, unknown> | undefined;

  constructor(private readonly base: Obj) {}

  /** The value of `key` as it stands after the changes so far. */
  current(key: string): unknown {
    return this.changes && Object.prototype.hasOwnProperty.call(this.changes, key)
      ? this.changes[key]
      : this.base[key];
  }

  set(key: string, value: unknown): this {
    (this.changes ??= Object.create(null) as Record<string, unknown>)[key] = value;
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
    value.forEach((item: unknown, i) => {
      if (!isObj(item)) return;
      const next = fn(item);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    if (copy) this.set(key, copy);
    return this;
  }

  done(): Obj {
    return this.changes ? { ...this.base, ...this.changes } : this.base;
  }
}
