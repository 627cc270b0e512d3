/**
 * cdk8s-batch/runtime: the in-pod helper. Imports nothing (no cdk8s, no npm package).
 */
export {};
