/**
 * Object metadata (apimachinery api/validation objectmeta_test.go TestValidateObjectMeta*,
 * TestValidateAnnotations, TestValidateFinalizersPreventConflictingFinalizers; meta/v1
 * validation_test.go TestValidateLabels), written as a Job's metadata and pod template.
 * An empty namespace is filled in from the request, so upstream's "missing required namespace"
 * is accepted here.
 */
import { UpstreamCase } from './case';

const O = 'TestValidateObjectMeta';
const L = 'TestValidateLabels';
const A = 'TestValidateAnnotations';
const LIMIT = 256 * 1024;

const owner = (extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: 'name',
  uid: 'uid-1',
  ...extra,
});
const meta = (from: string, field: string | undefined, metadata: object): UpstreamCase =>
  field ? { from, verdict: 'reject', field, metadata } : { from, verdict: 'accept', metadata };
const labels = (from: string, value: Record<string, string>, field?: string): UpstreamCase[] => [
  meta(`${L}/${from}`, field === undefined ? undefined : `metadata.labels${field}`, {
    labels: value,
  }),
  {
    from: `${L}/${from} (pod template)`,
    verdict: field === undefined ? 'accept' : 'reject',
    ...(field !== undefined ? { field: `spec.template.metadata.labels${field}` } : {}),
    podMetadata: { labels: value },
  },
];
const annotations = (from: string, value: Record<string, string>, bad: boolean): UpstreamCase[] => [
  meta(`${A}/${from}`, bad ? 'metadata.annotations' : undefined, { annotations: value }),
  {
    from: `${A}/${from} (pod template)`,
    verdict: bad ? 'reject' : 'accept',
    ...(bad ? { field: 'spec.template.metadata.annotations' } : {}),
    podMetadata: { annotations: value },
  },
];

