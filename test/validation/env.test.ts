/**
 * The env rules (src/validation/rules/env.ts and env-sources.ts): env names by release (relaxed
 * from 1.32), valueFrom sources, downward API fields, divisors, envFrom; no false alarm on an
 * empty value, and no JSON value makes them throw.
 */
import fc from 'fast-check';
import { validateManifest } from '../../src/validation/validate-manifest';
import { Problem } from '../../src/validation/problem';
import { KubernetesVersion } from '../../src/validation/versions';

type Json = Record<string, any>;

const C = 'spec.template.spec.containers[0]';
const E = `${C}.env[0]`;
const MINE = /^(env-|container-field-dropped)/;

function job(container: Json): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work', namespace: 'default' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/app:1.0', ...container }],
        },
      },
    },
  };
}

function problems(container: Json, targetVersion?: KubernetesVersion): Problem[] {
  return validateManifest(job(container), { targetVersion }).filter((p) => MINE.test(p.rule));
}
const fields = (container: Json, targetVersion?: KubernetesVersion) =>
  problems(container, targetVersion).map((p) => p.field);
const env = (...vars: Json[]) => ({ env: vars });
const fieldRef = (fieldPath: string) => ({ name: 'X', valueFrom: { fieldRef: { fieldPath } } });
const resource = (res: string, divisor?: unknown) => ({
  name: 'X',
  valueFrom: { resourceFieldRef: { resource: res, ...(divisor === undefined ? {} : { divisor }) } },
});

describe('env names', () => {
  it.each(['MY_VAR', 'my.var', 'my-var', '_x', '.hidden'])('%s is valid everywhere', (name) => {
    expect(fields(env({ name, value: 'v' }), '1.27')).toEqual([]);
    expect(fields(env({ name, value: 'v' }))).toEqual([]);
  });

  it.each(['1ST', 'MY VAR', 'a:b', '..x', '$HOME'])(
    '%s needs the relaxed rules of 1.32',
    (name) => {
      const [p] = problems(env({ name, value: 'v' }), '1.31');
      expect(p.field).toBe(`${E}.name`);
      expect(p.fix).toMatch(/1\.32/);
      expect(fields(env({ name, value: 'v' }), '1.32')).toEqual([]);
    },
  );

  it.each(['A=B', 'caf\u00e9', 'TAB\tNAME'])(
    '%p is refused even with the relaxed rules',
    (name) => {
      expect(fields(env({ name, value: 'v' }))).toEqual([`${E}.name`]);
    },
  );

  it('an env var without a name is reported once', () => {
    expect(problems(env({ value: 'v' })).map((p) => p.message)).toEqual(['is required']);
  });
});

describe('values and valueFrom', () => {
  it.each([[''], [null], [undefined]])('a value of %p gives no report', (value) => {
    expect(fields(env({ name: 'EMPTY', value }))).toEqual([]);
  });

  it('an empty value beside valueFrom is fine, a non-empty one is not', () => {
    expect(fields(env({ ...fieldRef('metadata.name'), value: '' }))).toEqual([]);
    expect(fields(env({ ...fieldRef('metadata.name'), value: 'x' }))).toEqual([`${E}.valueFrom`]);
  });

  it('valueFrom needs exactly one source', () => {
    expect(problems(env({ name: 'X', valueFrom: {} })).map((p) => p.message)).toEqual([
      'must specify one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef',
    ]);
    const two = {
      name: 'X',
      valueFrom: {
        fieldRef: { fieldPath: 'metadata.name' },
        secretKeyRef: { name: 's', key: 'k' },
      },
    };
    expect(problems(env(two)).map((p) => p.message)).toEqual([
      'must have exactly one source, not 2 (fieldRef, secretKeyRef)',
    ]);
  });

  it('a null valueFrom is an absent one', () => {
    expect(fields(env({ name: 'X', valueFrom: null }))).toEqual([]);
  });
});

describe('fieldRef', () => {
  it.each([
    'metadata.name',
    'metadata.namespace',
    'metadata.uid',
    "metadata.labels['app.kubernetes.io/name']",
    "metadata.annotations['batch.kubernetes.io/job-completion-index']",
    "metadata.annotations['Example.com/Owner']",
    'spec.nodeName',
    'spec.host',
    'spec.serviceAccountName',
    'status.hostIP',
    'status.hostIPs',
    'status.podIP',
    'status.podIPs',
  ])('%s can be read', (path) => {
    expect(fields(env(fieldRef(path)))).toEqual([]);
  });

  it.each([
    'status.phase',
    'spec.restartPolicy',
    'metadata.labels',
    "spec.nodeName['x']",
    "metadata.labels['Bad Key']",
    "metadata.labels['']",
  ])('%s cannot', (path) => {
    expect(fields(env(fieldRef(path)))).toEqual([`${E}.valueFrom.fieldRef.fieldPath`]);
  });

  it('status.hostIPs needs 1.29', () => {
    expect(fields(env(fieldRef('status.hostIPs')), '1.28')).toEqual([
      `${E}.valueFrom.fieldRef.fieldPath`,
    ]);
  });

  it('apiVersion is v1, or empty (defaulted)', () => {
    const ref = (apiVersion: string) => ({
      name: 'X',
      valueFrom: { fieldRef: { apiVersion, fieldPath: 'metadata.name' } },
    });
    expect(fields(env(ref('')))).toEqual([]);
    expect(fields(env(ref('v1')))).toEqual([]);
    expect(fields(env(ref('apps/v1')))).toEqual([`${E}.valueFrom.fieldRef.apiVersion`]);
  });
});

