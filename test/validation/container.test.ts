/**
 * The container rules (src/validation/rules/container.ts and its sub-files): one mistake gives
 * one line naming the field, the server's defaults and each release's feature gates are
 * honoured, and no JSON value makes them throw.
 */
import fc from 'fast-check';
import { validateManifest } from '../../src/validation/validate-manifest';
import { Problem } from '../../src/validation/problem';
import { KubernetesVersion } from '../../src/validation/versions';

type Json = Record<string, any>;

const P = 'spec.template.spec';
const C = `${P}.containers[0]`;
const I = `${P}.initContainers[0]`;
const MINE = /^(pod-containers|container-)/;

function job(container: Json = {}, pod: Json = {}): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'work', namespace: 'default' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/app:1.0', ...container }],
          ...pod,
        },
      },
    },
  };
}

function problems(manifest: Json, targetVersion?: KubernetesVersion): Problem[] {
  return validateManifest(manifest, { targetVersion }).filter((p) => MINE.test(p.rule));
}

/** `rule field: message` of each problem of these rules. */
function lines(manifest: Json, targetVersion?: KubernetesVersion): string[] {
  return problems(manifest, targetVersion).map((p) => `${p.rule} ${p.field}: ${p.message}`);
}

const init = (c: Json, more: Json = {}) =>
  job(
    {},
    { initContainers: [{ name: 'init', image: 'registry.example/init:1.0', ...c }], ...more },
  );
const tcp80 = { tcpSocket: { port: 80 } };

describe('names and images', () => {
  it('a clean Job has no problem', () => {
    expect(lines(job())).toEqual([]);
  });

  it('reports a missing image and a missing name once each', () => {
    expect(lines(job({ image: '', name: null }))).toEqual([
      `pod-containers ${C}.name: is required`,
      `pod-containers ${C}.image: is required`,
    ]);
  });

  it('reports a name shared by an init container on the init container', () => {
    expect(lines(init({ name: 'main' }))).toEqual([
      `pod-containers ${I}.name: is the name of another container of the pod`,
    ]);
  });

  it('reports a repeated regular container name on the later container', () => {
    const m = job(
      {},
      {
        containers: [
          { name: 'a', image: 'x:1' },
          { name: 'a', image: 'x:1' },
        ],
      },
    );
    expect(problems(m).map((p) => p.field)).toEqual([`${P}.containers[1].name`]);
  });

  it('an image with whitespace is accepted by the server, but its pods are refused (family 2)', () => {
    const [p] = problems(job({ image: 'busybox:1.36 ' }));
    expect(p).toMatchObject({ rule: 'container-image-whitespace', family: 2, field: `${C}.image` });
    expect(p.message).toMatch(/refuses to create its pods/);
  });

  it.each([
    'busybox',
    'registry:5000/team/python:3.12',
    'Registry.Example.com/app:V1',
    '[::1]:5000/app@sha256:' + 'a'.repeat(64),
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:abc_1.2-rc.3',
  ])('the kubelet parses the image %s', (image) => {
    expect(lines(job({ image }))).toEqual([]);
  });

  it.each([
    ['ghcr.io/Acme/app:1', /upper-case/],
    ['app:', /not of the form/],
    ['busybox 1.36', /whitespace/],
    ['app@sha256:abcdef0123456789abcdef0123456789', /not 64/],
    ['a'.repeat(64), /hexadecimal/],
  ])('an image %s fails with InvalidImageName (family 2)', (image, message) => {
    const [p] = problems(job({ image }));
    expect(p).toMatchObject({ rule: 'container-image-reference', family: 2, field: `${C}.image` });
    expect(p.message).toMatch(message);
  });

  it('an empty container list and a missing one are reported', () => {
    expect(lines(job({}, { containers: [] }))).toEqual([
      `pod-containers ${P}.containers: must have at least one container`,
    ]);
    const m = job();
    delete m.spec.template.spec.containers;
    expect(lines(m)).toEqual([
      `pod-containers ${P}.containers: is required: a pod has at least one container`,
    ]);
  });
});

describe('CronJobs', () => {
  it('name the field inside the jobTemplate', () => {
    const j = job({ ports: [{ containerPort: 0 }] });
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'default' },
      spec: { schedule: '0 2 * * *', jobTemplate: { spec: j.spec } },
    };
    expect(problems(cron).map((p) => p.field)).toEqual([
      'spec.jobTemplate.spec.template.spec.containers[0].ports[0].containerPort',
    ]);
  });
});

