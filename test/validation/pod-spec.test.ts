/**
 * The pod spec rules outside containers, volumes, resources, security and scheduling:
 * names, the pod deadline, readiness gates, priority, overhead, ephemeral containers, host
 * namespaces and os.
 */
import fc from 'fast-check';
import { describeProblem, Problem } from '../../src/validation/problem';
import { validateManifest, ValidationOptions } from '../../src/validation/validate-manifest';
import * as podRules from '../../src/validation/rules/pod';
import { KubernetesVersion } from '../../src/validation/versions';

type Manifest = Record<string, any>;

const OWN = new Set(
  Object.values(podRules as Record<string, unknown>).flatMap((r) =>
    typeof r === 'object' && r !== null && 'id' in r ? [String(r.id)] : [],
  ),
);

function job(pod: Record<string, unknown> = {}, labels?: Record<string, string>): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'train', namespace: 'ml' },
    spec: {
      template: {
        ...(labels ? { metadata: { labels } } : {}),
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/train:1.0' }],
          ...pod,
        },
      },
    },
  };
}

/** The problems of this file's rules only. */
function own(pod: Record<string, unknown>, targetVersion?: KubernetesVersion): Problem[] {
  const options: ValidationOptions = targetVersion ? { targetVersion } : {};
  return validateManifest(job(pod), options).filter((p) => OWN.has(p.rule));
}

function lines(pod: Record<string, unknown>, targetVersion?: KubernetesVersion): string[] {
  return own(pod, targetVersion).map(describeProblem);
}

const P = 'spec.template.spec';

describe('pod-names', () => {
  it('reports a hostname that is not a DNS label, with the value', () => {
    expect(lines({ hostname: 'Worker_1' })).toEqual([
      `${P}.hostname: "Worker_1": is not a DNS-1123 label: must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit`,
    ]);
  });

  it('reads the deprecated serviceAccount when serviceAccountName is empty', () => {
    expect(own({ serviceAccount: 'Bad_Name' }).map((p) => p.field)).toEqual([
      `${P}.serviceAccount`,
    ]);
    expect(own({ serviceAccount: 'Bad_Name', serviceAccountName: 'good' })).toEqual([]);
  });

  it('refuses an empty runtimeClassName but not an absent one', () => {
    expect(own({ runtimeClassName: '' }).map((p) => p.field)).toEqual([`${P}.runtimeClassName`]);
    expect(own({ runtimeClassName: null })).toEqual([]);
  });

  it('accepts valid names', () => {
    expect(
      own({
        hostname: 'worker-0',
        subdomain: 'workers',
        serviceAccountName: 'trainer',
        nodeName: 'ip-10-0-0-1.ec2.internal',
        priorityClassName: 'high-priority',
        runtimeClassName: 'nvidia',
      }),
    ).toEqual([]);
  });
});

describe('pod-active-deadline', () => {
  it.each([0, -5, 2147483648])('refuses %p', (value) => {
    expect(own({ activeDeadlineSeconds: value }).map((p) => p.rule)).toEqual([
      'pod-active-deadline',
    ]);
  });
  it.each([1, 3600, 2147483647])('accepts %p', (value) => {
    expect(own({ activeDeadlineSeconds: value })).toEqual([]);
  });
});

describe('pod-readiness-gates', () => {
  it('requires a condition type', () => {
    expect(lines({ readinessGates: [{}] })).toEqual([
      `${P}.readinessGates[0].conditionType: is required`,
    ]);
  });
});

describe('priority and preemption', () => {
  it('refuses an unknown preemptionPolicy', () => {
    expect(own({ preemptionPolicy: '' }).map((p) => p.rule)).toEqual(['pod-preemption-policy']);
  });
  it('warns (only) about priority and preemptionPolicy the admission plugin computes', () => {
    const problems = own({ priority: 10, preemptionPolicy: 'Never' });
    expect(problems.map((p) => [p.rule, p.severity, p.field])).toEqual([
      ['pod-priority', 'warning', `${P}.priority`],
      ['pod-priority', 'warning', `${P}.preemptionPolicy`],
    ]);
  });
});

describe('overhead', () => {
  it('is refused by the RuntimeClass admission without a runtimeClassName', () => {
    expect(own({ overhead: { cpu: '250m' } }).map((p) => [p.rule, p.family])).toEqual([
      ['pod-overhead-runtime-class', 2],
    ]);
  });
  it('ignores an empty overhead, which the Job controller drops', () => {
    expect(own({ overhead: {} })).toEqual([]);
  });
  it('checks resource names and quantities', () => {
    expect(
      own({ runtimeClassName: 'kata', overhead: { cpu: '1GB', memory: '120Mi', disk: '1' } }).map(
        (p) => p.field,
      ),
    ).toEqual([`${P}.overhead.cpu`, `${P}.overhead.disk`]);
  });
});

describe('pod-ephemeral-containers', () => {
  it('refuses ephemeral containers in a template, not an empty list', () => {
    expect(
      own({ ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }] }).map((p) => p.rule),
    ).toEqual(['pod-ephemeral-containers']);
    expect(own({ ephemeralContainers: [] })).toEqual([]);
  });
});

describe('pod-host-namespaces', () => {
  it('refuses host namespaces with a user namespace from 1.33 on', () => {
    expect(own({ hostUsers: false, hostNetwork: true, hostIPC: true }).map((p) => p.field)).toEqual(
      [`${P}.hostNetwork`, `${P}.hostIPC`],
    );
  });
  it('says nothing before 1.33, when the API server drops hostUsers', () => {
    expect(own({ hostUsers: false, hostNetwork: true }, '1.32')).toEqual([]);
  });
  it('refuses shareProcessNamespace with hostPID, once', () => {
    expect(lines({ shareProcessNamespace: true, hostPID: true })).toEqual([
      `${P}.shareProcessNamespace: true: must not be true when hostPID is true; remove one of shareProcessNamespace and hostPID`,
    ]);
  });
});

describe('pod-os', () => {
  it('requires linux or windows', () => {
    expect(lines({ os: { name: 'Linux' } })).toEqual([
      `${P}.os.name: "Linux": must be linux or windows`,
    ]);
    expect(lines({ os: {} })).toEqual([`${P}.os.name: is required; use linux or windows`]);
    expect(own({ os: { name: 'windows' } })).toEqual([]);
  });
});

describe('junk values', () => {
  const FIELDS = [
    'hostname',
    'subdomain',
    'serviceAccountName',
    'serviceAccount',
    'nodeName',
    'priorityClassName',
    'runtimeClassName',
    'activeDeadlineSeconds',
    'readinessGates',
    'preemptionPolicy',
    'priority',
    'overhead',
    'ephemeralContainers',
    'hostUsers',
    'hostNetwork',
    'hostPID',
    'hostIPC',
    'shareProcessNamespace',
    'os',
    'schedulingGates',
  ];
  const junk = fc.anything({
    withNullPrototype: true,
    withObjectString: true,
    key: fc.constantFrom('__proto__', 'constructor', 'toString', 'name', 'conditionType', 'cpu'),
  });

  it('never throw, and wrong JSON types give no report from these rules', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), junk, (field, value) => {
        const problems = own({ [field]: value });
        for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['hostname', 42],
    ['runtimeClassName', true],
    ['activeDeadlineSeconds', '60'],
    ['readinessGates', 'example.com/ready'],
    ['os', 'linux'],
    ['overhead', ['cpu']],
  ])('skips %s of the wrong type (%p)', (field, value) => {
    expect(own({ [field]: value })).toEqual([]);
  });
});
