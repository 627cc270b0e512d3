import { Rule } from '../rule';
import { labelValueProblem, qualifiedNameProblem } from '../syntax';
import { eachObj, text } from './label-selector';

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/** validation.go ValidateTolerations (and validateTaintEffect with empty allowed). */
export const tolerations: Rule = {
  id: 'pod-tolerations',
  family: 1,
  scope: 'pod',
  reads: { pod: ['tolerations'] },
  summary:
    'tolerations: a label key, operator Equal or Exists (Exists when the key is empty), a label value, a known effect, tolerationSeconds only with NoExecute',
  check(ctx) {
    eachObj(ctx.podSpec.tolerations, (t, i) => {
      const p = `${ctx.podPath}.tolerations[${i}]`;
      const key = text(t.key);
      const operator = text(t.operator);
      const value = text(t.value);
      const effect = text(t.effect);
      if (key !== undefined && key !== '') {
        const problem = qualifiedNameProblem(key);
        if (problem) ctx.report(`${p}.key`, `is not a valid label key: ${problem}`, { value: key });
      }
      if (key === '' && operator !== undefined && operator !== 'Exists') {
        ctx.report(
          `${p}.operator`,
          'must be Exists when key is empty (a toleration of every taint)',
          {
            value: operator,
            fix: 'set the taint key, or set operator: Exists to tolerate every taint',
          },
        );
      }
      if (typeof t.tolerationSeconds === 'number' && effect !== undefined) {
        if (effect !== 'NoExecute') {
          ctx.report(`${p}.effect`, 'must be NoExecute when tolerationSeconds is set', {
            value: effect,
            fix: 'remove tolerationSeconds (it only bounds how long a NoExecute taint is tolerated) or set effect: NoExecute',
          });
        }
      }
      if (operator === '' || operator === 'Equal') {
        const problem = value === undefined ? undefined : labelValueProblem(value);
        if (problem) ctx.report(`${p}.value`, `is not a valid label value: ${problem}`, { value });
      } else if (operator === 'Exists') {
        if (value !== undefined && value !== '') {
          ctx.report(`${p}.value`, 'must be empty when operator is Exists', {
            value,
            fix: 'remove value, or use operator: Equal',
          });
        }
      } else if (operator !== undefined && key !== '') {
        ctx.report(`${p}.operator`, 'must be Equal or Exists', { value: operator });
      }
      if (effect !== undefined && effect !== '' && !EFFECTS.has(effect)) {
        ctx.report(`${p}.effect`, 'must be NoSchedule, PreferNoSchedule or NoExecute', {
          value: effect,
        });
      }
    });
  },
};

/** validation.go validateSchedulingGates: qualified names, no duplicates. */
export const schedulingGates: Rule = {
  id: 'pod-scheduling-gates',
  family: 1,
  scope: 'pod',
  reads: { pod: ['schedulingGates'] },
  summary: 'scheduling gate names are unique qualified names',
  check(ctx) {
    const seen = new Set<string>();
    eachObj(ctx.podSpec.schedulingGates, (gate, i) => {
      const p = `${ctx.podPath}.schedulingGates[${i}].name`;
      const name = text(gate.name);
      if (name === undefined) return;
      const problem = qualifiedNameProblem(name);
      if (name === '') ctx.report(p, 'is required');
      else if (problem) ctx.report(p, `is not a qualified name: ${problem}`, { value: name });
      else if (seen.has(name)) ctx.report(p, 'is a duplicate scheduling gate', { value: name });
      seen.add(name);
    });
  },
};

/** validation.go ValidatePodCreate: a pod bound to a node cannot carry scheduling gates. */
export const schedulingGatesWithNodeName: Rule = {
  id: 'pod-scheduling-gates-node-name',
  family: 2,
  scope: 'pod',
  reads: { pod: ['schedulingGates'] },
  summary: 'a pod with nodeName and schedulingGates is refused when the Job creates it',
  check(ctx) {
    const nodeName = text(ctx.podSpec.nodeName);
    const gates = ctx.podSpec.schedulingGates;
    if (!nodeName || !Array.isArray(gates) || gates.length === 0) return;
    ctx.report(
      `${ctx.podPath}.nodeName`,
      'cannot be set while schedulingGates are set: the API server refuses every pod the Job creates',
      {
        value: nodeName,
        fix: 'remove nodeName (use a nodeSelector on kubernetes.io/hostname) or the schedulingGates',
      },
    );
  },
};
