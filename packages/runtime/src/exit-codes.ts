/**
 * Exit codes a worker uses to tell the Job controller what happened; the presets' pod
 * failure policies match them.
 */
export const ExitCode = {
  /** The shard is done. */
  SUCCESS: 0,
  /** A transient error: retry the pod (counts towards backoffLimit / backoffLimitPerIndex). */
  RETRY: 1,
  /** A permanent error in this index's items: fail the index now, no retries (FailIndex). */
  FAIL_INDEX: 42,
  /** A permanent error for the whole Job (bad configuration): fail the Job now (FailJob). */
  FAIL_JOB: 43,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
