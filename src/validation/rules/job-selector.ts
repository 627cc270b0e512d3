/**
 * The Job selector and the labels the API server generates (job strategy generateSelector,
 * validation.go validateGeneratedSelector, ValidateJobSpec, ValidateJobTemplateSpec).
 */
import { Rule, RuleContext } from '../rule';
import { Obj, arr, isObj, obj } from '../read';
import { effectiveName } from './metadata';
import { checkLabelSelector } from './label-selector';

const JOB_NAME = ['job-name', 'batch.kubernetes.io/job-name'];
const CONTROLLER_UID = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
/** Stand-ins no valid label value equals: the uid and a generated name are unknown in advance. */
const UID = '\u0000uid';
const GENERATED = '\u0000generated';

/** The string labels of a map (other values are the decoding rule's). */
function stringLabels(value: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  const map = obj(value);
  if (!map) return labels;
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const v = map[keys[i]];
    if (typeof v === 'string') labels.set(keys[i], v);
  }
  return labels;
}

/**
 * metav1.LabelSelectorAsSelector then Matches: undefined when the selector does not convert
 * (a bad operator, In without values...), which ValidateLabelSelector reports.
 */
export function selectorMatches(selector: Obj, labels: Map<string, string>): boolean | undefined {
  const matchLabels = obj(selector.matchLabels) ?? {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (typeof v !== 'string') return undefined;
    if (labels.get(k) !== v) return false;
  }
  let matches = true;
  for (const raw of arr(selector.matchExpressions)) {
    if (!isObj(raw) || typeof raw.key !== 'string') return undefined;
    const values = arr(raw.values).filter((v): v is string => typeof v === 'string');
    const has = labels.has(raw.key);
    const value = labels.get(raw.key);
    switch (raw.operator) {
      case 'In':
        if (values.length === 0) return undefined;
        matches &&= has && values.includes(value as string);
        break;
      case 'NotIn':
        if (values.length === 0) return undefined;
        matches &&= !has || !values.includes(value as string);
        break;
      case 'Exists':
        if (values.length > 0) return undefined;
        matches &&= has;
        break;
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        matches &&= !has;
        break;
      default:
        return undefined;
    }
  }
  return matches;
}

/** The pod template labels as written. */
function templateLabels(ctx: RuleContext): Map<string, string> {
  return stringLabels(obj(obj(ctx.jobSpec.template)?.metadata)?.labels);
}

/** The template labels generateSelector refuses: the job-name and controller-uid ones set by hand. */
function conflictingLabels(ctx: RuleContext): string[] {
  const labels = templateLabels(ctx);
  const effective = effectiveName(ctx.metadata);
  const conflicts = CONTROLLER_UID.filter((k) => labels.has(k));
  for (const key of JOB_NAME) {
    if (!labels.has(key)) continue;
    if (ctx.inTemplate || !effective || effective.generated || labels.get(key) !== effective.name)
      conflicts.push(key);
  }
  return conflicts;
}

/**
 * ValidateJobTemplateSpec: a CronJob's job template has no selector and no manualSelector.
 * ValidateJobSpec: with manualSelector the selector is required, valid and matches the template
 * labels. validateGeneratedSelector: otherwise a selector written by hand, plus the
 * controller-uid the API server adds, must select the generated labels.
 */
