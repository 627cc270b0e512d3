/**
 * One case transcribed from an upstream Kubernetes test table (validation_test.go and
 * friends): the input as a manifest, and the API server's verdict. Inputs and verdicts are
 * facts from upstream; the manifests are written here.
 */
export interface UpstreamCase {
  /** Upstream test function and case name, e.g. `TestValidatePodSpec/bad hostname`. */
  readonly from: string;
  /** What the API server does with it on create. */
  readonly verdict: 'reject' | 'accept';
  /**
   * For `reject`: the field path the report must name (a report on this path or below it
   * counts), as the library writes paths, e.g. `spec.template.spec.containers[0].ports[0]`.
   */
  readonly field?: string;
  /**
   * For `reject`: the family of the finding. 1 (the default) when the server refuses it;
   * 2 when the server accepts it but the pod then cannot be created or started.
   */
  readonly family?: 1 | 2;
  /** Wrap the Job into a CronJob's jobTemplate. @default 'Job' */
  readonly kind?: 'Job' | 'CronJob';
  /** @default the newest version the library knows */
  readonly targetVersion?: `1.${number}`;
  /** Deep-merged into the base Job's metadata. */
  readonly metadata?: object;
  /** Deep-merged into the Job spec (for a CronJob: the jobTemplate's spec). */
  readonly job?: object;
  /** Deep-merged into the CronJob spec (kind CronJob only). */
  readonly cronJob?: object;
  /** Deep-merged into the pod template's metadata. */
  readonly podMetadata?: object;
  /** Deep-merged into the pod spec. */
  readonly pod?: object;
  /** Deep-merged into the first container. */
  readonly container?: object;
  /** A whole manifest instead of the base Job and patches. */
  readonly manifest?: object;
  /**
   * Why the library misses this rejection, when it does. The corpus test allows at most
   * 5% of the reject cases to carry one, and fails if such a case is caught after all.
   */
  readonly knownMiss?: string;
}

/** In a patch, this value deletes the key from the base. */
export const DELETE = '$delete';
