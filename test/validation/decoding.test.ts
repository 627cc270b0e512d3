/**
 * The decoding rules: JSON types as the API server's decoder takes them (json-type) and the
 * served apiVersions (served-api-version).
 */
import fc from 'fast-check';
import { describeProblem, Problem } from '../../src/validation/problem';
import { Obj } from '../../src/validation/read';
import { Rule, RuleContext } from '../../src/validation/rule';
import { jsonType, servedApiVersion } from '../../src/validation/rules/decoding';
import { actual, isRfc3339, typeProblems } from '../../src/validation/types/check';
import { SPEC_VERSION, TYPE_TABLE } from '../../src/validation/types/table';
import { validateManifest } from '../../src/validation/validate-manifest';

type Manifest = Record<string, any>;

function job(): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'train', namespace: 'ml' },
    spec: {
      backoffLimit: 2,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/train:1.0' }],
        },
      },
    },
  };
}

function cronJob(): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: { schedule: '0 2 * * *', jobTemplate: { spec: job().spec } },
  };
}

/** Runs one rule alone on a manifest, as validateManifest would in the object scope. */
function run(rule: Rule, manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const ctx: RuleContext = {
    targetVersion: '1.34',
    kind: manifest.kind === 'CronJob' ? 'CronJob' : 'Job',
    manifest: manifest as Obj,
    metadata: {},
    spec: {},
    specPath: 'spec',
    jobSpec: {},
    podSpec: {},
    podPath: '',
    inTemplate: false,
    report: (field, message, options = {}) =>
      problems.push({
        rule: rule.id,
        family: rule.family,
        severity: 'error',
        field,
        ...('value' in options ? { value: options.value } : {}),
        message,
        ...(options.fix ? { fix: options.fix } : {}),
      }),
  };
  rule.check(ctx);
  return problems;
}

const lines = (m: Manifest) => run(jsonType, m).map(describeProblem);
const pod = (m: Manifest) =>
  (m.kind === 'CronJob' ? m.spec.jobTemplate.spec : m.spec).template.spec;
const container = (m: Manifest) => pod(m).containers[0];
const C = 'spec.template.spec.containers[0]';

describe('the type table', () => {
  it('is generated from a recent OpenAPI spec', () => {
    expect(SPEC_VERSION).toMatch(/1\.(3[4-9]|[4-9]\d)/);
  });

  it('covers Job and CronJob and everything inside them', () => {
    expect(TYPE_TABLE.Container.restartPolicy).toBe('string');
    expect(TYPE_TABLE.Container.command).toBe('[]string');
    expect(TYPE_TABLE.PodSpec.resources).toBe('ResourceRequirements');
    expect(TYPE_TABLE.PodSpec.tolerations).toBe('[]Toleration');
    expect(TYPE_TABLE.PodSpec.nodeSelector).toBe('{}string');
    expect(TYPE_TABLE.JobSpec.managedBy).toBe('string');
    expect(TYPE_TABLE.JobSpec.successPolicy).toBe('SuccessPolicy');
    expect(TYPE_TABLE.JobSpec.activeDeadlineSeconds).toBe('int64');
    expect(TYPE_TABLE.CronJobSpec.successfulJobsHistoryLimit).toBe('int32');
    expect(TYPE_TABLE.CronJob.spec).toBe('CronJobSpec');
    expect(TYPE_TABLE.Volume.emptyDir).toBe('EmptyDirVolumeSource');
    expect(TYPE_TABLE.Volume.ephemeral).toBe('EphemeralVolumeSource');
    expect(TYPE_TABLE.Affinity.podAntiAffinity).toBe('PodAntiAffinity');
    expect(TYPE_TABLE.ObjectMeta.creationTimestamp).toBe('time');
  });

  it('keeps Quantity and IntOrString apart from plain strings', () => {
    expect(TYPE_TABLE.ResourceRequirements.limits).toBe('{}quantity');
    expect(TYPE_TABLE.VolumeResourceRequirements.requests).toBe('{}quantity');
    expect(TYPE_TABLE.EmptyDirVolumeSource.sizeLimit).toBe('quantity');
    expect(TYPE_TABLE.ResourceFieldSelector.divisor).toBe('quantity');
    expect(TYPE_TABLE.PodSpec.overhead).toBe('{}quantity');
    expect(TYPE_TABLE.HTTPGetAction.port).toBe('int-or-string');
    expect(TYPE_TABLE.TCPSocketAction.port).toBe('int-or-string');
    expect(TYPE_TABLE.GRPCAction.port).toBe('int32');
  });
});

