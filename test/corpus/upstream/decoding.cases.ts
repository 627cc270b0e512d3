/**
 * Decoding: what the API server's JSON decoder (sigs.k8s.io/json into k8s.io/api/batch/v1,
 * with apimachinery's intstr.IntOrString, resource.Quantity and metav1.Time unmarshallers)
 * refuses or takes, and which apiVersions it serves. The verdicts follow from the Go field
 * types of the official OpenAPI definitions (src/validation/types/table.ts) and those
 * unmarshallers; `from` names the decode behaviour.
 */
import { UpstreamCase } from './case';
import { baseJob } from './build';

const P = 'spec.template.spec';
const C = `${P}.containers[0]`;

/** The base Job as a whole manifest, with other top-level fields. */
function whole(top: object): object {
  return { ...baseJob(), ...top };
}

/** A CronJob around the base Job's spec, with other top-level fields. */
function cronJob(top: object): object {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'corpus', namespace: 'default' },
    spec: { schedule: '0 * * * *', jobTemplate: { spec: baseJob().spec } },
    ...top,
  };
}

function withoutApiVersion(): object {
  const job = baseJob();
  delete job.apiVersion;
  return job;
}

const reject = (from: string, field: string, patch: Partial<UpstreamCase>): UpstreamCase => ({
  from: `decode/${from}`,
  verdict: 'reject',
  field,
  ...patch,
});

const accept = (from: string, patch: Partial<UpstreamCase>): UpstreamCase => ({
  from: `decode/${from}`,
  verdict: 'accept',
  ...patch,
});

