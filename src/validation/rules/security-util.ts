/** Helpers the security rules share (not rules themselves, so not re-exported). */
import { RuleContext } from '../rule';
import { Obj, isObj, obj } from '../read';

export const EMPTY: Obj = Object.freeze({});

/** The largest uid and gid the API server accepts (math.MaxInt32). */
export const MAX_ID = 2_147_483_647;

/** The pod's securityContext, empty when absent or not an object. */
export function podSC(ctx: RuleContext): Obj {
  return obj(ctx.podSpec.securityContext) ?? EMPTY;
}

/** Whether a value is set in the Go sense: present and not null. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * A string field as Go decodes it: null or absent is "", another JSON type is undefined
 * (the decoding rule reports it).
 */
export function goString(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : undefined;
}

/** A security setting as it applies to a container: its own when set, else the pod's. */
export function effectiveSetting(ctx: RuleContext, container: Obj, key: string): unknown {
  const own = obj(container.securityContext)?.[key];
  return isSet(own) ? own : podSC(ctx)[key];
}

/** Where the effective setting is written: the container's securityContext, else the pod's. */
export function effectiveSettingPath(
  ctx: RuleContext,
  container: Obj,
  cPath: string,
  key: string,
): string {
  return isSet(obj(container.securityContext)?.[key])
    ? `${cPath}.securityContext.${key}`
    : `${ctx.podPath}.securityContext.${key}`;
}

/** `spec.os.name` when it is a string. */
export function podOS(ctx: RuleContext): string | undefined {
  const os = ctx.podSpec.os;
  return isObj(os) && typeof os.name === 'string' ? os.name : undefined;
}

/** The pod template's annotations: only the string values, which the API server keeps. */
export function templateAnnotations(ctx: RuleContext): Array<[string, string]> {
  const template = obj(ctx.jobSpec.template);
  const annotations = obj(obj(template?.metadata)?.annotations);
  if (!annotations) return [];
  return Object.keys(annotations)
    .filter((key) => typeof annotations[key] === 'string')
    .map((key) => [key, annotations[key] as string]);
}

/** The field path of the pod template's annotations. */
export function annotationsPath(ctx: RuleContext): string {
  return `${ctx.specPath}.template.metadata.annotations`;
}

/** Every container name of the pod (init, regular, ephemeral). */
export function containerNames(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const items = ctx.podSpec[list];
    if (!Array.isArray(items)) continue;
    for (const c of items) {
      if (isObj(c) && typeof c.name === 'string') names.add(c.name);
    }
  }
  return names;
}

/** validation.go validateLocalDescendingPath: a relative path with no `..` element. */
export function localDescendingPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'must be a relative path';
  if (path.split('/').includes('..')) return "must not contain '..'";
  return undefined;
}

/** The length of a string in UTF-8 bytes, as Go's len() counts it. */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A list of strings from a JSON array, skipping items of another type. */
export function stringItems(value: unknown): Array<[number, string]> {
  if (!Array.isArray(value)) return [];
  const out: Array<[number, string]> = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') out.push([i, item]);
  });
  return out;
}
