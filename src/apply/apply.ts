import { ClusterConfigError, ClusterOptions, failureOf, objectSession } from './client';
import { networkErrorCode } from './retry';

import { statusCodeOf, statusMessageOf } from './api-error';
import { KubeObject, headerOf, trueCondition } from './kube-object';
import { describeObject, identityOf, inNamespace, isSubsetOf, templateChanges } from './diff';

export { changedPaths, isSubsetOf, templateChanges } from './diff';

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
  /**
   * What happened; conflict, immutable and failed make the CLI exit 1, as does skipped
   * (not tried, because the API server stopped answering during the run).
   */
  readonly action:
    | 'created'
    | 'configured'
    | 'unchanged'
    | 'recreated'
    | 'conflict'
    | 'immutable'
    | 'failed'
    | 'skipped';
  /** Why, for conflict, immutable, failed and skipped. @default none */
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

/**
 * Where `kind` comes in apply's order (lower first); delete goes the other way.
 * @internal
 */
export const applyRank = (kind: string) =>
  ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length + (kind === 'CronJob' ? 1 : 0);

/** One object's result, and whether it failed because the server did not answer. */
type Outcome = Omit<ApplyResult, 'kind' | 'name' | 'namespace'> & { readonly network?: boolean };

const isFinished = (job: Manifest | undefined) =>
  trueCondition(job, 'Complete', 'Failed') !== undefined;

const sameSpec = (a: Manifest, b: Manifest) =>
  JSON.stringify(a.spec ?? (a as { data?: unknown }).data) ===
  JSON.stringify(b.spec ?? (b as { data?: unknown }).data);

/**
 * Server-side applies `objects` with field manager `cdk8s-batch`, in dependency order
 * (Namespaces, ServiceAccounts, ConfigMaps, Secrets, PVCs, then Jobs and CronJobs), a few
 * at a time. Never deletes, except a finished Job with `recreateFinishedJobs`.
 *
 * The kubeconfig and the server are checked first (a ClusterConfigError, before any object).
 * After that every object gets its own result: one that fails or never answers is
 * `failed` with the reason and the others go on; if the server stops answering altogether,
 * the objects not yet tried are `skipped`.
 */
export async function apply(
  objects: readonly Manifest[],
  options: ApplyOptions = {},
): Promise<ApplyResult[]> {
  const { client, api, retry, namespace, gone, stillThere } = await objectSession(options);
  const prepared = inNamespace(objects, namespace);
  const groups = new Map<number, Manifest[]>();
  for (const o of prepared)
    groups.set(applyRank(o.kind), [...(groups.get(applyRank(o.kind)) ?? []), o]);
  // Results keep the order objects are applied in (by kind, then as given), whatever finishes first.
  const results: ApplyResult[] = [];
  for (const r of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(r) ?? [];
    const offset = results.length;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < group.length; i = next++) {
        const o = group[i];
        let outcome: Outcome;
        const goneWhy = gone();
        if (goneWhy) {
          outcome = {
            object: describeObject(o),
            action: 'skipped',
            message: `not tried: ${goneWhy}`,
          };
        } else {
          try {
            outcome = await applyOne(o);
          } catch (e) {
            if (e instanceof ClusterConfigError) throw e;
            outcome = {
              object: describeObject(o),
              action: 'failed',
              message: failureOf(e, options),
            };
          }
          if (outcome.action === 'failed' && outcome.network) await stillThere();
        }
        const result: { network?: boolean } & Omit<Outcome, 'network'> = { ...outcome };
        delete result.network; // internal: whether the server answered
        results[offset + i] = { ...identityOf(o), ...result };
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  }
  return results;

  async function applyOne(o: Manifest): Promise<Outcome> {
    const object = describeObject(o);
    const failed = (e: unknown, what = ''): Outcome => ({
      object,
      action: 'failed',
      message: `${what}${failureOf(e, options)}`,
      ...(networkErrorCode(e) ? { network: true } : {}),
    });
    const header = headerOf(o);
    let existing: Manifest | undefined;
    try {
      existing = (await retry(() => api.read(header))) as Manifest;
    } catch (e) {
      if (statusCodeOf(e) !== 404) return failed(e, 'not applied: reading it failed: ');
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
      const code = statusCodeOf(e);
      const message = statusMessageOf(e);
      if (networkErrorCode(e) && !dryRun) return unanswered(o, object, existing, e);
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
      return { ...failed(e), dryRun };
    }

    /**
     * The apply got no answer, so whether the server applied it is not known from the
     * request: read the object once to say what the server holds.
     */
    async function unanswered(
      o: Manifest,
      object: string,
      before: Manifest | undefined,
      e: unknown,
    ): Promise<Outcome> {
      const why = failureOf(e, options);
      let live: Manifest | undefined;
      try {
        live = (await retry(() => api.read(header))) as Manifest;
      } catch (again) {
        if (statusCodeOf(again) !== 404) {
          return {
            object,
            action: 'failed',
            network: true,
            message: `${why}; whether it was applied is unknown (reading it failed too): rerun apply`,
          };
        }
      }
      if (
        live &&
        isSubsetOf(o, live) &&
        live.metadata.resourceVersion !== before?.metadata.resourceVersion
      ) {
        return {
          object,
          action: before ? 'configured' : 'created',
          message: `the answer was lost (${why}), but the server holds it`,
        };
      }
      return {
        object,
        action: 'failed',
        network: true,
        message: `${why}; the server does not hold it (${live ? 'it has the earlier version' : 'it does not exist'})`,
      };
    }
  }

  function immutable(
    o: Manifest,
    object: string,
    existing: Manifest | undefined,
    dryRun: ApplyResult['dryRun'],
  ): Outcome {
    const changes = templateChanges(existing?.spec?.template, o.spec?.template);
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
    throw new Error(`${describeObject(header)} was deleted but is still there after 10s`);
  }
}
