/**
 * withServerDefaults against pkg/apis/batch/v1/defaults.go and pkg/apis/core/v1/defaults.go: each
 * default the API server applies to a Job, a CronJob and their pod template, what it does not
 * default there, and that the input is never mutated.
 */
import fc from 'fast-check';
import { withServerDefaults } from '../../src/validation/defaults';
import { Obj } from '../../src/validation/read';

type Json = Record<string, any>;

function job(pod: Json = {}, spec: Json = {}): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: {
      ...spec,
      template: { spec: { containers: [{ name: 'main', image: 'r/app:1.0' }], ...pod } },
    },
  };
}

function cronJob(jobSpec: Json = {}): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: {
      schedule: '0 * * * *',
      jobTemplate: {
        spec: {
          ...jobSpec,
          template: { spec: { containers: [{ name: 'main', image: 'r/app:1.0' }] } },
        },
      },
    },
  };
}

const defaulted = (m: Json, version: `1.${number}` = '1.37'): Json =>
  withServerDefaults(m as Obj, version) as Json;
const podOf = (m: Json): Json => m.spec.template.spec;
const containerOf = (m: Json): Json => podOf(m).containers[0];

describe('SetDefaults_Job', () => {
  test('completions and parallelism default to 1 when both are unset', () => {
    const s = defaulted(job()).spec;
    expect([s.completions, s.parallelism]).toEqual([1, 1]);
  });

  test('only parallelism defaults when completions is set, and null counts as unset', () => {
    const s = defaulted(job({}, { completions: 5, parallelism: null })).spec;
    expect([s.completions, s.parallelism]).toEqual([5, 1]);
    const t = defaulted(job({}, { parallelism: 3 })).spec;
    expect([t.completions, t.parallelism]).toEqual([undefined, 3]);
  });

  test('backoffLimit is 6, or MaxInt32 with backoffLimitPerIndex', () => {
    expect(defaulted(job()).spec.backoffLimit).toBe(6);
    expect(defaulted(job({}, { backoffLimitPerIndex: 1 })).spec.backoffLimit).toBe(2147483647);
    expect(defaulted(job({}, { backoffLimit: 0 })).spec.backoffLimit).toBe(0);
  });

  test('completionMode, suspend and manualSelector', () => {
    const s = defaulted(job()).spec;
    expect([s.completionMode, s.suspend, s.manualSelector]).toEqual(['NonIndexed', false, false]);
  });

  test('podReplacementPolicy depends on podFailurePolicy, from 1.29', () => {
    expect(defaulted(job()).spec.podReplacementPolicy).toBe('TerminatingOrFailed');
    const withPolicy = job({}, { podFailurePolicy: { rules: [] } });
    expect(defaulted(withPolicy).spec.podReplacementPolicy).toBe('Failed');
    expect(defaulted(job(), '1.28').spec.podReplacementPolicy).toBeUndefined();
  });

  test('onPodConditions status defaults to True', () => {
    const m = job(
      {},
      {
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }],
        },
      },
    );
    const rule = defaulted(m).spec.podFailurePolicy.rules[0];
    expect(rule.onPodConditions[0]).toEqual({ type: 'DisruptionTarget', status: 'True' });
  });

  test('the Job takes the template labels when it has none', () => {
    const m = job();
    m.spec.template.metadata = { labels: { app: 'x' } };
    expect(defaulted(m).metadata.labels).toEqual({ app: 'x' });
    m.metadata.labels = { team: 'a' };
    expect(defaulted(m).metadata.labels).toEqual({ team: 'a' });
  });

  test('a Job without a spec keeps none', () => {
    const m = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } };
    expect(defaulted(m)).toBe(m);
  });
});

