/** Generic ephemeral volumes: the PersistentVolumeClaim template inside the pod. */
import { Rule } from '../rule';
import { Obj, arr, isObj, str } from '../read';
import { parseQuantity } from '../quantity';
import {
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  labelValueProblem,
  qualifiedNameProblem,
} from '../syntax';
import { serves } from '../versions';
import { Report, blank, eachObj, eachVolume } from './volume-walk';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** A value the server sees as set (validateFieldAllowList compares with the zero value). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false)
    return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObj(value)) return Object.keys(value).length > 0;
  return true;
}

/** validation.go ValidateTemplateObjectMeta: only labels and annotations, both valid. */
function checkTemplateMeta(report: Report, meta: Obj, p: string): void {
  for (const key of Object.keys(meta)) {
    if (key === 'labels' || key === 'annotations' || !isSet(meta[key])) continue;
    report(
      `${p}.${key}`,
      'cannot be set in a volumeClaimTemplate: only labels and annotations can',
      {
        value: meta[key],
        fix:
          key === 'name'
            ? 'remove it: the claim is named <pod name>-<volume name>'
            : `remove ${key}`,
      },
    );
  }
  const labels = meta.labels;
  if (isObj(labels))
    for (const [key, value] of Object.entries(labels)) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem)
        report(`${p}.labels`, `key ${JSON.stringify(key)} ${keyProblem}`, { value: key });
      const valueProblem = typeof value === 'string' ? labelValueProblem(value) : undefined;
      if (valueProblem) report(`${p}.labels.${key}`, valueProblem, { value });
    }
  const annotations = meta.annotations;
  if (isObj(annotations)) {
    let bytes = 0;
    for (const [key, value] of Object.entries(annotations)) {
      const keyProblem = qualifiedNameProblem(key.toLowerCase());
      if (keyProblem)
        report(`${p}.annotations`, `key ${JSON.stringify(key)} ${keyProblem}`, { value: key });
      bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES)
      report(`${p}.annotations`, `must be no more than 256 KiB in total (is ${bytes} bytes)`);
  }
}

/** apimachinery ValidateLabelSelector (invalid label values not allowed). */
function checkSelector(report: Report, selector: Obj, p: string): void {
  const matchLabels = selector.matchLabels;
  if (isObj(matchLabels))
    for (const [key, value] of Object.entries(matchLabels)) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem)
        report(`${p}.matchLabels`, `key ${JSON.stringify(key)} ${keyProblem}`, { value: key });
      const valueProblem = typeof value === 'string' ? labelValueProblem(value) : undefined;
      if (valueProblem) report(`${p}.matchLabels.${key}`, valueProblem, { value });
    }
  eachObj(selector.matchExpressions, (expr, i) => {
    const ep = `${p}.matchExpressions[${i}]`;
    const values = arr(expr.values);
    const operator = str(expr.operator);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0)
        report(`${ep}.values`, `must be non-empty when operator is ${operator}`);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) report(`${ep}.values`, `must be empty when operator is ${operator}`);
    } else if (operator !== undefined) {
      report(`${ep}.operator`, 'must be In, NotIn, Exists or DoesNotExist', { value: operator });
    }
    const key = str(expr.key);
    const keyProblem = key === undefined ? undefined : qualifiedNameProblem(key);
    if (keyProblem) report(`${ep}.key`, keyProblem, { value: key });
    values.forEach((v, j) => {
      const problem = typeof v === 'string' ? labelValueProblem(v) : undefined;
      if (problem) report(`${ep}.values[${j}]`, problem, { value: v });
    });
  });
}

/** validation.go validateDataSource and validateDataSourceRef. */
function checkDataSource(report: Report, ref: Obj, p: string, isRef: boolean): void {
  if (blank(ref.name)) report(`${p}.name`, 'is required');
  const kind = ref.kind;
  if (blank(kind)) report(`${p}.kind`, 'is required');
  const apiGroup = str(ref.apiGroup) ?? '';
  if (
    apiGroup === '' &&
    typeof kind === 'string' &&
    kind !== '' &&
    kind !== 'PersistentVolumeClaim'
  )
    report(`${p}.kind`, 'must be PersistentVolumeClaim when apiGroup is empty', {
      value: kind,
      fix: 'set apiGroup, e.g. snapshot.storage.k8s.io for a VolumeSnapshot',
    });
  if (apiGroup !== '') {
    const problem = dns1123SubdomainProblem(apiGroup);
    if (problem) report(`${p}.apiGroup`, problem, { value: apiGroup });
  }
  const namespace = str(ref.namespace);
  if (isRef && namespace) {
    const problem = dns1123LabelProblem(namespace);
    if (problem) report(`${p}.namespace`, problem, { value: namespace });
  }
}

