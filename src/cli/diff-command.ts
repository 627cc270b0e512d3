import type { Io } from './main';
import type { ClusterCliOptions } from './apply-command';
import type { KubeObject } from '../apply/kube-object';
import { NEWEST_KNOWN_VERSION } from '../validation/versions';
import { checkObjects, formatFinding } from './check';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes';
import { readManifests } from './read-manifests';
import { clusterCommand, clusterOf } from './cluster-command';

/**
 * `cdk8s-batch diff`: the library's rules (an error stops it, exit 1, as `apply
 * --dry-run=client` does), then each object against the live one. Exit 0 when nothing would
 * change, 1 when something would, 2 when the input, the kubeconfig or an object could not
 * be read.
 */
export async function runDiff(paths: string[], opts: ClusterCliOptions, io: Io): Promise<number> {
  const { objects, errors } = readManifests(paths, io.stdin);
  for (const e of errors) io.err(`${e.file}: ${e.message}`);
  if (errors.length > 0) return EXIT_USAGE;
  const found = checkObjects(objects, NEWEST_KNOWN_VERSION).findings.filter(
    (f) => f.severity === 'error',
  );
  for (const f of found) io.out(formatFinding(f));
  if (found.length > 0) return EXIT_PROBLEMS;
  return clusterCommand(io, async () => {
    const { diff } = await import('../apply/diff');
    const results = await diff(
      objects.map((o) => o.object as unknown as KubeObject),
      clusterOf(opts),
    );
    for (const r of results) {
      io.out(`${r.object}: ${r.action}${r.message ? `: ${r.message}` : ''}`);
      for (const change of r.changes ?? []) io.out(`  ${change}`);
    }
    const unread = results.filter((r) => r.action === 'failed' || r.action === 'skipped');
    if (unread.length > 0) {
      io.err(`diff: ${unread.length} of ${results.length} objects could not be read`);
      return EXIT_USAGE;
    }
    return results.some((r) => r.action !== 'unchanged') ? EXIT_PROBLEMS : EXIT_OK;
  });
}
