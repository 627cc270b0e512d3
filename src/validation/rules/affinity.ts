import { Rule, RuleContext } from '../rule';
import { Obj, int, isObj, obj } from '../read';
import { dns1123LabelProblem } from '../syntax';
import { serves } from '../versions';
import {
  checkLabelMap,
  checkLabelName,
  checkLabelSelector,
  checkNodeSelectorTerm,
  eachObj,
  list,
  text,
} from './label-selector';

/** validation.go ValidatePodSpec -> unversionedvalidation.ValidateLabels(spec.NodeSelector). */
export const nodeSelector: Rule = {
  id: 'pod-node-selector',
  family: 1,
  scope: 'pod',
  reads: { pod: ['nodeSelector'] },
  summary: 'nodeSelector keys are label keys and its values label values',
  check(ctx) {
    checkLabelMap(ctx, ctx.podSpec.nodeSelector, `${ctx.podPath}.nodeSelector`);
  },
};

function checkWeight(ctx: RuleContext, term: Obj, path: string): void {
  const raw = term.weight === null ? undefined : term.weight;
  if (raw !== undefined && int(raw) === undefined) return;
  const weight = int(raw) ?? 0;
  if (weight < 1 || weight > 100) {
    ctx.report(
      `${path}.weight`,
      'must be between 1 and 100',
      raw === undefined ? {} : { value: weight },
    );
  }
}

/** validation.go validateNodeAffinity, ValidateNodeSelector, ValidatePreferredSchedulingTerms. */
export const nodeAffinity: Rule = {
  id: 'pod-node-affinity',
  family: 1,
  scope: 'pod',
  reads: { pod: ['affinity'] },
  summary:
    'node affinity: required terms are present and valid node selector terms, preferred terms weigh 1-100',
  check(ctx) {
    const na = obj(obj(ctx.podSpec.affinity)?.nodeAffinity);
    if (!na) return;
    const base = `${ctx.podPath}.affinity.nodeAffinity`;
    const required = obj(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (required) {
      const p = `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = list(required.nodeSelectorTerms);
      if (terms && terms.length === 0) {
        ctx.report(p, 'must hold at least one node selector term', {
          fix: 'add a term with matchExpressions, or remove requiredDuringSchedulingIgnoredDuringExecution',
        });
      }
      // Values of required terms are label values from 1.33 (AllowInvalidLabelValueInRequiredNodeAffinity).
      const strict = serves(ctx.targetVersion, '1.33');
      eachObj(terms, (term, i) => checkNodeSelectorTerm(ctx, term, strict, `${p}[${i}]`));
    }
    eachObj(na.preferredDuringSchedulingIgnoredDuringExecution, (term, i) => {
      const p = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(ctx, term, p);
      // Preferred terms may hold values that are not label values (validation.go).
      const preference = obj(term.preference);
      if (preference) checkNodeSelectorTerm(ctx, preference, false, `${p}.preference`);
    });
  },
};

/** validation.go validateMatchLabelKeysAndMismatchLabelKeys (MatchLabelKeysInPodAffinity, on from 1.31). */
function checkLabelKeys(ctx: RuleContext, term: Obj, path: string): void {
  if (!serves(ctx.targetVersion, '1.31')) return; // the field is dropped before
  const match = list(term.matchLabelKeys) ?? [];
  const mismatch = list(term.mismatchLabelKeys) ?? [];
  const selector = obj(term.labelSelector);
  for (const [name, keys] of [
    ['matchLabelKeys', match],
    ['mismatchLabelKeys', mismatch],
  ] as const) {
    if (keys.length === 0) continue;
    if (!selector) {
      ctx.report(`${path}.${name}`, 'must not be set when labelSelector is not set', {
        fix: 'add a labelSelector',
      });
      continue;
    }
    keys.forEach((key, i) => checkLabelName(ctx, key, `${path}.${name}[${i}]`));
  }
  if (selector) {
    const matchIndex = new Map<string, number>();
    match.forEach((key, i) => {
      if (typeof key === 'string') matchIndex.set(key, i);
    });
    const seen = new Set<string>(Object.keys(obj(selector.matchLabels) ?? {}));
    eachObj(selector.matchExpressions, (expr) => {
      const key = expr.key;
      if (typeof key !== 'string') return;
      const i = matchIndex.get(key);
      if (i !== undefined && seen.has(key)) {
        ctx.report(`${path}.matchLabelKeys[${i}]`, 'is also in labelSelector', {
          value: key,
          fix: 'remove the key from labelSelector or from matchLabelKeys',
        });
      }
      seen.add(key);
    });
  }
  const mismatchSet = new Set(mismatch.filter((k): k is string => typeof k === 'string'));
  match.forEach((key, i) => {
    if (typeof key === 'string' && mismatchSet.has(key)) {
      ctx.report(`${path}.matchLabelKeys[${i}]`, 'is also in mismatchLabelKeys', { value: key });
    }
  });
}

/** validation.go validatePodAffinityTerm. */
function checkPodAffinityTerm(ctx: RuleContext, term: Obj, path: string): void {
  checkLabelSelector(ctx, term.labelSelector, `${path}.labelSelector`);
  checkLabelSelector(ctx, term.namespaceSelector, `${path}.namespaceSelector`);
  (list(term.namespaces) ?? []).forEach((ns, i) => {
    if (typeof ns !== 'string') return;
    const problem = dns1123LabelProblem(ns);
    if (problem)
      ctx.report(`${path}.namespaces[${i}]`, `is not a valid namespace name: ${problem}`, {
        value: ns,
      });
  });
  checkLabelKeys(ctx, term, path);
  const topologyKey = text(term.topologyKey);
  if (topologyKey === '') {
    ctx.report(`${path}.topologyKey`, 'is required', {
      fix: 'name the node label that defines the domain, e.g. kubernetes.io/hostname',
    });
  } else {
    checkLabelName(ctx, topologyKey, `${path}.topologyKey`);
  }
}

/** validation.go validatePodAffinity and validatePodAntiAffinity. */
export const podAffinity: Rule = {
  id: 'pod-affinity',
  family: 1,
  scope: 'pod',
  reads: { pod: ['affinity'] },
  summary:
    'pod (anti-)affinity terms: valid selectors and namespaces, a topologyKey, weights 1-100, matchLabelKeys only with a labelSelector',
  check(ctx) {
    const affinity = obj(ctx.podSpec.affinity);
    if (!affinity) return;
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      const pa = affinity[kind];
      if (!isObj(pa)) continue;
      const base = `${ctx.podPath}.affinity.${kind}`;
      eachObj(pa.requiredDuringSchedulingIgnoredDuringExecution, (term, i) =>
        checkPodAffinityTerm(
          ctx,
          term,
          `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
        ),
      );
      eachObj(pa.preferredDuringSchedulingIgnoredDuringExecution, (weighted, i) => {
        const p = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
        checkWeight(ctx, weighted, p);
        const raw = weighted.podAffinityTerm;
        const term = obj(raw);
        if (raw !== undefined && raw !== null && !term) return;
        // An absent podAffinityTerm decodes to an empty one, which lacks a topologyKey.
        checkPodAffinityTerm(ctx, term ?? {}, `${p}.podAffinityTerm`);
      });
    }
  },
};

