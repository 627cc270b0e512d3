/**
 * metadata.finalizers and metadata.ownerReferences as apimachinery's ValidateObjectMeta and
 * core validation's validateKubeFinalizerName check them on create.
 */
import { Rule } from '../rule';
import { arr, isObj, str } from '../read';
import { qualifiedNameProblem } from '../syntax';

/** core helper IsStandardFinalizerName: the finalizers allowed without a domain prefix. */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * objectmeta.go ValidateFinalizers and validation.go validateKubeFinalizerName: each finalizer
 * is a qualified name, domain-qualified unless it is a standard one, and orphan and
 * foregroundDeletion exclude each other.
 */
export const finalizers: Rule = {
  id: 'finalizers',
  family: 1,
  scope: 'object',
  reads: { metadata: ['finalizers'] },
  summary:
    'finalizers are domain-qualified names (or kubernetes, orphan, foregroundDeletion), not both orphan and foregroundDeletion',
  check(ctx) {
    const list = arr(ctx.metadata.finalizers);
    const seen = new Set<string>();
    list.forEach((raw, i) => {
      if (typeof raw !== 'string') return;
      seen.add(raw);
      const path = `metadata.finalizers[${i}]`;
      const problem = qualifiedNameProblem(raw);
      if (problem) {
        ctx.report(path, problem, { value: raw });
      } else if (!raw.includes('/') && !STANDARD_FINALIZERS.has(raw)) {
        ctx.report(path, 'is neither a standard finalizer name nor fully qualified', {
          value: raw,
          fix: 'prefix it with a domain you own, e.g. "example.com/cleanup"',
        });
      }
    });
    if (seen.has('orphan') && seen.has('foregroundDeletion')) {
      ctx.report('metadata.finalizers', 'must not hold both orphan and foregroundDeletion', {
        value: list,
      });
    }
  },
};

/** schema.ParseGroupVersion: "", "/", "v1", "group/version"; more slashes do not parse. */
function versionOf(apiVersion: string): string | undefined {
  if (apiVersion === '' || apiVersion === '/') return '';
  const parts = apiVersion.split('/');
  if (parts.length === 1) return apiVersion;
  if (parts.length === 2) return parts[1];
  return undefined;
}

/**
 * objectmeta.go ValidateOwnerReferences: apiVersion (with a version), kind, name and uid are
 * required, an Event cannot own anything, and at most one reference is the controller.
 */
export const ownerReferences: Rule = {
  id: 'owner-references',
  family: 1,
  scope: 'object',
  reads: { metadata: ['ownerReferences'] },
  summary:
    'each ownerReference has apiVersion, kind, name and uid, none is a v1 Event, at most one is the controller',
  check(ctx) {
    let controller: string | undefined;
    arr(ctx.metadata.ownerReferences).forEach((raw, i) => {
      if (!isObj(raw)) return;
      const path = `metadata.ownerReferences[${i}]`;
      const apiVersion = raw.apiVersion ?? '';
      const kind = raw.kind ?? '';
      if (typeof apiVersion === 'string') {
        const version = versionOf(apiVersion);
        if (version === undefined) {
          ctx.report(`${path}.apiVersion`, 'must be <group>/<version> or <version>', {
            value: apiVersion,
          });
        } else if (version === '') {
          ctx.report(`${path}.apiVersion`, 'must name a version, e.g. "v1" or "apps/v1"', {
            value: apiVersion,
          });
        } else if (apiVersion === 'v1' && kind === 'Event') {
          ctx.report(path, 'an Event cannot be an owner', { value: raw });
        }
      }
      for (const key of ['kind', 'name', 'uid']) {
        if ((raw[key] ?? '') === '') ctx.report(`${path}.${key}`, 'is required');
      }
      if (raw.controller === true) {
        const current = `${str(kind) ?? ''}/${str(raw.name) ?? ''}`;
        if (controller !== undefined) {
          ctx.report(
            `${path}.controller`,
            `only one reference can be the controller; ${controller} already is`,
            { value: true },
          );
        } else {
          controller = current;
        }
      }
    });
  },
};
