/** Security fields newer than the target release: the API server drops them. */
import { Rule, RuleContext } from '../rule';
import { eachContainer } from './pod-walk';
import { obj } from '../read';
import { KubernetesVersion, serves } from '../versions';
import { isSet, podSC } from './security-util';

function dropped(ctx: RuleContext, path: string, since: KubernetesVersion, value?: unknown): void {
  ctx.report(
    path,
    `is not served by Kubernetes ${ctx.targetVersion} (only from ${since}): the API server drops it, so the pod runs without it`,
    { ...(value !== undefined ? { value } : {}), fix: `remove it or target ${since} or later` },
  );
}

/**
 * pkg/api/pod dropDisabledFields and the fields' first release: appArmorProfile (1.30),
 * procMount (ProcMountType, on by default from 1.33), hostUsers (UserNamespacesSupport, 1.33),
 * supplementalGroupsPolicy (1.33) and seLinuxChangePolicy (1.33). A value equal to the
 * default changes nothing when dropped and is not reported.
 */
export const securityFieldServed: Rule = {
  id: 'security-field-served',
  family: 2,
  scope: 'pod',
  reads: {
    pod: [
      'hostUsers',
      'securityContext.appArmorProfile',
      'securityContext.supplementalGroupsPolicy',
      'securityContext.seLinuxChangePolicy',
    ],
    container: ['securityContext.appArmorProfile', 'securityContext.procMount'],
  },
  summary: 'security fields are served by the target version (the API server drops newer ones)',
  check(ctx) {
    const pod = podSC(ctx);
    const scPath = `${ctx.podPath}.securityContext`;
    const before = (since: KubernetesVersion): boolean => !serves(ctx.targetVersion, since);
    if (before('1.30') && isSet(pod.appArmorProfile)) {
      dropped(ctx, `${scPath}.appArmorProfile`, '1.30');
    }
    if (before('1.33')) {
      if (ctx.podSpec.hostUsers === false) dropped(ctx, `${ctx.podPath}.hostUsers`, '1.33', false);
      const groups = pod.supplementalGroupsPolicy;
      if (isSet(groups) && groups !== 'Merge') {
        dropped(ctx, `${scPath}.supplementalGroupsPolicy`, '1.33', groups);
      }
      const seLinux = pod.seLinuxChangePolicy;
      if (isSet(seLinux) && seLinux !== 'Recursive') {
        dropped(ctx, `${scPath}.seLinuxChangePolicy`, '1.33', seLinux);
      }
    }
    eachContainer(ctx, (c, cPath) => {
      const sc = obj(c.securityContext);
      if (!sc) return;
      if (before('1.30') && isSet(sc.appArmorProfile)) {
        dropped(ctx, `${cPath}.securityContext.appArmorProfile`, '1.30');
      }
      if (before('1.33') && isSet(sc.procMount) && sc.procMount !== 'Default') {
        dropped(ctx, `${cPath}.securityContext.procMount`, '1.33', sc.procMount);
      }
    });
  },
};
