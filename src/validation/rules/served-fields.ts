/**
 * Fields newer than the target release (family 2): the API server of that release drops them,
 * with an "unknown field" warning when it does not know the field at all, or silently when the
 * field's feature gate is off (pkg/registry/batch/job/strategy.go and pkg/api/pod
 * dropDisabledFields). Container and security fields are covered by container-dropped.ts and
 * security-served.ts; this file covers the Job spec and the pod spec's own fields.
 */
import { Rule, RuleContext } from '../rule';
import { isObj, obj, objs } from '../read';
import {
  FeatureGate,
  KubernetesVersion,
  NEWEST_KNOWN_VERSION,
  OLDEST_SUPPORTED_VERSION,
  enabledSince,
  featureEnabled,
  minorOf,
} from '../versions';
import { memoByPair } from '../memo';
import { eachContainer } from './pod-walk';

/** Job spec fields and the gate that serves them. */
const JOB_FIELDS: ReadonlyArray<[string, FeatureGate]> = [
  ['backoffLimitPerIndex', 'JobBackoffLimitPerIndex'],
  ['maxFailedIndexes', 'JobBackoffLimitPerIndex'],
  ['podReplacementPolicy', 'JobPodReplacementPolicy'],
  ['successPolicy', 'JobSuccessPolicy'],
  ['managedBy', 'JobManagedBy'],
];

/** Pod spec fields and the gate that serves them. */
const POD_FIELDS: ReadonlyArray<[string, FeatureGate]> = [
  ['resources', 'PodLevelResources'],
  ['resourceClaims', 'DynamicResourceAllocation'],
  ['hostnameOverride', 'HostnameOverride'],
];

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function report(ctx: RuleContext, field: string, gate: FeatureGate): void {
  const since = enabledSince(gate) as KubernetesVersion;
  ctx.report(
    field,
    `is served from Kubernetes ${since} (feature ${gate}); the API server of ${ctx.targetVersion} drops it`,
    { fix: `remove it or target ${since} or later` },
  );
}

/** Whether a gate is off in the target but on by default in a release the rules know. */
function dropped(ctx: RuleContext, gate: FeatureGate): boolean {
  return droppedIn(ctx.targetVersion, gate);
}

function droppedIn(target: KubernetesVersion, gate: FeatureGate): boolean {
  return !featureEnabled(gate, target) && enabledSince(gate) !== undefined;
}

/** The fields of a list the target drops, found once per target (none for a recent one). */
const droppedFields = memoByPair(
  (list: ReadonlyArray<[string, FeatureGate]>, target: KubernetesVersion) =>
    list.filter(([, gate]) => droppedIn(target, gate)),
);

export const servedJobFields: Rule = {
  id: 'field-served',
  family: 2,
  scope: 'job',
  summary:
    'every field is served by the target Kubernetes version (the API server drops unknown fields)',
  check(ctx) {
    for (const [field, gate] of droppedFields(JOB_FIELDS, ctx.targetVersion)) {
      if (isSet(ctx.jobSpec[field])) report(ctx, `${ctx.specPath}.${field}`, gate);
    }
    if (!dropped(ctx, 'JobBackoffLimitPerIndex')) return;
    const rules = objs(obj(ctx.jobSpec.podFailurePolicy)?.rules);
    rules.forEach((rule, i) => {
      if (rule.action === 'FailIndex') {
        report(
          ctx,
          `${ctx.specPath}.podFailurePolicy.rules[${i}].action`,
          'JobBackoffLimitPerIndex',
        );
      }
    });
  },
};

/**
 * dropDisabledPodFields: pod-level resources (PodLevelResources, on from 1.34), resourceClaims
 * and container resources.claims (DynamicResourceAllocation, on from 1.34), hostnameOverride
 * (HostnameOverride, on from 1.35).
 */
export const servedPodFields: Rule = {
  id: 'pod-field-served',
  family: 2,
  scope: 'pod',
  reads: {
    pod: ['resources', 'resourceClaims', 'hostnameOverride'],
    container: ['resources.claims'],
  },
  summary: 'pod spec fields are served by the target Kubernetes version (newer ones are dropped)',
  check(ctx) {
    for (const [field, gate] of droppedFields(POD_FIELDS, ctx.targetVersion)) {
      if (isSet(ctx.podSpec[field])) report(ctx, `${ctx.podPath}.${field}`, gate);
    }
    if (dropped(ctx, 'DynamicResourceAllocation')) {
      eachContainer(ctx, (c, cPath) => {
        const res = c.resources;
        if (isObj(res) && isSet(res.claims)) {
          report(ctx, `${cPath}.resources.claims`, 'DynamicResourceAllocation');
        }
      });
    }
  },
};

export const targetVersionKnown: Rule = {
  id: 'target-version',
  family: 1,
  scope: 'object',
  summary: `the target version is between ${OLDEST_SUPPORTED_VERSION} and ${NEWEST_KNOWN_VERSION}`,
  check(ctx) {
    const minor = minorOf(ctx.targetVersion);
    const oldest = minorOf(OLDEST_SUPPORTED_VERSION) ?? 0;
    const newest = minorOf(NEWEST_KNOWN_VERSION) ?? 0;
    if (minor === undefined || minor < oldest || minor > newest) {
      ctx.report(
        'targetVersion',
        `is not a supported Kubernetes version (supported: ${OLDEST_SUPPORTED_VERSION} to ${NEWEST_KNOWN_VERSION})`,
        {
          value: ctx.targetVersion,
        },
      );
    }
  },
};
