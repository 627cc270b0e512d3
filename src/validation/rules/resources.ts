/**
 * Container and pod-level resources (validation.go validateResourceRequirements,
 * ValidateContainerResourceRequirements, validatePodResources, validatePodResourceConsistency).
 * Quantities are compared exactly, after the API server's rounding up to milli scale. The
 * resource claims live in resource-claims.ts, re-exported here.
 */
import { Rule, RuleContext } from '../rule';
import { Obj, obj, objs } from '../read';
import {
  NOT_A_QUANTITY,
  Quantity,
  QuantityRead,
  ZERO_QUANTITY,
  addQuantities,
  compareQuantities,
  formatQuantity,
  maxQuantity,
  readQuantity,
} from '../quantity';
import { memoByText } from '../memo';
import { enabledSince } from '../versions';
import { eachContainer } from './pod-walk';
import {
  asDefaulted,
  containerResourceNameProblem,
  isHugePages,
  isPodLevelResource,
  overcommitAllowed,
  podResourceNameProblem,
  quantityValueProblem,
} from './resource-names';

export * from './resource-claims';

type Level = 'container' | 'pod';

interface Parsed {
  readonly requests: Map<string, Quantity>;
  readonly limits: Map<string, Quantity>;
}

function hasOwn(o: Obj | undefined, key: string): boolean {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key);
}

function show(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
}

/** A requests or limits value as the API server validates it: read, then rounded up (asDefaulted). */
function readDefaulted(raw: unknown): QuantityRead {
  return typeof raw === 'string' ? readDefaultedText(raw) : defaulted(readQuantity(raw));
}

/** Manifests repeat a few values (`500m`, `1Gi`): each text is read once. */
const readDefaultedText = memoByText((text: string) => defaulted(readQuantity(text)));

function defaulted(read: QuantityRead): QuantityRead {
  return read.ok ? { ok: true, quantity: asDefaulted(read.quantity) } : read;
}

/** The valid entries of a requests or limits map, defaulted, without reporting anything. */
function quietList(list: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const o = obj(list);
  if (!o) return out;
  for (const [name, raw] of Object.entries(o)) {
    const read = readDefaulted(raw);
    if (read.ok) out.set(name, read.quantity);
  }
  return out;
}

/** validateResourceRequirements: names, quantities, requests against limits, hugepages. */
function checkRequirements(ctx: RuleContext, res: Obj, path: string, level: Level): Parsed {
  const nameProblem = level === 'container' ? containerResourceNameProblem : podResourceNameProblem;
  const parsed: Parsed = { requests: new Map(), limits: new Map() };
  const lists = { limits: obj(res.limits), requests: obj(res.requests) };
  let cpuOrMemory = false;
  let hugePages = false;
  const badNames = new Set<string>();
  for (const kind of ['limits', 'requests'] as const) {
    const list = lists[kind];
    if (!list) continue;
    const names = Object.keys(list);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const raw = list[name];
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
      if (isHugePages(name)) hugePages = true;
      const badName = nameProblem(name);
      if (badName) {
        if (!badNames.has(name)) ctx.report(`${path}.${kind}.${name}`, badName);
        badNames.add(name);
        continue;
      }
      const read = readDefaulted(raw);
      if (!read.ok) {
        if (read.reason === 'format') {
          ctx.report(`${path}.${kind}.${name}`, NOT_A_QUANTITY, { value: raw });
        }
        continue;
      }
      const problem = quantityValueProblem(name, read.quantity);
      if (problem) {
        ctx.report(`${path}.${kind}.${name}`, problem.message, { value: raw, fix: problem.fix });
        continue;
      }
      parsed[kind].set(name, read.quantity);
    }
  }
  const requests = lists.requests ?? {};
  const requested = Object.keys(requests);
  for (let i = 0; i < requested.length; i++) {
    const name = requested[i];
    const raw = requests[name];
    const request = parsed.requests.get(name);
    if (!request) continue;
    if (!hasOwn(lists.limits, name)) {
      if (!overcommitAllowed(name)) {
        ctx.report(
          `${path}.requests.${name}`,
          `${name} cannot be overcommitted: a request needs a limit of the same value`,
          {
            value: raw,
            fix: `set resources.limits.${name} to ${show(raw)} as well`,
          },
        );
      }
      continue;
    }
    const limit = parsed.limits.get(name);
    if (!limit) continue;
    const limitRaw = lists.limits?.[name];
    const cmp = compareQuantities(request, limit);
    if (cmp !== 0 && !overcommitAllowed(name)) {
      ctx.report(
        `${path}.requests.${name}`,
        `must be equal to the ${name} limit (${show(limitRaw)}): ${name} cannot be overcommitted`,
        { value: raw, fix: `set requests and limits of ${name} to the same value` },
      );
    } else if (cmp > 0) {
      ctx.report(
        `${path}.requests.${name}`,
        `must be less than or equal to the ${name} limit (${show(limitRaw)})`,
        {
          value: raw,
        },
      );
    }
  }
  if (hugePages && !cpuOrMemory) {
    ctx.report(
      path,
      'requests hugepages without cpu or memory: hugepages need a cpu or memory request or limit',
      {
        fix: 'add a memory request or limit next to the hugepages',
      },
    );
  }
  return parsed;
}

