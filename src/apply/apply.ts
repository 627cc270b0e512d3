import { ClusterOptions, kubeConfig, loadClientNode } from './client';
import { withRetry } from './retry';

import { KubeObject } from './kube-object';

type Manifest = KubeObject;

/** What apply did to one object. */
export interface ApplyResult {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** What happened; conflict, immutable and failed make the CLI exit 1. */
  readonly action:
    'created' | 'configured' | 'unchanged' | 'recreated' | 'conflict' | 'immutable' | 'failed';
  /** Why, for conflict, immutable and failed. @default none */
  readonly message?: string;
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

function describe(o: Manifest): string {
  return [o.kind, o.metadata?.namespace, o.metadata?.name].filter(Boolean).join('/');
}

function codeOf(e: unknown): number | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

function messageOf(e: unknown): string {
  const body = (e as { body?: unknown }).body;
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    if (parsed && typeof parsed === 'object' && 'message' in parsed) return String(parsed.message);
  } catch {
    /* not JSON */
  }
  return (e as Error).message;
}

const isFinished = (job: Manifest | undefined) =>
  (job?.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

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
  const namespace =
    options.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
  const prepared = objects.map((o) => {
    const clusterScoped = o.kind === 'Namespace';
    return clusterScoped || o.metadata?.namespace
      ? o
      : { ...o, metadata: { ...o.metadata, namespace } };
  });
  const groups = new Map<number, Manifest[]>();
  for (const o of prepared) groups.set(rank(o.kind), [...(groups.get(rank(o.kind)) ?? []), o]);
  const results: ApplyResult[] = [];
  for (const r of [...groups.keys()].sort((a, b) => a - b)) {
    const queue = [...(groups.get(r) ?? [])];
    const worker = async () => {
      for (let o = queue.shift(); o; o = queue.shift()) results.push(await applyOne(o));
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  }
  return results;

  async function applyOne(o: Manifest): Promise<ApplyResult> {
    const object = describe(o);
    if (options.dryRun === 'client')
      return { object, action: 'unchanged', message: 'client dry run' };
    const header = {
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: { name: o.metadata.name, namespace: o.metadata.namespace },
    };
    let existing: Manifest | undefined;
    try {
      existing = (await withRetry(() => api.read(header))) as Manifest;
    } catch (e) {
      if (codeOf(e) !== 404) return { object, action: 'failed', message: messageOf(e) };
    }
    const patch = () =>
      withRetry(() =>
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
      const applied = await patch();
      if (!existing) return { object, action: 'created' };
      const same = applied.metadata?.resourceVersion === existing.metadata?.resourceVersion;
      return { object, action: same ? 'unchanged' : 'configured' };
    } catch (e) {
      const code = codeOf(e);
      const message = messageOf(e);
      if (code === 409) {
        return {
          object,
          action: 'conflict',
          message: `${message}; rerun with --force-conflicts to take the fields over`,
        };
      }
      if (code === 422 && o.kind === 'Job' && /immutable/.test(message)) {
        if (options.recreateFinishedJobs && isFinished(existing) && options.dryRun !== 'server') {
          await withRetry(() =>
            api.delete(header, undefined, undefined, undefined, undefined, 'Background'),
          );
          await waitGone(header);
          await patch();
          return { object, action: 'recreated' };
        }
        const changes = changedPaths(existing?.spec?.template, o.spec?.template, 'spec.template');
        return {
          object,
          action: 'immutable',
          message: `the Job exists with a different pod template (${changes.join('; ') || 'changed'}), which Kubernetes cannot change; ${isFinished(existing) ? 'it has finished: rerun with --recreate-finished-jobs' : 'it is still running: wait for it, or delete it yourself'}`,
        };
      }
      return { object, action: 'failed', message };
    }
  }

  async function waitGone(header: Manifest): Promise<void> {
    for (let i = 0; i < 100; i++) {
      try {
        await api.read(header as never);
      } catch (e) {
        if (codeOf(e) === 404) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
