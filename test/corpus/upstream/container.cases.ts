/**
 * Containers, ports, probes, lifecycle, resize policy (pkg/apis/core/validation/validation_test.go
 * TestValidateContainers, TestValidateInitContainers, TestValidatePorts, TestValidateProbe,
 * Test_validateProbe, TestValidateHandler, TestValidatePullPolicy, TestValidateResizePolicy,
 * TestValidateEphemeralContainers), as Jobs. Upstream tests call the validators on internal
 * objects; a manifest is defaulted first, so a case whose only mistake the defaults fill in
 * (an empty httpGet path or scheme, port protocol, terminationMessagePolicy) is accepted here.
 */
import { UpstreamCase } from './case';

const P = 'spec.template.spec';
const C = `${P}.containers[0]`;
const I = `${P}.initContainers[0]`;
const tcp80 = { tcpSocket: { port: 80 } };
const img = 'registry.example/app:1.0';

/** An init container named init (the base Job's regular container is named main). */
function init(extra: object): object {
  return { pod: { initContainers: [{ name: 'init', image: img, ...extra }] } };
}
const sidecar = (extra: object) => init({ restartPolicy: 'Always', ...extra });

const containers: UpstreamCase[] = [
  {
    from: 'TestValidateContainers/success: name 123',
    verdict: 'accept',
    container: { name: '123' },
  },
  {
    from: 'TestValidateContainers/success: name abc-123',
    verdict: 'accept',
    container: { name: 'abc-123' },
  },
  {
    from: 'TestValidateContainers/success: image " some  " (templates are not checked; validateContainerOnlyForPod refuses the pods)',
    verdict: 'reject',
    family: 2,
    field: `${C}.image`,
    container: { image: ' some  ' },
  },
  {
    from: 'TestValidateContainers/success: image " " (templates are not checked; the pods are refused)',
    verdict: 'reject',
    family: 2,
    field: `${C}.image`,
    container: { image: ' ' },
  },
  {
    from: 'TestValidateEphemeralContainers/whitespace padded image name (a Job is accepted, its pods refused)',
    verdict: 'reject',
    family: 2,
    field: `${C}.image`,
    container: { image: ' image' },
  },
  {
    from: 'distribution/reference TestReferenceParse/uppercase repository (kubelet InvalidImageName)',
    verdict: 'reject',
    family: 2,
    field: `${C}.image`,
    container: { image: 'ghcr.io/Acme/App:1.0' },
  },
  {
    from: 'distribution/reference TestReferenceParse/empty tag (kubelet InvalidImageName)',
    verdict: 'reject',
    family: 2,
    field: `${C}.image`,
    container: { image: 'registry.example/app:' },
  },
  {
    from: 'distribution/reference TestReferenceParse/registry with port and digest',
    verdict: 'accept',
    container: { image: `localhost:5000/team/app@sha256:${'0'.repeat(64)}` },
  },
  {
    from: 'TestValidateContainers/success: life-123 preStop exec',
    verdict: 'accept',
    container: { lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } },
  },
  {
    from: 'TestValidateContainers/success: resources-resize-policy (pod restartPolicy OnFailure)',
    verdict: 'accept',
    pod: { restartPolicy: 'OnFailure' },
    container: {
      resizePolicy: [
        { resourceName: 'cpu', restartPolicy: 'NotRequired' },
        { resourceName: 'memory', restartPolicy: 'RestartContainer' },
      ],
    },
  },
  {
    from: 'TestValidateContainers/success: same-host-port-different-protocol',
    verdict: 'accept',
    container: {
      ports: [
        { containerPort: 80, hostPort: 80, protocol: 'TCP' },
        { containerPort: 80, hostPort: 80, protocol: 'UDP' },
      ],
    },
  },
  {
    from: 'TestValidateContainers/success: fallback-to-logs-termination-message',
    verdict: 'accept',
    container: { terminationMessagePolicy: 'FallbackToLogsOnError' },
  },
  {
    from: 'TestValidateContainers/success: file-termination-message',
    verdict: 'accept',
    container: { terminationMessagePolicy: 'File' },
  },
  {
    from: 'TestValidateContainers/success: live-123 tcpSocket liveness probe',
    verdict: 'accept',
    container: { livenessProbe: { ...tcp80, successThreshold: 1 } },
  },
  {
    from: 'TestValidateContainers/success: startup-123 tcpSocket startup probe',
    verdict: 'accept',
    container: { startupProbe: { ...tcp80, successThreshold: 1 } },
  },
  {
    from: 'TestValidateContainers/success: resize-policy-mem (pod restartPolicy OnFailure)',
    verdict: 'accept',
    pod: { restartPolicy: 'OnFailure' },
    container: { resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] },
  },
  {
    from: 'TestValidateContainers/zero-length name',
    verdict: 'reject',
    field: `${C}.name`,
    container: { name: '' },
  },
  {
    from: 'TestValidateContainers/zero-length-image',
    verdict: 'reject',
    field: `${C}.image`,
    container: { image: '' },
  },
  {
    from: 'TestValidateContainers/name > 63 characters',
    verdict: 'reject',
    field: `${C}.name`,
    container: { name: 'a'.repeat(64) },
  },
  {
    from: 'TestValidateContainers/name not a DNS label',
    verdict: 'reject',
    field: `${C}.name`,
    container: { name: 'a.b.c' },
  },
  {
    from: 'TestValidateContainers/name not unique',
    verdict: 'reject',
    field: `${P}.containers[1].name`,
    pod: {
      containers: [
        { name: 'abc', image: img },
        { name: 'abc', image: img },
      ],
    },
  },
  {
    from: 'TestValidateContainers/host port not unique',
    verdict: 'reject',
    field: `${P}.containers[1].ports[0].hostPort`,
    pod: {
      containers: [
        { name: 'abc', image: img, ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] },
        { name: 'def', image: img, ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] },
      ],
    },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, no exec command.',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop.exec.command`,
    container: { lifecycle: { preStop: { exec: {} } } },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, no http path. (defaulted to "/")',
    verdict: 'accept',
    container: { lifecycle: { preStop: { httpGet: { port: 80, scheme: 'HTTP' } } } },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, no http port.',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop.httpGet.port`,
    container: { lifecycle: { preStop: { httpGet: { path: '/', scheme: 'HTTP' } } } },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, no http scheme. (defaulted to HTTP)',
    verdict: 'accept',
    container: { lifecycle: { preStop: { httpGet: { path: '/', port: 80 } } } },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, no tcp socket port.',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop.tcpSocket.port`,
    container: { lifecycle: { preStop: { tcpSocket: {} } } },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, zero tcp socket port.',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop.tcpSocket.port`,
    container: { lifecycle: { preStop: { tcpSocket: { port: 0 } } } },
  },
  {
    from: 'TestValidateContainers/invalid lifecycle, no action.',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop`,
    container: { lifecycle: { preStop: {} } },
  },
  {
    from: 'TestValidateContainers/invalid readiness probe, terminationGracePeriodSeconds set.',
    verdict: 'reject',
    field: `${C}.readinessProbe.terminationGracePeriodSeconds`,
    container: { readinessProbe: { ...tcp80, terminationGracePeriodSeconds: 10 } },
  },
  {
    from: 'TestValidateContainers/invalid liveness probe, no tcp socket port.',
    verdict: 'reject',
    field: `${C}.livenessProbe.tcpSocket.port`,
    container: { livenessProbe: { tcpSocket: {}, successThreshold: 1 } },
  },
  {
    from: 'TestValidateContainers/invalid liveness probe, no action.',
    verdict: 'reject',
    field: `${C}.livenessProbe`,
    container: { livenessProbe: { successThreshold: 1 } },
  },
  {
    from: 'TestValidateContainers/invalid liveness probe, successThreshold != 1',
    verdict: 'reject',
    field: `${C}.livenessProbe.successThreshold`,
    container: { livenessProbe: { ...tcp80, successThreshold: 2 } },
  },
  {
    from: 'TestValidateContainers/invalid startup probe, successThreshold != 1',
    verdict: 'reject',
    field: `${C}.startupProbe.successThreshold`,
    container: { startupProbe: { ...tcp80, successThreshold: 2 } },
  },
  ...(['livenessProbe', 'readinessProbe', 'startupProbe'] as const).map((probe): UpstreamCase => ({
    from: `TestValidateContainers/invalid ${probe.replace('Probe', '')} probe, negative numbers`,
    verdict: 'reject',
    field: `${C}.${probe}`,
    container: {
      [probe]: {
        ...tcp80,
        initialDelaySeconds: -1,
        timeoutSeconds: -1,
        periodSeconds: -1,
        successThreshold: -1,
        failureThreshold: -1,
        terminationGracePeriodSeconds: -1,
      },
    },
  })),
  {
    from: 'TestValidateContainers/invalid message termination policy',
    verdict: 'reject',
    field: `${C}.terminationMessagePolicy`,
    container: { terminationMessagePolicy: 'Unknown' },
  },
  {
    from: 'TestValidateContainers/empty message termination policy (defaulted to File)',
    verdict: 'accept',
    container: { terminationMessagePolicy: '' },
  },
  {
    from: 'TestValidateContainers/Unsupported resize policy for memory',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    container: { resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainerrrr' }] },
  },
  {
    from: 'TestValidateContainers/Unsupported resize policy for CPU',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    container: { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartNotRequired' }] },
  },
  ...['Always', 'OnFailure', 'Never', 'invalid', ''].map((policy): UpstreamCase => ({
    from: `TestValidateContainers/Forbidden RestartPolicy: ${policy || 'empty'} (1.33)`,
    verdict: 'reject',
    field: `${C}.restartPolicy`,
    targetVersion: '1.33',
    container: { restartPolicy: policy },
  })),
  {
    from: 'dropContainerRestartRules/a regular container restartPolicy is dropped by 1.34 (ContainerRestartRules alpha)',
    verdict: 'reject',
    family: 2,
    field: `${C}.restartPolicy`,
    targetVersion: '1.34',
    container: { restartPolicy: 'OnFailure' },
  },
  {
    from: 'ContainerRestartRules beta/a regular container restartPolicy is served from 1.35',
    verdict: 'accept',
    targetVersion: '1.35',
    container: { restartPolicy: 'OnFailure' },
  },
];

const initContainers: UpstreamCase[] = [
  {
    from: 'TestValidateInitContainers/success: same host port and different protocol, in two init containers',
    verdict: 'accept',
    pod: {
      initContainers: ['one', 'two'].map((name) => ({
        name,
        image: img,
        ports: [
          { containerPort: 80, hostPort: 80, protocol: 'TCP' },
          { containerPort: 80, hostPort: 80, protocol: 'UDP' },
        ],
      })),
    },
  },
  {
    from: 'TestValidateInitContainers/success: restart-always-with-lifecycle-hook-and-probes',
    verdict: 'accept',
    ...sidecar({
      lifecycle: {
        postStart: { exec: { command: ['echo', 'post start'] } },
        preStop: { exec: { command: ['echo', 'pre stop'] } },
      },
      livenessProbe: { ...tcp80, successThreshold: 1 },
      readinessProbe: tcp80,
      startupProbe: { ...tcp80, successThreshold: 1 },
    }),
  },
  {
    from: 'TestValidateInitContainers/empty name',
    verdict: 'reject',
    field: `${I}.name`,
    ...init({ name: '' }),
  },
  {
    from: 'TestValidateInitContainers/name collision with regular container',
    verdict: 'reject',
    field: `${I}.name`,
    ...init({ name: 'main' }),
  },
  {
    from: 'TestValidateInitContainers/invalid termination message policy',
    verdict: 'reject',
    field: `${I}.terminationMessagePolicy`,
    ...init({ terminationMessagePolicy: 'Unknown' }),
  },
  {
    from: 'TestValidateInitContainers/duplicate names',
    verdict: 'reject',
    field: `${P}.initContainers[1].name`,
    pod: {
      initContainers: [
        { name: 'init', image: img },
        { name: 'init', image: img },
      ],
    },
  },
  {
    from: 'TestValidateInitContainers/duplicate ports',
    verdict: 'reject',
    field: `${I}.ports[1].hostPort`,
    ...init({
      ports: [
        { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
        { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
      ],
    }),
  },
  {
    from: 'TestValidateInitContainers/uses disallowed field: Lifecycle',
    verdict: 'reject',
    field: `${I}.lifecycle`,
    ...init({ lifecycle: { preStop: { exec: { command: ['ls', '-l'] } } } }),
  },
  {
    from: 'TestValidateInitContainers/uses disallowed field: LivenessProbe',
    verdict: 'reject',
    field: `${I}.livenessProbe`,
    ...init({ livenessProbe: { ...tcp80, successThreshold: 1 } }),
  },
  {
    from: 'TestValidateInitContainers/uses disallowed field: ReadinessProbe',
    verdict: 'reject',
    field: `${I}.readinessProbe`,
    ...init({ readinessProbe: tcp80 }),
  },
  {
    from: 'TestValidateInitContainers/Container uses disallowed field: StartupProbe',
    verdict: 'reject',
    field: `${I}.startupProbe`,
    ...init({ startupProbe: { ...tcp80, successThreshold: 1 } }),
  },
  {
    from: 'TestValidateInitContainers/Disallowed field with other errors should only return a single Forbidden',
    verdict: 'reject',
    field: `${I}.startupProbe`,
    ...init({
      startupProbe: {
        ...tcp80,
        initialDelaySeconds: -1,
        timeoutSeconds: -1,
        periodSeconds: -1,
        successThreshold: -1,
        failureThreshold: -1,
        terminationGracePeriodSeconds: -1,
      },
    }),
  },
  ...['OnFailure', 'Never', 'invalid', ''].map((policy): UpstreamCase => ({
    from: `TestValidateInitContainers/Not supported RestartPolicy: ${policy || 'empty'} (1.33)`,
    verdict: 'reject',
    field: `${I}.restartPolicy`,
    targetVersion: '1.33',
    ...init({ restartPolicy: policy }),
  })),
  {
    from: 'TestValidateInitContainers/invalid startup probe in restartable container, successThreshold != 1',
    verdict: 'reject',
    field: `${I}.startupProbe.successThreshold`,
    ...sidecar({ startupProbe: { ...tcp80, successThreshold: 2 } }),
  },
  {
    from: 'TestValidateInitContainers/invalid readiness probe, terminationGracePeriodSeconds set.',
    verdict: 'reject',
    field: `${I}.readinessProbe.terminationGracePeriodSeconds`,
    ...sidecar({ readinessProbe: { ...tcp80, terminationGracePeriodSeconds: 10 } }),
  },
  {
    from: 'TestValidateInitContainers/invalid liveness probe, successThreshold != 1',
    verdict: 'reject',
    field: `${I}.livenessProbe.successThreshold`,
    ...sidecar({ livenessProbe: { ...tcp80, successThreshold: 2 } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, no exec command.',
    verdict: 'reject',
    field: `${I}.lifecycle.preStop.exec.command`,
    ...sidecar({ lifecycle: { preStop: { exec: {} } } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, no http path. (defaulted to "/")',
    verdict: 'accept',
    ...sidecar({ lifecycle: { preStop: { httpGet: { port: 80, scheme: 'HTTP' } } } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, no http port.',
    verdict: 'reject',
    field: `${I}.lifecycle.preStop.httpGet.port`,
    ...sidecar({ lifecycle: { preStop: { httpGet: { path: '/', scheme: 'HTTP' } } } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, no http scheme. (defaulted to HTTP)',
    verdict: 'accept',
    ...sidecar({ lifecycle: { preStop: { httpGet: { path: '/', port: 80 } } } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, no tcp socket port.',
    verdict: 'reject',
    field: `${I}.lifecycle.preStop.tcpSocket.port`,
    ...sidecar({ lifecycle: { preStop: { tcpSocket: {} } } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, zero tcp socket port.',
    verdict: 'reject',
    field: `${I}.lifecycle.preStop.tcpSocket.port`,
    ...sidecar({ lifecycle: { preStop: { tcpSocket: { port: 0 } } } }),
  },
  {
    from: 'TestValidateInitContainers/invalid lifecycle, no action.',
    verdict: 'reject',
    field: `${I}.lifecycle.preStop`,
    ...sidecar({ lifecycle: { preStop: {} } }),
  },
  {
    from: 'dropDisabledFields/SidecarContainers off (1.28): restartPolicy is dropped, so the probe is forbidden',
    verdict: 'reject',
    field: `${I}.livenessProbe`,
    targetVersion: '1.28',
    ...sidecar({ livenessProbe: tcp80 }),
  },
  {
    from: 'dropDisabledFields/SidecarContainers off (1.28): an init restartPolicy is dropped',
    verdict: 'reject',
    family: 2,
    field: `${I}.restartPolicy`,
    targetVersion: '1.28',
    ...sidecar({}),
  },
];

const port = (p: object): object => ({ container: { ports: [{ containerPort: 80, ...p }] } });

const ports: UpstreamCase[] = [
  {
    from: 'TestValidatePorts/success',
    verdict: 'accept',
    container: {
      ports: [
        { name: 'abc', containerPort: 80, hostPort: 80, protocol: 'TCP' },
        { name: 'easy', containerPort: 82, protocol: 'TCP' },
        { name: 'as', containerPort: 83, protocol: 'UDP' },
        { name: 'do-re-me', containerPort: 84, protocol: 'SCTP' },
        { containerPort: 85, protocol: 'TCP' },
      ],
    },
  },
  {
    from: 'TestValidatePorts/name > 15 characters',
    verdict: 'reject',
    field: `${C}.ports[0].name`,
    ...port({ name: 'a'.repeat(16) }),
  },
  {
    from: 'TestValidatePorts/name contains invalid characters',
    verdict: 'reject',
    field: `${C}.ports[0].name`,
    ...port({ name: 'a.b.c' }),
  },
  {
    from: 'TestValidatePorts/name is a number',
    verdict: 'reject',
    field: `${C}.ports[0].name`,
    ...port({ name: '80' }),
  },
  {
    from: 'TestValidatePorts/name not unique',
    verdict: 'reject',
    field: `${C}.ports[1].name`,
    container: {
      ports: [
        { name: 'abc', containerPort: 80, protocol: 'TCP' },
        { name: 'abc', containerPort: 81, protocol: 'TCP' },
      ],
    },
  },
  {
    from: 'TestValidatePorts/zero container port',
    verdict: 'reject',
    field: `${C}.ports[0].containerPort`,
    ...port({ containerPort: 0 }),
  },
  {
    from: 'TestValidatePorts/invalid container port',
    verdict: 'reject',
    field: `${C}.ports[0].containerPort`,
    ...port({ containerPort: 65536 }),
  },
  {
    from: 'TestValidatePorts/invalid host port',
    verdict: 'reject',
    field: `${C}.ports[0].hostPort`,
    ...port({ hostPort: 65536 }),
  },
  {
    from: 'TestValidatePorts/invalid protocol case',
    verdict: 'reject',
    field: `${C}.ports[0].protocol`,
    ...port({ protocol: 'tcp' }),
  },
  {
    from: 'TestValidatePorts/invalid protocol',
    verdict: 'reject',
    field: `${C}.ports[0].protocol`,
    ...port({ protocol: 'ICMP' }),
  },
  {
    from: 'TestValidatePorts/protocol required (defaulted to TCP)',
    verdict: 'accept',
    ...port({ name: 'abc' }),
  },
  {
    from: 'validatePodHostNetworkDeps/hostPort differs from containerPort with hostNetwork',
    verdict: 'reject',
    field: `${C}.ports[0].hostPort`,
    pod: { hostNetwork: true },
    ...port({ hostPort: 8080 }),
  },
];

const exec = { exec: { command: ['echo'] } };
const probeCounts = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
];

const probes: UpstreamCase[] = [
  ...probeCounts.map((field): UpstreamCase => ({
    from: `TestValidateProbe/success: ${field} 10`,
    verdict: 'accept',
    container: { readinessProbe: { ...exec, [field]: 10 } },
  })),
  {
    from: 'TestValidateProbe/no handler',
    verdict: 'reject',
    field: `${C}.readinessProbe`,
    container: { readinessProbe: { timeoutSeconds: 10, initialDelaySeconds: 10 } },
  },
  ...probeCounts.map((field): UpstreamCase => ({
    from: `TestValidateProbe/${field} -10`,
    verdict: 'reject',
    field: `${C}.readinessProbe.${field}`,
    container: { readinessProbe: { ...exec, [field]: -10 } },
  })),
  {
    from: 'Test_validateProbe/terminationGracePeriodSeconds -1',
    verdict: 'reject',
    field: `${C}.livenessProbe.terminationGracePeriodSeconds`,
    container: { livenessProbe: { ...exec, terminationGracePeriodSeconds: -1 } },
  },
  {
    from: 'Test_validateProbe/terminationGracePeriodSeconds 0',
    verdict: 'reject',
    field: `${C}.livenessProbe.terminationGracePeriodSeconds`,
    container: { livenessProbe: { ...exec, terminationGracePeriodSeconds: 0 } },
  },
  {
    from: 'Test_validateProbe/terminationGracePeriodSeconds 1',
    verdict: 'accept',
    container: { livenessProbe: { ...exec, terminationGracePeriodSeconds: 1 } },
  },
  ...[
    ['exec', exec],
    ['httpGet / port 1', { httpGet: { path: '/', port: 1, scheme: 'HTTP' } }],
    [
      'httpGet /foo port 65535 host',
      { httpGet: { path: '/foo', port: 65535, host: 'host', scheme: 'HTTP' } },
    ],
    ['httpGet named port', { httpGet: { path: '/', port: 'port', scheme: 'HTTP' } }],
    [
      'httpGet Host header',
      {
        httpGet: {
          path: '/',
          port: 'port',
          scheme: 'HTTP',
          httpHeaders: [{ name: 'Host', value: 'foo.example.com' }],
        },
      },
    ],
    [
      'httpGet repeated X-Forwarded-For header',
      {
        httpGet: {
          path: '/',
          port: 'port',
          scheme: 'HTTP',
          httpHeaders: [
            { name: 'X-Forwarded-For', value: '1.2.3.4' },
            { name: 'X-Forwarded-For', value: '5.6.7.8' },
          ],
        },
      },
    ],
    ['grpc port 9090', { grpc: { port: 9090 } }],
  ].map(([name, handler]): UpstreamCase => ({
    from: `TestValidateHandler/success: ${name as string}`,
    verdict: 'accept',
    container: { livenessProbe: handler },
  })),
  ...(
    [
      ['no handler', {}, ''],
      ['exec with no command', { exec: { command: [] } }, '.exec.command'],
      ['httpGet port 0', { httpGet: { path: '', port: 0, host: '' } }, '.httpGet.port'],
      [
        'httpGet port 65536',
        { httpGet: { path: '/foo', port: 65536, host: 'host' } },
        '.httpGet.port',
      ],
      ['httpGet empty port name', { httpGet: { path: '', port: '' } }, '.httpGet.port'],
      [
        'header "Host:"',
        {
          httpGet: {
            path: '/',
            port: 'port',
            scheme: 'HTTP',
            httpHeaders: [{ name: 'Host:', value: 'foo.example.com' }],
          },
        },
        '.httpGet.httpHeaders',
      ],
      [
        'header X_Forwarded_For',
        {
          httpGet: {
            path: '/',
            port: 'port',
            scheme: 'HTTP',
            httpHeaders: [{ name: 'X_Forwarded_For', value: 'foo.example.com' }],
          },
        },
        '.httpGet.httpHeaders',
      ],
    ] as const
  ).map(([name, handler, at]): UpstreamCase => ({
    from: `TestValidateHandler/${name}`,
    verdict: 'reject',
    field: `${C}.livenessProbe${at}`,
    container: { livenessProbe: handler },
  })),
  {
    from: 'validateHandler/may not specify more than 1 handler type',
    verdict: 'reject',
    field: `${C}.livenessProbe.tcpSocket`,
    container: { livenessProbe: { ...exec, ...tcp80 } },
  },
  {
    from: 'validateGRPCAction/grpc port 0',
    verdict: 'reject',
    field: `${C}.readinessProbe.grpc.port`,
    container: { readinessProbe: { grpc: { port: 0 } } },
  },
  {
    from: 'validateHTTPGetAction/scheme "http" is not supported',
    verdict: 'reject',
    field: `${C}.readinessProbe.httpGet.scheme`,
    container: { readinessProbe: { httpGet: { port: 8080, scheme: 'http' } } },
  },
  {
    from: 'validateHTTPGetAction/a quoted port number is a port name with no letter',
    verdict: 'reject',
    field: `${C}.readinessProbe.httpGet.port`,
    container: { readinessProbe: { httpGet: { path: '/healthz', port: '8080' } } },
  },
  {
    from: 'validateSleepAction/a preStop sleep of 5s within the default 30s grace period',
    verdict: 'accept',
    container: { lifecycle: { preStop: { sleep: { seconds: 5 } } } },
  },
  {
    from: 'validateSleepAction/a preStop sleep longer than terminationGracePeriodSeconds',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop.sleep.seconds`,
    pod: { terminationGracePeriodSeconds: 10 },
    container: { lifecycle: { preStop: { sleep: { seconds: 20 } } } },
  },
  {
    from: 'validateSleepAction/a sleep of 0 is allowed from 1.33 (PodLifecycleSleepActionAllowZero)',
    verdict: 'accept',
    targetVersion: '1.33',
    container: { lifecycle: { preStop: { sleep: { seconds: 0 } } } },
  },
  {
    from: 'validateSleepAction/a sleep of 0 is refused before 1.33',
    verdict: 'reject',
    field: `${C}.lifecycle.preStop.sleep.seconds`,
    targetVersion: '1.32',
    container: { lifecycle: { preStop: { sleep: { seconds: 0 } } } },
  },
  {
    from: 'dropPodLifecycleSleepAction/1.29 drops the sleep hook',
    verdict: 'reject',
    family: 2,
    field: `${C}.lifecycle.preStop.sleep`,
    targetVersion: '1.29',
    container: { lifecycle: { preStop: { sleep: { seconds: 5 } } } },
  },
  {
    from: 'dropContainerStopSignals/stopSignal is dropped (ContainerStopSignals alpha)',
    verdict: 'reject',
    family: 2,
    field: `${C}.lifecycle.stopSignal`,
    pod: { os: { name: 'linux' } },
    container: { lifecycle: { stopSignal: 'SIGUSR1' } },
  },
];

