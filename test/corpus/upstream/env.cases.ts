/**
 * Container environment (pkg/apis/core/validation/validation_test.go TestValidateEnv,
 * TestRelaxedValidateEnv, TestValidateEnvFrom, TestRelaxedValidateEnvFrom,
 * TestLocalStorageEnvWithFeatureGate, TestHugePagesEnv, TestValidateContainers), as Jobs.
 * Upstream's classic-name cases run without AllowRelaxedEnvironmentVariableValidation, which is
 * on by default from 1.32: they are written here for 1.31, and accepted at the newest version.
 * A fieldRef without apiVersion is defaulted to v1, so that case is accepted.
 */
import { UpstreamCase } from './case';

const E = 'spec.template.spec.containers[0].env[0]';
const F = 'spec.template.spec.containers[0].envFrom[0]';

const env = (...vars: object[]): object => ({ container: { env: vars } });
const fieldRef = (fieldPath: string, apiVersion = 'v1') => ({
  name: 'abc',
  valueFrom: { fieldRef: { apiVersion, fieldPath } },
});
const secretRef = { secretKeyRef: { name: 'a-secret', key: 'a-key' } };
const configMapRef = { configMapKeyRef: { name: 'some-config-map', key: 'some-key' } };
const envFrom = (...sources: object[]): object => ({ container: { envFrom: sources } });

/** The names upstream accepts only with relaxed validation, and the case names it gives them. */
const RELAXED_NAMES: ReadonlyArray<[string, string]> = [
  ['a', '!"#$%&\'()'],
  ['b', '* +,-./0123456789'],
  ['c', ':;<>?@'],
  ['d', '[\\]^_{}|~'],
];

