/** A Kubernetes minor release, e.g. `'1.31'`. */
export type KubernetesVersion = `1.${number}`;

/** The oldest release the rules know; older targets are reported. */
export const OLDEST_SUPPORTED_VERSION: KubernetesVersion = '1.27';

/** The newest GA release the rules know; the default target. */
export const NEWEST_KNOWN_VERSION: KubernetesVersion = '1.34';

/** The minor number of `1.N`, or undefined for anything else. */
export function minorOf(version: string): number | undefined {
  const m = /^1\.(\d{1,3})$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** Whether `version` serves a feature first enabled by default in `since`. */
export function serves(version: KubernetesVersion, since: KubernetesVersion): boolean {
  return (minorOf(version) ?? 0) >= (minorOf(since) ?? 0);
}
