/** Rules for pod scheduling fields (filled in by the pod-spec work). */
export {};
