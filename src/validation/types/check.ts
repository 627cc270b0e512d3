/**
 * Checks a manifest's JSON types the way the API server decodes it: encoding/json into the Go
 * types (sigs.k8s.io/json, case-sensitive) plus apimachinery's custom unmarshallers
 * (intstr.IntOrString, resource.Quantity, metav1.Time). Unknown fields are not looked at.
 */
import { modelType, TypeNode } from './compile';
import { isPlainObject, isRfc3339, isText } from './json';
import { actual, expected, fixFor, preview } from './messages';

export { actual, expected } from './messages';
export { isRfc3339 } from './json';

/** One value of the wrong type: where, what, how to fix. */
export interface TypeProblem {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix?: string;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** 2^63: JavaScript cannot tell 2^63 - 1 from 2^63, so the bound is inclusive. */
const INT64_BOUND = 9223372036854775808;
/** Values looked at per manifest before giving up (hostile input: aliases of aliases). */
const BUDGET = 1_000_000;
/** No model of the table nests deeper than this; a guard should the table ever recurse. */
const MAX_DEPTH = 64;

/** Field names and indexes of the value being checked; joined only when reporting. */
type Segment = string | number;

class Walker {
  public readonly problems: TypeProblem[] = [];
  private readonly path: Segment[] = [];
  private budget = BUDGET;

  public constructor(private readonly rootPath: string) {}

  public check(value: unknown, type: TypeNode): void {
    if (value === null || value === undefined || --this.budget < 0) return;
    if (this.path.length > MAX_DEPTH) return;
    // Most common first: a switch on strings tests its cases in order.
    switch (type.kind) {
      case 'model':
        if (!isPlainObject(value)) this.wrong(value, type);
        else {
          // for-in, not Object.keys: no array per object (decoded values inherit no keys)
          for (const key in value) {
            const field = type.fields.get(key);
            if (field === undefined) continue;
            this.path.push(key);
            this.check(value[key], field);
            this.path.pop();
          }
        }
        return;
      case 'string':
      case 'bytes':
      case 'micro-time':
        if (!isText(value)) this.wrong(value, type);
        return;
      case 'list':
        if (!Array.isArray(value)) this.wrong(value, type);
        else {
          for (let i = 0; i < value.length; i++) {
            this.path.push(i);
            this.check(value[i], type.elem);
            this.path.pop();
          }
        }
        return;
      case 'map':
        if (!isPlainObject(value)) this.wrong(value, type);
        else {
          for (const key in value) {
            this.path.push(key);
            this.check(value[key], type.elem);
            this.path.pop();
          }
        }
        return;
      case 'int32':
      case 'int64':
        this.integer(value, type);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.wrong(value, type);
        return;
      case 'int-or-string':
        if (!isText(value)) this.integer(value, type);
        return;
      case 'quantity':
        if (typeof value === 'number' ? !Number.isFinite(value) : !isText(value)) {
          if (typeof value !== 'bigint') this.wrong(value, type);
        }
        return;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) this.wrong(value, type);
        return;
      case 'time':
        if (!isText(value)) this.wrong(value, type);
        else if (typeof value === 'string' && !isRfc3339(value)) {
          this.report(value, 'must be an RFC 3339 time such as "2024-05-01T12:00:00Z"');
        }
        return;
      case 'any':
        return;
    }
  }

  private integer(raw: unknown, type: TypeNode): void {
    const value = typeof raw === 'bigint' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.wrong(value, type);
    } else if (!Number.isInteger(value)) {
      this.report(value, `must be ${expected(type)}, not a fractional number`);
    } else if (type.kind === 'int64') {
      if (value < -INT64_BOUND || value > INT64_BOUND) {
        this.report(value, 'must fit in 64 bits (-9223372036854775808 to 9223372036854775807)');
      }
    } else if (value < INT32_MIN || value > INT32_MAX) {
      this.report(value, `must fit in 32 bits (${INT32_MIN} to ${INT32_MAX})`);
    }
  }

  private wrong(value: unknown, type: TypeNode): void {
    this.report(value, `must be ${expected(type)}, not ${actual(value)}`, this.fixFor(value, type));
  }

  private report(value: unknown, message: string, fix?: string): void {
    let path = this.rootPath;
    for (const s of this.path) {
      // Map keys as the other rules write them: `resources.limits.nvidia.com/gpu`.
      if (typeof s === 'number') path += `[${s}]`;
      else path += path === '' ? s : `.${s}`;
    }
    const shown = preview(value, 3);
    this.problems.push(
      fix === undefined ? { path, value: shown, message } : { path, value: shown, message, fix },
    );
  }

  private fixFor(value: unknown, type: TypeNode): string | undefined {
    const last = this.path[this.path.length - 1];
    return fixFor(value, type, typeof last === 'string' ? last : '');
  }
}

/**
 * Every value of `manifest` whose JSON type the API server's decoder refuses, walking it as
 * the model `root` (`Job` or `CronJob`). Paths start at `rootPath` (empty: the object).
 */
export function typeProblems(manifest: unknown, root: string, rootPath = ''): TypeProblem[] {
  const walker = new Walker(rootPath);
  walker.check(manifest, modelType(root));
  return walker.problems;
}