function sameRef(a: Obj, b: Obj): boolean {
  const group = (o: Obj) => (o.apiGroup === undefined || o.apiGroup === null ? null : o.apiGroup);
  return group(a) === group(b) && a.kind === b.kind && a.name === b.name;
}

/** validation.go ValidatePersistentVolumeClaimSpec with the template options. */
function checkClaimSpec(report: Report, spec: Obj, p: string, attributesClasses: boolean): void {
  const modes = arr(spec.accessModes);
  if (
    modes.length === 0 &&
    (spec.accessModes === undefined || spec.accessModes === null || Array.isArray(spec.accessModes))
  )
    report(`${p}.accessModes`, 'is required: at least one access mode', {
      fix: 'e.g. [ReadWriteOnce]',
    });
  modes.forEach((mode, i) => {
    if (typeof mode === 'string' && !ACCESS_MODES.includes(mode))
      report(`${p}.accessModes[${i}]`, `must be one of ${ACCESS_MODES.join(', ')}`, {
        value: mode,
      });
  });
  if (
    modes.includes('ReadWriteOncePod') &&
    modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m as string))
  )
    report(`${p}.accessModes`, 'cannot combine ReadWriteOncePod with other access modes');
  if (isObj(spec.selector)) checkSelector(report, spec.selector, `${p}.selector`);
  const requests =
    isObj(spec.resources) && isObj(spec.resources.requests) ? spec.resources.requests : {};
  const storage = Object.prototype.hasOwnProperty.call(requests, 'storage')
    ? requests.storage
    : undefined;
  if (storage === undefined || storage === null) {
    report(`${p}.resources.requests.storage`, 'is required', {
      fix: 'request the size of the volume, e.g. 10Gi',
    });
  } else if (typeof storage === 'string' || typeof storage === 'number') {
    const size = parseQuantity(storage);
    if (size !== undefined && size <= 0)
      report(`${p}.resources.requests.storage`, 'must be greater than zero', { value: storage });
  }
  for (const key of attributesClasses
    ? ['storageClassName', 'volumeAttributesClassName']
    : ['storageClassName']) {
    const name = str(spec[key]);
    const problem = name ? dns1123SubdomainProblem(name) : undefined;
    if (problem) report(`${p}.${key}`, problem, { value: name });
  }
  const volumeMode = str(spec.volumeMode);
  if (volumeMode !== undefined && !VOLUME_MODES.includes(volumeMode))
    report(`${p}.volumeMode`, 'must be Block or Filesystem', { value: volumeMode });
  const dataSource = isObj(spec.dataSource) ? spec.dataSource : undefined;
  const dataSourceRef = isObj(spec.dataSourceRef) ? spec.dataSourceRef : undefined;
  if (dataSource) checkDataSource(report, dataSource, `${p}.dataSource`, false);
  if (dataSourceRef) checkDataSource(report, dataSourceRef, `${p}.dataSourceRef`, true);
  if (dataSource && dataSourceRef) {
    if (str(dataSourceRef.namespace))
      report(`${p}.dataSource`, 'cannot be set when dataSourceRef.namespace is set');
    else if (!sameRef(dataSource, dataSourceRef))
      report(`${p}.dataSource`, 'must match dataSourceRef', { fix: 'set only dataSourceRef' });
  }
}

/**
 * validation.go validateEphemeralVolumeSource, ValidatePersistentVolumeClaimTemplate,
 * ValidateTemplateObjectMeta and ValidatePersistentVolumeClaimSpec.
 */
export const ephemeralVolume: Rule = {
  id: 'volume-ephemeral',
  family: 1,
  scope: 'pod',
  reads: { pod: ['volumes'] },
  summary:
    'a generic ephemeral volume has a claim template with access modes, a positive storage request and only labels and annotations as metadata',
  check(ctx) {
    const report: Report = (f, m, o) => ctx.report(f, m, o);
    // VolumeAttributesClass is GA (validated by default) from 1.34.
    const attributesClasses = serves(ctx.targetVersion, '1.34');
    eachVolume(ctx, ({ path, kind, source }) => {
      if (kind !== 'ephemeral') return;
      const tp = `${path}.ephemeral.volumeClaimTemplate`;
      const template = source.volumeClaimTemplate;
      if (template === undefined || template === null) {
        report(tp, 'is required', {
          fix: 'give the claim template: spec.accessModes and spec.resources.requests.storage',
        });
        return;
      }
      if (!isObj(template)) return;
      if (isObj(template.metadata)) checkTemplateMeta(report, template.metadata, `${tp}.metadata`);
      if (template.spec === undefined || template.spec === null) {
        report(`${tp}.spec`, 'is required: accessModes and resources.requests.storage');
        return;
      }
      if (isObj(template.spec))
        checkClaimSpec(report, template.spec, `${tp}.spec`, attributesClasses);
    });
  },
};
