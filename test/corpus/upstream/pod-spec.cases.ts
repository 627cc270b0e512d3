/**
 * The pod spec outside containers, volumes, resources and security: upstream's
 * TestValidatePodSpec, TestValidatePod (affinity, tolerations), TestValidateDNSPolicy,
 * TestValidatePodDNSConfig, TestValidatePodReadinessGates, TestValidateHostUsers and
 * TestValidatePodCreateWithSchedulingGates (pkg/apis/core/validation/validation_test.go),
 * as Job manifests.
 */
import { UpstreamCase } from './case';

const P = 'spec.template.spec';
const NA = `${P}.affinity.nodeAffinity`;
const REQ = `${NA}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]`;

const notIn = { key: 'key', operator: 'NotIn', values: ['value1', 'value2'] };

/** A pod (anti-)affinity with one required or preferred term. */
function podAffinity(kind: 'podAffinity' | 'podAntiAffinity', soft: boolean, term: object): object {
  return {
    affinity: {
      [kind]: soft
        ? {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 10, podAffinityTerm: term },
            ],
          }
        : { requiredDuringSchedulingIgnoredDuringExecution: [term] },
    },
  };
}

function termPath(kind: 'podAffinity' | 'podAntiAffinity', soft: boolean): string {
  return soft
    ? `${P}.affinity.${kind}.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm`
    : `${P}.affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution[0]`;
}

const VARIANTS: ReadonlyArray<[string, 'podAffinity' | 'podAntiAffinity', boolean]> = [
  ['soft pod affinity', 'podAffinity', true],
  ['hard pod affinity', 'podAffinity', false],
  ['soft pod anti-affinity', 'podAntiAffinity', true],
  ['hard pod anti-affinity', 'podAntiAffinity', false],
];

/** The four affinity variants of one upstream error case. */
function everyVariant(
  name: (variant: string) => string,
  term: object,
  field: (path: string) => string,
  extra: Partial<UpstreamCase> = {},
): UpstreamCase[] {
  return VARIANTS.map(([variant, kind, soft]) => ({
    from: `TestValidatePod/${name(variant)}`,
    verdict: 'reject',
    field: field(termPath(kind, soft)),
    pod: podAffinity(kind, soft, term),
    ...extra,
  }));
}

/** A topology spread constraint of upstream's tests, with changes ('$delete' removes a field). */
function tsc(change: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    maxSkew: 1,
    topologyKey: 'k8s.io/zone',
    whenUnsatisfiable: 'DoNotSchedule',
  };
  for (const [key, value] of Object.entries(change)) {
    if (value === '$delete') delete out[key];
    else out[key] = value;
  }
  return out;
}

const search = (n: number): string => 'a'.repeat(n);
const thirtyTwo = [
  'custom',
  'mydomain.com',
  'local',
  'cluster.local',
  'svc.cluster.local',
  'default.svc.cluster.local.',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '27',
  '28',
  '29',
  '30',
  '31',
  '32',
];

