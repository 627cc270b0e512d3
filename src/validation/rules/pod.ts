/** Rules for the pod spec outside containers, volumes, resources and security. */
import { Rule } from '../rule';
import { int, isObj, obj } from '../read';
import { quantityProblem } from '../quantity';
import { dns1123LabelProblem, dns1123SubdomainProblem, qualifiedNameProblem } from '../syntax';
import { eachObj, text } from './label-selector';

export * from './pod-host';

const MAX_INT32 = 2_147_483_647;

export const podSpecShape: Rule = {
  id: 'pod-spec',
  family: 1,
  scope: 'pod',
  summary: 'the job has a pod template with a spec',
  check(ctx) {
    const template = obj(ctx.jobSpec.template);
    if (!template || !isObj(template.spec)) {
      ctx.report(`${ctx.specPath}.template.spec`, 'is required');
    }
  },
};

/** Pod spec fields that name things, and the syntax ValidatePodSpec checks them with. */
const NAMES: ReadonlyArray<[string, 'label' | 'subdomain', string]> = [
  ['hostname', 'label', 'a DNS-1123 label'],
  ['subdomain', 'label', 'a DNS-1123 label'],
  ['serviceAccountName', 'subdomain', 'a service account name'],
  ['nodeName', 'subdomain', 'a node name'],
  ['priorityClassName', 'subdomain', 'a PriorityClass name'],
];

/**
 * validation.go ValidatePodSpec: hostname and subdomain are DNS labels; serviceAccountName,
 * nodeName, priorityClassName and runtimeClassName (ValidateRuntimeClassName) DNS subdomains.
 */
export const podNames: Rule = {
  id: 'pod-names',
  family: 1,
  scope: 'pod',
  reads: {
    pod: [
      'hostname',
      'subdomain',
      'serviceAccountName',
      'serviceAccount',
      'nodeName',
      'priorityClassName',
      'runtimeClassName',
    ],
  },
  summary:
    'hostname and subdomain are DNS labels; serviceAccountName, nodeName, priorityClassName and runtimeClassName DNS subdomains',
  check(ctx) {
    const spec = ctx.podSpec;
    for (const [field, syntax, what] of NAMES) {
      let name = field;
      let value = text(spec[field]);
      // The deprecated serviceAccount is read when serviceAccountName is empty.
      if (field === 'serviceAccountName' && value === '') {
        name = 'serviceAccount';
        value = text(spec.serviceAccount);
      }
      if (!value) continue;
      const problem =
        syntax === 'label' ? dns1123LabelProblem(value) : dns1123SubdomainProblem(value);
      if (problem) ctx.report(`${ctx.podPath}.${name}`, `is not ${what}: ${problem}`, { value });
    }
    const runtimeClass = spec.runtimeClassName;
    if (typeof runtimeClass === 'string') {
      const problem =
        runtimeClass === '' ? 'must not be empty' : dns1123SubdomainProblem(runtimeClass);
      if (problem) {
        ctx.report(`${ctx.podPath}.runtimeClassName`, `is not a RuntimeClass name: ${problem}`, {
          value: runtimeClass,
          fix:
            runtimeClass === '' ? 'remove runtimeClassName to use the default runtime' : undefined,
        });
      }
    }
  },
};

/** validation.go ValidatePodSpec: activeDeadlineSeconds in 1..2^31-1. */
export const podActiveDeadline: Rule = {
  id: 'pod-active-deadline',
  family: 1,
  scope: 'pod',
  reads: { pod: ['activeDeadlineSeconds'] },
  summary: "the pod's activeDeadlineSeconds is between 1 and 2147483647",
  check(ctx) {
    const value = int(ctx.podSpec.activeDeadlineSeconds);
    if (value === undefined || (value >= 1 && value <= MAX_INT32)) return;
    ctx.report(`${ctx.podPath}.activeDeadlineSeconds`, 'must be between 1 and 2147483647', {
      value,
      fix:
        value < 1
          ? 'remove it, or use the Job’s spec.activeDeadlineSeconds for a deadline of the whole Job'
          : undefined,
    });
  },
};

/** validation.go validateReadinessGates: condition types are qualified names. */
export const readinessGates: Rule = {
  id: 'pod-readiness-gates',
  family: 1,
  scope: 'pod',
  reads: { pod: ['readinessGates'] },
  summary: 'readiness gate condition types are qualified names',
  check(ctx) {
    eachObj(ctx.podSpec.readinessGates, (gate, i) => {
      const p = `${ctx.podPath}.readinessGates[${i}].conditionType`;
      const type = text(gate.conditionType);
      if (type === '') ctx.report(p, 'is required');
      else if (type !== undefined) {
        const problem = qualifiedNameProblem(type);
        if (problem) ctx.report(p, `is not a qualified name: ${problem}`, { value: type });
      }
    });
  },
};

