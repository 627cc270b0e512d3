/**
 * One broken pod spec per pod-spec and scheduling rule, for the catalogue test in
 * rules.test.ts: `pod` is merged into a clean Job's pod spec.
 */
import { ValidationOptions } from '../../src';

export interface PodSpecRuleCase {
  readonly name: string;
  readonly pod: Record<string, unknown>;
  readonly rule: string;
  readonly field: string;
  readonly options?: ValidationOptions;
}

const P = 'spec.template.spec';

export const podSpecRuleCases: PodSpecRuleCase[] = [
  {
    name: 'hostname with a dot',
    pod: { hostname: 'a.b' },
    rule: 'pod-names',
    field: `${P}.hostname`,
  },
  {
    name: 'pod activeDeadlineSeconds 0',
    pod: { activeDeadlineSeconds: 0 },
    rule: 'pod-active-deadline',
    field: `${P}.activeDeadlineSeconds`,
  },
  {
    name: 'readiness gate with two slashes',
    pod: { readinessGates: [{ conditionType: 'a/b/c' }] },
    rule: 'pod-readiness-gates',
    field: `${P}.readinessGates[0].conditionType`,
  },
  {
    name: 'unknown preemptionPolicy',
    pod: { preemptionPolicy: 'Sometimes' },
    rule: 'pod-preemption-policy',
    field: `${P}.preemptionPolicy`,
  },
  {
    name: 'explicit priority',
    pod: { priority: 1000 },
    rule: 'pod-priority',
    field: `${P}.priority`,
  },
  {
    name: 'overhead with an unknown resource',
    pod: { runtimeClassName: 'kata', overhead: { gpu: '1' } },
    rule: 'pod-overhead',
    field: `${P}.overhead.gpu`,
  },
  {
    name: 'overhead without runtimeClassName',
    pod: { overhead: { cpu: '250m' } },
    rule: 'pod-overhead-runtime-class',
    field: `${P}.overhead`,
  },
  {
    name: 'ephemeral container in a template',
    pod: { ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }] },
    rule: 'pod-ephemeral-containers',
    field: `${P}.ephemeralContainers`,
  },
  {
    name: 'hostUsers false with hostPID',
    pod: { hostUsers: false, hostPID: true },
    rule: 'pod-host-namespaces',
    field: `${P}.hostPID`,
  },
  { name: 'os darwin', pod: { os: { name: 'darwin' } }, rule: 'pod-os', field: `${P}.os.name` },
  {
    name: 'toleration with an unknown effect',
    pod: { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoRun' }] },
    rule: 'pod-tolerations',
    field: `${P}.tolerations[0].effect`,
  },
  {
    name: 'duplicate scheduling gate',
    pod: { schedulingGates: [{ name: 'example.com/a' }, { name: 'example.com/a' }] },
    rule: 'pod-scheduling-gates',
    field: `${P}.schedulingGates[1].name`,
  },
  {
    name: 'nodeName with scheduling gates',
    pod: { nodeName: 'node-1', schedulingGates: [{ name: 'example.com/a' }] },
    rule: 'pod-scheduling-gates-node-name',
    field: `${P}.nodeName`,
  },
  {
    name: 'nodeSelector value with a space',
    pod: { nodeSelector: { disk: 'fast ssd' } },
    rule: 'pod-node-selector',
    field: `${P}.nodeSelector.disk`,
  },
  {
    name: 'node affinity without terms',
    pod: {
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      },
    },
    rule: 'pod-node-affinity',
    field: `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
  },
  {
    name: 'pod anti-affinity without topologyKey',
    pod: {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'x' } } },
          ],
        },
      },
    },
    rule: 'pod-affinity',
    field: `${P}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`,
  },
  {
    name: 'matchLabelKeys key also in the labelSelector',
    pod: {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: { matchLabels: { 'job-name': 'train' } },
              topologyKey: 'kubernetes.io/hostname',
              matchLabelKeys: ['job-name'],
            },
          ],
        },
      },
    },
    rule: 'pod-affinity-match-label-keys',
    field: `${P}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]`,
  },
  {
    name: 'topology spread with maxSkew 0',
    pod: {
      topologySpreadConstraints: [
        {
          maxSkew: 0,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
        },
      ],
    },
    rule: 'pod-topology-spread',
    field: `${P}.topologySpreadConstraints[0].maxSkew`,
  },
  {
    name: 'dnsPolicy Cluster',
    pod: { dnsPolicy: 'Cluster' },
    rule: 'pod-dns-policy',
    field: `${P}.dnsPolicy`,
  },
  {
    name: 'dnsPolicy None without dnsConfig',
    pod: { dnsPolicy: 'None' },
    rule: 'pod-dns-config',
    field: `${P}.dnsConfig`,
  },
  {
    name: 'host alias with a hostname for an IP',
    pod: { hostAliases: [{ ip: 'db.internal', hostnames: ['db'] }] },
    rule: 'pod-host-aliases',
    field: `${P}.hostAliases[0].ip`,
  },
];
