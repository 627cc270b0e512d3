/**
 * cdk8s-batch/apply: server-side apply, wait, diff and delete from your own TypeScript; the
 * only part of the library that talks to a cluster (it loads @kubernetes/client-node when
 * called).
 */
export * from './apply';
export * from './wait';
export { ClusterConfigError, defaultNamespace } from './client';
export type { ClusterOptions } from './client';
export type { KubeObject } from './kube-object';
export * from './run-now';
export { diff, objectChanges } from './diff';
export type { DiffOptions, DiffResult } from './diff';
export * from './delete';