describe('resourceFieldRef', () => {
  it.each([
    ['limits.memory', '1Mi'],
    ['limits.memory', '1M'],
    ['limits.memory', '1000'],
    ['limits.memory', 1],
    ['requests.cpu', '1m'],
    ['requests.cpu', '0.001'],
    ['limits.cpu', '1'],
    ['requests.ephemeral-storage', '1Gi'],
    ['limits.hugepages-2Mi', '1Mi'],
    ['limits.memory', '1e3'],
    ['limits.memory', undefined],
  ])('%s with divisor %p is fine', (res, divisor) => {
    expect(fields(env(resource(res, divisor)))).toEqual([]);
  });

  it.each([
    ['limits.cpu', '1k'],
    ['requests.cpu', '2m'],
    ['limits.memory', '1024'],
    ['limits.memory', '512Mi'],
    ['limits.memory', '0.5Ki'],
  ])('%s with divisor %p is refused', (res, divisor) => {
    expect(fields(env(resource(res, divisor)))).toEqual([
      `${E}.valueFrom.resourceFieldRef.divisor`,
    ]);
  });

  it('names a container resource', () => {
    expect(fields(env(resource('limits.nvidia.com/gpu')))).toEqual([
      `${E}.valueFrom.resourceFieldRef.resource`,
    ]);
  });
});

describe('configMapKeyRef and secretKeyRef', () => {
  it('need a DNS-1123 subdomain name and a config key', () => {
    const ref = (name: unknown, key: unknown) => ({
      name: 'X',
      valueFrom: { secretKeyRef: { name, key } },
    });
    expect(fields(env(ref('db.credentials', 'PASSWORD_1')))).toEqual([]);
    expect(fields(env(ref('DB', 'a/b')))).toEqual([
      `${E}.valueFrom.secretKeyRef.name`,
      `${E}.valueFrom.secretKeyRef.key`,
    ]);
    expect(fields(env(ref(undefined, '')))).toEqual([
      `${E}.valueFrom.secretKeyRef.name`,
      `${E}.valueFrom.secretKeyRef.key`,
    ]);
  });
});

describe('fileKeyRef', () => {
  const file = { fileKeyRef: { volumeName: 'cfg', path: 'app.env', key: 'TOKEN' } };

  it('alone, before 1.35, leaves valueFrom without a source', () => {
    const [p] = problems(env({ name: 'T', valueFrom: file }), '1.34');
    expect(p).toMatchObject({ rule: 'env-vars', family: 1, field: `${E}.valueFrom` });
    expect(p.fix).toMatch(/1\.35/);
  });

  it('beside another source, before 1.35, is dropped', () => {
    const both = { name: 'T', valueFrom: { ...file, secretKeyRef: { name: 's', key: 'k' } } };
    expect(problems(env(both), '1.34').map((p) => [p.rule, p.family, p.field])).toEqual([
      ['container-field-dropped', 2, `${E}.valueFrom.fileKeyRef`],
    ]);
    expect(fields(env(both), '1.35')).toEqual([`${E}.valueFrom`]);
  });

  it('is a source from 1.35', () => {
    expect(fields(env({ name: 'T', valueFrom: file }), '1.35')).toEqual([]);
  });
});

describe('envFrom', () => {
  const F = `${C}.envFrom[0]`;

  it('needs one source with a valid name', () => {
    expect(fields({ envFrom: [{ configMapRef: { name: 'app-config' }, prefix: 'APP_' }] })).toEqual(
      [],
    );
    expect(fields({ envFrom: [{ prefix: 'APP_' }] })).toEqual([F]);
    expect(
      fields({ envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] }),
    ).toEqual([`${F}.secretRef`]);
    expect(fields({ envFrom: [{ secretRef: { name: 'Bad_Name' } }] })).toEqual([
      `${F}.secretRef.name`,
    ]);
    expect(fields({ envFrom: [{ secretRef: {} }] })).toEqual([`${F}.secretRef.name`]);
  });

  it('checks the prefix as an env name of the target', () => {
    const m = { envFrom: [{ configMapRef: { name: 'a' }, prefix: '1_' }] };
    expect(fields(m, '1.31')).toEqual([`${F}.prefix`]);
    expect(fields(m, '1.32')).toEqual([]);
    expect(fields({ envFrom: [{ configMapRef: { name: 'a' }, prefix: 'A=' }] })).toEqual([
      `${F}.prefix`,
    ]);
  });
});

describe('untrusted input', () => {
  const junk = fc.anything({
    withNullPrototype: true,
    withObjectString: true,
    key: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'name',
      'value',
      'valueFrom',
      'fieldRef',
      'fieldPath',
      'resourceFieldRef',
      'divisor',
      'secretKeyRef',
      'prefix',
    ),
  });

  it('never throws, whatever env and envFrom hold', () => {
    fc.assert(
      fc.property(junk, junk, (envValue, envFromValue) => {
        const all = validateManifest(
          job({ env: [envValue, { name: 'X', valueFrom: envValue }], envFrom: [envFromValue] }),
        );
        for (const p of all) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a number value', { name: 'N', value: 5 }],
    ['a boolean name', { name: true, value: 'x' }],
    ['a numeric fieldPath', { name: 'N', valueFrom: { fieldRef: { fieldPath: 5 } } }],
    ['a list key', { name: 'N', valueFrom: { secretKeyRef: { name: 's', key: ['k'] } } }],
    ['a string valueFrom', { name: 'N', valueFrom: 'metadata.name' }],
  ])('leaves %s to the decoding rule', (_, entry) => {
    expect(fields(env(entry))).toEqual([]);
  });
});