const envVars: UpstreamCase[] = [
  ...['abc', 'ABC', 'AbC_123', 'a.b.c', 'a-b-c'].map((name): UpstreamCase => ({
    from: `TestValidateEnv/success: ${name}`,
    verdict: 'accept',
    ...env({ name, value: 'value' }),
  })),
  {
    from: 'TestValidateEnv/success: empty value',
    verdict: 'accept',
    ...env({ name: 'abc', value: '' }),
  },
  {
    from: 'ValidateEnv/a value left empty in YAML (null)',
    verdict: 'accept',
    ...env({ name: 'abc', value: null }),
  },
  ...[
    "metadata.annotations['key']",
    "metadata.labels['key']",
    'metadata.name',
    'metadata.namespace',
    'metadata.uid',
    'spec.nodeName',
    'spec.serviceAccountName',
    'status.hostIP',
    'status.podIP',
    'status.podIPs',
  ].map((path): UpstreamCase => ({
    from: `TestValidateEnv/success: fieldRef ${path}`,
    verdict: 'accept',
    ...env(fieldRef(path)),
  })),
  {
    from: "ValidateEnv/fieldRef to the Indexed Job's completion index annotation",
    verdict: 'accept',
    ...env(fieldRef("metadata.annotations['batch.kubernetes.io/job-completion-index']")),
  },
  {
    from: 'TestValidateEnv/success: secretKeyRef',
    verdict: 'accept',
    ...env({
      name: 'secret_value',
      valueFrom: { secretKeyRef: { name: 'some-secret', key: 'secret-key' } },
    }),
  },
  {
    from: 'TestValidateEnv/success: configMapKeyRef',
    verdict: 'accept',
    ...env({ name: 'ENV_VAR_1', valueFrom: configMapRef }),
  },
  ...RELAXED_NAMES.map(([id, name]): UpstreamCase => ({
    from: `TestValidateEnv/invalid name ${id} (1.31, before relaxed names)`,
    verdict: 'reject',
    field: `${E}.name`,
    targetVersion: '1.31',
    ...env({ name, value: 'value' }),
  })),
  ...RELAXED_NAMES.map(([id, name]): UpstreamCase => ({
    from: `TestRelaxedValidateEnv/success: name ${id} (relaxed by default from 1.32)`,
    verdict: 'accept',
    targetVersion: '1.32',
    ...env({ name, value: 'value' }),
  })),
  {
    from: 'TestValidateContainers/invalid env var name (1.31)',
    verdict: 'reject',
    field: `${E}.name`,
    targetVersion: '1.31',
    ...env({ name: 'ev!1' }),
  },
  {
    from: 'TestRelaxedValidateEnv/success: relaxed name with a fieldRef',
    verdict: 'accept',
    ...env({
      name: ':;<>?@',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
    }),
  },
  {
    from: 'TestRelaxedValidateEnv/illegal character',
    verdict: 'reject',
    field: `${E}.name`,
    ...env({ name: '=abc' }),
  },
  {
    from: 'TestValidateEnv/zero-length name',
    verdict: 'reject',
    field: `${E}.name`,
    ...env({ name: '' }),
  },
  {
    from: 'TestValidateEnv/value and valueFrom specified',
    verdict: 'reject',
    field: `${E}.valueFrom`,
    ...env({ ...fieldRef('metadata.name'), value: 'foo' }),
  },
  {
    from: 'TestValidateEnv/valueFrom without a source',
    verdict: 'reject',
    field: `${E}.valueFrom`,
    ...env({ name: 'abc', valueFrom: {} }),
  },
  {
    from: 'TestValidateEnv/valueFrom.fieldRef and valueFrom.secretKeyRef specified',
    verdict: 'reject',
    field: `${E}.valueFrom`,
    ...env({
      name: 'abc',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, ...secretRef },
    }),
  },
  {
    from: 'TestValidateEnv/valueFrom.fieldRef and valueFrom.configMapKeyRef set',
    verdict: 'reject',
    field: `${E}.valueFrom`,
    ...env({
      name: 'some_var_name',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, ...configMapRef },
    }),
  },
  {
    from: 'TestValidateEnv/valueFrom.fieldRef, secretKeyRef and configMapKeyRef specified',
    verdict: 'reject',
    field: `${E}.valueFrom`,
    ...env({
      name: 'abc',
      valueFrom: {
        fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' },
        ...secretRef,
        ...configMapRef,
      },
    }),
  },
  {
    from: 'TestValidateEnv/valueFrom.secretKeyRef.name invalid',
    verdict: 'reject',
    field: `${E}.valueFrom.secretKeyRef.name`,
    ...env({ name: 'abc', valueFrom: { secretKeyRef: { name: '$%^&*#', key: 'a-key' } } }),
  },
  {
    from: 'TestValidateEnv/valueFrom.configMapKeyRef.name invalid',
    verdict: 'reject',
    field: `${E}.valueFrom.configMapKeyRef.name`,
    ...env({ name: 'abc', valueFrom: { configMapKeyRef: { name: '$%^&*#', key: 'some-key' } } }),
  },
  {
    from: 'validateSecretKeySelector/secretKeyRef without a name',
    verdict: 'reject',
    field: `${E}.valueFrom.secretKeyRef.name`,
    ...env({ name: 'abc', valueFrom: { secretKeyRef: { key: 'a-key' } } }),
  },
  {
    from: 'validateConfigMapKeySelector/a key with a slash (IsConfigMapKey)',
    verdict: 'reject',
    field: `${E}.valueFrom.configMapKeyRef.key`,
    ...env({
      name: 'abc',
      valueFrom: { configMapKeyRef: { name: 'settings', key: 'app/config' } },
    }),
  },
  {
    from: 'validateSecretKeySelector/a key starting with ".." (IsConfigMapKey)',
    verdict: 'reject',
    field: `${E}.valueFrom.secretKeyRef.key`,
    ...env({ name: 'abc', valueFrom: { secretKeyRef: { name: 'creds', key: '..data' } } }),
  },
  {
    from: 'TestValidateEnv/missing FieldPath on ObjectFieldSelector',
    verdict: 'reject',
    field: `${E}.valueFrom.fieldRef.fieldPath`,
    ...env({ name: 'abc', valueFrom: { fieldRef: { apiVersion: 'v1' } } }),
  },
  {
    from: 'TestValidateEnv/missing APIVersion on ObjectFieldSelector (defaulted to v1)',
    verdict: 'accept',
    ...env({ name: 'abc', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }),
  },
  {
    from: 'ConvertDownwardAPIFieldLabel/unsupported pod version',
    verdict: 'reject',
    field: `${E}.valueFrom.fieldRef`,
    ...env(fieldRef('metadata.name', 'v2')),
  },
  ...[
    ['invalid fieldPath', 'metadata.whoops', '.fieldPath'],
    ['metadata.name with subscript', "metadata.name['key']", '.fieldPath'],
    ['metadata.labels without subscript', 'metadata.labels', '.fieldPath'],
    ['metadata.annotations without subscript', 'metadata.annotations', '.fieldPath'],
    ['metadata.annotations with invalid key', "metadata.annotations['invalid~key']", ''],
    ['metadata.labels with invalid key', "metadata.labels['Www.k8s.io/test']", ''],
    ['unsupported fieldPath', 'status.phase', '.fieldPath'],
  ].map(([name, path, at]): UpstreamCase => ({
    from: `TestValidateEnv/${name}`,
    verdict: 'reject',
    field: `${E}.valueFrom.fieldRef${at}`,
    ...env(fieldRef(path)),
  })),
  {
    from: 'validateObjectFieldSelector/an upper-case annotation key is checked in lower case',
    verdict: 'accept',
    ...env(fieldRef("metadata.annotations['Example.com/Owner']")),
  },
  {
    from: 'validateEnvVarValueFrom/status.hostIPs needs PodHostIPs (1.28)',
    verdict: 'reject',
    field: `${E}.valueFrom.fieldRef.fieldPath`,
    targetVersion: '1.28',
    ...env(fieldRef('status.hostIPs')),
  },
  {
    from: 'validateEnvVarValueFrom/status.hostIPs',
    verdict: 'accept',
    ...env(fieldRef('status.hostIPs')),
  },
];

