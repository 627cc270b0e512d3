import { Rule } from '../rule';
import { Obj, arr, int, isObj, obj, objs, str } from '../read';
import { qualifiedNameProblem } from '../syntax';

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

export const podFailurePolicy: Rule = {
  id: 'job-pod-failure-policy',
  family: 1,
  scope: 'pod',
  summary:
    'podFailurePolicy: at most 20 rules, each with one of onExitCodes (1-255 ordered, unique values; In never 0) or onPodConditions',
  check(ctx) {
    const policy = ctx.jobSpec.podFailurePolicy;
    if (policy === undefined || policy === null) return;
    const base = `${ctx.specPath}.podFailurePolicy`;
    if (!isObj(policy)) {
      ctx.report(base, 'must be an object with rules', { value: policy });
      return;
    }
    const rules = arr(policy.rules);
    if (rules.length > MAX_RULES) {
      ctx.report(`${base}.rules`, `must have at most ${MAX_RULES} rules (has ${rules.length})`);
    }
    const names = containerNames(ctx.podSpec);
    rules.forEach((raw, i) => {
      const path = `${base}.rules[${i}]`;
      const rule = obj(raw) ?? {};
      const action = rule.action;
      if (action === undefined || action === '') {
        ctx.report(`${path}.action`, `is required: one of ${ACTIONS.join(', ')}`);
      } else if (!ACTIONS.includes(String(action))) {
        ctx.report(`${path}.action`, `must be one of ${ACTIONS.join(', ')}`, { value: action });
      } else if (action === 'FailIndex' && ctx.jobSpec.backoffLimitPerIndex === undefined) {
        ctx.report(`${path}.action`, 'FailIndex requires backoffLimitPerIndex to be set', {
          value: action,
          fix: 'set backoffLimitPerIndex on the Indexed Job',
        });
      }
      const onExitCodes = obj(rule.onExitCodes);
      const onPodConditions = arr(rule.onPodConditions);
      if (onExitCodes && onPodConditions.length > 0) {
        ctx.report(path, 'must not set both onExitCodes and onPodConditions');
      }
      if (!onExitCodes && onPodConditions.length === 0) {
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
        const type = str(pattern.type) ?? '';
        const typeProblem = qualifiedNameProblem(type);
        if (typeProblem)
          ctx.report(`${path}.onPodConditions[${j}].type`, typeProblem, { value: pattern.type });
        // An absent status is defaulted to True by the API server before validation.
        const status = pattern.status;
        if (status !== undefined && !STATUSES.includes(String(status))) {
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
  if (operator === undefined || operator === '') {
    report(`${path}.operator`, 'is required: In or NotIn');
  } else if (operator !== 'In' && operator !== 'NotIn') {
    report(`${path}.operator`, 'must be In or NotIn', { value: operator });
  }
  const containerName = req.containerName;
  if (containerName !== undefined && containerName !== null && !names.has(String(containerName))) {
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
    if (value === undefined) {
      report(`${path}.values[${j}]`, 'must be an integer', { value: raw });
      return;
    }
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

export const successPolicy: Rule = {
  id: 'job-success-policy',
  family: 1,
  scope: 'job',
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
    const rules = arr(obj(policy)?.rules);
    if (rules.length === 0) ctx.report(`${base}.rules`, 'must have at least one rule');
    if (rules.length > MAX_RULES)
      ctx.report(`${base}.rules`, `must have at most ${MAX_RULES} rules (has ${rules.length})`);
    const completions = int(ctx.jobSpec.completions) ?? 0;
    rules.forEach((raw, i) => {
      const path = `${base}.rules[${i}]`;
      const rule = obj(raw) ?? {};
      if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
        ctx.report(path, 'must set succeededCount or succeededIndexes');
      }
      let indexCount: number | undefined;
      if (rule.succeededIndexes !== undefined) {
        const text = String(rule.succeededIndexes);
        if (text.length > MAX_SUCCEEDED_INDEXES_LENGTH) {
          ctx.report(
            `${path}.succeededIndexes`,
            `must be at most ${MAX_SUCCEEDED_INDEXES_LENGTH} characters`,
          );
        }
        const parsed = parseIndexSet(text, completions);
        if ('error' in parsed) {
          ctx.report(`${path}.succeededIndexes`, parsed.error, {
            value: rule.succeededIndexes,
            fix: 'write increasing indexes and ranges such as "0,2-4,7"',
          });
        } else {
          indexCount = parsed.count;
        }
      }
      if (rule.succeededCount !== undefined) {
        const count = int(rule.succeededCount);
        const countPath = `${path}.succeededCount`;
        if (count === undefined || count < 0) {
          ctx.report(countPath, 'must be a non-negative integer', { value: rule.succeededCount });
        } else if (count > completions) {
          ctx.report(countPath, `must be at most completions (${completions})`, { value: count });
        } else if (indexCount !== undefined && count > indexCount) {
          ctx.report(countPath, `must be at most the ${indexCount} indexes in succeededIndexes`, {
            value: count,
          });
        }
      }
    });
  },
};
