/**
 * The JobSpec as validation.go validateJobSpec checks it on create (a Job's spec, or a
 * CronJob's spec.jobTemplate.spec), and what the Job controller then does with it.
 */
import { Rule } from '../rule';
import { int } from '../read';
import { domainPrefixedPathProblem } from '../syntax';

export * from './job-selector';

const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_MANAGED_BY_LENGTH = 63;

const INTEGER_FIELDS = [
  'parallelism',
  'completions',
  'activeDeadlineSeconds',
  'backoffLimit',
  'ttlSecondsAfterFinished',
  'backoffLimitPerIndex',
  'maxFailedIndexes',
] as const;

/**
 * validation.go validateJobSpec (ValidateNonnegativeField): counts and durations are not
 * negative. A value of another JSON type is the decoding rule's.
 */
export const jobIntegerFields: Rule = {
  id: 'job-integer-fields',
  family: 1,
  scope: 'job',
  summary: 'counts and durations in seconds are not negative',
  check(ctx) {
    for (const field of INTEGER_FIELDS) {
      const value = int(ctx.jobSpec[field]);
      if (value !== undefined && value < 0) {
        ctx.report(`${ctx.specPath}.${field}`, 'must be greater than or equal to 0', { value });
      }
    }
  },
};

/** job controller pastActiveDeadline: a deadline of 0 s has passed as soon as the Job starts. */
export const activeDeadlinePositive: Rule = {
  id: 'job-active-deadline-positive',
  family: 2,
  scope: 'job',
  reads: { job: ['activeDeadlineSeconds'] },
  summary: 'activeDeadlineSeconds 0 fails the Job at once with DeadlineExceeded',
  check(ctx) {
    if (ctx.jobSpec.activeDeadlineSeconds === 0) {
      ctx.report(
        `${ctx.specPath}.activeDeadlineSeconds`,
        'is 0, so the Job fails at once with DeadlineExceeded',
        {
          value: 0,
          fix: 'set a positive deadline or leave it unset',
        },
      );
    }
  },
};

/**
 * validation.go validateJobSpec: completionMode is NonIndexed or Indexed; Indexed needs
 * completions (the API server sets completions and parallelism to 1 when both are unset) and
 * at most 100000 parallel pods.
 */
export const completionMode: Rule = {
  id: 'job-completion-mode',
  family: 1,
  scope: 'job',
  summary:
    'completionMode is NonIndexed or Indexed; Indexed needs completions and parallelism <= 100000',
  check(ctx) {
    const s = ctx.jobSpec;
    const mode = s.completionMode;
    if (typeof mode !== 'string') return;
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      ctx.report(`${ctx.specPath}.completionMode`, 'must be "NonIndexed" or "Indexed"', {
        value: mode,
      });
      return;
    }
    if (mode !== 'Indexed') return;
    const unset = (v: unknown) => v === undefined || v === null;
    if (unset(s.completions) && !unset(s.parallelism)) {
      ctx.report(`${ctx.specPath}.completions`, 'is required when completionMode is Indexed', {
        fix: 'set completions to the number of indexes',
      });
    }
    const parallelism = int(s.parallelism);
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
      ctx.report(
        `${ctx.specPath}.parallelism`,
        `must be at most ${MAX_PARALLELISM_INDEXED} when completionMode is Indexed`,
        { value: parallelism },
      );
    }
  },
};

/**
 * job controller manageJob: it never runs more pods than the completions still missing, so
 * parallelism above completions is accepted and silently capped.
 */
export const parallelismNotAboveCompletions: Rule = {
  id: 'job-parallelism-above-completions',
  family: 2,
  severity: 'warning',
  scope: 'job',
  summary: 'parallelism above completions is silently capped by the Job controller',
  check(ctx) {
    const parallelism = int(ctx.jobSpec.parallelism);
    const completions = int(ctx.jobSpec.completions);
    if (
      parallelism !== undefined &&
      completions !== undefined &&
      completions > 0 &&
      parallelism > completions
    ) {
      ctx.report(
        `${ctx.specPath}.parallelism`,
        `is above completions (${completions}); the controller never runs more than ${completions} pods`,
        { value: parallelism, fix: `set parallelism to at most ${completions}` },
      );
    }
  },
};

/**
 * validation.go validateJobSpec: backoffLimitPerIndex and maxFailedIndexes need Indexed mode,
 * maxFailedIndexes needs backoffLimitPerIndex and stays within completions and 100000, and
 * above 100000 completions both it and parallelism are limited to 10000. From 1.29 (the
 * JobBackoffLimitPerIndex gate; before, the API server drops the fields).
 */
