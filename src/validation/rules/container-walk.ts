/**
 * Helpers of the container and env rules: walking init and regular containers apart, the
 * releases that serve the container fields behind feature gates, and apimachinery's syntax
 * checks for ports, env names and config keys (k8s.io/apimachinery/pkg/util/validation).
 */
import { RuleContext } from '../rule';
import { Obj, arr, isObj, obj } from '../read';
import { KubernetesVersion, serves } from '../versions';

export interface ContainerVisit {
  readonly container: Obj;
  readonly path: string;
  readonly init: boolean;
  /** An init container with restartPolicy Always, where the target serves native sidecars. */
  readonly sidecar: boolean;
}

/** Releases whose default feature gates change what the API server does with a container. */
export const SERVED = {
  /** SidecarContainers beta: init containers may have restartPolicy Always. */
  sidecars: '1.29',
  /** PodLifecycleSleepAction beta: the sleep lifecycle handler. */
  sleepAction: '1.30',
  /** RelaxedEnvironmentVariableValidation beta: any printable ASCII but "=" in env names. */
  relaxedEnvNames: '1.32',
  /** InPlacePodVerticalScaling beta: resizePolicy. */
  resizePolicy: '1.33',
  /** PodLifecycleSleepActionAllowZero beta: a sleep of 0 seconds. */
  sleepZero: '1.33',
  /** ContainerRestartRules alpha: the field exists, the API server drops it. */
  restartRulesAlpha: '1.34',
  /** ContainerRestartRules beta: container restartPolicy on any container, restartPolicyRules. */
  restartRules: '1.35',
  /** EnvFiles beta: env valueFrom.fileKeyRef. */
  fileKeyRef: '1.35',
  /** ContainerStopSignals is alpha up to 1.37 (KEP-4960 plans beta for 1.38). */
  stopSignal: '1.38',
  /** PodHostIPs beta: status.hostIPs in the downward API. */
  hostIPs: '1.29',
} as const satisfies Record<string, KubernetesVersion>;

export function served(ctx: RuleContext, feature: keyof typeof SERVED): boolean {
  return serves(ctx.targetVersion, SERVED[feature]);
}

/** Whether the job has a pod template spec at all (another rule reports when it has not). */
export function hasPodSpec(ctx: RuleContext): boolean {
  return isObj(obj(ctx.jobSpec.template)?.spec);
}

/** Visits the init containers, then the regular containers, with their field paths. */
export function eachContainerOf(ctx: RuleContext, visit: (v: ContainerVisit) => void): void {
  const visits = containerVisits(ctx);
  for (let i = 0; i < visits.length; i++) visit(visits[i]);
}

/** The visits of the last context asked about: the pod rules of one object ask one after another. */
let visited: { ctx: RuleContext; visits: readonly ContainerVisit[] } | undefined;

/**
 * The containers of a context's pod, built once per context (one per object and scope) rather
 * than once per rule: their paths and visits were a good part of what the rules allocated.
 */
export function containerVisits(ctx: RuleContext): readonly ContainerVisit[] {
  if (visited?.ctx === ctx) return visited.visits;
  const visits: ContainerVisit[] = [];
  const sidecars = served(ctx, 'sidecars');
  // An entry that is not an object is the decoding rule's; it keeps its index.
  const init = arr(ctx.podSpec.initContainers);
  for (let i = 0; i < init.length; i++) {
    const container = init[i];
    if (!isObj(container)) continue;
    const sidecar = sidecars && container.restartPolicy === 'Always';
    visits.push({ container, path: `${ctx.podPath}.initContainers[${i}]`, init: true, sidecar });
  }
  const regular = arr(ctx.podSpec.containers);
  for (let i = 0; i < regular.length; i++) {
    const container = regular[i];
    if (!isObj(container)) continue;
    visits.push({
      container,
      path: `${ctx.podPath}.containers[${i}]`,
      init: false,
      sidecar: false,
    });
  }
  visited = { ctx, visits };
  return visits;
}

/** Whether a JSON value is present (a null field is an absent pointer to the API server). */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** validation.IsValidPortNum: 1 to 65535. */
export function portNumProblem(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : 'must be between 1 and 65535, inclusive';
}

/** validation.IsValidPortName: an IANA_SVC_NAME. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return `must be no more than 15 characters (is ${name.length})`;
  if (!/^[-a-z0-9]+$/.test(name)) {
    return 'must contain only lower-case letters, digits and "-" (an IANA service name)';
  }
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** validation.go ValidatePortNumOrName: an IntOrString port. Other JSON types are skipped. */
export function portNumOrNameProblem(port: unknown): string | undefined {
  if (port === undefined || port === null) return 'is required: a port number or name';
  if (typeof port === 'number') {
    return Number.isInteger(port) ? portNumProblem(port) : undefined;
  }
  if (typeof port === 'string') {
    if (port === '') return 'is required: a port number or name';
    const problem = portNameProblem(port);
    if (!problem) return undefined;
    return /^[0-9]+$/.test(port)
      ? 'is a string, so it is read as a port name, which must contain a letter: write the number without quotes'
      : `is not a valid port name: ${problem}`;
  }
  return undefined;
}

function chDirProblem(value: string): string | undefined {
  if (value === '.') return 'must not be "."';
  if (value === '..') return 'must not be ".."';
  if (value.startsWith('..')) return 'must not start with ".."';
  return undefined;
}

/**
 * validation.IsEnvVarName, or IsRelaxedEnvVarName where the target relaxes env names. Used for
 * env names and envFrom prefixes.
 */
export function envNameProblem(ctx: RuleContext, name: string): string | undefined {
  if (served(ctx, 'relaxedEnvNames')) {
    for (let i = 0; i < name.length; i++) {
      const code = name.charCodeAt(i);
      if (code < 0x20 || code > 0x7e || code === 0x3d) {
        return 'must consist only of printable ASCII characters other than "="';
      }
    }
    return undefined;
  }
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
    return 'must consist of letters, digits, "_", "-" or ".", and must not start with a digit';
  }
  return chDirProblem(name);
}

/** The fix for a name refused by the classic rules, which Kubernetes 1.32 relaxed. */
export function envNameFix(ctx: RuleContext): string | undefined {
  return served(ctx, 'relaxedEnvNames')
    ? undefined
    : `use a name like MY_VAR (Kubernetes 1.32 and later also accept other printable characters; the target is ${ctx.targetVersion})`;
}

/** validation.IsConfigMapKey: the key of a ConfigMap or Secret. */
export function configKeyProblem(key: string): string | undefined {
  if (key.length > 253) return `must be no more than 253 characters (is ${key.length})`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    return 'must consist of letters, digits, "-", "_" or "."';
  }
  return chDirProblem(key);
}
