/** Rules for the host namespaces a pod shares and the operating system it declares. */
import { Rule } from '../rule';
import { serves } from '../versions';
import { isObj } from '../read';
import { text } from './label-selector';

/**
 * validation.go validateHostUsers (UserNamespacesSupport, on by default from 1.33: before,
 * hostUsers is dropped) and validatePodSpecSecurityContext (shareProcessNamespace with
 * hostPID). validatePodHostNetworkDeps (hostPort with hostNetwork) is in the ports rule.
 */
export const hostNamespaces: Rule = {
  id: 'pod-host-namespaces',
  family: 1,
  scope: 'pod',
  reads: { pod: ['hostUsers', 'shareProcessNamespace'] },
  summary:
    'hostUsers false excludes the host network, PID and IPC namespaces; shareProcessNamespace excludes hostPID',
  check(ctx) {
    const spec = ctx.podSpec;
    if (spec.hostUsers === false && serves(ctx.targetVersion, '1.33')) {
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (spec[field] === true) {
          ctx.report(`${ctx.podPath}.${field}`, 'must not be true when hostUsers is false', {
            value: true,
            fix: `remove ${field}, or hostUsers: false (a user namespace cannot be combined with host namespaces)`,
          });
        }
      }
    }
    if (spec.shareProcessNamespace === true && spec.hostPID === true) {
      ctx.report(`${ctx.podPath}.shareProcessNamespace`, 'must not be true when hostPID is true', {
        value: true,
        fix: 'remove one of shareProcessNamespace and hostPID',
      });
    }
  },
};

/**
 * validation.go validateOS. (validateLinux and validateWindows, the security settings each
 * OS excludes, belong to the security rules.)
 */
export const podOS: Rule = {
  id: 'pod-os',
  family: 1,
  scope: 'pod',
  reads: { pod: ['os'] },
  summary: 'os.name is linux or windows',
  check(ctx) {
    const os = ctx.podSpec.os;
    if (!isObj(os)) return;
    const name = text(os.name);
    const path = `${ctx.podPath}.os.name`;
    if (name === '') ctx.report(path, 'is required', { fix: 'use linux or windows' });
    else if (name !== undefined && name !== 'linux' && name !== 'windows') {
      ctx.report(path, 'must be linux or windows', { value: name });
    }
  },
};
