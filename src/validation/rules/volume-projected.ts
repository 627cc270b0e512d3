/** downwardAPI and projected volumes. */
import { Rule } from '../rule';
import { Obj, int, isObj } from '../read';
import { parseQuantity } from '../quantity';
import { qualifiedNameProblem } from '../syntax';
import {
  Report,
  blank,
  checkFileMode,
  checkKeyToPath,
  eachObj,
  eachVolume,
  localNonReservedPathProblem,
} from './volume-walk';

/** podshelper.ConvertDownwardAPIFieldLabel: the v1 pod fields the downward API knows. */
const POD_FIELDS = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
  'spec.host',
]);
/** validation.go validVolumeDownwardAPIFieldPathExpressions. */
const VOLUME_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.uid',
];
/** validation.go validContainerResourceFieldPathExpressions. */
const RESOURCES = [
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
];

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` → [path, key]. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const open = inner.indexOf("['");
  if (open <= 0) return undefined;
  return [inner.slice(0, open), inner.slice(open + 2)];
}

/** validation.go validateObjectFieldSelector with the volume's field paths. */
function checkFieldRef(report: Report, ref: Obj, p: string): void {
  const apiVersion = ref.apiVersion;
  const fieldPath = ref.fieldPath;
  // An empty apiVersion is defaulted to v1 by the server.
  if (typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== 'v1') {
    report(`${p}.apiVersion`, 'must be v1', { value: apiVersion });
    return;
  }
  if (blank(fieldPath)) {
    report(`${p}.fieldPath`, 'is required', { fix: 'e.g. metadata.labels' });
    return;
  }
  if (typeof fieldPath !== 'string') return;
  const sub = splitSubscript(fieldPath);
  if (sub) {
    const [base, key] = sub;
    if (base !== 'metadata.labels' && base !== 'metadata.annotations') {
      report(
        `${p}.fieldPath`,
        'does not support a subscript: only metadata.labels and metadata.annotations do',
        { value: fieldPath },
      );
      return;
    }
    const problem = qualifiedNameProblem(base === 'metadata.annotations' ? key.toLowerCase() : key);
    if (problem)
      report(`${p}.fieldPath`, `key ${JSON.stringify(key)} ${problem}`, { value: fieldPath });
    return;
  }
  if (!POD_FIELDS.has(fieldPath)) {
    report(`${p}.fieldPath`, 'is not a pod field the downward API knows', {
      value: fieldPath,
      fix: `a downwardAPI volume can expose ${VOLUME_FIELDS.join(', ')}`,
    });
  } else if (!VOLUME_FIELDS.includes(fieldPath)) {
    report(
      `${p}.fieldPath`,
      `cannot be exposed in a volume: only ${VOLUME_FIELDS.join(', ')} can`,
      {
        value: fieldPath,
        fix: 'expose it as an environment variable (env[].valueFrom.fieldRef) instead',
      },
    );
  }
}

const CPU_DIVISORS = new Set(['1m', '1']);
const BYTE_DIVISORS = new Set([
  '1',
  '1k',
  '1M',
  '1G',
  '1T',
  '1P',
  '1E',
  '1Ki',
  '1Mi',
  '1Gi',
  '1Ti',
  '1Pi',
  '1Ei',
]);
const DECIMAL = ['n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'];
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * resource.Quantity.String() of a divisor when it is 1 of some unit (`1m`, `1Gi`, ...), the
 * only canonical forms the divisor sets hold; undefined for any other value.
 */
function unitForm(text: string, value: number): string | undefined {
  if (value === 1) return '1';
  if (/[eE]/.test(text) && !/[EP]i$|E$/.test(text)) return undefined;
  if (/[KMGTPE]i$/.test(text)) {
    for (let k = 1; k < BINARY.length; k++) if (value === 1024 ** k) return `1${BINARY[k]}`;
    if (Number.isInteger(value) && value >= 1024) return undefined;
  }
  for (let k = 0; k < DECIMAL.length; k++) {
    const unit = 10 ** (3 * (k - 3));
    if (Math.abs(value - unit) <= unit * 1e-9) return `1${DECIMAL[k]}`;
  }
  return undefined;
}

/** validation.go validateContainerResourceDivisor. */
function checkDivisor(report: Report, resource: string, divisor: unknown, p: string): void {
  if (typeof divisor !== 'string' && typeof divisor !== 'number') return;
  const value = parseQuantity(divisor);
  if (value === undefined || value === 0) return;
  const cpu = resource === 'limits.cpu' || resource === 'requests.cpu';
  const bytes = /^(limits|requests)\.(memory|ephemeral-storage|hugepages-.*)$/.test(resource);
  if (!cpu && !bytes) return;
  const allowed = cpu ? CPU_DIVISORS : BYTE_DIVISORS;
  const form = unitForm(String(divisor), value);
  if (form === undefined || !allowed.has(form))
    report(`${p}.divisor`, `must be one of ${[...allowed].join(', ')} for ${resource}`, {
      value: divisor,
    });
}

/** validation.go validateDownwardAPIVolumeFile. */
function checkDownwardFile(report: Report, file: Obj, p: string): void {
  const path = file.path;
  if (blank(path)) report(`${p}.path`, 'is required', { fix: 'name the file, e.g. labels' });
  else if (typeof path === 'string') {
    const problem = localNonReservedPathProblem(path);
    if (problem) report(`${p}.path`, problem, { value: path });
  }
  const fieldRef = file.fieldRef;
  const resourceRef = file.resourceFieldRef;
  if (isObj(fieldRef)) {
    if (isObj(resourceRef)) report(p, 'cannot have both fieldRef and resourceFieldRef');
    else checkFieldRef(report, fieldRef, `${p}.fieldRef`);
  } else if (isObj(resourceRef)) {
    const rp = `${p}.resourceFieldRef`;
    const resource = resourceRef.resource;
    if (blank(resourceRef.containerName))
      report(`${rp}.containerName`, 'is required in a volume', {
        fix: 'name the container whose resources to expose',
      });
    else if (blank(resource)) report(`${rp}.resource`, 'is required');
    else if (
      typeof resource === 'string' &&
      !RESOURCES.includes(resource) &&
      !/^(limits|requests)\.hugepages-/.test(resource)
    )
      report(`${rp}.resource`, `must be one of ${RESOURCES.join(', ')} or a hugepages resource`, {
        value: resource,
      });
    if (typeof resource === 'string') checkDivisor(report, resource, resourceRef.divisor, rp);
  } else if (fieldRef === undefined || fieldRef === null) {
    if (resourceRef === undefined || resourceRef === null)
      report(p, 'needs fieldRef or resourceFieldRef');
  }
  checkFileMode(report, `${p}.mode`, file.mode);
}

/** validation.go validateDownwardAPIVolumeSource. */
export const downwardApiVolume: Rule = {
  id: 'volume-downward-api',
  family: 1,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary:
    'downwardAPI volume files have a relative path and expose a pod field or a container resource volumes allow',
  check(ctx) {
    const report: Report = (f, m, o) => ctx.report(f, m, o);
    eachVolume(ctx, ({ path, kind, source }) => {
      if (kind !== 'downwardAPI') return;
      const p = `${path}.downwardAPI`;
      checkFileMode(report, `${p}.defaultMode`, source.defaultMode);
      eachObj(source.items, (file, i) => checkDownwardFile(report, file, `${p}.items[${i}]`));
    });
  },
};

const PROJECTIONS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken'];

/** validation.go validateProjectedVolumeSource and validateProjectionSources. */
export const projectedVolume: Rule = {
  id: 'volume-projected',
  family: 1,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary:
    'projected volumes: one projection per source, valid items, unique paths, token lifetimes of 10 minutes to 2^32 seconds',
  check(ctx) {
    const report: Report = (f, m, o) => ctx.report(f, m, o);
    eachVolume(ctx, ({ path, kind, source }) => {
      if (kind !== 'projected') return;
      const p = `${path}.projected`;
      checkFileMode(report, `${p}.defaultMode`, source.defaultMode);
      const paths = new Set<string>();
      const unique = (filePath: unknown, field: string): void => {
        if (typeof filePath !== 'string' || filePath === '') return;
        if (paths.has(filePath))
          report(
            field,
            'is projected twice into the volume: a file path can come from one source only',
            { value: filePath },
          );
        paths.add(filePath);
      };
      eachObj(source.sources, (projection, i) => {
        const sp = `${p}.sources[${i}]`;
        const present = PROJECTIONS.filter((k) => isObj(projection[k]));
        for (const extra of present.slice(1))
          report(
            `${sp}.${extra}`,
            `is a second projection in one source (it already has ${present[0]}): give each its own entry in sources`,
          );
        for (const key of ['secret', 'configMap']) {
          const ref = projection[key];
          if (!isObj(ref)) continue;
          if (blank(ref.name)) report(`${sp}.${key}.name`, 'is required');
          eachObj(ref.items, (item, j) => {
            const field = `${sp}.${key}.items[${j}]`;
            checkKeyToPath(report, item, field);
            unique(item.path, `${field}.path`);
          });
        }
        const downward = projection.downwardAPI;
        if (isObj(downward))
          eachObj(downward.items, (file, j) => {
            const field = `${sp}.downwardAPI.items[${j}]`;
            checkDownwardFile(report, file, field);
            unique(file.path, `${field}.path`);
          });
        const token = projection.serviceAccountToken;
        if (isObj(token)) checkToken(report, token, `${sp}.serviceAccountToken`);
      });
    });
  },
};

function checkToken(report: Report, token: Obj, tp: string): void {
  const seconds = int(token.expirationSeconds);
  if (seconds !== undefined && seconds < 600)
    report(`${tp}.expirationSeconds`, 'must be at least 600 (10 minutes)', {
      value: seconds,
      fix: 'leave it unset for the default of 3600',
    });
  else if (seconds !== undefined && seconds > 2 ** 32)
    report(`${tp}.expirationSeconds`, 'must be at most 2^32 seconds', { value: seconds });
  const tokenPath = token.path;
  if (blank(tokenPath))
    report(`${tp}.path`, 'is required', { fix: 'name the token file, e.g. token' });
  else if (typeof tokenPath === 'string') {
    const problem = localNonReservedPathProblem(tokenPath);
    if (problem) report(`${tp}.path`, problem, { value: tokenPath });
  }
}
