import { Problem, describeProblem } from '../validation/problem';
import { isBatchWorkload, validateManifest } from '../validation/validate-manifest';
import { KubernetesVersion } from '../validation/versions';
import { SubdomainServices } from '../validation/cross-object';
import { ManifestObject, ReadError } from './read-manifests';
import { restrictedNamespace } from './restricted-namespaces';

/** One problem of one object in one file. */
export interface Finding extends Problem {
  readonly file: string;
  /** 1-based line of the field (or of the nearest part of it that is written). @default unknown */
  readonly line?: number;
  /** 1-based column of the field. @default unknown */
  readonly column?: number;
  readonly kind: string;
  /** The object's namespace as written. @default none written */
  readonly namespace?: string;
  readonly name: string;
  /** `Kind/name`, as reports print it. */
  readonly object: string;
}

/** A Job or CronJob that was checked, with its findings. */
export interface CheckedObject {
  readonly file: string;
  readonly line?: number;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly findings: readonly Finding[];
}

/** An object the rules could not check because of a bug in cdk8s-batch. */
export interface InternalError {
  readonly file: string;
  readonly object: string;
  readonly message: string;
}

export interface CheckOptions {
  readonly targetVersion: KubernetesVersion;
  /** Reviewer rules relaxed for every object. @default none */
  readonly allow?: readonly string[];
  /** Check the Pod Security "restricted" profile on every object. @default only where a Namespace in the input enforces it */
  readonly podSecurity?: 'restricted';
  /**
   * The namespaces of the input that enforce the restricted profile, found before the input is
   * read (restricted-namespaces.ts), so that no result waits for the end of the input.
   */
  readonly restrictedNamespaces: ReadonlySet<string>;
  /** Finds the line and column of a field of an object. @default none */
  readonly locate?: (
    source: ManifestObject,
    field: string,
  ) => { line: number; column: number } | undefined;
}

/** Receives the results as they come, so a report can be written while files are read. */
export interface CheckSink {
  object(checked: CheckedObject): void;
  readError(error: ReadError): void;
  internalError(error: InternalError): void;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function metadataOf(o: Record<string, unknown>): Record<string, unknown> {
  const m = o.metadata;
  return typeof m === 'object' && m !== null && !Array.isArray(m)
    ? (m as Record<string, unknown>)
    : {};
}

/**
 * Checks every batch Job and CronJob among `sources` and hands each result to `sink` as soon as
 * it is known; only an object whose pod hostname needs a Service waits for the end of the
 * input, where the Service may be. Returns the number checked.
 */
export function checkStream(
  sources: Iterable<ManifestObject | ReadError>,
  options: CheckOptions,
  sink: CheckSink,
): number {
  const restricted = options.restrictedNamespaces;
  const services = new SubdomainServices();
  const waiting: Array<{
    problems: readonly Problem[];
    where: Where;
    source: ManifestObject;
    line: number | undefined;
  }> = [];
  let checked = 0;
  for (const source of sources) {
    if (!('object' in source)) {
      sink.readError(source);
      continue;
    }
    const o = source.object;
    services.see(o);
    if (!isBatchWorkload(o)) continue;
    checked++;
    const metadata = metadataOf(o);
    const kind = String(o.kind);
    const name = text(metadata.name) ?? text(metadata.generateName) ?? '<unnamed>';
    const namespace = text(metadata.namespace);
    const object = `${kind}/${name}`;
    let problems: Problem[];
    try {
      problems = validateManifest(o, {
        targetVersion: options.targetVersion,
        allow: options.allow as never,
        podSecurity: restricted.has(namespace || 'default') ? 'enforced' : options.podSecurity,
      });
    } catch (e) {
      sink.internalError({ file: source.file, object, message: String((e as Error)?.stack ?? e) });
      continue;
    }
    const where: Where = { file: source.file, kind, namespace, name, object };
    const line = (source as { line?: number }).line;
    if (SubdomainServices.needs(o)) waiting.push({ problems, where, source, line });
    else sink.object(checkedObject(problems, where, source, line));
  }
  for (const { problems, where, source, line } of waiting) {
    const all = [...problems, ...services.problems(source.object)];
    sink.object(checkedObject(all, where, source, line));
  }
  return checked;

  /** The result of one object; positions are found only for findings that are reported. */
  function checkedObject(
    problems: readonly Problem[],
    where: Where,
    source: ManifestObject,
    line: number | undefined,
  ): CheckedObject {
    const { locate } = options;
    const findings: Finding[] = [];
    for (const p of problems) findings.push(findingOf(p, where, locate?.(source, p.field)));
    const { file, kind, namespace, name } = where;
    return { file, line, kind, namespace, name, findings };
  }
}

/** The object a finding belongs to. */
interface Where {
  readonly file: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly object: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A problem with its object and position, built property by property in the order reports
 * print them: an object spread here cost more than the rules that found the problem.
 */
function findingOf(
  p: Problem,
  where: Where,
  at: { line: number; column: number } | undefined,
): Finding {
  const f = {
    rule: p.rule,
    family: p.family,
    severity: p.severity,
    field: p.field,
  } as Mutable<Finding>;
  if ('value' in p) f.value = p.value;
  f.message = p.message;
  if ('fix' in p) f.fix = p.fix;
  f.file = where.file;
  f.kind = where.kind;
  if (where.namespace !== undefined) f.namespace = where.namespace;
  f.name = where.name;
  f.object = where.object;
  if (at) {
    f.line = at.line;
    f.column = at.column;
  }
  return f;
}

/** The findings of every batch/v1 Job and CronJob among `objects`. */
export function checkObjects(
  objects: readonly ManifestObject[],
  targetVersion: KubernetesVersion,
): { findings: Finding[]; checked: number } {
  const findings: Finding[] = [];
  const restrictedNamespaces = new Set<string>();
  for (const o of objects) {
    const name = restrictedNamespace(o.object);
    if (name !== undefined) restrictedNamespaces.add(name);
  }
  const checked = checkStream(
    objects,
    { targetVersion, restrictedNamespaces },
    {
      object: (c) => findings.push(...c.findings),
      readError: () => undefined,
      internalError: (e) => {
        throw new Error(e.message);
      },
    },
  );
  return { findings, checked };
}

/** `file:line:col: kind/name (namespace) field: "value": message; fix [rule]`, ` (warning)` last. */
export function formatFinding(f: Finding): string {
  const where = f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
  const ns = f.namespace ? ` (${f.namespace})` : '';
  const line = `${where}: ${f.object}${ns} ${describeProblem(f)} [${f.rule}]`;
  return f.severity === 'warning' ? `${line} (warning)` : line;
}

/** `file: message` for a file that could not be read. */
export function formatReadError(e: ReadError): string {
  return `${e.file}: ${e.message}`;
}