export const perIndexBackoff: Rule = {
  id: 'job-per-index-backoff',
  family: 1,
  scope: 'job',
  reads: { job: ['backoffLimitPerIndex', 'maxFailedIndexes'] },
  since: '1.29',
  summary:
    'backoffLimitPerIndex and maxFailedIndexes need Indexed mode and stay within their bounds',
  check(ctx) {
    const s = ctx.jobSpec;
    const p = ctx.specPath;
    const perIndex = int(s.backoffLimitPerIndex);
    const maxFailed = int(s.maxFailedIndexes);
    const completions = int(s.completions);
    const parallelism = int(s.parallelism);
    const perIndexSet = s.backoffLimitPerIndex !== undefined && s.backoffLimitPerIndex !== null;
    if (maxFailed !== undefined && !perIndexSet) {
      ctx.report(`${p}.backoffLimitPerIndex`, 'is required when maxFailedIndexes is set');
    }
    if (s.completionMode !== 'Indexed') {
      if (
        s.completionMode !== undefined &&
        s.completionMode !== null &&
        s.completionMode !== 'NonIndexed'
      )
        return;
      for (const [field, value] of [
        ['backoffLimitPerIndex', perIndex],
        ['maxFailedIndexes', maxFailed],
      ] as const) {
        if (value !== undefined)
          ctx.report(`${p}.${field}`, 'requires completionMode Indexed', {
            value,
            fix: 'use an IndexedJob',
          });
      }
      return;
    }
    if (maxFailed !== undefined && completions !== undefined && maxFailed > completions) {
      ctx.report(`${p}.maxFailedIndexes`, `must be at most completions (${completions})`, {
        value: maxFailed,
      });
    } else if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
      ctx.report(`${p}.maxFailedIndexes`, `must be at most ${MAX_FAILED_INDEXES}`, {
        value: maxFailed,
      });
    }
    if (completions === undefined || completions <= COMPLETIONS_SOFT_LIMIT || !perIndexSet) return;
    const when = `when completions is above ${COMPLETIONS_SOFT_LIMIT} with backoffLimitPerIndex`;
    if (maxFailed === undefined) {
      ctx.report(`${p}.maxFailedIndexes`, `is required ${when}`);
    } else if (maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS && maxFailed <= MAX_FAILED_INDEXES) {
      ctx.report(
        `${p}.maxFailedIndexes`,
        `must be at most ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${when}`,
        { value: maxFailed },
      );
    }
    if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
      ctx.report(
        `${p}.parallelism`,
        `must be at most ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${when}`,
        { value: parallelism },
      );
    }
  },
};

/**
 * validation.go validateJobSpec: managedBy is a domain-prefixed path of at most 63 characters.
 * From 1.32 (the JobManagedBy gate; before, the API server drops the field).
 */
export const managedBy: Rule = {
  id: 'job-managed-by',
  family: 1,
  scope: 'job',
  reads: { job: ['managedBy'] },
  since: '1.32',
  summary: 'managedBy is a domain-prefixed path of at most 63 characters',
  check(ctx) {
    const value = ctx.jobSpec.managedBy;
    if (typeof value !== 'string') return;
    const path = `${ctx.specPath}.managedBy`;
    const problem = domainPrefixedPathProblem(value);
    if (problem) {
      ctx.report(path, problem, { value });
    } else if (value.length > MAX_MANAGED_BY_LENGTH) {
      ctx.report(
        path,
        `must be no more than ${MAX_MANAGED_BY_LENGTH} characters (is ${value.length})`,
        { value },
      );
    }
  },
};

/**
 * validation.go validatePodReplacementPolicy: Failed or TerminatingOrFailed, only Failed with a
 * podFailurePolicy. From 1.29 (the JobPodReplacementPolicy gate; before, it is dropped).
 */
export const podReplacementPolicy: Rule = {
  id: 'job-pod-replacement-policy',
  family: 1,
  scope: 'job',
  reads: { job: ['podReplacementPolicy'] },
  since: '1.29',
  summary:
    'podReplacementPolicy is Failed or TerminatingOrFailed, and only Failed with a podFailurePolicy',
  check(ctx) {
    const value = ctx.jobSpec.podReplacementPolicy;
    if (typeof value !== 'string') return;
    const path = `${ctx.specPath}.podReplacementPolicy`;
    const pfp = ctx.jobSpec.podFailurePolicy;
    if (pfp !== undefined && pfp !== null) {
      if (value !== 'Failed') {
        ctx.report(path, 'must be "Failed" when podFailurePolicy is set', { value });
      }
    } else if (value !== 'Failed' && value !== 'TerminatingOrFailed') {
      ctx.report(path, 'must be "Failed" or "TerminatingOrFailed"', { value });
    }
  },
};

/**
 * validation.go validateJobSpec: the pod template's restartPolicy is Never or OnFailure (the
 * pod default Always is refused), and Never with a podFailurePolicy.
 */
export const restartPolicy: Rule = {
  id: 'job-restart-policy',
  family: 1,
  scope: 'job',
  summary:
    'a Job pod restartPolicy is Never or OnFailure, and Never when a podFailurePolicy is set',
  check(ctx) {
    const value = ctx.podSpec.restartPolicy;
    const path = `${ctx.podPath}.restartPolicy`;
    if (value !== undefined && value !== null && typeof value !== 'string') return;
    if (value === undefined || value === null || value === '' || value === 'Always') {
      ctx.report(
        path,
        value === 'Always'
          ? 'must be "Never" or "OnFailure" for a Job, not "Always"'
          : 'is required for a Job: "Never" or "OnFailure"',
        {
          value,
          fix: 'use "Never" (a new pod per retry) or "OnFailure" (restart in place)',
        },
      );
    } else if (value !== 'Never' && value !== 'OnFailure') {
      ctx.report(path, 'must be "Never" or "OnFailure"', { value });
    } else if (
      value !== 'Never' &&
      ctx.jobSpec.podFailurePolicy !== undefined &&
      ctx.jobSpec.podFailurePolicy !== null
    ) {
      ctx.report(path, 'must be "Never" when podFailurePolicy is set', { value });
    }
  },
};
