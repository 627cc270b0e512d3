import { memoByPair } from './memo';

/** A Kubernetes minor release, e.g. `'1.31'`. */
export type KubernetesVersion = `1.${number}`;

/** The oldest release the rules know; older targets are reported. */
export const OLDEST_SUPPORTED_VERSION: KubernetesVersion = '1.27';

/**
 * The newest GA release the rules know; the default target. Kubernetes 1.37 was released on
 * 2026-08-26 (kubernetes.io/releases/1.37); 1.36 in April 2026, 1.35 in December 2025.
 */
export const NEWEST_KNOWN_VERSION: KubernetesVersion = '1.37';

/** The minor number of `1.N`, or undefined for anything else. */
export function minorOf(version: string): number | undefined {
  let minor = MINORS.get(version);
  if (minor === undefined && !MINORS.has(version)) {
    const m = /^1\.(\d{1,3})$/.exec(version);
    minor = m ? Number(m[1]) : undefined;
    if (MINORS.size < 1000) MINORS.set(version, minor);
  }
  return minor;
}

/** Rules ask for the same few versions per object: parsed once each. */
const MINORS = new Map<string, number | undefined>();

/** Whether `version` serves a feature first enabled by default in `since`. */
export function serves(version: KubernetesVersion, since: KubernetesVersion): boolean {
  return (minorOf(version) ?? 0) >= (minorOf(since) ?? 0);
}

/** A stage of a feature gate, as pkg/features versioned specs list it. */
export interface GateStage {
  /** The release the stage starts in. */
  readonly version: KubernetesVersion;
  readonly stage: 'alpha' | 'beta' | 'GA';
  /** Whether the gate is on in a cluster with default flags. */
  readonly enabled: boolean;
}

function stages(...list: Array<[KubernetesVersion, GateStage['stage'], boolean]>): GateStage[] {
  return list.map(([version, stage, enabled]) => ({ version, stage, enabled }));
}

/**
 * The feature gates that change what the API server accepts, keeps or defaults in a Job, a
 * CronJob or their pod template, with their stage and default per release. A field behind a gate
 * that is off is dropped on create (pkg/api/pod dropDisabledFields, pkg/registry/batch/job), so a
 * manifest that uses it silently loses it.
 *
 * Sources: pkg/features/kube_features.go versioned specs as of release-1.35 (kubernetes/kubernetes),
 * the 1.37 scheduling feature list (DRA and PodLevelResources gates), the Kubernetes blog
 * (MutablePodResourcesForSuspendedJobs beta in 1.36) and the KEPs' kep.yaml (ContainerStopSignals
 * alpha through 1.36). Stages after 1.35 that no source confirms are assumed unchanged.
 */