describe('SetDefaults_CronJob', () => {
  test('concurrencyPolicy, suspend and the history limits', () => {
    const s = defaulted(cronJob()).spec;
    expect([s.concurrencyPolicy, s.suspend]).toEqual(['Allow', false]);
    expect([s.successfulJobsHistoryLimit, s.failedJobsHistoryLimit]).toEqual([3, 1]);
    expect(
      defaulted({ ...cronJob(), spec: { concurrencyPolicy: '' } }).spec.concurrencyPolicy,
    ).toBe('Allow');
  });

  test('the jobTemplate gets pod defaults but not SetDefaults_Job', () => {
    const s = defaulted(cronJob()).spec.jobTemplate.spec;
    expect([s.completions, s.parallelism, s.backoffLimit, s.completionMode]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(s.template.spec.dnsPolicy).toBe('ClusterFirst');
  });
});

describe('SetDefaults_PodSpec and the pod template', () => {
  test('dnsPolicy, securityContext, terminationGracePeriodSeconds, schedulerName', () => {
    const p = podOf(defaulted(job()));
    expect(p.dnsPolicy).toBe('ClusterFirst');
    expect(p.securityContext).toEqual({});
    expect(p.terminationGracePeriodSeconds).toBe(30);
    expect(p.schedulerName).toBe('default-scheduler');
  });

  test('restartPolicy is not defaulted to Always (the Job rules report it missing)', () => {
    expect(podOf(defaulted(job())).restartPolicy).toBeUndefined();
  });

  test('container requests are not copied from limits in a template (SetDefaults_Pod is Pod-only)', () => {
    const m = job({
      containers: [{ name: 'main', image: 'r/a:1', resources: { limits: { cpu: '1' } } }],
    });
    expect(containerOf(defaulted(m)).resources).toEqual({ limits: { cpu: '1' } });
  });

  test('a volume with no source becomes an emptyDir; unknown keys do not count as a source', () => {
    const m = job({
      volumes: [{ name: 'a' }, { name: 'b', emptydir: {} }, { name: 'c', secret: null }],
    });
    const v = podOf(defaulted(m)).volumes;
    expect(v.map((x: Json) => x.emptyDir)).toEqual([{}, {}, {}]);
  });

  test('volume sources: modes, hostPath type, token expiry, field refs, volumeMode', () => {
    const m = job({
      volumes: [
        { name: 's', secret: { secretName: 'x' } },
        { name: 'c', configMap: { name: 'x' } },
        {
          name: 'd',
          downwardAPI: { items: [{ path: 'l', fieldRef: { fieldPath: 'metadata.labels' } }] },
        },
        { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
        { name: 'h', hostPath: { path: '/x' } },
        {
          name: 'e',
          ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } },
        },
      ],
    });
    const [s, c, d, p, h, e] = podOf(defaulted(m)).volumes;
    expect([s.secret.defaultMode, c.configMap.defaultMode, d.downwardAPI.defaultMode]).toEqual([
      420, 420, 420,
    ]);
    expect(d.downwardAPI.items[0].fieldRef.apiVersion).toBe('v1');
    expect(p.projected.defaultMode).toBe(420);
    expect(p.projected.sources[0].serviceAccountToken.expirationSeconds).toBe(3600);
    expect(h.hostPath.type).toBe('');
    expect(e.ephemeral.volumeClaimTemplate.spec.volumeMode).toBe('Filesystem');
  });

  test('image volumes get a pull policy where ImageVolume is on (1.35)', () => {
    const m = job({ volumes: [{ name: 'm', image: { reference: 'ghcr.io/acme/model:latest' } }] });
    expect(podOf(defaulted(m)).volumes[0].image.pullPolicy).toBe('Always');
    expect(podOf(defaulted(m, '1.34')).volumes[0].image.pullPolicy).toBeUndefined();
  });
});

