/**
 * cdk8s-batch/runtime: the in-pod helper, which is the `cdk8s-batch-runtime` package
 * re-exported unchanged (a worker image can install that package alone).
 */
export * from 'cdk8s-batch-runtime';
