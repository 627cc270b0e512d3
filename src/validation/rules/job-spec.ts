import { Rule } from '../rule';
import { int } from '../read';
import { domainPrefixedPathProblem } from '../syntax';

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

export const jobIntegerFields: Rule = {
  id: 'job-integer-fields',
  family: 1,
  scope: 'job',
  summary: 'counts and durations in seconds are non-negative integers',
  check(ctx) {
    for (const field of INTEGER_FIELDS) {
      const value = ctx.jobSpec[field];
      if (value === undefined || value === null) continue;
      const path = `${ctx.specPath}.${field}`;
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        ctx.report(path, 'must be an integer', { value });
      } else if (value < 0) {
        ctx.report(path, 'must be greater than or equal to 0', { value });
      } else if (value > 2_147_483_647) {
        ctx.report(path, 'must fit in 32 bits (at most 2147483647)', { value });
      }
    }
  },
};

export const activeDeadlinePositive: Rule = {
  id: 'job-active-deadline-positive',
  family: 2,
  scope: 'job',
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

export const completionMode: Rule = {
  id: 'job-completion-mode',
  family: 1,
  scope: 'job',
  summary:
    'completionMode is NonIndexed or Indexed; Indexed needs completions and parallelism <= 100000',
  check(ctx) {
    const s = ctx.jobSpec;
    const mode = s.completionMode;
    if (mode === undefined) return;
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      ctx.report(`${ctx.specPath}.completionMode`, 'must be "NonIndexed" or "Indexed"', {
        value: mode,
      });
      return;
    }
    if (mode !== 'Indexed') return;
    if (s.completions === undefined || s.completions === null) {
      ctx.report(`${ctx.specPath}.completions`, 'is required when completionMode is Indexed', {
        fix: 'set completions to the number of indexes',
      });
    }
    const parallelism = int(s.parallelism);
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
      ctx.report(
        `${ctx.specPath}.parallelism`,
        `must be at most ${MAX_PARALLELISM_INDEXED} when completionMode is Indexed`,
        {
          value: parallelism,
        },
      );
    }
  },
};

export const parallelismNotAboveCompletions: Rule = {
  id: 'job-parallelism-above-completions',
  family: 2,
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
        {
          value: parallelism,
          fix: `set parallelism to at most ${completions}`,
        },
      );
    }
  },
};

export const perIndexBackoff: Rule = {
  id: 'job-per-index-backoff',
  family: 1,
  scope: 'job',
  summary:
    'backoffLimitPerIndex and maxFailedIndexes need Indexed mode and stay within their bounds',
  check(ctx) {
    const s = ctx.jobSpec;
    const p = ctx.specPath;
    const perIndex = int(s.backoffLimitPerIndex);
    const maxFailed = int(s.maxFailedIndexes);
    const completions = int(s.completions);
    const parallelism = int(s.parallelism);
    if (s.completionMode !== 'Indexed') {
      if (perIndex !== undefined) {
        ctx.report(`${p}.backoffLimitPerIndex`, 'requires completionMode Indexed', {
          value: perIndex,
          fix: 'use an IndexedJob',
        });
      }
      if (maxFailed !== undefined) {
        ctx.report(`${p}.maxFailedIndexes`, 'requires completionMode Indexed', {
          value: maxFailed,
          fix: 'use an IndexedJob',
        });
      }
      return;
    }
    if (maxFailed !== undefined && s.backoffLimitPerIndex === undefined) {
      ctx.report(`${p}.backoffLimitPerIndex`, 'is required when maxFailedIndexes is set');
    }
    if (maxFailed !== undefined && completions !== undefined && maxFailed > completions) {
      ctx.report(`${p}.maxFailedIndexes`, `must be at most completions (${completions})`, {
        value: maxFailed,
      });
    }
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
      ctx.report(`${p}.maxFailedIndexes`, `must be at most ${MAX_FAILED_INDEXES}`, {
        value: maxFailed,
      });
    }
    if (
      completions !== undefined &&
      completions > COMPLETIONS_SOFT_LIMIT &&
      perIndex !== undefined
    ) {
      if (maxFailed === undefined) {
        ctx.report(
          `${p}.maxFailedIndexes`,
          `is required when completions is above ${COMPLETIONS_SOFT_LIMIT} with backoffLimitPerIndex`,
        );
      }
      if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
        ctx.report(
          `${p}.parallelism`,
          `must be at most ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} when completions is above ${COMPLETIONS_SOFT_LIMIT} with backoffLimitPerIndex`,
          {
            value: parallelism,
          },
        );
      }
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
        ctx.report(
          `${p}.maxFailedIndexes`,
          `must be at most ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} when completions is above ${COMPLETIONS_SOFT_LIMIT} with backoffLimitPerIndex`,
          {
            value: maxFailed,
          },
        );
      }
    }
  },
};