/**
 * validation.go ValidateContainerResourceRequirements, for init and regular containers:
 * container resource names, non-negative quantities, whole units for extended resources,
 * hugepages in multiples of the page size and with cpu or memory, requests <= limits, and
 * requests == limits for resources that cannot be overcommitted (extended ones, hugepages).
 */
export const resources: Rule = {
  id: 'pod-resources',
  family: 1,
  scope: 'pod',
  reads: { container: ['resources'] },
  summary:
    'requests and limits are valid quantities of valid resources, requests <= limits, extended resources in whole units with requests == limits',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      const res = obj(c.resources);
      if (res) checkRequirements(ctx, res, `${cPath}.resources`, 'container');
    });
  },
};

function addInto(into: Map<string, Quantity>, list: Map<string, Quantity>): void {
  for (const [name, q] of list) into.set(name, addQuantities(into.get(name) ?? ZERO_QUANTITY, q));
}

function maxInto(into: Map<string, Quantity>, list: Map<string, Quantity>): void {
  for (const [name, q] of list) into.set(name, maxQuantity(into.get(name) ?? ZERO_QUANTITY, q));
}

/**
 * component-helpers AggregateContainerRequests: regular containers and sidecars add up; an init
 * container runs beside the sidecars started before it; the pod needs the larger of the two.
 */
function aggregateRequests(podSpec: Obj): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of objs(podSpec.containers)) addInto(total, quietList(obj(c.resources)?.requests));
  const sidecars = new Map<string, Quantity>();
  const init = new Map<string, Quantity>();
  for (const c of objs(podSpec.initContainers)) {
    const requests = quietList(obj(c.resources)?.requests);
    if (c.restartPolicy === 'Always') {
      addInto(total, requests);
      addInto(sidecars, requests);
      maxInto(init, sidecars);
    } else {
      const running = new Map(sidecars);
      addInto(running, requests);
      maxInto(init, running);
    }
  }
  maxInto(total, init);
  return total;
}

/**
 * validation.go validatePodResources (PodLevelResources, on by default from 1.34): no claims at
 * pod level, pod resource names (cpu, memory, hugepages-*), valid quantities, requests <= limits;
 * validatePodResourceConsistency: pod requests cover the containers' aggregate requests and no
 * container limit exceeds the pod limit. The pod template is not defaulted (SetDefaults_Pod runs
 * on Pods only), so a pod-level request left out counts as zero.
 */
export const podLevelResources: Rule = {
  id: 'pod-level-resources',
  family: 1,
  scope: 'pod',
  reads: { pod: ['resources'] },
  since: enabledSince('PodLevelResources'),
  summary:
    'pod-level resources: cpu, memory and hugepages only, requests <= limits, requests cover the containers and limits bound them',
  check(ctx) {
    const res = obj(ctx.podSpec.resources);
    if (!res) return;
    const path = `${ctx.podPath}.resources`;
    if (res.claims !== undefined && res.claims !== null) {
      ctx.report(`${path}.claims`, 'must not be set in pod-level resources', {
        fix: 'list the claims in the resources.claims of the containers that use them',
      });
    }
    const pod = checkRequirements(ctx, res, path, 'pod');
    const written = obj(res.requests);
    for (const [name, total] of aggregateRequests(ctx.podSpec)) {
      if (!isPodLevelResource(name)) continue;
      if (hasOwn(written, name) && !pod.requests.has(name)) continue; // reported above
      const request = pod.requests.get(name) ?? ZERO_QUANTITY;
      if (compareQuantities(total, request) <= 0) continue;
      ctx.report(
        `${path}.requests.${name}`,
        hasOwn(written, name)
          ? `must be at least the containers' total ${name} request (${formatQuantity(total)})`
          : `is missing: the containers request ${formatQuantity(total)} ${name} in total, and a pod template's pod-level requests are not defaulted`,
        {
          ...(hasOwn(written, name) ? { value: written?.[name] } : {}),
          fix: `set resources.requests.${name} to at least ${formatQuantity(total)}`,
        },
      );
    }
    objs(ctx.podSpec.containers).forEach((c, i) => {
      const limits = obj(obj(c.resources)?.limits);
      for (const [name, limit] of quietList(limits)) {
        const podLimit = pod.limits.get(name);
        if (!podLimit || compareQuantities(limit, podLimit) <= 0) continue;
        ctx.report(
          `${ctx.podPath}.containers[${i}].resources.limits.${name}`,
          `must be less than or equal to the pod-level ${name} limit (${show(obj(res.limits)?.[name])})`,
          { value: limits?.[name] },
        );
      }
    });
  },
};