export const cases: UpstreamCase[] = [
  meta(`${O}CustomName/valid name, empty generateName`, undefined, {
    name: 'test',
    generateName: '',
  }),
  meta(`${O}CustomName/valid name and generateName`, undefined, {
    name: 'test',
    generateName: 'test',
  }),
  meta(`${O}CustomName/invalid name, valid generateName`, 'metadata.name', {
    name: 'Invalid',
    generateName: 'test',
  }),
  meta(`${O}CustomName/invalid name, invalid generateName`, 'metadata.generateName', {
    name: 'test',
    generateName: 'Invalid',
  }),
  meta(`${O}TrimsTrailingDash`, undefined, { name: '$delete', generateName: 'foo-' }),
  meta(`${O}/generateName without name (Kueue samples)`, undefined, {
    name: '$delete',
    generateName: 'sample-job-',
  }),
  meta(`${O}/neither name nor generateName`, 'metadata.name', { name: '$delete' }),
  meta(`${O}Declaratively/invalid name format`, 'metadata.name', { name: 'invalid_name' }),
  meta(`${O}Declaratively/missing required namespace (filled from the request)`, undefined, {
    namespace: '',
  }),
  meta(`${O}Namespaces/foo.bar`, 'metadata.namespace', { namespace: 'foo.bar' }),
  meta(`${O}Namespaces/64 characters`, 'metadata.namespace', { namespace: 'a'.repeat(64) }),
  meta(`${O}OwnerReferences/simple success - third party extension`, undefined, {
    ownerReferences: [owner({ apiVersion: 'customresourceVersion', kind: 'customresourceKind' })],
  }),
  meta(`${O}OwnerReferences/event shouldn't be set as an owner`, 'metadata.ownerReferences[0]', {
    ownerReferences: [owner({ kind: 'Event' })],
  }),
  meta(
    `${O}OwnerReferences/invalid apiVersion with too many slashes`,
    'metadata.ownerReferences[0].apiVersion',
    {
      ownerReferences: [owner({ apiVersion: 'a/b/c', kind: 'Pod' })],
    },
  ),
  meta(
    `${O}OwnerReferences/invalid apiVersion with empty version`,
    'metadata.ownerReferences[0].apiVersion',
    {
      ownerReferences: [owner({ apiVersion: 'foo/', kind: 'Pod' })],
    },
  ),
  meta(`${O}OwnerReferences/apiVersion with no slashes (legacy core group)`, undefined, {
    ownerReferences: [owner({ kind: 'Pod' })],
  }),
  meta(`${O}OwnerReferences/one reference with Controller set`, undefined, {
    ownerReferences: [
      owner({ uid: '1', controller: false }),
      owner({ uid: '2', controller: true }),
      owner({ uid: '3', controller: false }),
      owner({ uid: '4' }),
    ],
  }),
  meta(`${O}OwnerReferences/two references with Controller set`, 'metadata.ownerReferences', {
    ownerReferences: [
      owner({ kind: 'K1', uid: '1', controller: false }),
      owner({ kind: 'K2', uid: '2', controller: true }),
      owner({ kind: 'K3', uid: '3', controller: true }),
      owner({ kind: 'K4', uid: '4' }),
    ],
  }),
  meta(
    `${O}Declaratively/ownerReferences empty apiVersion`,
    'metadata.ownerReferences[0].apiVersion',
    {
      ownerReferences: [owner({ apiVersion: '' })],
    },
  ),
  meta(`${O}Declaratively/ownerReferences empty kind`, 'metadata.ownerReferences[0].kind', {
    ownerReferences: [owner({ kind: '' })],
  }),
  meta(`${O}Declaratively/ownerReferences empty name`, 'metadata.ownerReferences[0].name', {
    ownerReferences: [owner({ name: '' })],
  }),
  meta(`${O}Declaratively/ownerReferences empty uid`, 'metadata.ownerReferences[0].uid', {
    ownerReferences: [owner({ uid: '' })],
  }),
  meta(`${O}Declaratively/invalid annotation key`, 'metadata.annotations', {
    annotations: { '-invalid': 'val' },
  }),
  meta(`${O}Declaratively/annotations size limit exceeded`, 'metadata.annotations', {
    annotations: { a: 'b'.repeat(LIMIT) },
  }),
  meta(
    'TestValidateFinalizersPreventConflictingFinalizers/conflicting finalizers',
    'metadata.finalizers',
    {
      finalizers: ['orphan', 'foregroundDeletion'],
    },
  ),
  meta('TestValidateFinalizers/standard finalizer', undefined, {
    finalizers: ['foregroundDeletion'],
  }),
  meta('TestValidateFinalizers/qualified finalizer', undefined, {
    finalizers: ['x/a', 'example.com/cleanup'],
  }),
  meta('validateKubeFinalizerName/neither standard nor fully qualified', 'metadata.finalizers[0]', {
    finalizers: ['cleanup'],
  }),
  meta('TestValidateFinalizers/not a qualified name', 'metadata.finalizers[0]', {
    finalizers: ['x/a/b'],
  }),
  ...[
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    '1-num.2-num/3-num',
    '1.2.3.4/5678',
    'UpperCaseAreOK123',
  ].flatMap((key) => labels(`success ${key}`, { [key]: 'bar' })),
  ...labels('success goodvalue', { goodvalue: '123_-.BaR' }),
  ...labels('name nospecialchars^=@', { 'nospecialchars^=@': 'bar' }, ''),
  ...labels('name cantendwithadash-', { 'cantendwithadash-': 'bar' }, ''),
  ...labels('name only/one/slash', { 'only/one/slash': 'bar' }, ''),
  ...labels('name of 254 characters', { ['a'.repeat(254)]: 'bar' }, ''),
  ...labels('value too long', { toolongvalue: 'a'.repeat(64) }, '.toolongvalue'),
  ...labels(
    'value with backslashes',
    { backslashesinvalue: 'some\\bad\\value' },
    '.backslashesinvalue',
  ),
  ...labels('value with commas', { nocommasallowed: 'bad,value' }, '.nocommasallowed'),
  ...labels(
    'value with strange chars',
    { strangecharsinvalue: '?#$notsogood' },
    '.strangecharsinvalue',
  ),
  ...annotations('success UpperCase123', { UpperCase123: 'bar' }, false),
  ...annotations('success 1.2.3.4/5678', { '1.2.3.4/5678': 'bar' }, false),
  ...annotations('success just below the size limit', { a: 'b'.repeat(LIMIT - 1) }, false),
  ...annotations('name nospecialchars^=@', { 'nospecialchars^=@': 'bar' }, true),
  ...annotations('name cantendwithadash-', { 'cantendwithadash-': 'bar' }, true),
  ...annotations('name only/one/slash', { 'only/one/slash': 'bar' }, true),
  ...annotations('name of 254 characters', { ['a'.repeat(254)]: 'bar' }, true),
  ...annotations(
    'two values of half the limit',
    { a: 'b'.repeat(LIMIT / 2), c: 'd'.repeat(LIMIT / 2) },
    true,
  ),
  {
    from: 'ValidatePodSpecificAnnotations/pod-deletion-cost not an int32',
    verdict: 'reject',
    field: 'spec.template.metadata.annotations.controller.kubernetes.io/pod-deletion-cost',
    podMetadata: { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '3000000000' } },
  },
  {
    from: 'ValidatePodSpecificAnnotations/pod-deletion-cost -100',
    verdict: 'accept',
    podMetadata: { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-100' } },
  },
  {
    from: 'ValidatePodSpecificAnnotations/mirror pod annotation without nodeName',
    verdict: 'reject',
    field: 'spec.template.metadata.annotations.kubernetes.io/config.mirror',
    podMetadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } },
  },
  {
    from: 'ValidatePodSpecificAnnotations/tolerations annotation not JSON',
    verdict: 'reject',
    field: 'spec.template.metadata.annotations.scheduler.alpha.kubernetes.io/tolerations',
    podMetadata: { annotations: { 'scheduler.alpha.kubernetes.io/tolerations': '[{"key": ' } },
  },
];