/** Labels the Job (and its controller) put on every pod besides the template's own. */
const JOB_POD_LABELS = [
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'job-name',
];

/**
 * registry/core/pod strategy (applyMatchLabelKeysAndMismatchLabelKeys) then validation.go
 * validateMatchLabelKeysAndMismatchLabelKeys: when a pod is created, each matchLabelKeys key
 * the pod carries is added to the labelSelector as `key In (value)`; a key the selector
 * already names then makes the API server refuse every pod of the Job.
 */
export const podAffinityMatchLabelKeysMerge: Rule = {
  id: 'pod-affinity-match-label-keys',
  family: 2,
  scope: 'pod',
  reads: { pod: ['affinity'] },
  since: '1.31',
  summary:
    'a matchLabelKeys key also in the labelSelector makes the API server refuse the pods (the key is merged into the selector on create)',
  check(ctx) {
    const affinity = obj(ctx.podSpec.affinity);
    if (!affinity) return;
    const podLabels = new Set([
      ...Object.keys(obj(obj(obj(ctx.jobSpec.template)?.metadata)?.labels) ?? {}),
      ...JOB_POD_LABELS,
      ...(ctx.jobSpec.completionMode === 'Indexed'
        ? ['batch.kubernetes.io/job-completion-index']
        : []),
    ]);
    const visit = (term: Obj, path: string): void => {
      const selector = obj(term.labelSelector);
      if (!selector) return;
      const inLabels = new Set(Object.keys(obj(selector.matchLabels) ?? {}));
      const inExpressions: string[] = [];
      eachObj(selector.matchExpressions, (e) => {
        if (typeof e.key === 'string') inExpressions.push(e.key);
      });
      (list(term.matchLabelKeys) ?? []).forEach((key, i) => {
        if (typeof key !== 'string' || !podLabels.has(key)) return;
        const count = inExpressions.filter((k) => k === key).length + (inLabels.has(key) ? 1 : 0);
        // Twice in the selector already: the create-time check (pod-affinity) reports it.
        if (count !== 1) return;
        ctx.report(
          `${path}.matchLabelKeys[${i}]`,
          'is also in labelSelector: the API server adds it to the selector when it creates each pod, then refuses the pod',
          {
            value: key,
            fix: 'remove the key from labelSelector (matchLabelKeys already selects on it)',
          },
        );
      });
    };
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      const pa = obj(affinity[kind]);
      if (!pa) continue;
      const base = `${ctx.podPath}.affinity.${kind}`;
      eachObj(pa.requiredDuringSchedulingIgnoredDuringExecution, (term, i) =>
        visit(term, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`),
      );
      eachObj(pa.preferredDuringSchedulingIgnoredDuringExecution, (weighted, i) => {
        const term = obj(weighted.podAffinityTerm);
        if (term)
          visit(
            term,
            `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`,
          );
      });
    }
  },
};
