/**
 * Container fields the target's API server drops before validating (pkg/api/pod/util.go
 * dropDisabledFields, with the feature gates' defaults of each release; a field a release does
 * not know at all is dropped as unknown). The Job is accepted, without the field.
 */
import { Rule, RuleContext } from '../rule';
import { obj, objs } from '../read';
import { KubernetesVersion, serves } from '../versions';
import { SERVED, eachContainerOf, present, served } from './container-walk';

function dropped(
  ctx: RuleContext,
  field: string,
  what: string,
  since: KubernetesVersion,
  value?: unknown,
): void {
  ctx.report(
    field,
    `is dropped by the API server of Kubernetes ${ctx.targetVersion}: ${what} is served from Kubernetes ${since}`,
    { ...(value !== undefined ? { value } : {}), fix: `remove it or target ${since} or later` },
  );
}

/**
 * dropDisabledFields: SidecarContainers (init restartPolicy before 1.29), ContainerRestartRules
 * (other container restart policies and restartPolicyRules before 1.35), InPlacePodVerticalScaling
 * (resizePolicy before 1.33), PodLifecycleSleepAction (the sleep hook before 1.30),
 * ContainerStopSignals (lifecycle.stopSignal, alpha up to 1.37), EnvFiles (fileKeyRef before 1.35,
 * reported here when the env var has another source; alone, env-vars reports it).
 */
export const containerFieldDropped: Rule = {
  id: 'container-field-dropped',
  family: 2,
  scope: 'pod',
  reads: { container: ['restartPolicy', 'restartPolicyRules', 'resizePolicy', 'lifecycle', 'env'] },
  summary: 'container fields the target version does not serve are dropped by the API server',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path, init }) => {
      const policy = c.restartPolicy;
      if (typeof policy === 'string' && !served(ctx, 'restartRules')) {
        if (init && !served(ctx, 'sidecars')) {
          dropped(
            ctx,
            `${path}.restartPolicy`,
            'restartPolicy of init containers (native sidecars)',
            SERVED.sidecars,
            policy,
          );
        } else if (served(ctx, 'restartRulesAlpha') && (!init || policy !== 'Always')) {
          dropped(
            ctx,
            `${path}.restartPolicy`,
            `restartPolicy ${policy} of ${init ? 'an init' : 'a regular'} container`,
            SERVED.restartRules,
            policy,
          );
        } else if (!init && !serves(ctx.targetVersion, '1.28')) {
          dropped(
            ctx,
            `${path}.restartPolicy`,
            'restartPolicy of a regular container',
            SERVED.restartRules,
            policy,
          );
        }
      }
      if (present(c.restartPolicyRules) && !served(ctx, 'restartRules')) {
        dropped(ctx, `${path}.restartPolicyRules`, 'restartPolicyRules', SERVED.restartRules);
      }
      if (present(c.resizePolicy) && !served(ctx, 'resizePolicy')) {
        dropped(
          ctx,
          `${path}.resizePolicy`,
          'resizePolicy (in-place pod resize)',
          SERVED.resizePolicy,
        );
      }
      const lifecycle = obj(c.lifecycle);
      if (lifecycle) {
        if (present(lifecycle.stopSignal) && !served(ctx, 'stopSignal')) {
          ctx.report(
            `${path}.lifecycle.stopSignal`,
            `is dropped by the API server of Kubernetes ${ctx.targetVersion}: the ContainerStopSignals feature is alpha, off by default`,
            {
              value: lifecycle.stopSignal,
              fix: 'remove it and handle SIGTERM, or set STOPSIGNAL in the image',
            },
          );
        }
        for (const hook of ['postStart', 'preStop'] as const) {
          const handler = obj(lifecycle[hook]);
          if (handler && present(handler.sleep) && !served(ctx, 'sleepAction')) {
            dropped(ctx, `${path}.lifecycle.${hook}.sleep`, 'the sleep hook', SERVED.sleepAction);
          }
        }
      }
      if (!served(ctx, 'fileKeyRef')) {
        objs(c.env).forEach((env, i) => {
          const from = obj(env.valueFrom);
          if (!from || !present(from.fileKeyRef)) return;
          const others = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
          if (!others.some((k) => present(from[k]))) return;
          dropped(ctx, `${path}.env[${i}].valueFrom.fileKeyRef`, 'fileKeyRef', SERVED.fileKeyRef);
        });
      }
    });
  },
};
