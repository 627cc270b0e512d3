/** Pod sysctls: what the API server rejects, and what the kubelet then refuses to admit. */
import { Rule, RuleContext } from '../rule';
import { Obj, isObj } from '../read';
import { goString, podOS, podSC } from './security-util';

const SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
/** validation.go SysctlContainSlashFmt, at most 253 characters. */
const SYSCTL_NAME = new RegExp(`^(${SEGMENT}[\\./])*${SEGMENT}$`);
const MAX_SYSCTL_LENGTH = 253;

type Namespace = 'ipc' | 'net' | undefined;

/** component-helpers sysctl NormalizeName: `net/ipv4/conf/eth0.1/rp_filter` to dots. */
function normalize(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === '.') return name;
  return name.replace(/[./]/g, (ch) => (ch === '.' ? '/' : '.'));
}

const IPC_NAMES = new Set([
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.shm',
  'kernel.msg',
]);

/** component-helpers sysctl GetNamespace: the kernel namespace a sysctl belongs to. */
export function sysctlNamespace(name: string): Namespace {
  const n = normalize(name);
  if (IPC_NAMES.has(n) || n.startsWith('fs.mqueue.')) return 'ipc';
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

/** Older releases counted every kernel.shm* and kernel.msg* sysctl as IPC: never call those unnamespaced. */
function maybeNamespaced(name: string): boolean {
  const n = normalize(name);
  return (
    sysctlNamespace(n) !== undefined || n.startsWith('kernel.shm') || n.startsWith('kernel.msg')
  );
}

/** kubelet safe_sysctls.go (and the Pod Security baseline's list): allowed on every node. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** Each sysctl of the pod with a string name, its index, and whether the server accepts it. */
function eachSysctl(
  ctx: RuleContext,
  visit: (name: string, i: number, problem: string | undefined, entry: Obj) => void,
): void {
  const sysctls = podSC(ctx).sysctls;
  if (!Array.isArray(sysctls)) return;
  const seen = new Set<string>();
  sysctls.forEach((entry, i) => {
    if (!isObj(entry)) return;
    const name = goString(entry.name);
    if (name === undefined) return;
    let problem: string | undefined;
    if (name === '') problem = 'is required';
    else if (name.length > MAX_SYSCTL_LENGTH || !SYSCTL_NAME.test(name)) {
      problem = `must be a sysctl name of at most ${MAX_SYSCTL_LENGTH} characters: lower-case segments of letters, digits, "-" and "_" separated by "." or "/"`;
    } else if (seen.has(name)) problem = 'is set twice';
    else {
      const ns = sysctlNamespace(name);
      if (ns === 'net' && ctx.podSpec.hostNetwork === true) {
        problem = 'may not be set when hostNetwork is true (it would change the node)';
      } else if (ns === 'ipc' && ctx.podSpec.hostIPC === true) {
        problem = 'may not be set when hostIPC is true (it would change the node)';
      }
    }
    seen.add(name);
    visit(name, i, problem, entry);
  });
}

/** validation.go validateSysctls and ValidateHostSysctl. */
export const podSysctls: Rule = {
  id: 'pod-sysctls',
  family: 1,
  scope: 'pod',
  reads: { pod: ['securityContext.sysctls'] },
  summary: 'sysctl names are valid and unique; net.* needs no hostNetwork, IPC sysctls no hostIPC',
  check(ctx) {
    eachSysctl(ctx, (name, i, problem) => {
      if (problem) {
        ctx.report(`${ctx.podPath}.securityContext.sysctls[${i}].name`, problem, { value: name });
      }
    });
  },
};

/**
 * kubelet sysctl allowlist: only namespaced sysctls can ever be allowed on a node
 * (--allowed-unsafe-sysctls refuses the others), so a pod setting one is never admitted.
 */
export const sysctlNotNamespaced: Rule = {
  id: 'sysctl-not-namespaced',
  family: 2,
  scope: 'pod',
  reads: { pod: ['securityContext.sysctls'] },
  summary:
    'a sysctl that is not namespaced (vm.*, fs.file-max, ...) makes every node refuse the pod',
  check(ctx) {
    if (podOS(ctx) === 'windows') return;
    eachSysctl(ctx, (name, i, problem) => {
      if (problem || maybeNamespaced(name)) return;
      ctx.report(
        `${ctx.podPath}.securityContext.sysctls[${i}].name`,
        'is not a namespaced sysctl: the kubelet refuses the pod (SysctlForbidden) on every node',
        {
          value: name,
          fix: 'set it on the nodes (a DaemonSet or node configuration), not in the pod',
        },
      );
    });
  },
};

/** kubelet safe sysctls: the others need --allowed-unsafe-sysctls on the node. */
export const sysctlUnsafe: Rule = {
  id: 'sysctl-unsafe',
  family: 2,
  severity: 'warning',
  scope: 'pod',
  reads: { pod: ['securityContext.sysctls'] },
  summary: 'an unsafe sysctl is admitted only on nodes whose kubelet allows it',
  check(ctx) {
    if (podOS(ctx) === 'windows') return;
    eachSysctl(ctx, (name, i, problem) => {
      if (problem || !maybeNamespaced(name)) return;
      if (SAFE_SYSCTLS.has(normalize(name))) return;
      ctx.report(
        `${ctx.podPath}.securityContext.sysctls[${i}].name`,
        'is not a safe sysctl: nodes refuse the pod (SysctlForbidden) unless their kubelet allows it with --allowed-unsafe-sysctls',
        { value: name, fix: 'check that the nodes allow it, or drop it' },
      );
    });
  },
};
