/**
 * cdk8s-batch/runtime: the in-pod helper. It imports nothing but Node's own fs, os and
 * path (no cdk8s, no npm package, nothing else from cdk8s-batch), so it loads in a few
 * milliseconds inside a worker.
 */
export * from './contract';
export * from './completion-index';
export * from './shard';
export * from './current-shard';
export * from './distributed';
export * from './exit-codes';
export * from './item-ranges';
export * from './checkpoint';
export * from './file-checkpoint-store';