describe('policies and restart policies', () => {
  it('accepts empty policies, which the server defaults', () => {
    expect(lines(job({ imagePullPolicy: '', terminationMessagePolicy: '' }))).toEqual([]);
  });

  it('refuses unknown policies', () => {
    expect(problems(job({ imagePullPolicy: 'always' })).map((p) => p.field)).toEqual([
      `${C}.imagePullPolicy`,
    ]);
  });

  it.each<[KubernetesVersion, string[]]>([
    ['1.27', ['container-field-dropped']],
    ['1.33', ['container-restart-policy']],
    ['1.34', ['container-field-dropped']],
    ['1.35', []],
  ])('a regular container restartPolicy at %s', (version, rules) => {
    expect(problems(job({ restartPolicy: 'OnFailure' }), version).map((p) => p.rule)).toEqual(
      rules,
    );
  });

  it.each<[KubernetesVersion, string[]]>([
    ['1.28', ['container-field-dropped']],
    ['1.29', ['container-restart-policy']],
    ['1.34', ['container-field-dropped']],
    ['1.35', []],
  ])('an init container restartPolicy Never at %s', (version, rules) => {
    expect(problems(init({ restartPolicy: 'Never' }), version).map((p) => p.rule)).toEqual(rules);
  });

  it('from 1.35 a restartPolicy is Always, OnFailure or Never', () => {
    expect(lines(job({ restartPolicy: 'Sometimes' }), '1.35')).toEqual([
      `container-restart-policy ${C}.restartPolicy: must be one of Always, OnFailure, Never`,
    ]);
  });
});

describe('ports', () => {
  it('reports each port mistake on its field', () => {
    const m = job({
      ports: [
        { name: 'Http', containerPort: 80 },
        { name: 'http-2', containerPort: 0 },
        { containerPort: 81, hostPort: 70000 },
        { containerPort: 82, protocol: 'tcp' },
      ],
    });
    expect(problems(m).map((p) => p.field)).toEqual([
      `${C}.ports[0].name`,
      `${C}.ports[1].containerPort`,
      `${C}.ports[2].hostPort`,
      `${C}.ports[3].protocol`,
    ]);
  });

  it('a host port is unique across regular containers, but each init container runs alone', () => {
    const port = { containerPort: 80, hostPort: 8080 };
    const m = job(
      { ports: [port] },
      {
        initContainers: [
          { name: 'a', image: 'x:1', ports: [port] },
          { name: 'b', image: 'x:1', ports: [port] },
        ],
        containers: [
          { name: 'main', image: 'x:1', ports: [port] },
          { name: 'side', image: 'x:1', ports: [{ ...port, protocol: 'UDP' }, port] },
        ],
      },
    );
    expect(problems(m).map((p) => p.field)).toEqual([`${P}.containers[1].ports[1].hostPort`]);
  });

  it('with hostNetwork a hostPort equals its containerPort', () => {
    const m = job({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { hostNetwork: true });
    expect(problems(m).map((p) => p.field)).toEqual([`${C}.ports[0].hostPort`]);
    const ok = job(
      { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] },
      { hostNetwork: true },
    );
    expect(lines(ok)).toEqual([]);
  });
});