export const FEATURE_GATES = {
  // batch/v1 Job fields
  JobPodFailurePolicy: stages(
    ['1.25', 'alpha', false],
    ['1.26', 'beta', true],
    ['1.31', 'GA', true],
  ),
  JobBackoffLimitPerIndex: stages(
    ['1.28', 'alpha', false],
    ['1.29', 'beta', true],
    ['1.33', 'GA', true],
  ),
  JobPodReplacementPolicy: stages(
    ['1.28', 'alpha', false],
    ['1.29', 'beta', true],
    ['1.34', 'GA', true],
  ),
  JobSuccessPolicy: stages(['1.30', 'alpha', false], ['1.31', 'beta', true], ['1.33', 'GA', true]),
  JobManagedBy: stages(['1.30', 'alpha', false], ['1.32', 'beta', true], ['1.35', 'GA', true]),
  MutablePodResourcesForSuspendedJobs: stages(['1.35', 'alpha', false], ['1.36', 'beta', true]),
  MutableSchedulingDirectivesForSuspendedJobs: stages(['1.35', 'alpha', false]),
  // pod template: containers
  SidecarContainers: stages(['1.28', 'alpha', false], ['1.29', 'beta', true], ['1.33', 'GA', true]),
  ContainerRestartRules: stages(['1.34', 'alpha', false], ['1.35', 'beta', true]),
  ContainerStopSignals: stages(['1.33', 'alpha', false]),
  EnvFiles: stages(['1.34', 'alpha', false], ['1.35', 'beta', true]),
  RelaxedEnvironmentVariableValidation: stages(
    ['1.30', 'alpha', false],
    ['1.32', 'beta', true],
    ['1.34', 'GA', true],
  ),
  InPlacePodVerticalScaling: stages(
    ['1.27', 'alpha', false],
    ['1.33', 'beta', true],
    ['1.35', 'GA', true],
  ),
  PodLifecycleSleepAction: stages(
    ['1.29', 'alpha', false],
    ['1.30', 'beta', true],
    ['1.34', 'GA', true],
  ),
  PodLifecycleSleepActionAllowZero: stages(
    ['1.32', 'alpha', false],
    ['1.33', 'beta', true],
    ['1.34', 'GA', true],
  ),
  RecursiveReadOnlyMounts: stages(
    ['1.30', 'alpha', false],
    ['1.31', 'beta', true],
    ['1.33', 'GA', true],
  ),
  // pod template: pod spec
  PodLevelResources: stages(['1.32', 'alpha', false], ['1.34', 'beta', true]),
  DynamicResourceAllocation: stages(
    ['1.26', 'alpha', false],
    ['1.32', 'beta', false],
    ['1.34', 'GA', true],
  ),
  DRAPrioritizedList: stages(
    ['1.33', 'alpha', false],
    ['1.34', 'beta', true],
    ['1.36', 'GA', true],
  ),
  DRAExtendedResource: stages(
    ['1.34', 'alpha', false],
    ['1.36', 'beta', true],
    ['1.37', 'GA', true],
  ),
  HostnameOverride: stages(['1.34', 'alpha', false], ['1.35', 'beta', true]),
  ImageVolume: stages(['1.31', 'alpha', false], ['1.33', 'beta', false], ['1.35', 'beta', true]),
  UserNamespacesSupport: stages(
    ['1.25', 'alpha', false],
    ['1.30', 'beta', false],
    ['1.33', 'beta', true],
  ),
  SupplementalGroupsPolicy: stages(
    ['1.31', 'alpha', false],
    ['1.33', 'beta', true],
    ['1.35', 'GA', true],
  ),
  SELinuxChangePolicy: stages(['1.32', 'alpha', false], ['1.33', 'beta', true]),
  MatchLabelKeysInPodAffinity: stages(
    ['1.29', 'alpha', false],
    ['1.31', 'beta', true],
    ['1.33', 'GA', true],
  ),
  RelaxedDNSSearchValidation: stages(
    ['1.32', 'alpha', false],
    ['1.33', 'beta', true],
    ['1.34', 'GA', true],
  ),
  TaintTolerationComparisonOperators: stages(['1.35', 'alpha', false]),
} as const satisfies Record<string, readonly GateStage[]>;

export type FeatureGate = keyof typeof FEATURE_GATES;

/**
 * The stage of a gate in a release, or undefined before the gate existed. Rules and defaults ask
 * per object, for the one target version of a run: each pair is answered once.
 */
export const gateStage = memoByPair(
  (gate: FeatureGate, version: KubernetesVersion): GateStage | undefined => {
    const minor = minorOf(version) ?? 0;
    let current: GateStage | undefined;
    for (const s of FEATURE_GATES[gate]) {
      if ((minorOf(s.version) ?? 0) <= minor) current = s;
    }
    return current;
  },
);

/** Whether a gate is on by default in a release. */
export function featureEnabled(gate: FeatureGate, version: KubernetesVersion): boolean {
  return gateStage(gate, version)?.enabled ?? false;
}

/** The first release in which a gate is on by default, or undefined when none is known yet. */
export function enabledSince(gate: FeatureGate): KubernetesVersion | undefined {
  return FEATURE_GATES[gate].find((s) => s.enabled)?.version;
}
