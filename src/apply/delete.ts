import { statusCodeOf } from './api-error';
import { applyRank } from './apply';
import { ClusterOptions, failureOf, objectSession } from './client';
import { describeObject, identityOf, inNamespace } from './diff';
import { KubeObject, headerOf } from './kube-object';
import { networkErrorCode } from './retry';

/** What delete did to one object. */
export interface DeleteResult {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** The object's kind, e.g. `Job`. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /** The object's namespace. @default none for cluster-scoped kinds */
  readonly namespace?: string;
  /**
   * `not found`: already absent, not an error; `failed`: see `message`; `skipped`: not tried,
   * because the API server stopped answering during the run.
   */
  readonly action: 'deleted' | 'not found' | 'failed' | 'skipped';
  /** Why, for `failed` and `skipped`. @default none */
  readonly message?: string;
  /** Set when the server only checked the deletion (dryRun=All). @default false */
  readonly dryRun?: boolean;
}

export interface DeleteOptions extends ClusterOptions {
  /** The namespace of objects that set none. @default the context's namespace, else default */
  readonly namespace?: string;
  /** Ask the server to check each deletion without deleting anything (dryRun=All). @default false */
  readonly dryRun?: boolean;
  /**
   * Asked once the server was checked, with the objects in the order they would be deleted;
   * nothing is deleted (and no result returned) unless it resolves true.
   * @default none: delete without asking
   */
  readonly confirm?: (objects: readonly string[]) => Promise<boolean>;
}

/**
 * Deletes the objects `objects` name, in the reverse of apply's order (CronJobs and Jobs
 * first, Namespaces last), one at a time. A Job is deleted with propagationPolicy Background,
 * so its pods go too; anything else with the server's default. An object already absent is
 * `not found`.
 *
 * The kubeconfig and the server are checked first (a ClusterConfigError, before any object).
 * After that every object gets its own result: one that fails is `failed` with the reason and
 * the others go on; if the server stops answering altogether, the rest are `skipped`.
 */
export async function deleteObjects(
  objects: readonly KubeObject[],
  options: DeleteOptions = {},
): Promise<DeleteResult[]> {
  const { api, retry, namespace, gone, stillThere } = await objectSession(options);
  const ordered = inNamespace(objects, namespace)
    .map((o, i) => ({ o, i }))
    .sort((a, b) => applyRank(b.o.kind) - applyRank(a.o.kind) || a.i - b.i)
    .map(({ o }) => o);
  if (options.confirm && !(await options.confirm(ordered.map(describeObject)))) return [];
  const dryRun = options.dryRun ? { dryRun: true } : {};
  const results: DeleteResult[] = [];
  for (const o of ordered) {
    const result = { object: describeObject(o), ...identityOf(o) };
    const goneWhy = gone();
    if (goneWhy) {
      results.push({ ...result, action: 'skipped', message: `not tried: ${goneWhy}` });
      continue;
    }
    const propagation = o.kind === 'Job' ? 'Background' : undefined;
    let tries = 0;
    try {
      await retry(() => {
        tries++;
        return api.delete(
          headerOf(o),
          undefined,
          options.dryRun ? 'All' : undefined,
          undefined,
          undefined,
          propagation,
        );
      });
      results.push({ ...result, action: 'deleted', ...dryRun });
    } catch (e) {
      if (statusCodeOf(e) === 404) {
        // Gone at a retry: the earlier try whose answer was lost deleted it.
        results.push({ ...result, action: tries > 1 ? 'deleted' : 'not found', ...dryRun });
        continue;
      }
      results.push({ ...result, action: 'failed', message: failureOf(e, options), ...dryRun });
      if (networkErrorCode(e)) await stillThere();
    }
  }
  return results;
}
