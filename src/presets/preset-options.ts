import { EnvValue } from '../pod/env';
import { GpuOptions, Resources } from '../pod/resources';
import { ExitCode } from '../runtime/exit-codes';
import { Problem, propProblem } from '../validation/problem';
import { PodFailure, PodFailurePolicy } from '../workloads/policies';

/** Options every preset shares (the general constructs take them too). */
export interface PresetOptions {
  /** GPUs per pod (shorthand for `resources.gpu`): requests = limits, the GPU toleration, node selector. @default none */
  readonly gpu?: number | GpuOptions;
  /** The Kueue LocalQueue to submit to: sets the queue label and creates the Job suspended so Kueue admits it. @default not queued */
  readonly queueName?: string;
}

/** What a preset's props look like to the helpers here. */
interface PresetInput {
  readonly resources?: Resources;
  readonly containers?: unknown[];
}

/** The resources of a preset's single container: the user's when given, else the preset's defaults. */
export function presetResources(props: PresetInput, defaults: Resources): Resources | undefined {
  if (props.containers) return undefined;
  return props.resources ?? defaults;
}

/**
 * Checks that a credential is a Secret reference (`Secrets.key(...)`), not a literal or a
 * ConfigMap key; returns the problem or undefined.
 */
export function secretRefProblem(
  prop: string,
  value: EnvValue | string | undefined,
): Problem | undefined {
  if (value === undefined) return undefined;
  if (value instanceof EnvValue && 'secretKeyRef' in value.valueFrom) return undefined;
  return propProblem(prop, 'must be a Secret reference, so the credential is not in the manifest', {
    value: typeof value === 'string' ? '<literal>' : value.valueFrom,
    family: 3,
    fix: "use Secrets.key('<secret>', '<key>')",
  });
}

/**
 * The pod failure policy of the presets' workers, unless the props set one: disruptions
 * (preemption, node drain) are not failures; `ExitCode.FAIL_INDEX` fails the index (or the
 * Job, without per-index retries) and `ExitCode.FAIL_JOB` the Job, at once. None with
 * `restartPolicy: OnFailure`, which Kubernetes does not allow with a pod failure policy.
 */
export function workerFailurePolicy(
  props: { podFailurePolicy?: PodFailurePolicy; restartPolicy?: 'Never' | 'OnFailure' },
  perIndexRetries: boolean,
): PodFailurePolicy | undefined {
  if (props.podFailurePolicy || props.restartPolicy === 'OnFailure') return props.podFailurePolicy;
  const permanent = perIndexRetries
    ? [
        PodFailure.failIndexOnExitCodes([ExitCode.FAIL_INDEX]),
        PodFailure.failJobOnExitCodes([ExitCode.FAIL_JOB]),
      ]
    : [PodFailure.failJobOnExitCodes([ExitCode.FAIL_INDEX, ExitCode.FAIL_JOB])];
  return { rules: [PodFailure.ignoreDisruptions(), ...permanent] };
}
