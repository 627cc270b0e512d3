/** Kept for the constructs' imports: the runtime lives in the cdk8s-batch-runtime package. */
export * from 'cdk8s-batch-runtime';