const resourceRef = (resource: string, extra: object = {}) => ({
  name: 'abc',
  valueFrom: { resourceFieldRef: { resource, ...extra } },
});

const resourceFields: UpstreamCase[] = [
  ...['limits.ephemeral-storage', 'requests.ephemeral-storage'].map((resource): UpstreamCase => ({
    from: `TestLocalStorageEnvWithFeatureGate/${resource}`,
    verdict: 'accept',
    ...env(resourceRef(resource, { containerName: 'main' })),
  })),
  ...['limits.hugepages-2Mi', 'requests.hugepages-2Mi'].map((resource): UpstreamCase => ({
    from: `TestHugePagesEnv/${resource}`,
    verdict: 'accept',
    ...env(resourceRef(resource, { containerName: 'main' })),
  })),
  {
    from: 'validateContainerResourceFieldSelector/resource required',
    verdict: 'reject',
    field: `${E}.valueFrom.resourceFieldRef.resource`,
    ...env({ name: 'abc', valueFrom: { resourceFieldRef: { containerName: 'main' } } }),
  },
  {
    from: 'validateContainerResourceFieldSelector/unsupported resource limits.nvidia.com/gpu',
    verdict: 'reject',
    field: `${E}.valueFrom.resourceFieldRef.resource`,
    ...env(resourceRef('limits.nvidia.com/gpu')),
  },
  {
    from: 'validateContainerResourceDivisor/memory divisor 1Mi',
    verdict: 'accept',
    ...env(resourceRef('limits.memory', { divisor: '1Mi' })),
  },
  {
    from: 'validateContainerResourceDivisor/cpu divisor 1m',
    verdict: 'accept',
    ...env(resourceRef('requests.cpu', { divisor: '1m' })),
  },
  {
    from: 'validateContainerResourceDivisor/cpu divisor 1000m is 1',
    verdict: 'accept',
    ...env(resourceRef('limits.cpu', { divisor: '1000m' })),
  },
  {
    from: 'validateContainerResourceDivisor/cpu divisor 1Mi',
    verdict: 'reject',
    field: `${E}.valueFrom.resourceFieldRef.divisor`,
    ...env(resourceRef('limits.cpu', { divisor: '1Mi' })),
  },
  {
    from: 'validateContainerResourceDivisor/memory divisor 1024 (canonically "1024", not "1Ki")',
    verdict: 'reject',
    field: `${E}.valueFrom.resourceFieldRef.divisor`,
    ...env(resourceRef('limits.memory', { divisor: '1024' })),
  },
];

