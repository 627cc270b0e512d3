/**
 * validation.go validatePodFailurePolicy and validateSuccessPolicy, on create. Values of the
 * wrong JSON type are the decoding rule's and are skipped here.
 */
import { Rule } from '../rule';
import { Obj, arr, int, obj, objs, str } from '../read';
import { qualifiedNameProblem } from '../syntax';
import { serves } from '../versions';

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_POD_CONDITIONS = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const STATUSES = ['False', 'True', 'Unknown'];

function containerNames(podSpec: Obj): Set<string> {
  const names = new Set<string>();
  for (const c of [...objs(podSpec.containers), ...objs(podSpec.initContainers)]) {
    const name = str(c.name);
    if (name !== undefined) names.add(name);
  }
  return names;
}

/**
 * validation.go validatePodFailurePolicy: at most 20 rules; each has a known action (FailIndex
 * only with backoffLimitPerIndex) and exactly one of onExitCodes and onPodConditions. A pattern
 * without status is defaulted to True before validation.
 */
export const podFailurePolicy: Rule = {
  id: 'job-pod-failure-policy',
  family: 1,
  scope: 'pod',
  reads: { job: ['podFailurePolicy'] },
  summary:
    'podFailurePolicy: at most 20 rules, each with one of onExitCodes (1-255 ordered, unique values; In never 0) or onPodConditions',
  check(ctx) {
    const policy = ctx.jobSpec.podFailurePolicy;
    if (policy === undefined || policy === null) return;
    const base = `${ctx.specPath}.podFailurePolicy`;
    const rules = arr(obj(policy)?.rules);
    if (rules.length > MAX_RULES) {
      ctx.report(`${base}.rules`, `must have at most ${MAX_RULES} rules (has ${rules.length})`);
    }
    const names = containerNames(ctx.podSpec);
    rules.forEach((raw, i) => {
      const path = `${base}.rules[${i}]`;
      const rule = obj(raw) ?? {};
      const action = rule.action;
      const perIndex = ctx.jobSpec.backoffLimitPerIndex;
      if (action === undefined || action === null || action === '') {
        ctx.report(`${path}.action`, `is required: one of ${ACTIONS.join(', ')}`);
      } else if (typeof action !== 'string') {
        // the decoding rule's
      } else if (!ACTIONS.includes(action)) {
        ctx.report(`${path}.action`, `must be one of ${ACTIONS.join(', ')}`, { value: action });
      } else if (
        action === 'FailIndex' &&
        (perIndex === undefined || perIndex === null) &&
        serves(ctx.targetVersion, '1.29')
      ) {
        ctx.report(`${path}.action`, 'FailIndex requires backoffLimitPerIndex to be set', {
          value: action,
          fix: 'set backoffLimitPerIndex on the Indexed Job',
        });
      }
      const onExitCodes = obj(rule.onExitCodes);
      const onPodConditions = arr(rule.onPodConditions);
      const typeError =
        (rule.onExitCodes !== undefined && rule.onExitCodes !== null && !onExitCodes) ||
        (rule.onPodConditions !== undefined &&
          rule.onPodConditions !== null &&
          !Array.isArray(rule.onPodConditions));
      if (onExitCodes && onPodConditions.length > 0) {
        ctx.report(path, 'must not set both onExitCodes and onPodConditions');
      }
      if (!onExitCodes && onPodConditions.length === 0 && !typeError) {
        ctx.report(path, 'must set one of onExitCodes and onPodConditions');
      }
      if (onExitCodes) checkExitCodes(onExitCodes, `${path}.onExitCodes`, names, ctx.report);
      if (onPodConditions.length > MAX_POD_CONDITIONS) {
        ctx.report(
          `${path}.onPodConditions`,
          `must have at most ${MAX_POD_CONDITIONS} patterns (has ${onPodConditions.length})`,
        );
      }
      onPodConditions.forEach((rawPattern, j) => {
        const pattern = obj(rawPattern) ?? {};
        const type = pattern.type === undefined || pattern.type === null ? '' : str(pattern.type);
        const typeProblem = type === undefined ? undefined : qualifiedNameProblem(type);
        if (typeProblem)
          ctx.report(`${path}.onPodConditions[${j}].type`, typeProblem, { value: pattern.type });
        // An absent or empty status is defaulted to True by the API server before validation.
        const status = pattern.status;
        if (typeof status === 'string' && status !== '' && !STATUSES.includes(status)) {
          ctx.report(
            `${path}.onPodConditions[${j}].status`,
            `must be one of ${STATUSES.join(', ')}`,
            { value: status },
          );
        }
      });
    });
  },
};

