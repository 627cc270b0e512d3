/** What every command that talks to a cluster (apply, wait, run-now, diff, delete) shares. */
import type { ClusterCliOptions } from './apply-command';
import { EXIT_USAGE } from './exit-codes';
import type { Io } from './main';

/** The cluster options of a command, as the apply layer takes them. */
export const clusterOf = (opts: ClusterCliOptions) => ({
  context: opts.context,
  server: opts.server,
  namespace: opts.namespace,
  requestTimeoutMs: opts.requestTimeout,
});

/** Whether `e` is the apply layer's ClusterConfigError (loaded lazily, so not by instanceof). */
export const isClusterConfigError = (e: unknown): e is Error & { reason: string } =>
  (e as Error)?.name === 'ClusterConfigError';

/** Runs a cluster command; a kubeconfig that cannot be used is one line and exit 2. */
export async function clusterCommand(io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (!isClusterConfigError(e)) throw e;
    io.err(`error: ${e.message}`);
    return EXIT_USAGE;
  }
}