describe('probes and lifecycle', () => {
  it('accepts the fields the server defaults: 0 thresholds, an empty httpGet path and scheme', () => {
    const probe = {
      httpGet: { port: 8080 },
      successThreshold: 0,
      periodSeconds: 0,
      timeoutSeconds: 0,
    };
    expect(
      lines(job({ livenessProbe: probe, readinessProbe: probe, startupProbe: probe })),
    ).toEqual([]);
  });

  it('needs exactly one handler', () => {
    expect(lines(job({ livenessProbe: { periodSeconds: 5 } }))).toEqual([
      `container-probes ${C}.livenessProbe: must specify a handler: one of exec, httpGet, tcpSocket, grpc`,
    ]);
    expect(
      problems(job({ readinessProbe: { ...tcp80, exec: { command: ['true'] } } })).map(
        (p) => p.field,
      ),
    ).toEqual([`${C}.readinessProbe.tcpSocket`]);
  });

  it('a sleep is not a probe handler, and grpc is not a lifecycle handler', () => {
    expect(problems(job({ livenessProbe: { sleep: { seconds: 1 } } })).map((p) => p.field)).toEqual(
      [`${C}.livenessProbe`],
    );
    expect(
      problems(job({ lifecycle: { preStop: { grpc: { port: 80 } } } })).map((p) => p.field),
    ).toEqual([`${C}.lifecycle.preStop`]);
  });

  it('successThreshold is 1 for liveness and startup probes only', () => {
    expect(lines(job({ readinessProbe: { ...tcp80, successThreshold: 3 } }))).toEqual([]);
    expect(
      problems(job({ startupProbe: { ...tcp80, successThreshold: 3 } })).map((p) => p.field),
    ).toEqual([`${C}.startupProbe.successThreshold`]);
  });

  it('warns when a probe or hook names a port the container does not declare', () => {
    const m = job({
      ports: [{ name: 'http', containerPort: 8080 }],
      readinessProbe: { httpGet: { port: 'http' } },
      livenessProbe: { tcpSocket: { port: 'admin' } },
      lifecycle: { preStop: { httpGet: { path: '/drain', port: 'admin' } } },
    });
    expect(problems(m).map((p) => [p.rule, p.severity, p.field])).toEqual([
      ['container-probe-port-name', 'warning', `${C}.livenessProbe.tcpSocket.port`],
      ['container-probe-port-name', 'warning', `${C}.lifecycle.preStop.httpGet.port`],
    ]);
  });

  it('explains a quoted port number', () => {
    const [p] = problems(job({ readinessProbe: { httpGet: { port: '8080' } } }));
    expect(p.field).toBe(`${C}.readinessProbe.httpGet.port`);
    expect(p.message).toMatch(/without quotes/);
  });

  it('bounds a sleep by the pod grace period, 0 allowed from 1.33', () => {
    const sleep = (seconds: number) => ({ lifecycle: { preStop: { sleep: { seconds } } } });
    expect(lines(job(sleep(30)))).toEqual([]);
    expect(problems(job(sleep(31))).map((p) => p.field)).toEqual([
      `${C}.lifecycle.preStop.sleep.seconds`,
    ]);
    expect(lines(job(sleep(90), { terminationGracePeriodSeconds: 120 }))).toEqual([]);
    expect(lines(job(sleep(0)), '1.33')).toEqual([]);
    expect(problems(job(sleep(0)), '1.32').map((p) => p.field)).toEqual([
      `${C}.lifecycle.preStop.sleep.seconds`,
    ]);
  });

  it('before 1.30 the sleep hook is dropped (family 2), not refused', () => {
    const ps = problems(job({ lifecycle: { preStop: { sleep: { seconds: 5 } } } }), '1.29');
    expect(ps.map((p) => [p.rule, p.family, p.field])).toEqual([
      ['container-field-dropped', 2, `${C}.lifecycle.preStop.sleep`],
    ]);
  });

  it('stopSignal is dropped (ContainerStopSignals is alpha)', () => {
    const ps = problems(job({ lifecycle: { stopSignal: 'SIGINT' } }, { os: { name: 'linux' } }));
    expect(ps.map((p) => [p.rule, p.family, p.field])).toEqual([
      ['container-field-dropped', 2, `${C}.lifecycle.stopSignal`],
    ]);
  });

  it('an init container has no probe or lifecycle unless it is a sidecar', () => {
    expect(problems(init({ readinessProbe: tcp80 })).map((p) => p.field)).toEqual([
      `${I}.readinessProbe`,
    ]);
    expect(
      lines(
        init({
          restartPolicy: 'Always',
          readinessProbe: tcp80,
          lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
        }),
      ),
    ).toEqual([]);
    // A lifecycle the server empties (stopSignal dropped) is not there any more.
    expect(problems(init({ lifecycle: { stopSignal: 'SIGTERM' } })).map((p) => p.rule)).toEqual([
      'container-field-dropped',
    ]);
  });
});

describe('resize policy', () => {
  const policy = (restartPolicy: string) => ({
    resizePolicy: [{ resourceName: 'memory', restartPolicy }],
  });

  it('needs NotRequired in a restartPolicy Never pod, from 1.33', () => {
    expect(problems(job(policy('RestartContainer'))).map((p) => p.field)).toEqual([
      `${C}.resizePolicy[0].restartPolicy`,
    ]);
    expect(lines(job(policy('RestartContainer'), { restartPolicy: 'OnFailure' }))).toEqual([]);
  });

  it('is dropped before 1.33', () => {
    expect(problems(job(policy('NotRequired')), '1.32').map((p) => [p.rule, p.family])).toEqual([
      ['container-field-dropped', 2],
    ]);
  });
});

describe('untrusted input', () => {
  const FIELDS = [
    'name',
    'image',
    'ports',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'lifecycle',
    'restartPolicy',
    'resizePolicy',
    'imagePullPolicy',
    'terminationMessagePolicy',
    'env',
    'envFrom',
  ];
  const junk = fc.anything({
    withNullPrototype: true,
    withObjectString: true,
    key: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'exec',
      'httpGet',
      'port',
      'sleep',
      'preStop',
      'seconds',
    ),
  });

  it('never throws, whatever a container field holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), junk, fc.boolean(), (field, value, asInit) => {
        const m = asInit ? init({ [field]: value }) : job({ [field]: value });
        for (const p of validateManifest(m)) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['name', 42],
    ['image', ['busybox']],
    ['imagePullPolicy', true],
    ['restartPolicy', 1],
    ['ports', [{ containerPort: '80' }]],
    ['ports', [{ containerPort: 80, hostPort: 'x', protocol: 6 }]],
    ['livenessProbe', { tcpSocket: { port: 80 }, periodSeconds: '10', successThreshold: '1' }],
    ['lifecycle', { preStop: { sleep: { seconds: '5' } } }],
  ])('leaves %s of the wrong JSON type (%p) to the decoding rule', (field, value) => {
    expect(lines(job({ [field]: value }))).toEqual([]);
  });
});