export const cases: UpstreamCase[] = [
  // []string fields take only a JSON array of strings.
  reject('command written as one string', `${C}.command`, {
    container: { command: 'python main.py' },
  }),
  reject('args written as a map', `${C}.args`, { container: { args: { a: 1 } } }),
  reject('args element a number', `${C}.args[1]`, { container: { args: ['--epochs', 3] } }),
  reject('capabilities.drop written as one string', `${C}.securityContext.capabilities.drop`, {
    container: { securityContext: { capabilities: { drop: 'ALL' } } },
  }),
  reject('hostAliases hostnames written as one string', `${P}.hostAliases[0].hostnames`, {
    pod: { hostAliases: [{ ip: '10.0.0.1', hostnames: 'db.internal' }] },
  }),
  // Lists of objects take only objects.
  reject('tolerations element a string', `${P}.tolerations[0]`, { pod: { tolerations: ['x'] } }),
  reject('imagePullSecrets element a string', `${P}.imagePullSecrets[0]`, {
    pod: { imagePullSecrets: ['regcred'] },
  }),
  reject('containers written as a map', `${P}.containers`, {
    pod: { containers: { name: 'main', image: 'registry.example/app:1.0' } },
  }),
  reject('volumes written as a map', `${P}.volumes`, {
    pod: { volumes: { data: { emptyDir: {} } } },
  }),
  // map[string]string takes only string values.
  reject('nodeSelector value a number', `${P}.nodeSelector.a`, { pod: { nodeSelector: { a: 1 } } }),
  reject('label value a number', 'metadata.labels.tier', { metadata: { labels: { tier: 1 } } }),
  reject('annotation value a boolean', 'metadata.annotations.example.com/enabled', {
    metadata: { annotations: { 'example.com/enabled': true } },
  }),
  reject(
    'matchLabels value a number',
    `${P}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels.app`,
    {
      pod: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 1 } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      },
    },
  ),
  // string fields take only strings.
  reject('env value a YAML boolean', `${C}.env[0].value`, {
    container: { env: [{ name: 'ENABLED', value: true }] },
  }),
  reject('env value a number', `${C}.env[0].value`, {
    container: { env: [{ name: 'PORT', value: 8080 }] },
  }),
  reject('container name a number', `${C}.name`, { container: { name: 5 } }),
  reject('metadata written as a string', 'metadata', {
    manifest: whole({ metadata: 'corpus' }),
  }),
  // int32 and int64 fields take integral JSON numbers in range.
  reject('successfulJobsHistoryLimit above int32', 'spec.successfulJobsHistoryLimit', {
    kind: 'CronJob',
    cronJob: { successfulJobsHistoryLimit: 2147483648 },
  }),
  reject('failedJobsHistoryLimit above int32', 'spec.failedJobsHistoryLimit', {
    kind: 'CronJob',
    cronJob: { failedJobsHistoryLimit: 4294967296 },
  }),
  reject('startingDeadlineSeconds as a string', 'spec.startingDeadlineSeconds', {
    kind: 'CronJob',
    cronJob: { startingDeadlineSeconds: '200' },
  }),
  reject('backoffLimit as a string', 'spec.backoffLimit', { job: { backoffLimit: '3' } }),
  reject('completions a fractional number', 'spec.completions', { job: { completions: 1.5 } }),
  reject('parallelism above int32', 'spec.parallelism', { job: { parallelism: 3000000000 } }),
  reject('activeDeadlineSeconds as a duration', 'spec.activeDeadlineSeconds', {
    job: { activeDeadlineSeconds: '1h' },
  }),
  reject('ttlSecondsAfterFinished as a string', 'spec.ttlSecondsAfterFinished', {
    job: { ttlSecondsAfterFinished: '3600' },
  }),
  reject('containerPort as a string', `${C}.ports[0].containerPort`, {
    container: { ports: [{ containerPort: '8080' }] },
  }),
  reject('terminationGracePeriodSeconds as a string', `${P}.terminationGracePeriodSeconds`, {
    pod: { terminationGracePeriodSeconds: '30' },
  }),
  reject('runAsUser a fractional number', `${P}.securityContext.runAsUser`, {
    pod: { securityContext: { runAsUser: 1000.5 } },
  }),
  reject('onExitCodes values as strings', 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]', {
    job: {
      podFailurePolicy: {
        rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: ['42'] } }],
      },
    },
  }),
  // bool fields take only true or false.
  reject('suspend as a string', 'spec.suspend', { job: { suspend: 'true' } }),
  reject('runAsNonRoot as a string', `${C}.securityContext.runAsNonRoot`, {
    container: { securityContext: { runAsNonRoot: 'true', runAsUser: 1000 } },
  }),
  reject('CronJob suspend as a string', 'spec.suspend', {
    kind: 'CronJob',
    cronJob: { suspend: 'false' },
  }),
  // resource.Quantity takes a string or a number, nothing else.
  reject('resource limit a boolean', `${C}.resources.limits.cpu`, {
    container: { resources: { limits: { cpu: true } } },
  }),
  reject('emptyDir sizeLimit a map', `${P}.volumes[0].emptyDir.sizeLimit`, {
    pod: { volumes: [{ name: 'scratch', emptyDir: { sizeLimit: { size: '1Gi' } } }] },
  }),
  // intstr.IntOrString takes an int32 or a string.
  reject('httpGet port a boolean', `${C}.livenessProbe.httpGet.port`, {
    container: { livenessProbe: { httpGet: { path: '/healthz', port: true } } },
  }),
  reject('tcpSocket port a fractional number', `${C}.readinessProbe.tcpSocket.port`, {
    container: { readinessProbe: { tcpSocket: { port: 80.5 } } },
  }),
  // metav1.Time takes an RFC 3339 string or null.
  reject('creationTimestamp a date without a time', 'metadata.creationTimestamp', {
    metadata: { creationTimestamp: '2024-05-01' },
  }),
  reject('creationTimestamp a number', 'metadata.creationTimestamp', {
    metadata: { creationTimestamp: 1714564800 },
  }),
  // Served versions: Job and CronJob are batch/v1 only.
  reject('CronJob of batch/v1beta1', 'apiVersion', {
    manifest: cronJob({ apiVersion: 'batch/v1beta1' }),
  }),
  reject('CronJob of batch/v2alpha1', 'apiVersion', {
    manifest: cronJob({ apiVersion: 'batch/v2alpha1' }),
  }),
  reject('Job of batch/v1beta1', 'apiVersion', {
    manifest: whole({ apiVersion: 'batch/v1beta1' }),
  }),
  reject('missing apiVersion', 'apiVersion', { manifest: withoutApiVersion() }),

  accept('CPU and GPU quantities as numbers', {
    container: {
      resources: {
        limits: { cpu: 2, memory: '4Gi', 'nvidia.com/gpu': 1 },
        requests: { cpu: 0.5, memory: '2Gi', 'nvidia.com/gpu': 1 },
      },
    },
  }),
  accept('emptyDir sizeLimit and divisor as numbers', {
    pod: { volumes: [{ name: 'scratch', emptyDir: { sizeLimit: 1073741824 } }] },
    container: {
      volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
      env: [
        {
          name: 'MEM_LIMIT',
          valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: 1 } },
        },
      ],
    },
  }),
  accept('probe ports by name and by number', {
    container: {
      ports: [{ name: 'http', containerPort: 8080 }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      readinessProbe: { tcpSocket: { port: 8080 } },
    },
  }),
  accept('creationTimestamp null, as kubectl and cdk8s write it', {
    metadata: { creationTimestamp: null },
    podMetadata: { creationTimestamp: null },
  }),
  accept('creationTimestamp an RFC 3339 time', {
    metadata: { creationTimestamp: '2024-05-01T12:00:00Z' },
  }),
  accept('null optional fields', {
    job: { completions: null, parallelism: null, activeDeadlineSeconds: null },
    container: { command: null, args: null, env: null },
    pod: { nodeSelector: null, tolerations: null },
  }),
  accept('quoted numbers where strings are expected', {
    metadata: { labels: { version: '1.10', build: '42' } },
    container: { env: [{ name: 'PORT', value: '8080' }] },
  }),
  accept('empty lists and maps', {
    container: { args: [], env: [] },
    pod: { nodeSelector: {}, tolerations: [], volumes: [] },
  }),
  accept('an int64 deadline beyond int32', { job: { activeDeadlineSeconds: 4294967296 } }),
  accept('booleans as booleans', {
    job: { suspend: false },
    pod: { automountServiceAccountToken: false, enableServiceLinks: false },
  }),
  accept('history limits at the int32 edge', {
    kind: 'CronJob',
    cronJob: { successfulJobsHistoryLimit: 2147483647, failedJobsHistoryLimit: 0 },
  }),
  accept('CronJob of batch/v1 with quoted and flow-style fields', {
    kind: 'CronJob',
    cronJob: { suspend: true, startingDeadlineSeconds: 300 },
    container: { command: ['sh', '-c', 'echo "$(date)"'] },
  }),
];
