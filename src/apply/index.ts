/**
 * cdk8s-batch/apply: server-side apply and wait from your own TypeScript; the only part of
 * the library that talks to a cluster (it loads @kubernetes/client-node when called).
 */
export * from './apply';
export * from './wait';
export { ClusterConfigError, defaultNamespace } from './client';
export type { ClusterOptions } from './client';
export type { KubeObject } from './kube-object';
export * from './run-now';