function checkExitCodes(
  req: Obj,
  path: string,
  names: Set<string>,
  report: (field: string, message: string, options?: { value?: unknown; fix?: string }) => void,
): void {
  const operator = req.operator;
  if (operator === undefined || operator === null || operator === '') {
    report(`${path}.operator`, 'is required: In or NotIn');
  } else if (typeof operator === 'string' && operator !== 'In' && operator !== 'NotIn') {
    report(`${path}.operator`, 'must be In or NotIn', { value: operator });
  }
  const containerName = req.containerName;
  if (typeof containerName === 'string' && !names.has(containerName)) {
    report(
      `${path}.containerName`,
      'must be the name of a container or init container of the pod',
      {
        value: containerName,
        fix: `use one of: ${[...names].join(', ')}`,
      },
    );
  }
  const values = arr(req.values);
  if (values.length === 0) {
    report(`${path}.values`, 'must have at least one exit code');
  } else if (values.length > MAX_EXIT_CODES) {
    report(
      `${path}.values`,
      `must have at most ${MAX_EXIT_CODES} exit codes (has ${values.length})`,
    );
  }
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((raw, j) => {
    const value = int(raw);
    if (value === undefined) return;
    if (operator === 'In' && value === 0) {
      report(`${path}.values[${j}]`, 'must not be 0 for the In operator', {
        value,
        fix: 'exit code 0 is success; it never fails a pod',
      });
    }
    if (seen.has(value)) report(`${path}.values[${j}]`, 'is a duplicate', { value });
    seen.add(value);
    const previous = int(values[j - 1]);
    if (j > 0 && previous !== undefined && previous > value) ordered = false;
  });
  if (!ordered) report(`${path}.values`, 'must be in ascending order', { value: values });
}

/** Parses `0,2-4,7` the way the Job controller does; returns the count or an error. */
export function parseIndexSet(
  text: string,
  completions: number,
): { count: number } | { error: string } {
  if (text.length === 0) return { count: 0 };
  let last: number | undefined;
  let count = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2)
      return { error: `the fragment "${interval}" has more than two parts separated by "-"` };
    const bounds: number[] = [];
    for (const limit of limits) {
      if (!/^[+-]?\d+$/.test(limit)) return { error: `cannot convert "${limit}" to an index` };
      const n = Number(limit);
      if (n >= completions)
        return { error: `index ${n} is not below completions (${completions})` };
      bounds.push(n);
    }
    const [x, y = x] = bounds;
    if (limits.length === 2 && x >= y) return { error: `"${interval}" is not increasing` };
    if (last !== undefined && last >= x)
      return { error: `indexes must increase: ${x} comes after ${last}` };
    count += y - x + 1;
    last = y;
  }
  return { count };
}

/**
 * validation.go validateJobSpec and validateSuccessPolicy: Indexed mode only; 1 to 20 rules,
 * each with succeededIndexes (an increasing index list below completions, at most 64 KiB)
 * and/or succeededCount (at most completions and the indexes listed). From 1.31 (the
 * JobSuccessPolicy gate; before, the API server drops the field).
 */
export const successPolicy: Rule = {
  id: 'job-success-policy',
  family: 1,
  scope: 'job',
  reads: { job: ['successPolicy'] },
  since: '1.31',
  summary:
    'successPolicy needs Indexed mode and 1-20 rules of succeededIndexes and/or succeededCount within completions',
  check(ctx) {
    const policy = ctx.jobSpec.successPolicy;
    if (policy === undefined || policy === null) return;
    const base = `${ctx.specPath}.successPolicy`;
    if (ctx.jobSpec.completionMode !== 'Indexed') {
      ctx.report(base, 'requires completionMode Indexed', { fix: 'use an IndexedJob' });
      return;
    }
    const rulesValue = obj(policy)?.rules;
    if (
      !obj(policy) ||
      (rulesValue !== undefined && rulesValue !== null && !Array.isArray(rulesValue))
    )
      return;
    const rules = arr(rulesValue);
    if (rules.length === 0) ctx.report(`${base}.rules`, 'must have at least one rule');
    if (rules.length > MAX_RULES)
      ctx.report(`${base}.rules`, `must have at most ${MAX_RULES} rules (has ${rules.length})`);
    const { completions: c, parallelism } = ctx.jobSpec;
    // Unset completions and parallelism are both defaulted to 1; completions unset alone is
    // job-completion-mode's (and makes the API server's check panic).
    const completions = int(c) ?? (c == null && parallelism == null ? 1 : undefined);
    if (completions === undefined) return;
    rules.forEach((raw, i) => {
      const path = `${base}.rules[${i}]`;
      const rule = obj(raw) ?? {};
      const indexes = rule.succeededIndexes;
      const countValue = rule.succeededCount;
      if (indexes == null && countValue == null) {
        ctx.report(path, 'must set succeededCount or succeededIndexes');
      }
      let indexCount: number | undefined;
      if (typeof indexes === 'string') {
        const parsed = parseIndexSet(indexes, completions);
        if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) {
          ctx.report(
            `${path}.succeededIndexes`,
            `must be at most ${MAX_SUCCEEDED_INDEXES_LENGTH} characters`,
          );
        } else if ('error' in parsed) {
          ctx.report(`${path}.succeededIndexes`, parsed.error, {
            value: indexes,
            fix: 'write increasing indexes and ranges such as "0,2-4,7"',
          });
        } else {
          indexCount = parsed.count;
        }
      }
      const count = int(countValue);
      if (count === undefined) return;
      const countPath = `${path}.succeededCount`;
      if (count < 0) {
        ctx.report(countPath, 'must be greater than or equal to 0', { value: count });
      } else if (count > completions) {
        ctx.report(countPath, `must be at most completions (${completions})`, { value: count });
      } else if (indexCount !== undefined && count > indexCount) {
        ctx.report(countPath, `must be at most the ${indexCount} indexes in succeededIndexes`, {
          value: count,
        });
      }
    });
  },
};
