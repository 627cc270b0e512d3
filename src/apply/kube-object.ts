/** A Kubernetes object as apply and wait see it: only the fields they read are typed. */
export interface KubeObject {
  /** e.g. `batch/v1`. */
  readonly apiVersion: string;
  /** e.g. `Job`. */
  readonly kind: string;
  /** Name, namespace and what the server adds. */
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly resourceVersion?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  /** The Job's spec, where wait reads completions. @default none */
  readonly spec?: { readonly completions?: number; readonly [key: string]: unknown };
  /** The Job's status, as the controller reports it. @default none */
  readonly status?: {
    readonly active?: number;
    readonly succeeded?: number;
    readonly failed?: number;
    readonly failedIndexes?: string;
    readonly conditions?: readonly {
      readonly type: string;
      readonly status: string;
      readonly reason?: string;
      readonly message?: string;
    }[];
  };
}

/** The first condition of `object` whose type is one of `types` and whose status is True. */
export function trueCondition(object: KubeObject | undefined, ...types: string[]) {
  return object?.status?.conditions?.find((c) => types.includes(c.type) && c.status === 'True');
}

/** What identifies `o` to the API server: its apiVersion, kind, name and namespace. */
export function headerOf(o: KubeObject): KubeObject {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace },
  };
}
