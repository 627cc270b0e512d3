/** The wording of the decoding rule: what a type takes, what a value is, how to fix it. */
import { TypeNode } from './compile';
import { isPlainObject, isText } from './json';

/**
 * The reported value: the value itself when it is a scalar, else a small copy (at most `depth`
 * levels and 10 entries a level), so that printing it is cheap and never meets a cycle.
 */
export function preview(value: unknown, depth: number): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (depth === 0) return Array.isArray(value) ? ['...'] : { '...': '...' };
  if (Array.isArray(value)) {
    const items = value.slice(0, 10).map((v) => preview(v, depth - 1));
    return value.length > 10 ? [...items, '...'] : items;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, 10)) {
    Object.defineProperty(out, key, {
      value: preview((value as Record<string, unknown>)[key], depth - 1),
      enumerable: true,
    });
  }
  if (keys.length > 10) out['...'] = '...';
  return out;
}

/** What a type takes, as the message says it: `a list of strings`. */
export function expected(type: TypeNode): string {
  switch (type.kind) {
    case 'string':
    case 'micro-time':
      return 'a string';
    case 'bytes':
      return 'a base64 string';
    case 'time':
      return 'an RFC 3339 time string';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'int32':
    case 'int64':
      return 'an integer';
    case 'int-or-string':
      return 'an integer or a string';
    case 'quantity':
      return 'a quantity (a string such as "500m" or a number)';
    case 'any':
      return 'any value';
    case 'model':
      return `an object (${type.name})`;
    case 'list':
      return `a list of ${plural(type.elem)}`;
    case 'map':
      return `a map of ${plural(type.elem)}`;
  }
}

function plural(type: TypeNode): string {
  switch (type.kind) {
    case 'string':
      return 'strings';
    case 'int32':
    case 'int64':
      return 'integers';
    case 'boolean':
      return 'booleans';
    case 'quantity':
      return 'quantities';
    case 'model':
      return `objects (${type.name})`;
    default:
      return `values (${expected(type)})`;
  }
}

/** `a string`, `a number`, `a list`, ... : the JSON type of a value. */
export function actual(value: unknown): string {
  if (isText(value)) return 'a string';
  if (typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a non-finite number';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const PLAIN_WORD = /^(?:[A-Za-z0-9_./=^]|-(?=\S))[A-Za-z0-9_./=@+%^-]*$/;
const SECONDS = /^(\d+)(s|m|h)$/;

export function fixFor(value: unknown, type: TypeNode, field: string): string | undefined {
  switch (type.kind) {
    case 'string':
      if (typeof value === 'boolean') {
        return 'quote it (YAML reads unquoted y, n, yes, no, on, off, true and false as booleans)';
      }
      if (typeof value === 'number' && Number.isInteger(value)) return `quote it: "${value}"`;
      return typeof value === 'number' ? 'quote it' : undefined;
    case 'boolean':
      if (typeof value === 'string' && /^(true|false)$/.test(value)) {
        return `write it unquoted: ${value}`;
      }
      return typeof value === 'string' || typeof value === 'number'
        ? 'write true or false, unquoted'
        : undefined;
    case 'int32':
    case 'int64':
    case 'number':
      if (typeof value !== 'string') return undefined;
      if (/^-?\d+$/.test(value.trim())) return `write it unquoted: ${value.trim()}`;
      if (field.endsWith('Seconds')) {
        const m = SECONDS.exec(value.trim());
        if (m) {
          const seconds = Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
          return `write the number of seconds, unquoted: ${seconds}`;
        }
      }
      return undefined;
    case 'list':
      return listFix(value, type.elem);
    case 'map':
      return type.elem.kind === 'string' && Array.isArray(value)
        ? 'write it as a map of key: value pairs, not a list'
        : undefined;
    default:
      return undefined;
  }
}

function listFix(value: unknown, elem: TypeNode): string | undefined {
  if (elem.kind === 'string' && typeof value === 'string') {
    if (value.trim() === '') return 'leave it out, or write it as a YAML list';
    if (SHELL.test(value)) {
      return `write it as a YAML list, e.g. [sh, -c, ${JSON.stringify(value)}]`;
    }
    return `write it as a YAML list: [${value.trim().split(/\s+/).map(yamlWord).join(', ')}]`;
  }
  if (elem.kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return 'write it as a YAML list of quoted strings';
  }
  if ((elem.kind === 'int32' || elem.kind === 'int64') && typeof value === 'number') {
    return `write it as a YAML list: [${value}]`;
  }
  if (elem.kind === 'model' && isPlainObject(value)) {
    return 'write it as a list: start the entry with "- "';
  }
  return undefined;
}

/** Characters that make a string a shell command line rather than words. */
const SHELL = /["'`$|&;<>(){}*?\\#!~]/;
/** Words YAML 1.1 would not read as strings when written unquoted in a flow list. */
const NOT_A_STRING = /^([-+]?\.?[0-9]|[-+]?\.(inf|nan)$|(y|n|yes|no|on|off|true|false|null)$)/i;

/** A word as a YAML flow-list item: unquoted when YAML reads it back as the same string. */
function yamlWord(word: string): string {
  return PLAIN_WORD.test(word) && !NOT_A_STRING.test(word) ? word : JSON.stringify(word);
}