export const cases: UpstreamCase[] = [
  // TestValidatePodSpec: success cases.
  { from: 'TestValidatePodSpec/populate basic fields, leave defaults for most', verdict: 'accept' },
  {
    from: 'TestValidatePodSpec/populate all fields',
    verdict: 'accept',
    pod: {
      initContainers: [{ name: 'ictr', image: 'registry.example/init:1.0' }],
      volumes: [{ name: 'vol', emptyDir: {} }],
      nodeSelector: { key: 'value' },
      nodeName: 'foobar',
      activeDeadlineSeconds: 2147483647,
      serviceAccountName: 'acct',
    },
  },
  {
    from: 'TestValidatePodSpec/populate HostNetwork',
    verdict: 'accept',
    pod: { hostNetwork: true },
    container: { ports: [{ hostPort: 8080, containerPort: 8080, protocol: 'TCP' }] },
  },
  { from: 'TestValidatePodSpec/populate HostIPC', verdict: 'accept', pod: { hostIPC: true } },
  { from: 'TestValidatePodSpec/populate HostPID', verdict: 'accept', pod: { hostPID: true } },
  {
    from: 'TestValidatePodSpec/populate Affinity',
    verdict: 'accept',
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }],
                matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host1'] }],
              },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 10,
              preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
            },
          ],
        },
      },
    },
  },
  {
    from: 'TestValidatePodSpec/populate HostAliases',
    verdict: 'accept',
    pod: { hostAliases: [{ ip: '12.34.56.78', hostnames: ['host1', 'host2'] }] },
  },
  {
    from: 'TestValidatePodSpec/populate HostAliases with `foo.bar` hostnames',
    verdict: 'accept',
    pod: { hostAliases: [{ ip: '12.34.56.78', hostnames: ['host1.foo', 'host2.bar'] }] },
  },
  {
    from: 'TestValidatePodSpec/populate HostAliases with HostNetwork',
    verdict: 'accept',
    pod: {
      hostNetwork: true,
      hostAliases: [{ ip: '12.34.56.78', hostnames: ['host1.foo', 'host2.bar'] }],
    },
  },
  {
    from: 'TestValidatePodSpec/populate PriorityClassName',
    verdict: 'accept',
    pod: { priorityClassName: 'valid-name' },
  },
  {
    from: 'TestValidatePodSpec/populate ShareProcessNamespace',
    verdict: 'accept',
    pod: { shareProcessNamespace: true },
  },
  {
    from: 'TestValidatePodSpec/populate RuntimeClassName',
    verdict: 'accept',
    pod: { runtimeClassName: 'valid-sandbox' },
  },
  { from: 'TestValidatePodSpec/populate Overhead', verdict: 'accept', pod: { overhead: {} } },

  // TestValidatePodSpec: failure cases.
  {
    from: 'TestValidatePodSpec/bad DNS policy',
    verdict: 'reject',
    field: `${P}.dnsPolicy`,
    pod: { dnsPolicy: 'invalid' },
  },
  {
    from: 'TestValidatePodSpec/bad service account name',
    verdict: 'reject',
    field: `${P}.serviceAccountName`,
    pod: { serviceAccountName: 'invalidName' },
  },
  {
    // Upstream checks a Pod (ResourceIsPod); in a template a hostPort of 0 is allowed
    // (and defaulted to the containerPort).
    from: 'TestValidatePodSpec/with hostNetwork hostPort unspecified',
    verdict: 'accept',
    pod: { hostNetwork: true },
    container: { ports: [{ hostPort: 0, containerPort: 2600, protocol: 'TCP' }] },
  },
  {
    from: 'TestValidatePodSpec/with hostNetwork hostPort not equal to containerPort',
    verdict: 'reject',
    field: `${P}.containers[0].ports[0].hostPort`,
    pod: { hostNetwork: true },
    container: { ports: [{ hostPort: 8080, containerPort: 2600, protocol: 'TCP' }] },
  },
  {
    from: 'TestValidatePodSpec/with hostAliases with invalid IP',
    verdict: 'reject',
    field: `${P}.hostAliases[0].ip`,
    pod: {
      hostNetwork: false,
      hostAliases: [{ ip: '999.999.999.999', hostnames: ['host1', 'host2'] }],
    },
  },
  {
    from: 'TestValidatePodSpec/with hostAliases with invalid hostname',
    verdict: 'reject',
    field: `${P}.hostAliases[0].hostnames[0]`,
    pod: { hostNetwork: false, hostAliases: [{ ip: '12.34.56.78', hostnames: ['@#$^#@#$'] }] },
  },
  {
    from: 'TestValidatePodSpec/bad-active-deadline-seconds',
    verdict: 'reject',
    field: `${P}.activeDeadlineSeconds`,
    pod: { activeDeadlineSeconds: 0 },
  },
  {
    from: 'TestValidatePodSpec/active-deadline-seconds-too-large',
    verdict: 'reject',
    field: `${P}.activeDeadlineSeconds`,
    pod: { activeDeadlineSeconds: 2147483648 },
  },
  {
    from: 'TestValidatePodSpec/bad nodeName',
    verdict: 'reject',
    field: `${P}.nodeName`,
    pod: { nodeName: 'node name' },
  },
  {
    from: 'TestValidatePodSpec/bad PriorityClassName',
    verdict: 'reject',
    field: `${P}.priorityClassName`,
    pod: { priorityClassName: 'InvalidName' },
  },
  {
    from: 'TestValidatePodSpec/ShareProcessNamespace and HostPID both set',
    verdict: 'reject',
    field: `${P}.shareProcessNamespace`,
    pod: { hostPID: true, shareProcessNamespace: true },
  },
  {
    from: 'TestValidatePodSpec/bad RuntimeClassName',
    verdict: 'reject',
    field: `${P}.runtimeClassName`,
    pod: { runtimeClassName: 'invalid/sandbox' },
  },

  // TestValidatePod: success cases of this area.
  {
    from: 'TestValidatePod/just about everything',
    verdict: 'accept',
    pod: { nodeSelector: { key: 'value' }, nodeName: 'foobar', serviceAccountName: 'acct' },
  },
  {
    from: 'TestValidatePod/serialized node affinity requirements, II',
    verdict: 'accept',
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [] } },
          ],
        },
      },
    },
  },
  {
    from: 'TestValidatePod/serialized pod affinity in affinity requirements in annotations',
    verdict: 'accept',
    pod: {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: {
                matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }],
              },
              topologyKey: 'zone',
              namespaces: ['ns'],
              namespaceSelector: {
                matchExpressions: [{ key: 'key', operator: 'In', values: ['value1', 'value2'] }],
              },
            },
          ],
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 10,
              podAffinityTerm: {
                labelSelector: {
                  matchExpressions: [
                    { key: 'key2', operator: 'NotIn', values: ['value1', 'value2'] },
                  ],
                },
                namespaces: ['ns'],
                topologyKey: 'region',
              },
            },
          ],
        },
      },
    },
  },
  {
    from: 'TestValidatePod/serialized pod anti affinity with different Label Operators in affinity requirements in annotations',
    verdict: 'accept',
    pod: {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchExpressions: [{ key: 'key2', operator: 'Exists' }] },
              topologyKey: 'zone',
              namespaces: ['ns'],
            },
          ],
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 10,
              podAffinityTerm: {
                labelSelector: { matchExpressions: [{ key: 'key2', operator: 'DoesNotExist' }] },
                namespaces: ['ns'],
                topologyKey: 'region',
              },
            },
          ],
        },
      },
    },
  },
  {
    from: 'TestValidatePod/empty operator is OK for toleration, empty operator means Equal',
    verdict: 'accept',
    pod: { tolerations: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }] },
  },
  {
    from: 'TestValidatePod/empty effect is OK for toleration, empty toleration effect means match all taint effects.',
    verdict: 'accept',
    pod: { tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }] },
  },
  {
    from: 'TestValidatePod/negative tolerationSeconds is OK for toleration.',
    verdict: 'accept',
    pod: {
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: -2,
        },
      ],
    },
  },
  ...VARIANTS.map(([, kind, soft]): UpstreamCase => ({
    from: `TestValidatePod/MatchLabelKeys/MismatchLabelKeys in ${soft ? 'preferred' : 'required'} ${kind === 'podAffinity' ? 'PodAffinity' : 'PodAntiAffinity'}`,
    verdict: 'accept',
    pod: podAffinity(kind, soft, {
      labelSelector: {
        matchExpressions: [
          notIn,
          { key: 'key2', operator: 'In', values: ['value1'] },
          { key: 'key3', operator: 'NotIn', values: ['value1'] },
        ],
      },
      topologyKey: 'k8s.io/zone',
      matchLabelKeys: ['key2'],
      mismatchLabelKeys: ['key3'],
    }),
  })),
  {
    from: 'TestValidatePod/LabelSelector can have the same key as MismatchLabelKeys',
    verdict: 'accept',
    pod: podAffinity('podAffinity', false, {
      labelSelector: {
        matchExpressions: [
          notIn,
          { key: 'key2', operator: 'In', values: ['value1'] },
          { key: 'key2', operator: 'NotIn', values: ['value1'] },
        ],
      },
      topologyKey: 'k8s.io/zone',
      mismatchLabelKeys: ['key2'],
    }),
  },

  // TestValidatePod: error cases of this area.
  {
    from: "TestValidatePod/invalid node selector requirement in node affinity, operator can't be null",
    verdict: 'reject',
    field: `${REQ}.matchExpressions[0].operator`,
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'key1' }] }],
          },
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid node selector requirement in node affinity, key is invalid',
    verdict: 'reject',
    field: `${REQ}.matchExpressions[0].key`,
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'invalid key ___@#', operator: 'Exists' }] },
            ],
          },
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid node field selector requirement in node affinity, more values for field selector',
    verdict: 'reject',
    field: `${REQ}.matchFields[0].values`,
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host1', 'host2'] }],
              },
            ],
          },
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid node field selector requirement in node affinity, invalid operator',
    verdict: 'reject',
    field: `${REQ}.matchFields[0].operator`,
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }],
          },
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid node field selector requirement in node affinity, invalid key',
    verdict: 'reject',
    field: `${REQ}.matchFields[0].key`,
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['ns1'] }] },
            ],
          },
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid preferredSchedulingTerm in node affinity, weight should be in range 1-100',
    verdict: 'reject',
    field: `${NA}.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
    pod: {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 199,
              preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
            },
          ],
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid requiredDuringSchedulingIgnoredDuringExecution node selector, nodeSelectorTerms must have at least one term',
    verdict: 'reject',
    field: `${NA}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
    pod: {
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid weight in preferredDuringSchedulingIgnoredDuringExecution in pod affinity annotations, weight should be in range 1-100',
    verdict: 'reject',
    field: `${P}.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
    pod: {
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 109,
              podAffinityTerm: {
                labelSelector: {
                  matchExpressions: [
                    { key: 'key2', operator: 'NotIn', values: ['value1', 'value2'] },
                  ],
                },
                namespaces: ['ns'],
                topologyKey: 'region',
              },
            },
          ],
        },
      },
    },
  },
  {
    from: 'TestValidatePod/invalid labelSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity annotations, values should be empty if the operator is Exists',
    verdict: 'reject',
    field: `${termPath('podAntiAffinity', true)}.labelSelector.matchExpressions[0].values`,
    pod: podAffinity('podAntiAffinity', true, {
      labelSelector: {
        matchExpressions: [{ key: 'key2', operator: 'Exists', values: ['value1', 'value2'] }],
      },
      namespaces: ['ns'],
      topologyKey: 'region',
    }),
  },
  {
    from: 'TestValidatePod/invalid namespaceSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity, In operator must include Values',
    verdict: 'reject',
    field: `${termPath('podAntiAffinity', true)}.namespaceSelector.matchExpressions[0].values`,
    pod: podAffinity('podAntiAffinity', true, {
      namespaceSelector: { matchExpressions: [{ key: 'key2', operator: 'In' }] },
      namespaces: ['ns'],
      topologyKey: 'region',
    }),
  },
  {
    from: 'TestValidatePod/invalid namespaceSelector in preferredDuringSchedulingIgnoredDuringExecution in podaffinity, Exists operator can not have values',
    verdict: 'reject',
    field: `${termPath('podAntiAffinity', true)}.namespaceSelector.matchExpressions[0].values`,
    pod: podAffinity('podAntiAffinity', true, {
      namespaceSelector: {
        matchExpressions: [{ key: 'key2', operator: 'Exists', values: ['value1', 'value2'] }],
      },
      namespaces: ['ns'],
      topologyKey: 'region',
    }),
  },
  {
    from: 'TestValidatePod/invalid name space in preferredDuringSchedulingIgnoredDuringExecution in podaffinity annotations, namespace should be valid',
    verdict: 'reject',
    field: `${termPath('podAffinity', true)}.namespaces[0]`,
    pod: podAffinity('podAffinity', true, {
      labelSelector: { matchExpressions: [{ key: 'key2', operator: 'Exists' }] },
      namespaces: ['INVALID_NAMESPACE'],
      topologyKey: 'region',
    }),
  },
  ...everyVariant(
    (v) => `invalid ${v}, empty topologyKey is not allowed for ${v}`,
    {
      labelSelector: {
        matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }],
      },
      namespaces: ['ns'],
    },
    (p) => `${p}.topologyKey`,
  ),
  ...everyVariant(
    (v) => `invalid ${v}, key in MatchLabelKeys isn't correctly defined`,
    {
      labelSelector: { matchExpressions: [notIn] },
      topologyKey: 'k8s.io/zone',
      matchLabelKeys: ['/simple'],
    },
    (p) => `${p}.matchLabelKeys[0]`,
  ),
  ...everyVariant(
    (v) => `invalid ${v}, key in MismatchLabelKeys isn't correctly defined`,
    {
      labelSelector: { matchExpressions: [notIn] },
      topologyKey: 'k8s.io/zone',
      mismatchLabelKeys: ['/simple'],
    },
    (p) => `${p}.mismatchLabelKeys[0]`,
  ),
  ...everyVariant(
    (v) => `invalid ${v}, key exists in both matchLabelKeys and labelSelector`,
    {
      labelSelector: {
        matchExpressions: [
          { key: 'key', operator: 'In', values: ['value1'] },
          { key: 'key', operator: 'NotIn', values: ['value2'] },
        ],
      },
      topologyKey: 'k8s.io/zone',
      matchLabelKeys: ['key'],
    },
    (p) => `${p}.matchLabelKeys[0]`,
    { podMetadata: { labels: { key: 'value1' } } },
  ),
  ...everyVariant(
    (v) => `invalid ${v}, key exists in both MatchLabelKeys and MismatchLabelKeys`,
    {
      labelSelector: { matchExpressions: [notIn] },
      topologyKey: 'k8s.io/zone',
      matchLabelKeys: ['samekey'],
      mismatchLabelKeys: ['samekey'],
    },
    (p) => `${p}.matchLabelKeys[0]`,
  ),
  {
    from: 'TestValidatePod/invalid toleration key',
    verdict: 'reject',
    field: `${P}.tolerations[0].key`,
    pod: {
      tolerations: [
        { key: 'nospecialchars^=@', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      ],
    },
  },
  {
    from: 'TestValidatePod/invalid toleration operator',
    verdict: 'reject',
    field: `${P}.tolerations[0].operator`,
    pod: { tolerations: [{ key: 'foo', operator: 'In', value: 'bar', effect: 'NoSchedule' }] },
  },
  {
    from: "TestValidatePod/value must be empty when `operator` is 'Exists'",
    verdict: 'reject',
    field: `${P}.tolerations[0].value`,
    pod: { tolerations: [{ key: 'foo', operator: 'Exists', value: 'bar', effect: 'NoSchedule' }] },
  },
  {
    from: "TestValidatePod/operator must be 'Exists' when `key` is empty",
    verdict: 'reject',
    field: `${P}.tolerations[0].operator`,
    pod: { tolerations: [{ operator: 'Equal', value: 'bar', effect: 'NoSchedule' }] },
  },
  {
    from: "TestValidatePod/effect must be 'NoExecute' when `TolerationSeconds` is set",
    verdict: 'reject',
    field: `${P}.tolerations[0].effect`,
    pod: {
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoSchedule',
          tolerationSeconds: 20,
        },
      ],
    },
  },
  {
    from: 'TestValidatePod/invalid required node affinity, value of NodeSelectorRequirement should be a valid label value',
    verdict: 'reject',
    field: `${REQ}.matchExpressions[0].values[0]`,
    pod: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'foo', operator: 'In', values: ['-1'] }] },
            ],
          },
        },
      },
    },
  },

  // TestValidatePodCreateWithSchedulingGates: a Pod check, so for a Job its pods are refused.
  {
    from: 'TestValidatePodCreateWithSchedulingGates/create a Pod with nodeName and schedulingGates, feature enabled',
    verdict: 'reject',
    family: 2,
    field: `${P}.nodeName`,
    pod: { nodeName: 'node', schedulingGates: [{ name: 'foo' }] },
  },
  {
    from: 'TestValidatePodCreateWithSchedulingGates/create a Pod with schedulingGates, feature enabled',
    verdict: 'accept',
    pod: { schedulingGates: [{ name: 'foo' }] },
  },

  // TestValidateDNSPolicy.
  ...['ClusterFirst', 'Default', 'ClusterFirstWithHostNet'].map((policy): UpstreamCase => ({
    from: `TestValidateDNSPolicy/${policy}`,
    verdict: 'accept',
    pod: { dnsPolicy: policy },
  })),
  {
    from: 'TestValidateDNSPolicy/None',
    verdict: 'accept',
    pod: { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.10'] } },
  },
  {
    from: 'TestValidateDNSPolicy/invalid',
    verdict: 'reject',
    field: `${P}.dnsPolicy`,
    pod: { dnsPolicy: 'invalid' },
  },
  {
    // Rejected by validateDNSPolicy, but the API server defaults "" to ClusterFirst first.
    from: 'TestValidateDNSPolicy/"" (defaulted to ClusterFirst on create)',
    verdict: 'accept',
    pod: { dnsPolicy: '' },
  },

  // TestValidatePodDNSConfig.
  {
    from: 'TestValidatePodDNSConfig/valid: empty DNSConfig',
    verdict: 'accept',
    pod: { dnsConfig: {} },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 1 option',
    verdict: 'accept',
    pod: { dnsConfig: { options: [{ name: 'ndots', value: '2' }] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 1 nameserver',
    verdict: 'accept',
    pod: { dnsConfig: { nameservers: ['127.0.0.1'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: DNSNone with 1 nameserver',
    verdict: 'accept',
    pod: { dnsPolicy: 'None', dnsConfig: { nameservers: ['127.0.0.1'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 1 search path',
    verdict: 'accept',
    pod: { dnsConfig: { searches: ['custom'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 1 search path with trailing period',
    verdict: 'accept',
    pod: { dnsConfig: { searches: ['custom.'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 3 nameservers and 6 search paths(legacy)',
    verdict: 'accept',
    pod: {
      dnsConfig: {
        nameservers: ['127.0.0.1', '10.0.0.10', '8.8.8.8'],
        searches: thirtyTwo.slice(0, 6),
      },
    },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 3 nameservers and 32 search paths',
    verdict: 'accept',
    pod: { dnsConfig: { nameservers: ['127.0.0.1', '10.0.0.10', '8.8.8.8'], searches: thirtyTwo } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 256 characters in search path list(legacy)',
    verdict: 'accept',
    pod: { dnsConfig: { searches: [search(1), ...Array(5).fill(search(50))] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 2048 characters in search path list',
    verdict: 'accept',
    pod: { dnsConfig: { searches: [search(64), ...Array(31).fill(search(63))] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: ipv6 nameserver',
    verdict: 'accept',
    pod: { dnsConfig: { nameservers: ['FE80::0202:B3FF:FE1E:8329'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid: 4 nameservers',
    verdict: 'reject',
    field: `${P}.dnsConfig.nameservers`,
    pod: { dnsConfig: { nameservers: ['127.0.0.1', '10.0.0.10', '8.8.8.8', '1.2.3.4'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 7 search paths',
    verdict: 'accept',
    pod: {
      dnsConfig: { searches: [...thirtyTwo.slice(0, 5), 'default.svc.cluster.local', 'exceeded'] },
    },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid: 33 search paths',
    verdict: 'reject',
    field: `${P}.dnsConfig.searches`,
    pod: { dnsConfig: { searches: [...thirtyTwo, '33'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/valid: 257 characters in search path list',
    verdict: 'accept',
    pod: { dnsConfig: { searches: [search(2), ...Array(5).fill(search(50))] } },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid: 2049 characters in search path list',
    verdict: 'reject',
    field: `${P}.dnsConfig.searches`,
    pod: { dnsConfig: { searches: [search(65), ...Array(31).fill(search(63))] } },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid search path',
    verdict: 'reject',
    field: `${P}.dnsConfig.searches[0]`,
    pod: { dnsConfig: { searches: ['custom?'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid nameserver',
    verdict: 'reject',
    field: `${P}.dnsConfig.nameservers[0]`,
    pod: { dnsConfig: { nameservers: ['invalid'] } },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid empty option name',
    verdict: 'reject',
    field: `${P}.dnsConfig.options[0].name`,
    pod: { dnsConfig: { options: [{ value: '2' }] } },
  },
  {
    from: 'TestValidatePodDNSConfig/invalid: DNSNone with 0 nameserver',
    verdict: 'reject',
    field: `${P}.dnsConfig.nameservers`,
    pod: { dnsPolicy: 'None', dnsConfig: { searches: ['custom'] } },
  },

  // TestValidatePodReadinessGates.
  { from: 'TestValidatePodReadinessGates/no gate', verdict: 'accept', pod: { readinessGates: [] } },
  {
    from: 'TestValidatePodReadinessGates/one readiness gate',
    verdict: 'accept',
    pod: { readinessGates: [{ conditionType: 'example.com/condition' }] },
  },
  {
    from: 'TestValidatePodReadinessGates/two readiness gates',
    verdict: 'accept',
    pod: {
      readinessGates: [
        { conditionType: 'example.com/condition1' },
        { conditionType: 'example.com/condition2' },
      ],
    },
  },
  {
    from: 'TestValidatePodReadinessGates/invalid condition type',
    verdict: 'reject',
    field: `${P}.readinessGates[0].conditionType`,
    pod: { readinessGates: [{ conditionType: 'invalid/condition/type' }] },
  },

  // TestValidateTopologySpreadConstraints.
  ...(
    [
      ['all required fields ok', 'accept', undefined, [tsc({ minDomains: 3 })]],
      ['missing MaxSkew', 'reject', '[0].maxSkew', [tsc({ maxSkew: '$delete' })]],
      ['negative MaxSkew', 'reject', '[0].maxSkew', [tsc({ maxSkew: -1 })]],
      [
        'can use MinDomains with ScheduleAnyway, when MinDomains = nil',
        'accept',
        undefined,
        [tsc({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: null })],
      ],
      ['negative minDomains is invalid', 'reject', '[0].minDomains', [tsc({ minDomains: -1 })]],
      [
        'cannot use non-nil MinDomains with ScheduleAnyway',
        'reject',
        '[0].minDomains',
        [tsc({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 10 })],
      ],
      [
        'use negative MinDomains with ScheduleAnyway(invalid)',
        'reject',
        '[0].minDomains',
        [tsc({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: -1 })],
      ],
      ['missing TopologyKey', 'reject', '[0].topologyKey', [tsc({ topologyKey: '$delete' })]],
      [
        'missing scheduling mode',
        'reject',
        '[0].whenUnsatisfiable',
        [tsc({ whenUnsatisfiable: '$delete' })],
      ],
      [
        'unsupported scheduling mode',
        'reject',
        '[0].whenUnsatisfiable',
        [tsc({ whenUnsatisfiable: 'N/A' })],
      ],
      [
        'multiple constraints ok with all required fields',
        'accept',
        undefined,
        [
          tsc({}),
          tsc({ maxSkew: 2, topologyKey: 'k8s.io/node', whenUnsatisfiable: 'ScheduleAnyway' }),
        ],
      ],
      [
        'multiple constraints missing TopologyKey on partial ones',
        'reject',
        '[0].topologyKey',
        [tsc({ topologyKey: '$delete', whenUnsatisfiable: 'ScheduleAnyway' }), tsc({ maxSkew: 2 })],
      ],
      // Upstream names the first of the pair; the report names the second.
      ['duplicate constraints', 'reject', '', [tsc({}), tsc({ maxSkew: 2 })]],
      [
        'supported policy name set on NodeAffinityPolicy and NodeTaintsPolicy',
        'accept',
        undefined,
        [tsc({ nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' })],
      ],
      [
        'unsupported policy name set on NodeAffinityPolicy',
        'reject',
        '[0].nodeAffinityPolicy',
        [tsc({ nodeAffinityPolicy: 'Unknown', nodeTaintsPolicy: 'Ignore' })],
      ],
      [
        'unsupported policy name set on NodeTaintsPolicy',
        'reject',
        '[0].nodeTaintsPolicy',
        [tsc({ nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Unknown' })],
      ],
      [
        "key in MatchLabelKeys isn't correctly defined",
        'reject',
        '[0].matchLabelKeys[0]',
        [tsc({ labelSelector: {}, matchLabelKeys: ['/simple'] })],
      ],
      [
        'key in MatchLabelKeys is forbidden to be specified when labelSelector is not set',
        'reject',
        '[0].matchLabelKeys',
        [tsc({ matchLabelKeys: ['foo'] })],
      ],
      [
        'invalid matchLabels set on labelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false',
        'reject',
        '[0].labelSelector.matchLabels',
        [
          tsc({
            labelSelector: { matchLabels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'foo' } },
          }),
        ],
      ],
      [
        'valid matchLabels set on labelSelector when AllowInvalidTopologySpreadConstraintLabelSelector is false',
        'accept',
        undefined,
        [tsc({ labelSelector: { matchLabels: { foo: 'foo' } } })],
      ],
    ] as const
  ).map(([name, verdict, at, constraints]): UpstreamCase => ({
    from: `TestValidateTopologySpreadConstraints/${name}`,
    verdict,
    ...(at === undefined ? {} : { field: `${P}.topologySpreadConstraints${at}` }),
    pod: { topologySpreadConstraints: constraints },
  })),
  {
    // The API server merges matchLabelKeys into the selector itself from 1.33
    // (MatchLabelKeysInPodTopologySpreadSelectorMerge); this is the check before.
    from: 'TestValidateTopologySpreadConstraints/key exists in both matchLabelKeys and labelSelector',
    verdict: 'reject',
    targetVersion: '1.32',
    field: `${P}.topologySpreadConstraints[0].matchLabelKeys[0]`,
    pod: {
      topologySpreadConstraints: [
        tsc({
          matchLabelKeys: ['foo'],
          labelSelector: {
            matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['value1', 'value2'] }],
          },
        }),
      ],
    },
  },

  // TestValidateHostUsers (user namespaces are on by default from 1.33).
  { from: 'TestValidateHostUsers/hostUsers=false', verdict: 'accept', pod: { hostUsers: false } },
  { from: 'TestValidateHostUsers/hostUsers=true', verdict: 'accept', pod: { hostUsers: true } },
  {
    from: 'TestValidateHostUsers/hostUsers=false & volumes',
    verdict: 'accept',
    pod: {
      hostUsers: false,
      volumes: [
        { name: 'configmap', configMap: { name: 'configmap' } },
        { name: 'secret', secret: { secretName: 'secret' } },
        { name: 'empty-dir', emptyDir: {} },
      ],
    },
  },
  {
    from: 'TestValidateHostUsers/hostUsers=false & HostNetwork',
    verdict: 'reject',
    field: `${P}.hostNetwork`,
    pod: { hostUsers: false, hostNetwork: true },
  },
  {
    from: 'TestValidateHostUsers/hostUsers=false & HostPID',
    verdict: 'reject',
    field: `${P}.hostPID`,
    pod: { hostUsers: false, hostPID: true },
  },
  {
    from: 'TestValidateHostUsers/hostUsers=false & HostIPC',
    verdict: 'reject',
    field: `${P}.hostIPC`,
    pod: { hostUsers: false, hostIPC: true },
  },
];
