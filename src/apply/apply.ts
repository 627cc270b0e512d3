import {
  ClusterConfigError,
  ClusterOptions,
  kubeConfig,
  loadClientNode,
  namespaceOf,
  retrying,
} from './client';

import { statusCodeOf, statusMessageOf } from './api-error';
import { KubeObject, trueCondition } from './kube-object';

type Manifest = KubeObject;

/** What apply did to one object. */
export interface ApplyResult {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** The object's kind, e.g. `Job`. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /** The object's namespace, where apply put it. @default none for cluster-scoped kinds */
  readonly namespace?: string;
  /** What happened; conflict, immutable and failed make the CLI exit 1. */
  readonly action:
    'created' | 'configured' | 'unchanged' | 'recreated' | 'conflict' | 'immutable' | 'failed';
  /** Why, for conflict, immutable and failed. @default none */
  readonly message?: string;
  /** Set when nothing was changed: what would have happened, found by the server or locally. @default none */
  readonly dryRun?: 'server' | 'client';
}

export interface ApplyOptions extends ClusterOptions {
  /** The namespace of objects that set none. @default the context's namespace, else default */
  readonly namespace?: string;
  /** Validate on the server (`server`) or only locally (`client`) without changing anything. @default none */
  readonly dryRun?: 'server' | 'client';
  /** Take over fields another field manager owns. @default false */
  readonly forceConflicts?: boolean;
  /** Delete and recreate a finished Job whose spec changed. @default false */
  readonly recreateFinishedJobs?: boolean;
  /** Objects applied at once within one kind. @default 4 */
  readonly concurrency?: number;
}

/** The field manager of every apply. */
export const FIELD_MANAGER = 'cdk8s-batch';

/** Kinds others depend on go first. */
const ORDER = ['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'PersistentVolumeClaim'];
const rank = (kind: string) =>
  ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length + (kind === 'CronJob' ? 1 : 0);

type Outcome = Omit<ApplyResult, 'kind' | 'name' | 'namespace'>;

const identity = (o: Manifest) => ({
  kind: o.kind,
  name: o.metadata.name,
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
});

function describe(o: Manifest): string {
  return [o.kind, o.metadata?.namespace, o.metadata?.name].filter(Boolean).join('/');
}

const isFinished = (job: Manifest | undefined) =>
  trueCondition(job, 'Complete', 'Failed') !== undefined;

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
  const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));
  out.push(`${path}: ${show(before)} → ${show(after)}`);
  return out;
}

const sameSpec = (a: Manifest, b: Manifest) =>
  JSON.stringify(a.spec ?? (a as { data?: unknown }).data) ===
  JSON.stringify(b.spec ?? (b as { data?: unknown }).data);

/**
 * Server-side applies `objects` with field manager `cdk8s-batch`, in dependency order
 * (Namespaces, ServiceAccounts, ConfigMaps, Secrets, PVCs, then Jobs and CronJobs), a few
 * at a time. Never deletes, except a finished Job with `recreateFinishedJobs`.
 */
