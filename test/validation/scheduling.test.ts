/**
 * The scheduling rules: tolerations, scheduling gates, nodeSelector, node and pod affinity,
 * topology spread, DNS policy and config, host aliases.
 */
import fc from 'fast-check';
import { describeProblem, Problem } from '../../src/validation/problem';
import { validateManifest, ValidationOptions } from '../../src/validation/validate-manifest';
import * as scheduling from '../../src/validation/rules/scheduling';
import { isValidIP } from '../../src/validation/rules/dns';
import { KubernetesVersion } from '../../src/validation/versions';

type Manifest = Record<string, any>;

const OWN = new Set(
  Object.values(scheduling as Record<string, unknown>).flatMap((r) =>
    typeof r === 'object' && r !== null && 'id' in r ? [String(r.id)] : [],
  ),
);

function job(pod: Record<string, unknown>): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'train', namespace: 'ml' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/train:1.0' }],
          ...pod,
        },
      },
    },
  };
}

function own(pod: Record<string, unknown>, targetVersion?: KubernetesVersion): Problem[] {
  const options: ValidationOptions = targetVersion ? { targetVersion } : {};
  return validateManifest(job(pod), options).filter((p) => OWN.has(p.rule));
}

const fields = (pod: Record<string, unknown>, v?: KubernetesVersion) =>
  own(pod, v).map((p) => p.field);
const lines = (pod: Record<string, unknown>) => own(pod).map(describeProblem);

const P = 'spec.template.spec';
const T = `${P}.tolerations[0]`;

describe('pod-tolerations', () => {
  it('names the value, not the operator, for a bad Equal value', () => {
    expect(lines({ tolerations: [{ key: 'team', value: 'a b' }] })).toEqual([
      `${T}.value: "a b": is not a valid label value: must be empty or consist of alphanumerics, "-", "_" or ".", and start and end with an alphanumeric`,
    ]);
  });

  it('gives one line for an empty key with an unknown operator', () => {
    expect(fields({ tolerations: [{ operator: 'In' }] })).toEqual([`${T}.operator`]);
  });

  it('explains tolerationSeconds on a NoSchedule toleration', () => {
    const [problem] = own({
      tolerations: [
        { key: 'spot', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 },
      ],
    });
    expect(problem.field).toBe(`${T}.effect`);
    expect(problem.fix).toMatch(/remove tolerationSeconds/);
  });

  it('accepts the tolerations GPU and spot pools use', () => {
    expect(
      own({
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
          {
            key: 'cloud.google.com/gke-spot',
            operator: 'Equal',
            value: 'true',
            effect: 'NoSchedule',
          },
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 30,
          },
          { operator: 'Exists' },
        ],
      }),
    ).toEqual([]);
  });
});

describe('pod-scheduling-gates', () => {
  it('requires names and refuses duplicates', () => {
    expect(
      fields({ schedulingGates: [{}, { name: 'a/b/c' }, { name: 'x' }, { name: 'x' }] }),
    ).toEqual([
      `${P}.schedulingGates[0].name`,
      `${P}.schedulingGates[1].name`,
      `${P}.schedulingGates[3].name`,
    ]);
  });
});

