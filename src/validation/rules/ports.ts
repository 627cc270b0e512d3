/** Container ports (validation.go validateContainerPorts, checkHostPortConflicts). */
import { Rule } from '../rule';
import { Obj, bool, int, obj, objs, str } from '../read';
import { eachContainerOf, portNameProblem, portNumProblem } from './container-walk';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/**
 * validation.go validateContainerPorts: names are unique IANA service names, containerPort is
 * required and 1-65535, hostPort (when set) 1-65535, protocol TCP, UDP or SCTP (defaulted to
 * TCP); validatePodHostNetworkDeps: with hostNetwork a hostPort must equal its containerPort.
 */
export const containerPorts: Rule = {
  id: 'container-ports',
  family: 1,
  scope: 'pod',
  reads: { container: ['ports'] },
  summary:
    'ports have unique IANA names, a containerPort and hostPort in 1-65535, protocol TCP, UDP or SCTP',
  check(ctx) {
    const hostNetwork = bool(ctx.podSpec.hostNetwork) === true;
    eachContainerOf(ctx, ({ container: c, path, init }) => {
      const names = new Set<string>();
      objs(c.ports).forEach((port, i) => {
        const at = `${path}.ports[${i}]`;
        const name = str(port.name);
        if (name) {
          const problem = portNameProblem(name);
          if (problem) ctx.report(`${at}.name`, problem, { value: name });
          else if (names.has(name)) {
            ctx.report(`${at}.name`, 'is the name of another port of the container', {
              value: name,
            });
          } else names.add(name);
        }
        const containerPort = port.containerPort;
        if (containerPort === undefined || containerPort === null || containerPort === 0) {
          ctx.report(
            `${at}.containerPort`,
            'is required: the port number the container listens on',
          );
        } else if (int(containerPort) !== undefined) {
          const problem = portNumProblem(containerPort as number);
          if (problem) ctx.report(`${at}.containerPort`, problem, { value: containerPort });
        }
        const hostPort = int(port.hostPort);
        if (hostPort !== undefined && hostPort !== 0) {
          const problem = portNumProblem(hostPort);
          if (problem) ctx.report(`${at}.hostPort`, problem, { value: hostPort });
          else if (hostNetwork && !init && hostPort !== int(containerPort)) {
            ctx.report(`${at}.hostPort`, 'must equal containerPort when hostNetwork is true', {
              value: hostPort,
              fix: 'leave hostPort unset or make it equal to containerPort',
            });
          }
        }
        const protocol = port.protocol;
        if (typeof protocol === 'string' && protocol !== '' && !PROTOCOLS.includes(protocol)) {
          ctx.report(`${at}.protocol`, `must be one of ${PROTOCOLS.join(', ')}`, {
            value: protocol,
            fix: protocol.toUpperCase() !== protocol ? 'write it in upper case' : undefined,
          });
        }
      });
    });
  },
};

/** The identity of a host port: protocol (defaulted to TCP), hostIP and hostPort. */
function hostPortKey(port: Obj): string | undefined {
  const hostPort = int(port.hostPort);
  if (hostPort === undefined || hostPort === 0) return undefined;
  const protocol = str(port.protocol) || 'TCP';
  return `${protocol}/${str(port.hostIP) ?? ''}/${hostPort}`;
}

/**
 * validation.go checkHostPortConflicts (AccumulateUniqueHostPorts): a protocol/hostIP/hostPort
 * is used once across the regular containers, which run together; each init container, which
 * runs alone, is checked on its own.
 */
export const containerHostPortConflicts: Rule = {
  id: 'container-host-ports',
  family: 1,
  scope: 'pod',
  reads: { container: ['ports'] },
  summary: 'a host port (protocol, hostIP, hostPort) is used once by the running containers',
  check(ctx) {
    const regular = new Set<string>();
    eachContainerOf(ctx, ({ container: c, path, init }) => {
      const seen = init ? new Set<string>() : regular;
      objs(c.ports).forEach((port, i) => {
        const key = hostPortKey(port);
        if (key === undefined) return;
        if (seen.has(key)) {
          ctx.report(
            `${path}.ports[${i}].hostPort`,
            `is already used by another port of the pod (${key.replace('//', '/')})`,
            { value: port.hostPort, fix: 'use another hostPort, protocol or hostIP' },
          );
        } else seen.add(key);
      });
    });
  },
};

/** The handlers of a container that name a port: probes and lifecycle hooks. */
const PORT_HANDLERS = [
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle.postStart',
  'lifecycle.preStop',
] as const;

/**
 * kubelet probe.ResolveContainerPort (prober and lifecycle handlers): a port given by name is
 * looked up among the container's own ports. The API server accepts any valid name; one the
 * container does not declare makes the kubelet fail the probe or hook before it runs.
 */
export const containerProbePortName: Rule = {
  id: 'container-probe-port-name',
  family: 2,
  severity: 'warning',
  scope: 'pod',
  reads: { container: ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] },
  summary: 'a probe or hook that names a port names one of the container’s own ports',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path, init, sidecar }) => {
      if (init && !sidecar) return; // container-probes refuses them there
      const names = new Set(objs(c.ports).map((p) => str(p.name)));
      for (const where of PORT_HANDLERS) {
        const [first, hook] = where.split('.');
        const handler = hook ? obj(obj(c[first])?.[hook]) : obj(c[first]);
        if (!handler) continue;
        for (const kind of ['httpGet', 'tcpSocket']) {
          const port = obj(handler[kind])?.port;
          if (typeof port !== 'string' || port === '' || portNameProblem(port)) continue;
          if (names.has(port)) continue;
          ctx.report(
            `${path}.${where}.${kind}.port`,
            `names no port of the container: the kubelet cannot resolve "${port}", so the ${hook ? 'hook' : 'probe'} never runs`,
            {
              value: port,
              fix: `add a port named ${port} to the container's ports, or give the number`,
            },
          );
        }
      }
    });
  },
};