export async function apply(
  objects: readonly Manifest[],
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const client = await loadClientNode();
  const kc = await kubeConfig(options);
  const api = client.KubernetesObjectApi.makeApiClient(kc);
  const retry = retrying(kc, options);
  const namespace = options.namespace ?? namespaceOf(kc);
  const prepared = objects.map((o) => {
    const clusterScoped = o.kind === 'Namespace';
    return clusterScoped || o.metadata?.namespace
      ? o
      : { ...o, metadata: { ...o.metadata, namespace } };
  });
  const groups = new Map<number, Manifest[]>();
  for (const o of prepared) groups.set(rank(o.kind), [...(groups.get(rank(o.kind)) ?? []), o]);
  // Results keep the order objects are applied in (by kind, then as given), whatever finishes first.
  const results: ApplyResult[] = [];
  for (const r of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(r) ?? [];
    const offset = results.length;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < group.length; i = next++)
        results[offset + i] = { ...identity(group[i]), ...(await applyOne(group[i])) };
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  }
  return results;

  async function applyOne(o: Manifest): Promise<Outcome> {
    const object = describe(o);
    const header = {
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: { name: o.metadata.name, namespace: o.metadata.namespace },
    };
    let existing: Manifest | undefined;
    try {
      existing = (await retry(() => api.read(header))) as Manifest;
    } catch (e) {
      if (e instanceof ClusterConfigError) throw e;
      if (statusCodeOf(e) !== 404) return { object, action: 'failed', message: statusMessageOf(e) };
    }
    if (options.dryRun === 'client') return predict(o, object, existing);
    const dryRun = options.dryRun;
    const patch = () =>
      retry(() =>
        api.patch(
          o,
          undefined,
          options.dryRun === 'server' ? 'All' : undefined,
          FIELD_MANAGER,
          options.forceConflicts ?? false,
          client.PatchStrategy.ServerSideApply,
        ),
      );
    try {
      const applied = (await patch()) as Manifest;
      if (!existing) return { object, action: 'created', dryRun };
      // A server dry run does not bump resourceVersion, so compare what apply would set.
      const same = dryRun
        ? isSubsetOf(o, existing) && sameSpec(applied, existing)
        : applied.metadata?.resourceVersion === existing.metadata?.resourceVersion;
      return { object, action: same ? 'unchanged' : 'configured', dryRun };
    } catch (e) {
      if (e instanceof ClusterConfigError) throw e;
      const code = statusCodeOf(e);
      const message = statusMessageOf(e);
      if (code === 409) {
        return {
          object,
          action: 'conflict',
          message: `${message}; rerun with --force-conflicts to take the fields over`,
        };
      }
      if (code === 422 && o.kind === 'Job' && /immutable/.test(message)) {
        if (options.recreateFinishedJobs && isFinished(existing)) {
          if (dryRun) return { object, action: 'recreated', dryRun };
          await retry(() =>
            api.delete(header, undefined, undefined, undefined, undefined, 'Background'),
          );
          await waitGone(header);
          await patch();
          return { object, action: 'recreated' };
        }
        return immutable(o, object, existing, dryRun);
      }
      if (code === 404 && /namespaces? "[^"]+" not found/.test(message)) {
        return {
          object,
          action: 'failed',
          dryRun,
          message: `${message}: add the Namespace to the manifests (apply creates Namespaces first) or pass --namespace`,
        };
      }
      return { object, action: 'failed', message, dryRun };
    }
  }

  function immutable(
    o: Manifest,
    object: string,
    existing: Manifest | undefined,
    dryRun: ApplyResult['dryRun'],
  ): Outcome {
    const changes = changedPaths(existing?.spec?.template, o.spec?.template, 'spec.template');
    return {
      object,
      action: 'immutable',
      dryRun,
      message: `the Job exists with a different pod template (${changes.join('; ') || 'changed'}), which Kubernetes cannot change; ${isFinished(existing) ? 'it has finished: rerun with --recreate-finished-jobs' : 'it is still running: wait for it, or delete it yourself'}`,
    };
  }

  /** A client dry run: what apply would do, judged from the live object. */
  function predict(o: Manifest, object: string, existing: Manifest | undefined): Outcome {
    if (!existing) return { object, action: 'created', dryRun: 'client' };
    if (isSubsetOf(o, existing)) return { object, action: 'unchanged', dryRun: 'client' };
    if (o.kind === 'Job' && !isSubsetOf(o.spec?.template, existing.spec?.template)) {
      return options.recreateFinishedJobs && isFinished(existing)
        ? { object, action: 'recreated', dryRun: 'client' }
        : immutable(o, object, existing, 'client');
    }
    return { object, action: 'configured', dryRun: 'client' };
  }

  async function waitGone(header: Manifest): Promise<void> {
    for (let i = 0; i < 100; i++) {
      try {
        await retry(() => api.read(header));
      } catch (e) {
        if (statusCodeOf(e) === 404) return;
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${describe(header)} was deleted but is still there after 10 s`);
  }
}