describe('pod-node-selector and pod-node-affinity', () => {
  it('checks nodeSelector keys and values', () => {
    expect(fields({ nodeSelector: { 'bad key': 'x', good: 'no spaces please' } })).toEqual([
      `${P}.nodeSelector`,
      `${P}.nodeSelector.good`,
    ]);
  });

  it('allows values that are not label values in preferred terms only', () => {
    const term = { matchExpressions: [{ key: 'rank', operator: 'In', values: ['-1'] }] };
    expect(
      own({
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: term }],
          },
        },
      }),
    ).toEqual([]);
    expect(
      fields({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
          },
        },
      }),
    ).toEqual([
      `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]`,
    ]);
  });

  it('checks values of required terms from 1.33 only', () => {
    const terms = [{ matchExpressions: [{ key: 'rank', operator: 'In', values: ['-1'] }] }];
    const pod = {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
        },
      },
    };
    expect(own(pod, '1.32')).toEqual([]);
    expect(own(pod, '1.33')).toHaveLength(1);
  });

  it('requires exactly one value for Gt and Lt', () => {
    const terms = [{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['5', '6'] }] }];
    expect(
      fields({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
          },
        },
      }),
    ).toEqual([
      `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`,
    ]);
  });

  it('reports a missing weight in a preferred term', () => {
    expect(
      fields({
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ preference: {} }] },
        },
      }),
    ).toEqual([
      `${P}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
    ]);
  });
});

describe('pod-affinity', () => {
  const term = {
    labelSelector: { matchLabels: { app: 'x' } },
    topologyKey: 'kubernetes.io/hostname',
    matchLabelKeys: ['/bad'],
  };
  const pod = {
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
  };

  it('checks matchLabelKeys from 1.31, when the API server keeps them', () => {
    expect(fields(pod)).toEqual([
      `${P}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]`,
    ]);
    expect(own(pod, '1.30')).toEqual([]);
  });

  it('refuses matchLabelKeys without a labelSelector', () => {
    expect(
      fields({
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'zone', matchLabelKeys: ['app'] },
            ],
          },
        },
      }),
    ).toEqual([
      `${P}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys`,
    ]);
  });

  it('treats an absent podAffinityTerm as an empty one', () => {
    expect(
      fields({
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5 }] },
        },
      }),
    ).toEqual([
      `${P}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey`,
    ]);
  });
});

describe('pod-affinity-match-label-keys', () => {
  const pod = (labels: Record<string, unknown>, key: string) => ({
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 10,
            podAffinityTerm: {
              labelSelector: labels,
              topologyKey: 'kubernetes.io/hostname',
              matchLabelKeys: [key],
            },
          },
        ],
      },
    },
  });
  const at = `${P}.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.matchLabelKeys[0]`;

  it('reports a key the pods carry and the selector already names (family 2)', () => {
    const problems = own(pod({ matchLabels: { 'job-name': 'train' } }, 'job-name'));
    expect(problems.map((p) => [p.rule, p.family, p.field])).toEqual([
      ['pod-affinity-match-label-keys', 2, at],
    ]);
  });

  it('says nothing when the pods lack the label, or the selector does not name it', () => {
    expect(own(pod({ matchLabels: { team: 'a' } }, 'team'))).toEqual([]);
    expect(own(pod({ matchLabels: { team: 'a' } }, 'job-name'))).toEqual([]);
  });
});

describe('pod-topology-spread', () => {
  const c = (extra: Record<string, unknown>) => ({
    maxSkew: 1,
    topologyKey: 'topology.kubernetes.io/zone',
    whenUnsatisfiable: 'DoNotSchedule',
    ...extra,
  });
  const S = `${P}.topologySpreadConstraints`;

  it('refuses two constraints with the same key and action, naming the second', () => {
    expect(lines({ topologySpreadConstraints: [c({}), c({ maxSkew: 2 })] })).toEqual([
      `${S}[1]: has the same topologyKey and whenUnsatisfiable as topologySpreadConstraints[0]; merge the two constraints`,
    ]);
  });

  it('requires maxSkew, topologyKey and whenUnsatisfiable', () => {
    expect(fields({ topologySpreadConstraints: [{}] })).toEqual([
      `${S}[0].maxSkew`,
      `${S}[0].topologyKey`,
      `${S}[0].whenUnsatisfiable`,
    ]);
  });

  it('allows minDomains with DoNotSchedule only', () => {
    expect(
      fields({
        topologySpreadConstraints: [c({ minDomains: 2, whenUnsatisfiable: 'ScheduleAnyway' })],
      }),
    ).toEqual([`${S}[0].minDomains`]);
    expect(own({ topologySpreadConstraints: [c({ minDomains: 2 })] })).toEqual([]);
  });

  it('checks node inclusion policies', () => {
    expect(
      fields({
        topologySpreadConstraints: [c({ nodeAffinityPolicy: 'honor', nodeTaintsPolicy: '' })],
      }),
    ).toEqual([`${S}[0].nodeAffinityPolicy`, `${S}[0].nodeTaintsPolicy`]);
  });

  it('refuses matchLabelKeys also in the selector before 1.33 only', () => {
    const pod = {
      topologySpreadConstraints: [
        c({ labelSelector: { matchLabels: { app: 'x' } }, matchLabelKeys: ['app'] }),
      ],
    };
    expect(fields(pod, '1.32')).toEqual([`${S}[0].matchLabelKeys[0]`]);
    expect(own(pod, '1.33')).toEqual([]);
  });
});

describe('DNS', () => {
  it('refuses an unknown dnsPolicy and accepts an empty one (defaulted)', () => {
    expect(fields({ dnsPolicy: 'clusterfirst' })).toEqual([`${P}.dnsPolicy`]);
    expect(own({ dnsPolicy: '' })).toEqual([]);
  });

  it('requires dnsConfig with None', () => {
    expect(lines({ dnsPolicy: 'None' })).toEqual([
      `${P}.dnsConfig: is required when dnsPolicy is None; add dnsConfig with at least one nameserver, or use another dnsPolicy`,
    ]);
  });

  it('relaxes search domains from 1.33: "." and underscores', () => {
    const pod = { dnsConfig: { searches: ['.', '_sip._tcp.example.com'] } };
    expect(own(pod)).toEqual([]);
    expect(fields(pod, '1.32')).toEqual([
      `${P}.dnsConfig.searches[0]`,
      `${P}.dnsConfig.searches[1]`,
    ]);
  });

  it('parses addresses as the API server does', () => {
    expect(isValidIP('10.0.0.010')).toBe(true);
    expect(isValidIP('::ffff:10.0.0.1')).toBe(true);
    expect(isValidIP('fe80::1%eth0')).toBe(false);
    expect(isValidIP('10.0.0')).toBe(false);
    expect(isValidIP('256.1.1.1')).toBe(false);
  });
});

describe('pod-host-aliases', () => {
  it('requires an IP and checks hostnames', () => {
    expect(fields({ hostAliases: [{ hostnames: ['Bad_Host'] }] })).toEqual([
      `${P}.hostAliases[0].ip`,
      `${P}.hostAliases[0].hostnames[0]`,
    ]);
  });
});

describe('junk values', () => {
  const FIELDS = [
    'tolerations',
    'schedulingGates',
    'nodeSelector',
    'affinity',
    'topologySpreadConstraints',
    'dnsPolicy',
    'dnsConfig',
    'hostAliases',
    'nodeName',
  ];
  const KEYS = [
    '__proto__',
    'constructor',
    'toString',
    'key',
    'operator',
    'values',
    'value',
    'nodeAffinity',
    'podAffinity',
    'podAntiAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'preferredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
    'matchExpressions',
    'matchLabels',
    'labelSelector',
    'matchLabelKeys',
    'topologyKey',
    'weight',
    'nameservers',
    'searches',
    'options',
    'ip',
    'hostnames',
  ];
  const junk = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.anything({ withNullPrototype: true, key: fc.constantFrom(...KEYS) }),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('never throw and always give a message', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), junk, (field, value) => {
        for (const p of own({ [field]: value })) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['tolerations', [{ key: 7, operator: ['Exists'], tolerationSeconds: 'soon' }]],
    ['dnsConfig', { nameservers: 'one', searches: 3, options: 'ndots:2' }],
    ['topologySpreadConstraints', [{ maxSkew: '1', topologyKey: 1, whenUnsatisfiable: {} }]],
    ['nodeSelector', { gpu: true }],
  ])('skip wrong JSON types in %s', (field, value) => {
    expect(own({ [field]: value })).toEqual([]);
  });
});
