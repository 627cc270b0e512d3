/**
 * What differs between manifests and the live objects: only the fields a manifest sets, as
 * server-side apply sees its intent. apply explains an immutable Job with the same comparison.
 */
import { statusCodeOf } from './api-error';
import { ClusterOptions, failureOf, objectSession } from './client';
import { KubeObject, headerOf } from './kube-object';
import { sameQuantity } from './quantity-fields';
import { networkErrorCode } from './retry';

/** What `diff` found for one object. */
export interface DiffResult {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** The object's kind, e.g. `Job`. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /** The object's namespace, where apply would put it. @default none for cluster-scoped kinds */
  readonly namespace?: string;
  /**
   * `created`: not on the server; `changed`: see `changes`; `failed`: it could not be read;
   * `skipped`: not tried, because the API server stopped answering during the run.
   */
  readonly action: 'created' | 'unchanged' | 'changed' | 'failed' | 'skipped';
  /** For `changed`, one `path: live → manifest` per field. @default none */
  readonly changes?: readonly string[];
  /** Why, for `failed` and `skipped`. @default none */
  readonly message?: string;
}

export interface DiffOptions extends ClusterOptions {
  /** The namespace of objects that set none. @default the context's namespace, else default */
  readonly namespace?: string;
}

/** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
export function describeObject(o: KubeObject): string {
  return [o.kind, o.metadata?.namespace, o.metadata?.name].filter(Boolean).join('/');
}

/** `objects`, each namespaced one that sets no namespace put in `namespace`, as kubectl does. */
export function inNamespace(objects: readonly KubeObject[], namespace: string): KubeObject[] {
  return objects.map((o) =>
    o.kind === 'Namespace' || o.metadata?.namespace
      ? o
      : { ...o, metadata: { ...o.metadata, namespace } },
  );
}

/** The kind, name and namespace of `o`, for results. */
export function identityOf(o: KubeObject) {
  return {
    kind: o.kind,
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

/** Whether every field `manifest` sets has the same value in `live` (what the server adds is ignored). */
export function isSubsetOf(manifest: unknown, live: unknown): boolean {
  if (typeof manifest !== 'object' || manifest === null) return manifest === live;
  if (typeof live !== 'object' || live === null) return false;
  if (Array.isArray(manifest)) {
    return (
      Array.isArray(live) &&
      manifest.length === live.length &&
      manifest.every((m, i) => isSubsetOf(m, live[i]))
    );
  }
  return Object.entries(manifest).every(([k, v]) =>
    isSubsetOf(v, (live as Record<string, unknown>)[k]),
  );
}

const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));

/** Up to five `path: old → new` differences between two JSON values. */
export function changedPaths(
  before: unknown,
  after: unknown,
  path: string,
  out: string[] = [],
): string[] {
  if (out.length >= 5 || JSON.stringify(before) === JSON.stringify(after)) return out;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const child = Array.isArray(after) ? `${path}[${key}]` : `${path}.${key}`;
      changedPaths(before[key], after[key], child, out);
    }
    return out;
  }
  out.push(`${path}: ${show(before)} → ${show(after)}`);
  return out;
}

/**
 * Labels the API server and the Job controller add to a Job's pod template; they are not
 * a change the manifest makes.
 */
const CONTROLLER_LABELS = /^(job-name|controller-uid|batch\.kubernetes\.io\/.+)$/;

type Labelled = { metadata?: { labels?: Record<string, string> } } | undefined;

/** A live pod template without the labels the controller added (unless the manifest sets them too). */
function withoutControllerLabels(live: unknown, manifest: unknown): unknown {
  const labels = (live as Labelled)?.metadata?.labels;
  if (!labels) return live;
  const mine = (manifest as Labelled)?.metadata?.labels;
  const kept = Object.fromEntries(
    Object.entries(labels).filter(([k]) => !CONTROLLER_LABELS.test(k) || mine?.[k] !== undefined),
  );
  const metadata = { ...(live as { metadata: Record<string, unknown> }).metadata };
  if (Object.keys(kept).length > 0) metadata.labels = kept;
  else delete metadata.labels;
  const cleaned: Record<string, unknown> = { ...(live as object), metadata };
  if (Object.keys(metadata).length === 0) delete cleaned.metadata;
  return cleaned;
}

/**
 * Up to five differences between a live Job's pod template and the manifest's, as
 * `path: live → manifest`. What the manifest sets comes first; fields only the live object
 * has (server defaults such as dnsPolicy, labels the controller added) are not changes,
 * unless nothing else differs (then the manifest no longer sets a field it used to).
 */
export function templateChanges(live: unknown, manifest: unknown): string[] {
  const cleaned = withoutControllerLabels(live, manifest);
  const set = setChanges(cleaned, manifest, 'spec.template');
  return set.length > 0 ? set : changedPaths(cleaned, manifest, 'spec.template');
}

