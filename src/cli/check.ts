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
  const waiting: Array<{ result: CheckedObject; subdomain: ManifestObject }> = [];
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
    const findings = problems.map((p): Finding => ({
      ...p,
      file: source.file,
      kind,
      ...(namespace !== undefined ? { namespace } : {}),
      name,
      object,
    }));
    const line = (source as { line?: number }).line;
    const result = { file: source.file, line, kind, namespace, name, findings };
    if (SubdomainServices.needs(o)) waiting.push({ result, subdomain: source });
    else sink.object(located(result, source));
  }
  for (const { result, subdomain } of waiting) {
    const findings = [...result.findings];
    for (const p of services.problems(subdomain.object)) {
      findings.push({
        ...p,
        file: result.file,
        kind: result.kind,
        ...(result.namespace !== undefined ? { namespace: result.namespace } : {}),
        name: result.name,
        object: `${result.kind}/${result.name}`,
      });
    }
    sink.object(located({ ...result, findings }, subdomain));
  }
  return checked;

  /** Positions are found only for findings that are reported (a second parse of the document). */
  function located(result: CheckedObject, source: ManifestObject): CheckedObject {
    const { locate } = options;
    if (!locate || result.findings.length === 0) return result;
    return {
      ...result,
      findings: result.findings.map((f) => ({ ...f, ...(locate(source, f.field) ?? {}) })),
    };
  }
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
