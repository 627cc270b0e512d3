/** The plain JSON shapes of the core/v1 objects this library writes (only the fields it uses). */
export type JsonMap = Record<string, unknown>;

/** Anything with a Kubernetes name: a string, or a cdk8s-plus Secret, ConfigMap or PVC. */
export type Named = string | { readonly name: string };

export function nameOf(named: Named): string {
  return typeof named === 'string' ? named : named.name;
}

export interface Toleration {
  /** The taint key, e.g. `nvidia.com/gpu`. @default all keys (with operator Exists) */
  readonly key?: string;
  /** @default 'Equal' (Kubernetes' default) */
  readonly operator?: 'Exists' | 'Equal';
  /** The taint value, with operator Equal. @default none */
  readonly value?: string;
  /** Which taint effect it tolerates. @default all effects */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** How long a NoExecute taint is tolerated. @default forever */
  readonly tolerationSeconds?: number;
}

/** core/v1 Affinity, written as it appears in YAML. */
export interface Affinity {
  /** As in the pod spec. @default none */
  readonly nodeAffinity?: JsonMap;
  /** As in the pod spec. @default none */
  readonly podAffinity?: JsonMap;
  /** As in the pod spec. @default none */
  readonly podAntiAffinity?: JsonMap;
}

export interface PodSecurityContext {
  /** @default true */
  readonly runAsNonRoot?: boolean;
  /** @default 65532 */
  readonly runAsUser?: number;
  /** @default 65532 */
  readonly runAsGroup?: number;
  /** @default 65532 (so mounted volumes are writable by the pod's user) */
  readonly fsGroup?: number;
  /** Extra groups of the pod's processes. @default none */
  readonly supplementalGroups?: number[];
  /** @default { type: 'RuntimeDefault' } */
  readonly seccompProfile?: {
    readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined';
    readonly localhostProfile?: string;
  };
}

export interface ContainerSecurityContext {
  /** @default false */
  readonly allowPrivilegeEscalation?: boolean;
  /** @default false */
  readonly privileged?: boolean;
  /** @default true, with a writable emptyDir at /tmp */
  readonly readOnlyRootFilesystem?: boolean;
  /** @default { drop: ['ALL'] } */
  readonly capabilities?: { readonly add?: string[]; readonly drop?: string[] };
  /** @default the pod's */
  readonly runAsNonRoot?: boolean;
  /** @default the pod's */
  readonly runAsUser?: number;
  /** @default the pod's */
  readonly runAsGroup?: number;
}
