/** Rules for pod scheduling fields: tolerations, gates, selectors, affinity, spread, DNS. */
export * from './tolerations';
export * from './affinity';
export * from './topology-spread';
export * from './dns';
