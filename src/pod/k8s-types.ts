/** The plain JSON shapes of the core/v1 objects this library writes (only the fields it uses). */
export type JsonMap = Record<string, unknown>;

/** Anything with a Kubernetes name: a string, or a cdk8s-plus Secret, ConfigMap or PVC. */
export type Named = string | { readonly name: string };

/** The name of a Named; never throws (a wrong value is reported by the props check). */
export function nameOf(named: Named): string {
  if (typeof named === 'string') return named;
  return (typeof named === 'object' && named !== null ? named.name : named) as string;
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

/** core/v1 TopologySpreadConstraint: how the pods spread over zones or nodes. */
export interface TopologySpreadConstraint {
  /** The largest allowed difference in matching pods between two domains, 1 or more. */
  readonly maxSkew: number;
  /** The node label that defines a domain, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /** `DoNotSchedule` keeps a pod pending; `ScheduleAnyway` only prefers the spread. */
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  /** The pods counted, as in the YAML (`{ matchLabels: { ... } }`). @default none (no pods are counted) */
  readonly labelSelector?: JsonMap;
  /** Pod label keys whose values narrow the selector, e.g. `['batch.kubernetes.io/controller-uid']`. @default none */
  readonly matchLabelKeys?: string[];
  /** Domains counted even when empty (with DoNotSchedule). @default none */
  readonly minDomains?: number;
  /** Whether nodeAffinity and nodeSelector limit the domains. @default 'Honor' */
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  /** Whether node taints limit the domains. @default 'Ignore' */
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

/** core/v1 PodDNSConfig. */
export interface PodDnsConfig {
  /** Name server IPs. @default none */
  readonly nameservers?: string[];
  /** DNS search domains. @default none */
  readonly searches?: string[];
  /** resolv.conf options, e.g. `[{ name: 'ndots', value: '2' }]`. @default none */
  readonly options?: { readonly name: string; readonly value?: string }[];
}

/** One /etc/hosts entry of the pod. */
export interface HostAlias {
  /** The IP address. */
  readonly ip: string;
  /** Host names for it. @default none */
  readonly hostnames?: string[];
}

/** A Dynamic Resource Allocation claim of the pods (core/v1 PodResourceClaim). */
export interface PodResourceClaim {
  /** The name containers use in `resources.claims`. */
  readonly name: string;
  /** An existing ResourceClaim to share. @default none (set this or resourceClaimTemplateName) */
  readonly resourceClaimName?: string;
  /** A ResourceClaimTemplate: each pod gets its own claim. @default none (set this or resourceClaimName) */
  readonly resourceClaimTemplateName?: string;
}
