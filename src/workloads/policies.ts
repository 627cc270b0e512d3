/** What a matching pod failure does to the Job. */
export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailurePolicyOnExitCodes {
  /** Only this container's exit code counts. @default any container */
  readonly containerName?: string;
  /** `In`: the rule matches these codes; `NotIn`: any other code. */
  readonly operator: 'In' | 'NotIn';
  /** Exit codes, ascending, unique; `In` may not contain 0. */
  readonly values: number[];
}

export interface PodFailurePolicyOnPodCondition {
  /** A pod condition type, e.g. `DisruptionTarget`. */
  readonly type: string;
  /** @default 'True' */
  readonly status?: 'True' | 'False' | 'Unknown';
}

export interface PodFailurePolicyRule {
  /** What a matching pod failure does to the Job. */
  readonly action: PodFailurePolicyAction;
  /** @default none (set this or onPodConditions) */
  readonly onExitCodes?: PodFailurePolicyOnExitCodes;
  /** @default none (set this or onExitCodes) */
  readonly onPodConditions?: PodFailurePolicyOnPodCondition[];
}

export interface PodFailurePolicy {
  /** At most 20 rules, evaluated in order. */
  readonly rules: PodFailurePolicyRule[];
}

/** Ready-made pod failure policy rules. */
export class PodFailure {
  /** Preemption, node drain and eviction do not count against backoffLimit. */
  public static ignoreDisruptions(): PodFailurePolicyRule {
    return { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
  }

  /** These exit codes fail the whole Job at once (a permanent error). */
  public static failJobOnExitCodes(values: number[], containerName?: string): PodFailurePolicyRule {
    return {
      action: 'FailJob',
      onExitCodes: { operator: 'In', values, ...(containerName ? { containerName } : {}) },
    };
  }

  /** These exit codes fail only this index, without retries (needs backoffLimitPerIndex). */
  public static failIndexOnExitCodes(
    values: number[],
    containerName?: string,
  ): PodFailurePolicyRule {
    return {
      action: 'FailIndex',
      onExitCodes: { operator: 'In', values, ...(containerName ? { containerName } : {}) },
    };
  }
}

export interface SuccessPolicyRule {
  /** Indexes that must succeed, e.g. `'0,2-4'`. @default any indexes */
  readonly succeededIndexes?: string;
  /** How many (of succeededIndexes, if set) must succeed. @default all of succeededIndexes */
  readonly succeededCount?: number;
}

export interface SuccessPolicy {
  /** 1-20 rules; the Job succeeds when any is met. */
  readonly rules: SuccessPolicyRule[];
}
