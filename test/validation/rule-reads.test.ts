/**
 * Rule.reads: a rule that declares the fields its findings come from is skipped for an object
 * that sets none of them. A declaration that misses a field would silently drop findings, so
 * every declared path must be a field of the API types, and on every manifest of the corpora
 * the report must be the same as with every rule run on every object.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseManifests } from '../../src/cli/read-manifests';
import { RULES } from '../../src/validation/catalogue';
import { Rule, RuleReads } from '../../src/validation/rule';
import { TYPE_TABLE } from '../../src/validation/types/table';
import { ValidationOptions, validateManifest } from '../../src/validation/validate-manifest';
import { KubernetesVersion, OLDEST_SUPPORTED_VERSION } from '../../src/validation/versions';
import { UpstreamCase } from '../corpus/upstream/case';
import { manifestOf } from '../corpus/upstream/build';

type Json = Record<string, unknown>;

/** validateManifest from a second copy of the modules whose rules declare nothing. */
function everyRuleValidator(): typeof validateManifest {
  let validate: typeof validateManifest | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const catalogue = require('../../src/validation/catalogue') as { RULES: Rule[] };
    for (const rule of catalogue.RULES) delete (rule as { reads?: RuleReads }).reads;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validate = require('../../src/validation/validate-manifest').validateManifest;
  });
  if (!validate) throw new Error('validate-manifest did not load');
  return validate;
}

const ROOT_MODELS: Record<keyof RuleReads, string> = {
  metadata: 'ObjectMeta',
  job: 'JobSpec',
  pod: 'PodSpec',
  container: 'Container',
};

/** The model a field path leads to through the type table, or undefined when it is no field. */
function fieldType(model: string, path: string): string | undefined {
  let type: string | undefined = model;
  for (const key of path.split('.')) {
    const fields: Readonly<Record<string, string>> | undefined = type
      ? TYPE_TABLE[type]
      : undefined;
    if (!fields || !Object.prototype.hasOwnProperty.call(fields, key)) return undefined;
    type = fields[key];
  }
  return type;
}

describe('declared fields', () => {
  const declaring = RULES.filter((r) => r.reads);

  it('are declared by most pod rules, and never by the rules that report a missing field', () => {
    expect(declaring.length).toBeGreaterThan(50);
    const ids = new Set(declaring.map((r) => r.id));
    for (const id of ['pod-spec', 'pod-containers', 'job-restart-policy', 'json-type']) {
      expect({ id, declares: ids.has(id) }).toEqual({ id, declares: false });
    }
  });

  it.each(declaring.map((r) => [r.id, r] as const))('%s names fields of the API types', (_, r) => {
    for (const root of Object.keys(ROOT_MODELS) as Array<keyof RuleReads>) {
      for (const path of r.reads?.[root] ?? []) {
        expect({ root, path, type: fieldType(ROOT_MODELS[root], path) }).toEqual({
          root,
          path,
          type: expect.any(String),
        });
      }
    }
  });
});

const UPSTREAM = join(__dirname, '..', 'corpus', 'upstream');
const ACCEPTED = join(__dirname, '..', 'corpus', 'accepted');
const FIXTURES = join(__dirname, '..', 'fixtures');

function yamlObjects(dir: string): Array<[string, Json]> {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .flatMap((f) =>
      parseManifests(f, readFileSync(join(dir, f), 'utf8')).map(({ object }, i): [string, Json] => [
        `${f}#${i}`,
        object as Json,
      ]),
    );
}

function withPod(pod: Json, container: Json = {}): Json {
  return manifestOf({ from: '', verdict: 'reject', pod, container });
}

/**
 * Fields the corpora only ever set next to another field the same rule declares: here each is
 * the only one set, with a value the rule reports.
 */
interface Alone {
  readonly rule: string;
  readonly field: string;
  readonly manifest: Json;
  readonly target?: KubernetesVersion;
}

const ALONE: Alone[] = [
  {
    rule: 'pod-field-served',
    field: 'hostnameOverride',
    manifest: withPod({ hostnameOverride: 'node-a' }),
    target: '1.34',
  },
  {
    rule: 'pod-priority',
    field: 'preemptionPolicy',
    manifest: withPod({ preemptionPolicy: 'Never' }),
  },
  {
    rule: 'container-probe-port-name',
    field: 'startupProbe',
    manifest: withPod({}, { startupProbe: { httpGet: { port: 'web' } } }),
  },
  {
    rule: 'container-probe-port-name',
    field: 'lifecycle',
    manifest: withPod({}, { lifecycle: { preStop: { tcpSocket: { port: 'admin' } } } }),
  },
  {
    rule: 'container-field-dropped',
    field: 'restartPolicyRules',
    manifest: withPod(
      {},
      { restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] },
    ),
    target: '1.34',
  },
  {
    rule: 'run-as-non-root-user',
    field: 'securityContext.runAsNonRoot',
    manifest: withPod({}, { securityContext: { runAsNonRoot: true, runAsUser: 0 } }),
  },
  {
    rule: 'run-as-non-root-unverified',
    field: 'securityContext.runAsNonRoot',
    manifest: withPod({}, { securityContext: { runAsNonRoot: true } }),
  },
  {
    rule: 'security-context-ids',
    field: 'securityContext.runAsGroup',
    manifest: withPod({}, { securityContext: { runAsGroup: -1 } }),
  },
];

const upstream: Array<[string, Json, KubernetesVersion?]> = readdirSync(UPSTREAM)
  .filter((f) => f.endsWith('.cases.ts'))
  .sort()
  .flatMap((f) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(join(UPSTREAM, f)).cases as UpstreamCase[]).map(
      (c): [string, Json, KubernetesVersion?] => [c.from, manifestOf(c), c.targetVersion],
    ),
  );

const manifests: Array<[string, Json, KubernetesVersion?]> = [
  ...upstream,
  ...yamlObjects(ACCEPTED),
  ...yamlObjects(join(FIXTURES, 'bad')),
  ...yamlObjects(join(FIXTURES, 'good')),
  ...ALONE.map((a): [string, Json, KubernetesVersion?] => [
    `${a.rule} on ${a.field} alone`,
    a.manifest,
    a.target,
  ]),
];

describe('skipping the rules whose declared fields are absent', () => {
  const validateEveryRule = everyRuleValidator();
  const options = (target?: KubernetesVersion): ValidationOptions[] => [
    { targetVersion: target, podSecurity: 'restricted' },
    { targetVersion: OLDEST_SUPPORTED_VERSION },
  ];

  it('holds the corpora', () => {
    expect(manifests.length).toBeGreaterThan(500);
  });

  it.each(ALONE)('$rule reports $field when it is the only field it declares', (a) => {
    const found = validateEveryRule(a.manifest, { targetVersion: a.target }).map((p) => p.rule);
    expect(found).toContain(a.rule);
  });

  it.each(manifests.map(([name, manifest, target]) => ({ name, manifest, target })))(
    '$name: the same report as with every rule run',
    ({ manifest, target }) => {
      for (const o of options(target)) {
        expect(validateManifest(manifest, o)).toStrictEqual(validateEveryRule(manifest, o));
      }
    },
  );
});