const policies: UpstreamCase[] = [
  ...[
    ['NotPresent1', 'image:latest', 'IfNotPresent'],
    ['NotPresent2', 'image', 'IfNotPresent'],
    ['Always1', 'image:latest', 'Always'],
    ['Always2', 'image', 'Always'],
    ['Never1', 'image:latest', 'Never'],
    ['Never2', 'image', 'Never'],
  ].map(([name, image, policy]): UpstreamCase => ({
    from: `TestValidatePullPolicy/${name}`,
    verdict: 'accept',
    container: { image, imagePullPolicy: policy },
  })),
  {
    from: 'TestValidateEphemeralContainers/invalid image pull policy',
    verdict: 'reject',
    field: `${C}.imagePullPolicy`,
    container: { imagePullPolicy: 'PullThreeTimes' },
  },
];

const resize = (policy: string, list: object[]): object => ({
  pod: { restartPolicy: policy },
  container: { resizePolicy: list },
});
const cpu = (restartPolicy: string) => ({ resourceName: 'cpu', restartPolicy });
const memory = (restartPolicy: string) => ({ resourceName: 'memory', restartPolicy });

const resizePolicies: UpstreamCase[] = [
  {
    from: 'TestValidateResizePolicy/ValidCPUandMemoryPolicies',
    verdict: 'accept',
    ...resize('OnFailure', [cpu('NotRequired'), memory('RestartContainer')]),
  },
  {
    from: 'TestValidateResizePolicy/ValidCPUPolicy',
    verdict: 'accept',
    ...resize('OnFailure', [cpu('RestartContainer')]),
  },
  {
    from: 'TestValidateResizePolicy/ValidMemoryPolicy',
    verdict: 'accept',
    ...resize('OnFailure', [memory('NotRequired')]),
  },
  { from: 'TestValidateResizePolicy/NoPolicy', verdict: 'accept', ...resize('OnFailure', []) },
  {
    from: 'TestValidateResizePolicy/ValidCPUandInvalidMemoryPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('OnFailure', [cpu('NotRequired'), memory('Restarrrt')]),
  },
  {
    from: 'TestValidateResizePolicy/ValidMemoryandInvalidCPUPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('OnFailure', [cpu('RestartNotRequirrred'), memory('RestartContainer')]),
  },
  {
    from: 'TestValidateResizePolicy/InvalidResourceNameValidPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('OnFailure', [{ resourceName: 'cpuuu', restartPolicy: 'NotRequired' }]),
  },
  {
    from: 'TestValidateResizePolicy/ValidResourceNameMissingPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('OnFailure', [memory('')]),
  },
  {
    from: 'TestValidateResizePolicy/RepeatedPolicies',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('OnFailure', [
      cpu('NotRequired'),
      memory('RestartContainer'),
      cpu('RestartContainer'),
    ]),
  },
  {
    from: 'TestValidateResizePolicy/InvalidCPUPolicyWithPodRestartPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('Never', [cpu('NotRequired'), memory('RestartContainer')]),
  },
  {
    from: 'TestValidateResizePolicy/InvalidMemoryPolicyWithPodRestartPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('Never', [cpu('RestartContainer'), memory('NotRequired')]),
  },
  {
    from: 'TestValidateResizePolicy/InvalidMemoryCPUPolicyWithPodRestartPolicy',
    verdict: 'reject',
    field: `${C}.resizePolicy`,
    ...resize('Never', [cpu('RestartContainer'), memory('RestartContainer')]),
  },
  {
    from: 'TestValidateResizePolicy/ValidMemoryCPUPolicyWithPodRestartPolicy',
    verdict: 'accept',
    ...resize('Never', [cpu('NotRequired'), memory('NotRequired')]),
  },
  {
    from: 'dropDisabledFields/InPlacePodVerticalScaling off (1.32): resizePolicy is dropped',
    verdict: 'reject',
    family: 2,
    field: `${C}.resizePolicy`,
    targetVersion: '1.32',
    ...resize('OnFailure', [cpu('NotRequired')]),
  },
];

export const cases: UpstreamCase[] = [
  ...containers,
  ...initContainers,
  ...ports,
  ...probes,
  ...policies,
  ...resizePolicies,
];