/** validation.go ValidatePreemptionPolicy. */
export const preemptionPolicy: Rule = {
  id: 'pod-preemption-policy',
  family: 1,
  scope: 'pod',
  reads: { pod: ['preemptionPolicy'] },
  summary: 'preemptionPolicy is PreemptLowerPriority or Never',
  check(ctx) {
    const policy = ctx.podSpec.preemptionPolicy;
    if (typeof policy !== 'string' || policy === 'PreemptLowerPriority' || policy === 'Never')
      return;
    ctx.report(`${ctx.podPath}.preemptionPolicy`, 'must be PreemptLowerPriority or Never', {
      value: policy,
    });
  },
};

/**
 * plugin/pkg/admission/priority: on pod create, priority and preemptionPolicy are taken from
 * the PriorityClass (or the default one), and a pod that states different values is refused.
 */
export const podPriority: Rule = {
  id: 'pod-priority',
  family: 2,
  severity: 'warning',
  scope: 'pod',
  reads: { pod: ['priority', 'preemptionPolicy'] },
  summary:
    'priority and preemptionPolicy come from the PriorityClass; pods stating other values are refused',
  check(ctx) {
    const priority = int(ctx.podSpec.priority);
    if (priority !== undefined) {
      ctx.report(
        `${ctx.podPath}.priority`,
        'is set by the Priority admission plugin from priorityClassName; pods stating another value are refused',
        { value: priority, fix: 'remove priority and set priorityClassName' },
      );
    }
    const policy = ctx.podSpec.preemptionPolicy;
    if (policy === 'PreemptLowerPriority' || policy === 'Never') {
      ctx.report(
        `${ctx.podPath}.preemptionPolicy`,
        'is set by the Priority admission plugin from the PriorityClass; pods stating another value are refused',
        {
          value: policy,
          fix: 'remove preemptionPolicy and use a PriorityClass with that preemptionPolicy',
        },
      );
    }
  },
};

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** validation.go validateOverhead -> ValidateContainerResourceRequirements on the limits. */
export const podOverhead: Rule = {
  id: 'pod-overhead',
  family: 1,
  scope: 'pod',
  reads: { pod: ['overhead'] },
  summary: 'overhead holds container resource names and non-negative quantities',
  check(ctx) {
    const overhead = obj(ctx.podSpec.overhead);
    if (!overhead) return;
    for (const [name, quantity] of Object.entries(overhead)) {
      const p = `${ctx.podPath}.overhead.${name}`;
      const nameProblem = qualifiedNameProblem(name);
      if (nameProblem) {
        ctx.report(p, `is not a resource name: ${nameProblem}`, { value: name });
        continue;
      }
      if (
        !name.includes('/') &&
        !STANDARD_CONTAINER_RESOURCES.has(name) &&
        !name.startsWith('hugepages-')
      ) {
        ctx.report(
          p,
          'is not a standard container resource (cpu, memory, ephemeral-storage, hugepages-<size>)',
          {
            value: name,
          },
        );
        continue;
      }
      if (typeof quantity !== 'string' && typeof quantity !== 'number') continue;
      const problem = quantityProblem(quantity);
      if (problem) ctx.report(p, problem, { value: quantity });
    }
  },
};

/** plugin/pkg/admission/runtimeclass validateOverhead: overhead comes from the RuntimeClass. */
export const podOverheadNeedsRuntimeClass: Rule = {
  id: 'pod-overhead-runtime-class',
  family: 2,
  scope: 'pod',
  reads: { pod: ['overhead'] },
  summary: 'overhead without a runtimeClassName makes the RuntimeClass admission refuse every pod',
  check(ctx) {
    const overhead = ctx.podSpec.overhead;
    // An empty map is dropped (omitempty) when the Job controller creates the pods.
    if (!isObj(overhead) || Object.keys(overhead).length === 0) return;
    if (typeof ctx.podSpec.runtimeClassName === 'string') return;
    ctx.report(
      `${ctx.podPath}.overhead`,
      'is set without a runtimeClassName: the RuntimeClass admission plugin refuses every pod the Job creates',
      { fix: 'remove overhead; the RuntimeClass named by runtimeClassName sets it' },
    );
  },
};

/** validation.go ValidatePodTemplateSpec: ephemeral containers are added to running pods only. */
export const ephemeralContainersInTemplate: Rule = {
  id: 'pod-ephemeral-containers',
  family: 1,
  scope: 'pod',
  reads: { pod: ['ephemeralContainers'] },
  summary: 'a pod template has no ephemeral containers',
  check(ctx) {
    const ephemeral = ctx.podSpec.ephemeralContainers;
    if (!Array.isArray(ephemeral) || ephemeral.length === 0) return;
    ctx.report(`${ctx.podPath}.ephemeralContainers`, 'are not allowed in a pod template', {
      fix: 'use initContainers, or add a debug container to a running pod with kubectl debug',
    });
  },
};