const envFromSources: UpstreamCase[] = [
  ...[
    ['configMapRef', undefined],
    ['configMapRef', 'pre_'],
    ['configMapRef', 'a.b'],
    ['secretRef', undefined],
    ['secretRef', 'pre_'],
    ['secretRef', 'a.b'],
  ].map(([ref, prefix]): UpstreamCase => ({
    from: `TestValidateEnvFrom/success: ${ref as string}${prefix ? ` prefix ${prefix}` : ''}`,
    verdict: 'accept',
    ...envFrom({ ...(prefix ? { prefix } : {}), [ref as string]: { name: 'abc' } }),
  })),
  ...RELAXED_NAMES.map(([id, prefix]): UpstreamCase => ({
    from: `TestValidateEnvFrom/invalid name ${id} (1.31, before relaxed names)`,
    verdict: 'reject',
    field: `${F}.prefix`,
    targetVersion: '1.31',
    ...envFrom({ prefix, secretRef: { name: 'abc' } }),
  })),
  ...RELAXED_NAMES.map(([id, prefix]): UpstreamCase => ({
    from: `TestRelaxedValidateEnvFrom/success: prefix ${id}`,
    verdict: 'accept',
    ...envFrom({ prefix, configMapRef: { name: 'abc' } }),
  })),
  {
    from: 'TestRelaxedValidateEnvFrom/invalid prefix',
    verdict: 'reject',
    field: `${F}.prefix`,
    ...envFrom({ prefix: '=abc', configMapRef: { name: 'abc' } }),
  },
  ...[
    ['configMapRef', ''],
    ['configMapRef', '$'],
    ['secretRef', ''],
    ['secretRef', '&'],
    ['secretRef', '$%^&*#'],
    ['configMapRef', '$%^&*#'],
  ].map(([ref, name]): UpstreamCase => ({
    from: `TestValidateEnvFrom/${name ? 'invalid' : 'zero-length'} ${ref} name ${JSON.stringify(name)}`,
    verdict: 'reject',
    field: `${F}.${ref}.name`,
    ...envFrom({ [ref]: { name } }),
  })),
  {
    from: 'TestValidateEnvFrom/no refs',
    verdict: 'reject',
    field: 'spec.template.spec.containers[0].envFrom',
    ...envFrom({}),
  },
  {
    from: 'TestValidateEnvFrom/multiple refs',
    verdict: 'reject',
    field: 'spec.template.spec.containers[0].envFrom',
    ...envFrom({ secretRef: { name: 'abc' }, configMapRef: { name: 'abc' } }),
  },
  {
    from: 'TestValidateContainers/Invalid env from',
    verdict: 'reject',
    field: `${F}.configMapRef.name`,
    ...envFrom({ configMapRef: { name: '$%^&*#' } }),
  },
  {
    from: 'TestValidateContainers/success: env-from-source',
    verdict: 'accept',
    ...envFrom({ configMapRef: { name: 'test' } }),
  },
];

const fileKeyRef = { fileKeyRef: { volumeName: 'config', path: 'app.env', key: 'TOKEN' } };

const files: UpstreamCase[] = [
  {
    from: 'dropFileKeyRefInUse/1.34 drops fileKeyRef, leaving valueFrom without a source',
    verdict: 'reject',
    field: `${E}.valueFrom`,
    targetVersion: '1.34',
    pod: { volumes: [{ name: 'config', emptyDir: {} }] },
    ...env({ name: 'TOKEN', valueFrom: fileKeyRef }),
  },
  {
    from: 'EnvFiles beta/fileKeyRef is served from 1.35',
    verdict: 'accept',
    targetVersion: '1.35',
    pod: { volumes: [{ name: 'config', emptyDir: {} }] },
    ...env({ name: 'TOKEN', valueFrom: fileKeyRef }),
  },
];

export const cases: UpstreamCase[] = [...envVars, ...resourceFields, ...envFromSources, ...files];