/** Differences at the paths `manifest` sets, up to `limit` (fields only `live` has are ignored). */
function setChanges(
  live: unknown,
  manifest: unknown,
  path: string,
  limit = 5,
  out: string[] = [],
): string[] {
  if (out.length >= limit || JSON.stringify(live) === JSON.stringify(manifest)) return out;
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(live) && isObj(manifest)) {
    for (const key of Object.keys(manifest))
      setChanges(live[key], manifest[key], `${path}.${key}`, limit, out);
    return out;
  }
  if (Array.isArray(live) && Array.isArray(manifest) && live.length === manifest.length) {
    manifest.forEach((m, i) => setChanges(live[i], m, `${path}[${i}]`, limit, out));
    return out;
  }
  if (isSubsetOf(manifest, live) || sameQuantity(path, live, manifest)) return out;
  out.push(`${path}: ${show(live)} → ${show(manifest)}`);
  return out;
}

/** Metadata the server keeps; a manifest that carries it (an exported object) changes none of it. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
];

type Fields = Record<string, unknown>;

/** A Secret's `stringData` as the `data` the server stores it in. */
function secretData(o: Fields): Fields {
  const stringData = o.stringData as Record<string, string> | undefined;
  if (o.kind !== 'Secret' || !stringData) return o;
  const encoded = Object.entries(stringData).map(([k, v]) => [
    k,
    Buffer.from(String(v)).toString('base64'),
  ]);
  const normalized: Fields = {
    ...o,
    data: { ...(o.data as Fields), ...Object.fromEntries(encoded) },
  };
  delete normalized.stringData;
  return normalized;
}

/**
 * Every field `manifest` sets that the live object holds differently, as
 * `path: live → manifest`. Only what the manifest sets is compared, so server defaults and the
 * labels the Job controller adds to a Job's pod template are not changes; nor are status and
 * the metadata the server keeps. Secret values are not shown.
 */
export function objectChanges(live: KubeObject, manifest: KubeObject): string[] {
  const intent = secretData(manifest as unknown as Fields);
  const current = secretData(live as unknown as Fields);
  const metadata = { ...(intent.metadata as Fields) };
  for (const field of SERVER_METADATA) delete metadata[field];
  const changes: string[] = [];
  for (const [key, value] of Object.entries({ ...intent, metadata })) {
    if (key === 'status') continue;
    if (manifest.kind === 'Secret' && key === 'data') {
      changes.push(...hiddenChanges(current.data as Fields | undefined, value as Fields));
      continue;
    }
    setChanges(current[key], value, key, Infinity, changes);
  }
  return changes;
}

/** Which keys of a Secret's data differ, without their values. */
function hiddenChanges(live: Fields | undefined, manifest: Fields | undefined): string[] {
  return Object.entries(manifest ?? {})
    .filter(([k, v]) => live?.[k] !== v)
    .map(([k]) =>
      live?.[k] === undefined
        ? `data.${k}: (unset) → (value not shown)`
        : `data.${k}: changed (value not shown)`,
    );
}

/**
 * What applying `objects` would change, object by object, from a read of each live object:
 * `created`, `unchanged`, or `changed` with the fields (see `objectChanges`). Nothing is written.
 *
 * The kubeconfig and the server are checked first (a ClusterConfigError, before any object).
 * An object that cannot be read is `failed` with the reason and the others go on; if the
 * server stops answering altogether, the objects not yet read are `skipped`.
 */
export async function diff(
  objects: readonly KubeObject[],
  options: DiffOptions = {},
): Promise<DiffResult[]> {
  const { api, retry, namespace, gone, stillThere } = await objectSession(options);
  const results: DiffResult[] = [];
  for (const o of inNamespace(objects, namespace)) {
    const object = describeObject(o);
    const goneWhy = gone();
    if (goneWhy) {
      results.push({
        object,
        ...identityOf(o),
        action: 'skipped',
        message: `not tried: ${goneWhy}`,
      });
      continue;
    }
    try {
      const live = (await retry(() => api.read(headerOf(o)))) as KubeObject;
      const changes = objectChanges(live, o);
      results.push({
        object,
        ...identityOf(o),
        ...(changes.length > 0 ? { action: 'changed', changes } : { action: 'unchanged' }),
      });
    } catch (e) {
      if (statusCodeOf(e) === 404) {
        results.push({ object, ...identityOf(o), action: 'created' });
        continue;
      }
      const message = `reading it failed: ${failureOf(e, options)}`;
      results.push({ object, ...identityOf(o), action: 'failed', message });
      if (networkErrorCode(e)) await stillThere();
    }
  }
  return results;
}
