/**
 * Probes and lifecycle hooks (validation.go validateLivenessProbe, validateReadinessProbe,
 * validateStartupProbe, validateProbe, validateHandler, validateLifecycle, validateSleepAction,
 * and validateInitContainers for the fields only sidecars may have).
 */
import { Rule, RuleContext } from '../rule';
import { Obj, arr, int, obj, str } from '../read';
import { eachContainerOf, portNumOrNameProblem, present, served } from './container-walk';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const COUNTS = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
] as const;

/** The handler kinds a probe (ProbeHandler) and a lifecycle hook (LifecycleHandler) have. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** The lifecycle hooks the API server keeps after dropping fields the target does not serve. */
function servedHooks(ctx: RuleContext, lifecycle: Obj): Array<'postStart' | 'preStop'> {
  return (['postStart', 'preStop'] as const).filter((hook) => {
    const handler = obj(lifecycle[hook]);
    if (!handler) return false;
    if (served(ctx, 'sleepAction') || !present(handler.sleep)) return true;
    // Before 1.30 the sleep handler is dropped, and with it a hook that had nothing else.
    return ['exec', 'httpGet', 'tcpSocket'].some((k) => present(handler[k]));
  });
}

/**
 * Whether the API server keeps a container's lifecycle: it drops stopSignal (alpha), and before
 * 1.30 also an empty lifecycle, once the dropped fields are gone.
 */
function keepsLifecycle(ctx: RuleContext, lifecycle: Obj): boolean {
  if (servedHooks(ctx, lifecycle).length > 0) return true;
  if (!served(ctx, 'sleepAction')) return false;
  const hooks = present(lifecycle.postStart) || present(lifecycle.preStop);
  return hooks || !present(lifecycle.stopSignal) || served(ctx, 'stopSignal');
}

/** validation.go validateHandler: exactly one handler, and a valid one. */
function checkHandler(
  ctx: RuleContext,
  handler: Obj,
  path: string,
  kinds: readonly string[],
  gracePeriod: number,
): void {
  const set = kinds.filter(
    (k) => present(handler[k]) && (k !== 'sleep' || served(ctx, 'sleepAction')),
  );
  if (set.length === 0) {
    ctx.report(path, `must specify a handler: one of ${kinds.join(', ')}`);
    return;
  }
  for (const extra of set.slice(1)) {
    ctx.report(
      `${path}.${extra}`,
      `is a second handler (${set[0]} is set): a hook or probe has exactly one`,
    );
  }
  const kind = set[0];
  const action = obj(handler[kind]);
  if (!action) return; // another JSON type: the decoding rule reports it
  const at = `${path}.${kind}`;
  if (kind === 'exec') {
    const command = action.command;
    if (!present(command) || (Array.isArray(command) && command.length === 0)) {
      ctx.report(`${at}.command`, 'is required: the command to run');
    }
  } else if (kind === 'httpGet') {
    // An empty path is defaulted to "/" and an empty scheme to HTTP.
    portProblem(ctx, action.port, `${at}.port`);
    const scheme = action.scheme;
    if (typeof scheme === 'string' && scheme !== '' && scheme !== 'HTTP' && scheme !== 'HTTPS') {
      ctx.report(`${at}.scheme`, 'must be HTTP or HTTPS', { value: scheme });
    }
    arr(action.httpHeaders).forEach((header, i) => {
      const name = str(obj(header)?.name);
      if (name !== undefined && !/^[-A-Za-z0-9]+$/.test(name)) {
        ctx.report(`${at}.httpHeaders[${i}].name`, 'must consist of letters, digits and "-"', {
          value: name,
        });
      }
    });
  } else if (kind === 'tcpSocket' || kind === 'grpc') {
    portProblem(ctx, action.port, `${at}.port`);
  } else if (kind === 'sleep') {
    const seconds = int(action.seconds);
    const min = served(ctx, 'sleepZero') ? 0 : 1;
    if (seconds !== undefined && (seconds < min || seconds > gracePeriod)) {
      ctx.report(
        `${at}.seconds`,
        `must be between ${min} and the pod's terminationGracePeriodSeconds (${gracePeriod})`,
        { value: seconds },
      );
    }
  }
}

function portProblem(ctx: RuleContext, port: unknown, path: string): void {
  const problem = portNumOrNameProblem(port);
  if (problem) ctx.report(path, problem, present(port) ? { value: port } : {});
}

/** validation.go validateProbe and the liveness, readiness and startup specifics. */
function checkProbe(
  ctx: RuleContext,
  kind: (typeof PROBES)[number],
  probe: Obj,
  path: string,
  gracePeriod: number,
): void {
  checkHandler(ctx, probe, path, PROBE_HANDLERS, gracePeriod);
  for (const field of COUNTS) {
    const value = int(probe[field]);
    if (value !== undefined && value < 0) {
      ctx.report(`${path}.${field}`, 'must be greater than or equal to 0', { value });
    }
  }
  const success = int(probe.successThreshold);
  // 0 is defaulted to 1.
  if (kind !== 'readinessProbe' && success !== undefined && success > 1) {
    ctx.report(`${path}.successThreshold`, `must be 1 for a ${kind}`, { value: success });
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (kind === 'readinessProbe' && present(grace)) {
    ctx.report(`${path}.terminationGracePeriodSeconds`, 'must not be set for a readinessProbe', {
      value: grace,
    });
  } else if (int(grace) !== undefined && (grace as number) <= 0) {
    ctx.report(`${path}.terminationGracePeriodSeconds`, 'must be greater than 0', { value: grace });
  }
}

/**
 * validation.go validateContainers and validateInitContainers: regular containers and sidecars
 * (init containers with restartPolicy Always) have valid probes and lifecycle hooks; other init
 * containers, which run to completion one by one, may not have them.
 */
export const containerProbes: Rule = {
  id: 'container-probes',
  family: 1,
  scope: 'pod',
  reads: { container: ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] },
  summary:
    'probes and lifecycle hooks have exactly one valid handler; only sidecar init containers have them',
  check(ctx) {
    const gracePeriod = int(ctx.podSpec.terminationGracePeriodSeconds) ?? 30;
    eachContainerOf(ctx, ({ container: c, path, init, sidecar }) => {
      const lifecycle = obj(c.lifecycle);
      if (init && !sidecar) {
        const fields = [
          ...(lifecycle && keepsLifecycle(ctx, lifecycle) ? ['lifecycle'] : []),
          ...PROBES.filter((p) => obj(c[p]) !== undefined),
        ];
        for (const field of fields) {
          ctx.report(
            `${path}.${field}`,
            'may not be set for an init container, unless it is a sidecar (restartPolicy: Always)',
            {
              fix: served(ctx, 'sidecars')
                ? 'remove it, or set restartPolicy: Always to make the init container a sidecar'
                : `remove it (sidecars need Kubernetes 1.29, the target is ${ctx.targetVersion})`,
            },
          );
        }
        return;
      }
      if (lifecycle) {
        for (const hook of servedHooks(ctx, lifecycle)) {
          checkHandler(
            ctx,
            obj(lifecycle[hook]) ?? {},
            `${path}.lifecycle.${hook}`,
            LIFECYCLE_HANDLERS,
            gracePeriod,
          );
        }
      }
      for (const kind of PROBES) {
        const probe = obj(c[kind]);
        if (probe) checkProbe(ctx, kind, probe, `${path}.${kind}`, gracePeriod);
      }
    });
  },
};