export const selector: Rule = {
  id: 'job-selector',
  family: 1,
  scope: 'job',
  summary:
    'selector: none in a job template; required, valid and matching the template labels with manualSelector; else only selecting the generated labels',
  check(ctx) {
    const s = ctx.jobSpec;
    const p = `${ctx.specPath}.selector`;
    const given = s.selector !== undefined && s.selector !== null;
    if (ctx.inTemplate) {
      if (given)
        ctx.report(p, 'must not be set in a job template; it will be generated', {
          value: s.selector,
        });
      if (s.manualSelector === true) {
        ctx.report(`${ctx.specPath}.manualSelector`, 'must not be true in a job template', {
          value: true,
        });
      }
      return;
    }
    if (!given) {
      if (s.manualSelector === true)
        ctx.report(p, 'is required when manualSelector is true', {
          fix: 'set a selector matching the pod template labels, or drop manualSelector',
        });
      return;
    }
    const sel = obj(s.selector);
    if (!sel) return;
    if (problemCount(ctx, (c) => checkLabelSelector(c, sel, p)) > 0) return;
    if (s.manualSelector === true) {
      if (selectorMatches(sel, templateLabels(ctx)) === false) {
        ctx.report(
          `${ctx.specPath}.template.metadata.labels`,
          'do not match the selector: the Job would own none of its pods',
          { value: Object.fromEntries(templateLabels(ctx)), fix: 'add the selected labels' },
        );
      }
      return;
    }
    const effective = effectiveName(ctx.metadata);
    const name = !effective || effective.generated ? GENERATED : effective.name;
    const expected = new Map<string, string>();
    for (const k of JOB_NAME) expected.set(k, name);
    for (const k of CONTROLLER_UID) expected.set(k, UID);
    const augmented: Obj = {
      ...sel,
      matchLabels: { [CONTROLLER_UID[1]]: UID, ...(obj(sel.matchLabels) ?? {}) },
    };
    if (selectorMatches(augmented, expected) === false) {
      ctx.report(p, 'must only select the labels the API server generates for the Job', {
        value: s.selector,
        fix: 'remove the selector (it is generated), or set manualSelector: true',
      });
      return;
    }
    if (conflictingLabels(ctx).length > 0) return; // job-generated-labels says it
    const labels = templateLabels(ctx);
    for (const [k, v] of expected) if (!labels.has(k)) labels.set(k, v);
    if (selectorMatches(augmented, labels) === false) {
      ctx.report(`${ctx.specPath}.template.metadata.labels`, 'do not match the selector', {
        value: Object.fromEntries(templateLabels(ctx)),
      });
    }
  },
};

/** Runs a check and returns how many problems it reported. */
function problemCount(ctx: RuleContext, check: (counting: RuleContext) => void): number {
  let count = 0;
  check({
    ...ctx,
    report: (...args) => {
      count++;
      ctx.report(...args);
    },
  });
  return count;
}

function conflictReport(ctx: RuleContext, key: string, cron: boolean): void {
  const path = `${ctx.specPath}.template.metadata.labels.${key}`;
  const value = templateLabels(ctx).get(key);
  const what = JOB_NAME.includes(key)
    ? cron
      ? "must not be set: each Job the CronJob creates is named `<cronjob>-<minutes>`, and the API server requires this label to equal the Job's name"
      : "must equal the Job's name, which the API server puts here when the label is absent"
    : "must not be set: the API server puts the Job's uid here, which a manifest cannot know";
  ctx.report(path, cron ? `${what}; every Job the CronJob creates is refused` : what, {
    value,
    fix: 'remove the label (the API server adds it), or set manualSelector: true with your own selector',
  });
}

/**
 * job strategy generateSelector keeps job-name and controller-uid template labels written by
 * hand, and validateGeneratedSelector (ValidateHasLabel) then refuses any that differ from the
 * Job's name and uid. Not with manualSelector.
 */
export const generatedLabels: Rule = {
  id: 'job-generated-labels',
  family: 1,
  scope: 'job',
  summary:
    "without manualSelector, template labels job-name and controller-uid (plain or batch.kubernetes.io/) are the API server's",
  check(ctx) {
    if (ctx.inTemplate || ctx.jobSpec.manualSelector === true) return;
    for (const key of conflictingLabels(ctx)) conflictReport(ctx, key, false);
  },
};

/** generatedLabels on the Jobs a CronJob creates: the API server refuses every one of them. */
export const cronJobGeneratedLabels: Rule = {
  id: 'cronjob-generated-labels',
  family: 2,
  scope: 'job',
  summary:
    "a job template's pod labels do not set job-name or controller-uid, else every Job the CronJob creates is refused",
  check(ctx) {
    if (!ctx.inTemplate) return;
    for (const key of conflictingLabels(ctx)) conflictReport(ctx, key, true);
  },
};