describe('SetDefaults_Container', () => {
  test('imagePullPolicy follows the tag', () => {
    const policy = (image: string) =>
      containerOf(defaulted(job({ containers: [{ name: 'm', image }] }))).imagePullPolicy;
    expect(policy('r/app:1.0')).toBe('IfNotPresent');
    expect(policy('r/app:latest')).toBe('Always');
    expect(policy('r/app')).toBe('Always');
    expect(policy('registry:5000/app')).toBe('Always');
    expect(policy('r/app@sha256:abc')).toBe('IfNotPresent');
  });

  test('termination message, port protocol and env fieldRef apiVersion', () => {
    const c = containerOf(
      defaulted(
        job({
          containers: [
            {
              name: 'm',
              image: 'r/a:1',
              terminationMessagePolicy: '',
              ports: [{ containerPort: 80 }, { containerPort: 81, protocol: 'UDP' }],
              env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            },
          ],
        }),
      ),
    );
    expect([c.terminationMessagePath, c.terminationMessagePolicy]).toEqual([
      '/dev/termination-log',
      'File',
    ]);
    expect(c.ports.map((p: Json) => p.protocol)).toEqual(['TCP', 'UDP']);
    expect(c.env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
  });

  test('probes and lifecycle httpGet handlers; init containers too', () => {
    const probe = { httpGet: { port: 8080 }, successThreshold: 0 };
    const m = job({
      initContainers: [{ name: 'i', image: 'r/a:1', restartPolicy: 'Always', startupProbe: probe }],
      containers: [
        {
          name: 'm',
          image: 'r/a:1',
          livenessProbe: probe,
          lifecycle: { preStop: { httpGet: { port: 1 } } },
        },
      ],
    });
    const p = podOf(defaulted(m));
    const live = p.containers[0].livenessProbe;
    expect([
      live.timeoutSeconds,
      live.periodSeconds,
      live.successThreshold,
      live.failureThreshold,
    ]).toEqual([1, 10, 1, 3]);
    expect(live.httpGet).toEqual({ port: 8080, path: '/', scheme: 'HTTP' });
    expect(p.initContainers[0].startupProbe.successThreshold).toBe(1);
    expect(p.containers[0].lifecycle.preStop.httpGet.scheme).toBe('HTTP');
  });
});

describe('copy on write', () => {
  test('the input is never mutated', () => {
    const m = job({
      volumes: [{ name: 'a' }],
      containers: [{ name: 'm', image: 'r/a', ports: [{ containerPort: 1 }] }],
    });
    const before = JSON.stringify(m);
    defaulted(m);
    expect(JSON.stringify(m)).toBe(before);
  });

  test('untouched branches are shared, arrays keep order and length', () => {
    const m = job({
      containers: [{ name: 'a', image: 'r/a:1' }, 'junk', { name: 'b', image: 'r/b:1' }],
    });
    m.metadata.annotations = { x: 'y' };
    const d = defaulted(m);
    expect(d.metadata.annotations).toBe(m.metadata.annotations);
    expect(podOf(d).containers[1]).toBe('junk');
    expect(podOf(d).containers.map((c: Json) => c?.name)).toEqual(['a', undefined, 'b']);
  });

  test('an own __proto__ key (JSON can carry one) stays a key of the copy, not its prototype', () => {
    const pod = JSON.parse('{"__proto__": {"containers": [{"name": "x"}]}, "dnsPolicy": ""}');
    const d = defaulted(job({}, JSON.parse('{"__proto__": {"completions": 5}}')));
    const podSpec = podOf(defaulted(job(pod)));
    for (const copied of [podSpec, d.spec]) {
      expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(copied, '__proto__')).toBe(true);
    }
    expect(podSpec.dnsPolicy).toBe('ClusterFirst');
    expect(podSpec.containers.map((c: Json) => c.name)).toEqual(['main']);
    expect(d.spec.completions).toBe(1);
  });

  test('anything but a Job or CronJob comes back as is', () => {
    const m = { kind: 'Deployment', spec: {} };
    expect(defaulted(m)).toBe(m);
  });

  test('random junk never throws and never mutates', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (spec, pod, container) => {
        const m = {
          kind: 'Job',
          spec: {
            template: { spec: { containers: [container], volumes: [pod], initContainers: pod } },
            x: spec,
          },
        };
        const before = JSON.stringify(m);
        withServerDefaults(m, '1.37');
        withServerDefaults({ kind: 'CronJob', spec }, '1.30');
        expect(JSON.stringify(m)).toBe(before);
      }),
    );
  });
});