describe('json-type', () => {
  it('accepts a clean Job and CronJob', () => {
    expect(lines(job())).toEqual([]);
    expect(lines(cronJob())).toEqual([]);
  });

  it('says a command written as one string must be a list', () => {
    const m = job();
    container(m).command = 'python main.py';
    expect(lines(m)).toEqual([
      `${C}.command: "python main.py": must be a list of strings, not a string; write it as a YAML list: [python, main.py]`,
    ]);
  });

  it('suggests sh -c for a shell command line', () => {
    const m = job();
    container(m).command = 'echo $HOME && ls';
    expect(run(jsonType, m)[0].fix).toBe(
      'write it as a YAML list, e.g. [sh, -c, "echo $HOME && ls"]',
    );
  });

  it('quotes words of the suggested list that YAML would not read as strings', () => {
    const m = job();
    container(m).args = '--epochs 3 --fast yes';
    expect(run(jsonType, m)[0].fix).toBe('write it as a YAML list: [--epochs, "3", --fast, "yes"]');
  });

  it('reports args written as a map', () => {
    const m = job();
    container(m).args = { a: 1 };
    expect(lines(m)).toEqual([`${C}.args: {"a":1}: must be a list of strings, not an object`]);
  });

  it('reports each element of the wrong type, and no more', () => {
    const m = job();
    pod(m).tolerations = ['x', { key: 'a', operator: 'Exists' }, 3];
    expect(lines(m)).toEqual([
      'spec.template.spec.tolerations[0]: "x": must be an object (Toleration), not a string',
      'spec.template.spec.tolerations[2]: 3: must be an object (Toleration), not a number',
    ]);
  });

  it('reports a map of strings with a number value, with the quoted fix', () => {
    const m = job();
    pod(m).nodeSelector = { a: 1, 'kubernetes.io/arch': 'amd64' };
    expect(lines(m)).toEqual([
      'spec.template.spec.nodeSelector.a: 1: must be a string, not a number; quote it: "1"',
    ]);
  });

  it('reports a YAML boolean where a string is expected', () => {
    const m = job();
    container(m).env = [{ name: 'ENABLED', value: true }];
    expect(run(jsonType, m)).toEqual([
      expect.objectContaining({
        field: `${C}.env[0].value`,
        message: 'must be a string, not a boolean',
        fix: expect.stringContaining('quote it'),
      }),
    ]);
  });

  it('reports history limits above int32', () => {
    const m = cronJob();
    m.spec.successfulJobsHistoryLimit = 2147483648;
    m.spec.failedJobsHistoryLimit = 2147483647;
    expect(lines(m)).toEqual([
      'spec.successfulJobsHistoryLimit: 2147483648: must fit in 32 bits (-2147483648 to 2147483647)',
    ]);
  });

  it('takes int64 fields up to 2^63, and no further', () => {
    const m = job();
    m.spec.activeDeadlineSeconds = 2 ** 40;
    pod(m).securityContext = { runAsUser: 2 ** 63 };
    expect(lines(m)).toEqual([]);
    pod(m).securityContext = { runAsUser: 2 ** 64 };
    expect(lines(m)).toEqual([
      'spec.template.spec.securityContext.runAsUser: 18446744073709552000: must fit in 64 bits (-9223372036854775808 to 9223372036854775807)',
    ]);
  });

  it('reports quoted integers and booleans with an unquoting fix', () => {
    const m = job();
    m.spec.backoffLimit = '3';
    m.spec.suspend = 'false';
    m.spec.activeDeadlineSeconds = '30m';
    // In the order the manifest has its fields.
    expect(lines(m)).toEqual([
      'spec.backoffLimit: "3": must be an integer, not a string; write it unquoted: 3',
      'spec.suspend: "false": must be true or false, not a string; write it unquoted: false',
      'spec.activeDeadlineSeconds: "30m": must be an integer, not a string; write the number of seconds, unquoted: 1800',
    ]);
  });

  it('reports a fractional number where an integer is expected', () => {
    const m = job();
    container(m).ports = [{ containerPort: 80.5 }];
    expect(lines(m)).toEqual([
      `${C}.ports[0].containerPort: 80.5: must be an integer, not a fractional number`,
    ]);
  });

  it('takes a string or an integer for IntOrString, nothing else', () => {
    const m = job();
    container(m).livenessProbe = { httpGet: { port: 'http' }, tcpSocket: { port: 8080 } };
    container(m).readinessProbe = { httpGet: { port: true } };
    container(m).startupProbe = { tcpSocket: { port: 2 ** 31 } };
    expect(lines(m)).toEqual([
      `${C}.readinessProbe.httpGet.port: true: must be an integer or a string, not a boolean`,
      `${C}.startupProbe.tcpSocket.port: 2147483648: must fit in 32 bits (-2147483648 to 2147483647)`,
    ]);
  });

  it('takes a string or a number for a Quantity, and leaves its syntax to the resources rule', () => {
    const m = job();
    container(m).resources = {
      limits: { cpu: 2, memory: '1GB', 'nvidia.com/gpu': 1 },
      requests: { cpu: 0.5, memory: false },
    };
    pod(m).volumes = [{ name: 'scratch', emptyDir: { sizeLimit: ['1Gi'] } }];
    expect(lines(m)).toEqual([
      `${C}.resources.requests.memory: false: must be a quantity (a string such as "500m" or a number), not a boolean`,
      'spec.template.spec.volumes[0].emptyDir.sizeLimit: ["1Gi"]: must be a quantity (a string such as "500m" or a number), not a list',
    ]);
  });

  it('takes an RFC 3339 string or null for a time', () => {
    const m = job();
    m.metadata.creationTimestamp = null;
    expect(lines(m)).toEqual([]);
    m.metadata.creationTimestamp = '2024-05-01T12:00:00Z';
    m.status = { startTime: '2024-05-01T12:00:00.123+02:00' };
    expect(lines(m)).toEqual([]);
    m.metadata.creationTimestamp = '2024-05-01';
    m.status = { startTime: 1714564800 };
    expect(lines(m)).toEqual([
      'metadata.creationTimestamp: "2024-05-01": must be an RFC 3339 time such as "2024-05-01T12:00:00Z"',
      'status.startTime: 1714564800: must be an RFC 3339 time string, not a number',
    ]);
  });

  it('takes a Date (an unquoted YAML timestamp) as the string kubectl sends', () => {
    const m = job();
    m.metadata.creationTimestamp = new Date('2024-05-01T12:00:00Z');
    m.metadata.labels = { released: new Date('2024-05-01') };
    expect(lines(m)).toEqual([]);
    m.metadata.name = new Date('2024-05-01');
    m.spec.template = new Date('2024-05-01');
    expect(lines(m)).toEqual([
      'spec.template: "2024-05-01T00:00:00.000Z": must be an object (PodTemplateSpec), not a string',
    ]);
  });

  it('accepts null anywhere, as the zero value', () => {
    const m = job();
    m.spec.template.metadata = null;
    m.spec.completions = null;
    container(m).command = null;
    container(m).env = [null, { name: 'A', value: null }];
    pod(m).nodeSelector = { a: null };
    expect(lines(m)).toEqual([]);
  });

  it('ignores unknown fields', () => {
    const m = job();
    m.spec.unknownThing = { deeply: [1, 2, 'x'] };
    container(m).Command = 'case-sensitive: not the command field';
    expect(lines(m)).toEqual([]);
  });

  it('does not descend into a value of the wrong type', () => {
    const m = job();
    pod(m).containers = { name: 'main', image: 5 };
    expect(lines(m)).toEqual([
      'spec.template.spec.containers: {"name":"main","image":5}: must be a list of objects (Container), not an object; write it as a list: start the entry with "- "',
    ]);
  });

  it('walks a CronJob down to its containers', () => {
    const m = cronJob();
    m.spec.suspend = 'yes';
    container(m).imagePullPolicy = 1;
    expect(run(jsonType, m).map((p) => p.field)).toEqual([
      'spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy',
      'spec.suspend',
    ]);
  });

  it('leaves apiVersion to served-api-version', () => {
    const m = job();
    m.apiVersion = 5;
    expect(lines(m)).toEqual([]);
    expect(run(servedApiVersion, m).map((p) => p.field)).toEqual(['apiVersion']);
  });

  it('survives prototype-named keys', () => {
    const m = JSON.parse(
      `{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"x","__proto__":{"name":5},
        "labels":{"__proto__":1,"constructor":"x","toString":2}},
        "spec":{"constructor":1,"hasOwnProperty":2,"template":{"spec":{"containers":[
        {"name":"a","image":"b","__proto__":[],"toString":"x","valueOf":3}]}}}}`,
    );
    expect(lines(m)).toEqual([
      'metadata.labels.__proto__: 1: must be a string, not a number; quote it: "1"',
      'metadata.labels.toString: 2: must be a string, not a number; quote it: "2"',
    ]);
  });

  it('survives shared and cyclic subtrees', () => {
    const m = job();
    const c = container(m);
    c.command = 'run it';
    pod(m).containers = [c, c, c];
    pod(m).initContainers = pod(m).containers;
    const cyclic: Manifest = { name: 'x' };
    cyclic.self = cyclic;
    cyclic.env = [cyclic];
    cyclic.args = cyclic;
    pod(m).containers.push(cyclic);
    const found = run(jsonType, m).map((p) => p.field);
    expect(found).toEqual([
      `${C}.command`,
      'spec.template.spec.containers[1].command',
      'spec.template.spec.containers[2].command',
      'spec.template.spec.containers[3].args',
      'spec.template.spec.initContainers[0].command',
      'spec.template.spec.initContainers[1].command',
      'spec.template.spec.initContainers[2].command',
      'spec.template.spec.initContainers[3].args',
    ]);
    run(jsonType, m).forEach((p) => describeProblem(p));
  });

  it('survives deep nesting and huge alias fan-out', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const m = job();
    m.spec.unknown = deep;
    pod(m).volumes = deep;
    expect(run(jsonType, m)).toHaveLength(1);
    const entries = Array.from({ length: 1000 }, () => ({ name: 'A', value: 'b' }));
    const containers = Array.from({ length: 1000 }, () => ({ name: 'c', env: entries }));
    const wide = job();
    pod(wide).containers = containers;
    pod(wide).initContainers = containers;
    const start = Date.now();
    expect(run(jsonType, wide)).toEqual([]);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it('never throws on random values anywhere', () => {
    const paths: Array<(m: Manifest, v: unknown) => void> = [
      (m, v) => (m.spec = v),
      (m, v) => (m.metadata = v),
      (m, v) => (m.metadata.labels = v),
      (m, v) => (m.spec.template = v),
      (m, v) => (m.spec.template.spec = v),
      (m, v) => (pod(m).containers = v),
      (m, v) => (container(m).resources = v),
      (m, v) => (container(m).ports = v),
      (m, v) => (container(m).livenessProbe = v),
      (m, v) => (pod(m).volumes = v),
      (m, v) => (pod(m).affinity = v),
      (m, v) => (m.status = v),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withMap: true }),
        (i, v) => {
          const m = job();
          paths[i](m, v);
          run(jsonType, m).forEach((p) => describeProblem(p));
          run(servedApiVersion, m);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never reports a value of the right type', () => {
    const intOf = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(
        fc.record({
          parallelism: intOf,
          suspend: fc.boolean(),
          managedBy: fc.string(),
          command: fc.array(fc.string()),
          limits: fc.dictionary(
            fc.string(),
            fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })),
          ),
          port: fc.oneof(intOf, fc.string()),
        }),
        (r) => {
          const m = job();
          m.spec.parallelism = r.parallelism;
          m.spec.suspend = r.suspend;
          m.spec.managedBy = r.managedBy;
          container(m).command = r.command;
          container(m).resources = { limits: r.limits };
          container(m).livenessProbe = { httpGet: { port: r.port } };
          expect(run(jsonType, m)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('served-api-version', () => {
  const found = (m: Manifest) => run(servedApiVersion, m).map(describeProblem);

  it('takes batch/v1', () => {
    expect(found(job())).toEqual([]);
    expect(found(cronJob())).toEqual([]);
  });

  it('refuses the retired CronJob versions', () => {
    const m = cronJob();
    m.apiVersion = 'batch/v1beta1';
    expect(found(m)).toEqual([
      'apiVersion: "batch/v1beta1": is no longer served: Kubernetes 1.25 removed batch/v1beta1 CronJob; use apiVersion: batch/v1',
    ]);
    m.apiVersion = 'batch/v2alpha1';
    expect(found(m)).toEqual([
      'apiVersion: "batch/v2alpha1": is no longer served: Kubernetes 1.21 removed batch/v2alpha1 CronJob; use apiVersion: batch/v1',
    ]);
  });

  it('refuses a Job of another batch version', () => {
    const m = job();
    m.apiVersion = 'batch/v1beta1';
    expect(found(m)).toEqual([
      'apiVersion: "batch/v1beta1": is not served: Job is served as batch/v1; use apiVersion: batch/v1',
    ]);
    m.apiVersion = 'batch';
    expect(found(m)).toEqual(['apiVersion: "batch": lacks the version; use apiVersion: batch/v1']);
  });

  it('refuses a missing apiVersion', () => {
    const m = job();
    delete m.apiVersion;
    expect(found(m)).toEqual(['apiVersion: is required; set apiVersion: batch/v1']);
    m.apiVersion = '';
    expect(found(m)).toEqual(['apiVersion: is required; set apiVersion: batch/v1']);
    m.apiVersion = ['batch/v1'];
    expect(found(m)).toEqual([
      'apiVersion: ["batch/v1"]: must be a string such as batch/v1; use apiVersion: batch/v1',
    ]);
  });

  it('leaves other groups alone', () => {
    const m = job();
    m.apiVersion = 'batch.volcano.sh/v1alpha1';
    expect(found(m)).toEqual([]);
  });
});

describe('through validateManifest', () => {
  it('reports a wrong type once, under json-type', () => {
    const m = job();
    container(m).command = 'python main.py';
    const problems = validateManifest(m).filter((p) => p.field === `${C}.command`);
    expect(problems.map((p) => p.rule)).toEqual(['json-type']);
  });

  it('reports pod template labels where they were written, not where defaulting copied them', () => {
    const m = job();
    m.spec.template.metadata = { labels: { shard: 3 } };
    const problems = validateManifest(m).filter((p) => p.rule === 'json-type');
    expect(problems.map((p) => p.field)).toEqual(['spec.template.metadata.labels.shard']);
  });

  it('reports a batch/v1beta1 CronJob', () => {
    const m = cronJob();
    m.apiVersion = 'batch/v1beta1';
    expect(validateManifest(m).map((p) => p.rule)).toContain('served-api-version');
  });
});

describe('helpers', () => {
  it('parse RFC 3339 as Go does', () => {
    for (const ok of [
      '2024-02-29T23:59:59Z',
      '2024-05-01T12:00:00.5-07:00',
      '2024-05-01T12:00:00,5Z',
      '1999-12-31T00:00:00+14:00',
    ]) {
      expect(isRfc3339(ok)).toBe(true);
    }
    for (const bad of [
      '',
      '2023-02-29T00:00:00Z',
      '2024-05-01 12:00:00Z',
      '2024-05-01t12:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T12:00:60Z',
      '2024-13-01T12:00:00Z',
      '2024-05-01T12:00Z',
      '2024-05-01T12:00:00',
    ]) {
      expect(isRfc3339(bad)).toBe(false);
    }
  });

  it('name JSON types', () => {
    expect([1, 'a', true, [], {}, Infinity, 1n].map(actual)).toEqual([
      'a number',
      'a string',
      'a boolean',
      'a list',
      'an object',
      'a non-finite number',
      'a number',
    ]);
  });

  it('list nothing for a clean manifest through the raw API', () => {
    expect(typeProblems(job(), 'Job')).toEqual([]);
    expect(typeProblems({ a: 1 }, 'Job', 'x')).toEqual([]);
  });
});
