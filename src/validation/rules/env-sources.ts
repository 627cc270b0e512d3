/**
 * The sources of an env var's valueFrom (validation.go validateObjectFieldSelector with the
 * env field paths, validateContainerResourceFieldSelector, validateContainerResourceDivisor,
 * validateConfigMapKeySelector, validateSecretKeySelector; pkg/apis/core/pods
 * ConvertDownwardAPIFieldLabel).
 */
import { Rule, RuleContext } from '../rule';
import { Obj, obj, objs } from '../read';
import { parseQuantity } from '../quantity';
import { dns1123SubdomainProblem, qualifiedNameProblem } from '../syntax';
import { configKeyProblem, eachContainerOf, served } from './container-walk';

/** The pod fields an env var can read (labels and annotations only with a key subscript). */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` into path and key. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const at = inner.indexOf("['");
  if (at <= 0) return undefined;
  return [inner.slice(0, at), inner.slice(at + 2)];
}

function checkFieldRef(ctx: RuleContext, ref: Obj, path: string): void {
  const apiVersion = ref.apiVersion;
  const fieldPath = ref.fieldPath;
  const at = `${path}.fieldPath`;
  if (fieldPath === undefined || fieldPath === null || fieldPath === '') {
    ctx.report(at, 'is required: the pod field to read, e.g. metadata.name');
    return;
  }
  if (typeof fieldPath !== 'string') return;
  // An empty apiVersion is defaulted to v1.
  if (typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== 'v1') {
    ctx.report(`${path}.apiVersion`, 'must be v1 (the pod API version)', { value: apiVersion });
    return;
  }
  const subscripted = splitSubscript(fieldPath);
  if (subscripted) {
    const [field, key] = subscripted;
    if (field !== 'metadata.labels' && field !== 'metadata.annotations') {
      ctx.report(
        at,
        `${field} does not take a ['key'] subscript (only metadata.labels and metadata.annotations do)`,
        { value: fieldPath },
      );
      return;
    }
    const problem = qualifiedNameProblem(
      field === 'metadata.annotations' ? key.toLowerCase() : key,
    );
    if (problem) ctx.report(at, `the key ${JSON.stringify(key)} ${problem}`, { value: fieldPath });
    return;
  }
  const hostIPs = fieldPath === 'status.hostIPs';
  if (ENV_FIELD_PATHS.includes(fieldPath) && (!hostIPs || served(ctx, 'hostIPs'))) return;
  if (fieldPath === 'spec.host') return; // an old v1 spelling of spec.nodeName
  const labels = fieldPath === 'metadata.labels' || fieldPath === 'metadata.annotations';
  ctx.report(
    at,
    hostIPs
      ? `is served from Kubernetes 1.29 (the target is ${ctx.targetVersion})`
      : `is not a pod field an env var can read: one of ${ENV_FIELD_PATHS.join(', ')}`,
    {
      value: fieldPath,
      fix: labels
        ? `name one key, e.g. ${fieldPath}['app'], or mount ${fieldPath} with a downwardAPI volume`
        : undefined,
    },
  );
}

const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
];
const DECIMAL = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * The divisor's canonical form (resource.Quantity.String) is one the resource allows:
 * 1m or 1 for cpu; 1, 1k...1E or 1Ki...1Ei for memory, ephemeral storage and hugepages.
 * Returns undefined when the divisor is fine or its canonical form is not computed here.
 */
function divisorProblem(resource: string, divisor: unknown): string | undefined {
  const kind = resource.replace(/^(limits|requests)\./, '');
  const cpu = kind === 'cpu';
  if (!cpu && kind !== 'memory' && kind !== 'ephemeral-storage' && !kind.startsWith('hugepages-')) {
    return undefined;
  }
  if (typeof divisor !== 'string' && typeof divisor !== 'number') return undefined;
  const text = String(divisor);
  const value = parseQuantity(text);
  // A decimal exponent (1e3) keeps that form: not computed here.
  if (value === undefined || value === 0 || /[0-9.][eE][+-]?[0-9]+$/.test(text)) return undefined;
  const binary = /[KMGTPE]i$/.test(text) && Math.abs(value) >= 1024;
  const allowed = cpu
    ? [1e-3, 1]
    : binary
      ? BINARY.map((_, i) => 1024 ** (i + 1))
      : DECIMAL.map((_, i) => 1000 ** i);
  if (allowed.some((a) => Math.abs(value - a) <= a * 1e-9)) return undefined;
  return cpu
    ? 'must be 1m or 1 for a cpu resource'
    : 'must be 1, or 1 with a suffix (1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei)';
}

function checkResourceFieldRef(ref: Obj, path: string, ctx: RuleContext): void {
  const resource = ref.resource;
  if (resource === undefined || resource === null || resource === '') {
    ctx.report(`${path}.resource`, 'is required: e.g. limits.memory');
    return;
  }
  if (typeof resource !== 'string') return;
  const hugepages = /^(requests|limits)\.hugepages-/.test(resource);
  if (!RESOURCE_FIELDS.includes(resource) && !hugepages) {
    ctx.report(
      `${path}.resource`,
      `must be one of ${RESOURCE_FIELDS.join(', ')} or (limits|requests).hugepages-<size>`,
      { value: resource },
    );
    return;
  }
  const problem = divisorProblem(resource, ref.divisor);
  if (problem) ctx.report(`${path}.divisor`, problem, { value: ref.divisor });
}

function checkKeyRef(ctx: RuleContext, ref: Obj, path: string, what: string): void {
  const name = ref.name;
  if (name === undefined || name === null || name === '') {
    ctx.report(`${path}.name`, `is required: the name of the ${what}`);
  } else if (typeof name === 'string') {
    const problem = dns1123SubdomainProblem(name);
    if (problem) ctx.report(`${path}.name`, problem, { value: name });
  }
  const key = ref.key;
  if (key === undefined || key === null || key === '') {
    ctx.report(`${path}.key`, `is required: the key in the ${what}`);
  } else if (typeof key === 'string') {
    const problem = configKeyProblem(key);
    if (problem) ctx.report(`${path}.key`, problem, { value: key });
  }
}

/**
 * validateEnvVarValueFrom's source validators: fieldRef names a pod field an env var can
 * read (apiVersion v1); resourceFieldRef a container resource with an allowed divisor;
 * configMapKeyRef and secretKeyRef a DNS-1123 subdomain name and a config key.
 */
export const envValueSources: Rule = {
  id: 'env-value-from',
  family: 1,
  scope: 'pod',
  reads: { container: ['env'] },
  summary:
    'env fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef name valid fields, names and keys',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path: cPath }) => {
      const envs = objs(c.env);
      for (let i = 0; i < envs.length; i++) {
        const env = envs[i];
        const from = obj(env.valueFrom);
        if (!from) continue;
        const path = `${cPath}.env[${i}].valueFrom`;
        const fieldRef = obj(from.fieldRef);
        if (fieldRef) checkFieldRef(ctx, fieldRef, `${path}.fieldRef`);
        const resourceRef = obj(from.resourceFieldRef);
        if (resourceRef) checkResourceFieldRef(resourceRef, `${path}.resourceFieldRef`, ctx);
        const configMap = obj(from.configMapKeyRef);
        if (configMap) checkKeyRef(ctx, configMap, `${path}.configMapKeyRef`, 'ConfigMap');
        const secret = obj(from.secretKeyRef);
        if (secret) checkKeyRef(ctx, secret, `${path}.secretKeyRef`, 'Secret');
      }
    });
  },
};
