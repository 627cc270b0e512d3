/**
 * Dynamic resource allocation in the pod template (DynamicResourceAllocation, on by default from
 * 1.34; before, the API server drops these fields and pod-field-served reports them):
 * validation.go validatePodResourceClaims, validatePodResourceClaim and validateResourceClaimNames.
 */
import { Rule, RuleContext } from '../rule';
import { Obj, arr, isObj, obj } from '../read';
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../syntax';
import { enabledSince } from '../versions';
import { eachContainer } from './pod-walk';

const DRA_SINCE = enabledSince('DynamicResourceAllocation');

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A claim or claim template object name: a DNS subdomain (NameIsDNSSubdomain). */
function objectNameProblem(value: string): string | undefined {
  return value === '' ? 'must not be empty' : dns1123SubdomainProblem(value);
}

/** gatherPodResourceClaimNames: the non-empty names of spec.resourceClaims. */
function podClaimNames(podSpec: Obj): Set<string> {
  const names = new Set<string>();
  for (const claim of arr(podSpec.resourceClaims)) {
    if (isObj(claim) && typeof claim.name === 'string' && claim.name !== '') names.add(claim.name);
  }
  return names;
}

/**
 * validation.go validatePodResourceClaims: each entry has a unique DNS-label name and exactly
 * one of resourceClaimName and resourceClaimTemplateName, each a valid object name.
 */
export const podResourceClaims: Rule = {
  id: 'pod-resource-claims',
  family: 1,
  scope: 'pod',
  reads: { pod: ['resourceClaims'] },
  since: DRA_SINCE,
  summary:
    'resourceClaims have unique DNS-label names and exactly one of resourceClaimName or resourceClaimTemplateName',
  check(ctx) {
    const seen = new Set<string>();
    arr(ctx.podSpec.resourceClaims).forEach((claim, i) => {
      if (!isObj(claim)) return;
      const path = `${ctx.podPath}.resourceClaims[${i}]`;
      const name = claim.name;
      if (name === undefined || name === null || name === '') {
        ctx.report(`${path}.name`, 'is required');
      } else if (typeof name === 'string') {
        if (seen.has(name)) {
          ctx.report(`${path}.name`, 'is used by another resource claim of the pod', {
            value: name,
          });
        } else {
          const problem = dns1123LabelProblem(name);
          if (problem) ctx.report(`${path}.name`, problem, { value: name });
          seen.add(name);
        }
      }
      const byName = claim.resourceClaimName;
      const byTemplate = claim.resourceClaimTemplateName;
      if (isSet(byName) && isSet(byTemplate)) {
        ctx.report(
          path,
          'sets both resourceClaimName and resourceClaimTemplateName: set only one',
          {
            fix: 'a Job usually wants resourceClaimTemplateName, one claim per pod',
          },
        );
      } else if (!isSet(byName) && !isSet(byTemplate)) {
        ctx.report(path, 'must set resourceClaimName or resourceClaimTemplateName', {
          fix: "reference a ResourceClaimTemplate with resourceClaimTemplateName (older manifests' source: {...} is no longer served)",
        });
      }
      for (const key of ['resourceClaimName', 'resourceClaimTemplateName'] as const) {
        const value = claim[key];
        if (typeof value !== 'string') continue;
        const problem = objectNameProblem(value);
        if (problem) ctx.report(`${path}.${key}`, problem, { value });
      }
    });
  },
};

function checkClaims(
  ctx: RuleContext,
  claims: readonly unknown[],
  path: string,
  pod: Set<string>,
): void {
  const names = new Set<string>();
  claims.forEach((claim, j) => {
    if (!isObj(claim)) return;
    const field = `${path}[${j}]`;
    const name = claim.name;
    if (name === undefined || name === null || name === '') {
      ctx.report(`${field}.name`, 'is required');
      return;
    }
    if (typeof name !== 'string') return;
    const request = typeof claim.request === 'string' ? claim.request : '';
    if (names.has(name)) {
      ctx.report(field, `uses claim ${name} again: its requests are all in use already`, {
        value: name,
      });
    } else {
      let key = name;
      if (request !== '') {
        const problem = dns1123LabelProblem(request);
        if (problem) ctx.report(`${field}.request`, problem, { value: request });
        key = `${name}/${request}`;
      }
      if (names.has(key)) {
        ctx.report(field, `lists ${key} twice`, { value: key });
      } else if (request === '' && [...names].some((k) => k.startsWith(`${name}/`))) {
        ctx.report(field, `uses all of claim ${name} after using one of its requests`, {
          value: name,
        });
      }
      names.add(key);
    }
    if (!pod.has(name)) {
      const known = [...pod].sort().join(', ');
      ctx.report(
        `${field}.name`,
        `must be one of the names in spec.resourceClaims${known ? `: ${known}` : ', which is empty'}`,
        { value: name, fix: 'add the claim to the pod template spec.resourceClaims' },
      );
    }
  });
}

/**
 * validation.go validateResourceClaimNames, for init and regular containers: every entry of
 * resources.claims names a claim of spec.resourceClaims, once (a whole claim, or distinct
 * requests of it), with a DNS-label request name.
 */
export const containerResourceClaims: Rule = {
  id: 'container-resource-claims',
  family: 1,
  scope: 'pod',
  reads: { container: ['resources.claims'] },
  since: DRA_SINCE,
  summary: "containers' resources.claims name claims of spec.resourceClaims, each once",
  check(ctx) {
    const pod = podClaimNames(ctx.podSpec);
    eachContainer(ctx, (c, cPath) => {
      const claims = obj(c.resources)?.claims;
      if (Array.isArray(claims)) checkClaims(ctx, claims, `${cPath}.resources.claims`, pod);
    });
  },
};
