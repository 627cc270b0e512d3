/**
 * Label, label-selector and node-selector checks shared by the scheduling rules
 * (apimachinery pkg/apis/meta/v1/validation and core validation.go). Helpers only, no rules.
 */
import { RuleContext } from '../rule';
import { arr, isObj, obj } from '../read';
import { dns1123SubdomainProblem, labelValueProblem, qualifiedNameProblem } from '../syntax';

/**
 * A string field as Go decodes it: absent or null is "", a string is itself, any other JSON
 * type is undefined (the decoding rule reports it; callers skip the check).
 */
export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : undefined;
}

/** A list field as Go decodes it: absent or null is empty, a non-list is undefined. */
export function list(value: unknown): readonly unknown[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

/** Calls visit for every object element of a list, with its index in the list as written. */
export function eachObj(
  value: unknown,
  visit: (item: Readonly<Record<string, unknown>>, index: number) => void,
): void {
  const list = arr(value);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (isObj(item)) visit(item, i);
  }
}

/** apimachinery ValidateLabelName: a qualified name. */
export function checkLabelName(ctx: RuleContext, value: unknown, path: string): void {
  const key = text(value);
  if (key === undefined) return;
  if (key === '') {
    ctx.report(path, 'is required');
    return;
  }
  const problem = qualifiedNameProblem(key);
  if (problem) ctx.report(path, `is not a valid label key: ${problem}`, { value: key });
}

/** apimachinery ValidateLabels: keys are qualified names, values label values. */
export function checkLabelMap(ctx: RuleContext, value: unknown, path: string): void {
  const map = obj(value);
  if (!map) return;
  for (const [key, v] of Object.entries(map)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) ctx.report(path, `key ${JSON.stringify(key)} ${keyProblem}`, { value: key });
    if (typeof v !== 'string') continue;
    const valueProblem = labelValueProblem(v);
    if (valueProblem) ctx.report(`${path}.${key}`, valueProblem, { value: v });
  }
}

function checkValues(
  ctx: RuleContext,
  values: readonly unknown[],
  path: string,
  check: (v: string) => string | undefined,
): void {
  values.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const problem = check(v);
    if (problem) ctx.report(`${path}[${i}]`, problem, { value: v });
  });
}

/**
 * apimachinery ValidateLabelSelector (with AllowInvalidLabelValueInSelector false, as on
 * create): matchLabels, and matchExpressions with In/NotIn/Exists/DoesNotExist.
 */
export function checkLabelSelector(ctx: RuleContext, value: unknown, path: string): void {
  const selector = obj(value);
  if (!selector) return;
  checkLabelMap(ctx, selector.matchLabels, `${path}.matchLabels`);
  eachObj(selector.matchExpressions, (expr, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const operator = text(expr.operator);
    const values = list(expr.values);
    if (operator !== undefined && values !== undefined) {
      if (operator === 'In' || operator === 'NotIn') {
        if (values.length === 0)
          ctx.report(`${p}.values`, `must not be empty when operator is ${operator}`);
      } else if (operator === 'Exists' || operator === 'DoesNotExist') {
        if (values.length > 0)
          ctx.report(`${p}.values`, `must be empty when operator is ${operator}`, {
            value: values,
          });
      } else if (operator === '') {
        ctx.report(`${p}.operator`, 'is required', {
          fix: 'use In, NotIn, Exists or DoesNotExist',
        });
      } else {
        ctx.report(`${p}.operator`, 'must be In, NotIn, Exists or DoesNotExist', {
          value: operator,
        });
      }
    }
    checkLabelName(ctx, expr.key, `${p}.key`);
    if (values) checkValues(ctx, values, `${p}.values`, labelValueProblem);
  });
}

/** The keys a label selector names, in matchLabels and matchExpressions. */
export function selectorKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const selector = obj(value);
  if (!selector) return keys;
  for (const key of Object.keys(obj(selector.matchLabels) ?? {})) keys.add(key);
  eachObj(selector.matchExpressions, (expr) => {
    if (typeof expr.key === 'string') keys.add(expr.key);
  });
  return keys;
}

const NODE_OPERATORS = 'In, NotIn, Exists, DoesNotExist, Gt or Lt';

/** validation.go ValidateNodeSelectorRequirement. */
function checkNodeRequirement(
  ctx: RuleContext,
  req: Readonly<Record<string, unknown>>,
  strictValues: boolean,
  p: string,
): void {
  const operator = text(req.operator);
  const values = list(req.values);
  if (operator !== undefined && values !== undefined) {
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0)
        ctx.report(`${p}.values`, `must not be empty when operator is ${operator}`);
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0)
        ctx.report(`${p}.values`, `must be empty when operator is ${operator}`, { value: values });
    } else if (operator === 'Gt' || operator === 'Lt') {
      if (values.length !== 1)
        ctx.report(`${p}.values`, `must hold exactly one value when operator is ${operator}`, {
          value: values,
        });
    } else if (operator === '') {
      ctx.report(`${p}.operator`, 'is required', { fix: `use ${NODE_OPERATORS}` });
    } else {
      ctx.report(`${p}.operator`, `must be ${NODE_OPERATORS}`, { value: operator });
    }
  }
  checkLabelName(ctx, req.key, `${p}.key`);
  if (strictValues && values) checkValues(ctx, values, `${p}.values`, labelValueProblem);
}

/** validation.go ValidateNodeFieldSelectorRequirement: only metadata.name, In/NotIn, one value. */
function checkNodeFieldRequirement(
  ctx: RuleContext,
  req: Readonly<Record<string, unknown>>,
  p: string,
): void {
  const operator = text(req.operator);
  const values = list(req.values);
  if (operator !== undefined && values !== undefined) {
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length !== 1)
        ctx.report(`${p}.values`, `must hold exactly one value when operator is ${operator}`, {
          value: values,
        });
    } else {
      ctx.report(`${p}.operator`, 'must be In or NotIn for a node field selector', {
        value: operator,
      });
    }
  }
  const key = text(req.key);
  if (key === undefined) return;
  if (key !== 'metadata.name') {
    ctx.report(`${p}.key`, 'must be metadata.name, the only node field a selector can match', {
      value: key,
    });
  } else if (values) {
    checkValues(ctx, values, `${p}.values`, (v) =>
      dns1123SubdomainProblem(v)
        ? `is not a valid node name: ${dns1123SubdomainProblem(v)}`
        : undefined,
    );
  }
}

/** validation.go ValidateNodeSelectorTerm. */
export function checkNodeSelectorTerm(
  ctx: RuleContext,
  term: Readonly<Record<string, unknown>>,
  strictValues: boolean,
  path: string,
): void {
  eachObj(term.matchExpressions, (req, j) =>
    checkNodeRequirement(ctx, req, strictValues, `${path}.matchExpressions[${j}]`),
  );
  eachObj(term.matchFields, (req, j) =>
    checkNodeFieldRequirement(ctx, req, `${path}.matchFields[${j}]`),
  );
}
