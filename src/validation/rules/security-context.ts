/** The pod's and the containers' securityContext settings the API server validates. */
import { Rule, RuleContext } from '../rule';
import { eachContainer } from './pod-walk';
import { obj } from '../read';
import { serves } from '../versions';
import { MAX_ID, goString, isSet, podSC } from './security-util';

/** Beyond this a number is no int64: the decoding rule reports it. */
const INT64 = 9.2e18;

function checkId(ctx: RuleContext, value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) return;
  if ((value < 0 && value > -INT64) || (value > MAX_ID && value < INT64)) {
    ctx.report(path, `must be between 0 and ${MAX_ID}, inclusive`, { value });
  }
}

/**
 * validation.go validatePodSpecSecurityContext and ValidateSecurityContext, through
 * IsValidUserID / IsValidGroupID: runAsUser, runAsGroup, fsGroup and supplementalGroups.
 */
export const securityContextIds: Rule = {
  id: 'security-context-ids',
  family: 1,
  scope: 'pod',
  reads: {
    pod: [
      'securityContext.fsGroup',
      'securityContext.runAsUser',
      'securityContext.runAsGroup',
      'securityContext.supplementalGroups',
    ],
    container: ['securityContext.runAsUser', 'securityContext.runAsGroup'],
  },
  summary: 'uids and gids (runAsUser, runAsGroup, fsGroup, supplementalGroups) are 0 to 2147483647',
  check(ctx) {
    const pod = podSC(ctx);
    const scPath = `${ctx.podPath}.securityContext`;
    for (const key of ['fsGroup', 'runAsUser', 'runAsGroup']) {
      checkId(ctx, pod[key], `${scPath}.${key}`);
    }
    if (Array.isArray(pod.supplementalGroups)) {
      pod.supplementalGroups.forEach((gid, i) =>
        checkId(ctx, gid, `${scPath}.supplementalGroups[${i}]`),
      );
    }
    eachContainer(ctx, (c, cPath) => {
      const sc = obj(c.securityContext);
      if (!sc) return;
      checkId(ctx, sc.runAsUser, `${cPath}.securityContext.runAsUser`);
      checkId(ctx, sc.runAsGroup, `${cPath}.securityContext.runAsGroup`);
    });
  },
};

/**
 * validation.go ValidateSecurityContext: procMount (served from 1.33, when ProcMountType is on
 * by default; Unmasked needs hostUsers false), allowPrivilegeEscalation false with privileged
 * or with the capability CAP_SYS_ADMIN.
 */
export const containerSecurityContext: Rule = {
  id: 'container-security-context',
  family: 1,
  scope: 'pod',
  reads: { container: ['securityContext.procMount', 'securityContext.allowPrivilegeEscalation'] },
  summary:
    'allowPrivilegeEscalation false excludes privileged and CAP_SYS_ADMIN; procMount is Default or Unmasked, Unmasked only with hostUsers false',
  check(ctx) {
    const procMountServed = serves(ctx.targetVersion, '1.33');
    eachContainer(ctx, (c, cPath) => {
      const sc = obj(c.securityContext);
      if (!sc) return;
      const scPath = `${cPath}.securityContext`;
      if (procMountServed && isSet(sc.procMount)) {
        const procMount = goString(sc.procMount);
        if (procMount !== undefined && procMount !== 'Default' && procMount !== 'Unmasked') {
          ctx.report(`${scPath}.procMount`, 'must be "Default" or "Unmasked"', {
            value: sc.procMount,
          });
        } else if (procMount === 'Unmasked' && ctx.podSpec.hostUsers !== false) {
          ctx.report(
            `${scPath}.procMount`,
            'can be Unmasked only when the pod sets hostUsers: false',
            {
              value: procMount,
              fix: 'set spec.hostUsers: false (a user namespace) or remove procMount',
            },
          );
        }
      }
      if (sc.allowPrivilegeEscalation !== false) return;
      if (sc.privileged === true) {
        ctx.report(
          `${scPath}.allowPrivilegeEscalation`,
          'cannot be false while privileged is true',
          { value: false, fix: 'remove privileged: true or allowPrivilegeEscalation: false' },
        );
      }
      const add = obj(sc.capabilities)?.add;
      if (Array.isArray(add)) {
        add.forEach((cap, i) => {
          if (cap === 'CAP_SYS_ADMIN') {
            ctx.report(
              `${scPath}.capabilities.add[${i}]`,
              'cannot be added while allowPrivilegeEscalation is false',
              { value: cap, fix: 'remove CAP_SYS_ADMIN or allowPrivilegeEscalation: false' },
            );
          }
        });
      }
    });
  },
};

/**
 * validation.go validatePodSpecSecurityContext: fsGroupChangePolicy, supplementalGroupsPolicy
 * (served from 1.33) and seLinuxChangePolicy (served from 1.33; MountOption only with the
 * SELinuxMount feature gate, off by default through 1.35).
 */
export const podSecurityContextPolicies: Rule = {
  id: 'pod-security-context-policies',
  family: 1,
  scope: 'pod',
  reads: {
    pod: [
      'securityContext.fsGroupChangePolicy',
      'securityContext.supplementalGroupsPolicy',
      'securityContext.seLinuxChangePolicy',
    ],
  },
  summary:
    'fsGroupChangePolicy is OnRootMismatch or Always; supplementalGroupsPolicy Merge or Strict; seLinuxChangePolicy Recursive (or MountOption where SELinuxMount is on)',
  check(ctx) {
    const pod = podSC(ctx);
    const scPath = `${ctx.podPath}.securityContext`;
    const policy = (key: string, allowed: readonly string[]): void => {
      if (!isSet(pod[key])) return;
      const value = goString(pod[key]);
      if (value !== undefined && !allowed.includes(value)) {
        ctx.report(`${scPath}.${key}`, `must be ${allowed.map((v) => `"${v}"`).join(' or ')}`, {
          value,
        });
      }
    };
    policy('fsGroupChangePolicy', ['OnRootMismatch', 'Always']);
    if (!serves(ctx.targetVersion, '1.33')) return;
    policy('supplementalGroupsPolicy', ['Merge', 'Strict']);
    const seLinux = isSet(pod.seLinuxChangePolicy) ? goString(pod.seLinuxChangePolicy) : undefined;
    if (seLinux === undefined || seLinux === 'Recursive') return;
    if (seLinux === 'MountOption') {
      if (!serves(ctx.targetVersion, '1.36')) {
        ctx.report(
          `${scPath}.seLinuxChangePolicy`,
          `must be "Recursive": MountOption needs the SELinuxMount feature gate, off by default in ${ctx.targetVersion}`,
          { value: seLinux, fix: 'remove seLinuxChangePolicy or set it to Recursive' },
        );
      }
      return;
    }
    ctx.report(`${scPath}.seLinuxChangePolicy`, 'must be "Recursive" or "MountOption"', {
      value: seLinux,
    });
  },
};