export const managedBy: Rule = {
  id: 'job-managed-by',
  family: 1,
  scope: 'job',
  summary: 'managedBy is a domain-prefixed path of at most 63 characters',
  check(ctx) {
    const value = ctx.jobSpec.managedBy;
    if (value === undefined || value === null) return;
    const path = `${ctx.specPath}.managedBy`;
    if (typeof value !== 'string') {
      ctx.report(path, 'must be a string', { value });
      return;
    }
    const problem = domainPrefixedPathProblem(value);
    if (problem) ctx.report(path, problem, { value });
    if (value.length > MAX_MANAGED_BY_LENGTH) {
      ctx.report(
        path,
        `must be no more than ${MAX_MANAGED_BY_LENGTH} characters (is ${value.length})`,
        { value },
      );
    }
  },
};

export const podReplacementPolicy: Rule = {
  id: 'job-pod-replacement-policy',
  family: 1,
  scope: 'job',
  summary:
    'podReplacementPolicy is Failed or TerminatingOrFailed, and only Failed with a podFailurePolicy',
  check(ctx) {
    const value = ctx.jobSpec.podReplacementPolicy;
    if (value === undefined || value === null) return;
    const path = `${ctx.specPath}.podReplacementPolicy`;
    if (ctx.jobSpec.podFailurePolicy !== undefined && ctx.jobSpec.podFailurePolicy !== null) {
      if (value !== 'Failed') {
        ctx.report(path, 'must be "Failed" when podFailurePolicy is set', { value });
      }
    } else if (value !== 'Failed' && value !== 'TerminatingOrFailed') {
      ctx.report(path, 'must be "Failed" or "TerminatingOrFailed"', { value });
    }
  },
};

export const restartPolicy: Rule = {
  id: 'job-restart-policy',
  family: 1,
  scope: 'job',
  summary:
    'a Job pod restartPolicy is Never or OnFailure, and Never when a podFailurePolicy is set',
  check(ctx) {
    const podSpec = ctx.podSpec;
    const value = podSpec.restartPolicy;
    const path = `${ctx.podPath}.restartPolicy`;
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

export const selector: Rule = {
  id: 'job-selector',
  family: 1,
  scope: 'job',
  summary:
    'selector is generated by the API server: a job template may not set it, a Job only with manualSelector',
  check(ctx) {
    const s = ctx.jobSpec;
    if (ctx.inTemplate) {
      if (s.selector !== undefined && s.selector !== null) {
        ctx.report(
          `${ctx.specPath}.selector`,
          'must not be set in a job template; it will be generated',
          { value: s.selector },
        );
      }
      if (s.manualSelector === true) {
        ctx.report(`${ctx.specPath}.manualSelector`, 'must not be true in a job template', {
          value: true,
        });
      }
    } else if (s.selector !== undefined && s.selector !== null && s.manualSelector !== true) {
      ctx.report(
        `${ctx.specPath}.selector`,
        'must not be set unless manualSelector is true; it is generated',
        { value: s.selector },
      );
    }
  },
};

export const booleanFields: Rule = {
  id: 'job-boolean-fields',
  family: 1,
  scope: 'job',
  summary: 'suspend and manualSelector are booleans',
  check(ctx) {
    for (const field of ['suspend', 'manualSelector']) {
      const value = ctx.jobSpec[field];
      if (value !== undefined && value !== null && typeof value !== 'boolean') {
        ctx.report(`${ctx.specPath}.${field}`, 'must be true or false', {
          value,
          fix: typeof value === 'string' ? 'write it unquoted' : undefined,
        });
      }
    }
  },
};
