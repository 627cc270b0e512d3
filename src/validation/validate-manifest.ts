import { RULES_BY_SCOPE } from './catalogue';
import { withServerDefaults } from './defaults';
import { Problem } from './problem';
import { Obj, isObj, obj } from './read';
import { ReportOptions, Rule, RuleContext, RuleScope } from './rule';
import { KubernetesVersion, NEWEST_KNOWN_VERSION, serves } from './versions';

/** The ids of the reviewer rules (family 3), the only ones that can be relaxed. */
export type RelaxableRule = 'image-tag' | 'secret-literal' | 'pod-security' | 'cronjob-overlap';

export interface ValidationOptions {
  /** @default NEWEST_KNOWN_VERSION */
  readonly targetVersion?: KubernetesVersion;
  /** Reviewer rules (family 3) not to apply. @default none */
  readonly allow?: readonly RelaxableRule[];
}

const EMPTY: Obj = Object.freeze({});

/** Checks one plain manifest object; anything but a batch/v1 Job or CronJob gives no problems. */
export function validateManifest(written: unknown, options: ValidationOptions = {}): Problem[] {
  if (!isObj(written)) return [];
  const kind = written.kind;
  if (kind !== 'Job' && kind !== 'CronJob') return [];
  const targetVersion = options.targetVersion ?? NEWEST_KNOWN_VERSION;
  const manifest = withServerDefaults(written, targetVersion);
  const allow = options.allow ?? [];
  const problems: Problem[] = [];
  const spec = obj(manifest.spec) ?? EMPTY;
  const base = {
    targetVersion,
    kind,
    manifest,
    metadata: obj(manifest.metadata) ?? EMPTY,
  } as const;

  const rules = compiledRules(targetVersion, allow);
  let current: Rule;
  const report = reporter(() => current, problems);
  const run = (scope: RuleScope, ctx: Omit<RuleContext, 'report'>): void => {
    const context: RuleContext = { ...ctx, report };
    for (const rule of rules[scope]) {
      current = rule;
      rule.check(context);
    }
  };

  let jobSpec = spec;
  let specPath = 'spec';
  let inTemplate = false;
  if (manifest.spec === undefined) {
    problems.push({
      rule: 'spec',
      family: 1,
      severity: 'error',
      field: 'spec',
      message: 'is required',
    });
  }
  run('object', {
    ...base,
    spec,
    specPath,
    jobSpec: spec,
    podSpec: EMPTY,
    podPath: '',
    inTemplate,
  });
  if (kind === 'CronJob') {
    run('cronjob', {
      ...base,
      spec,
      specPath,
      jobSpec: EMPTY,
      podSpec: EMPTY,
      podPath: '',
      inTemplate,
    });
    jobSpec = obj(obj(spec.jobTemplate)?.spec) ?? EMPTY;
    specPath = 'spec.jobTemplate.spec';
    inTemplate = true;
  }
  const podSpec = obj(obj(jobSpec.template)?.spec) ?? EMPTY;
  const podPath = `${specPath}.template.spec`;
  run('job', { ...base, spec: jobSpec, specPath, jobSpec, podSpec, podPath, inTemplate });
  run('pod', { ...base, spec: jobSpec, specPath, jobSpec, podSpec, podPath, inTemplate });
  return problems;
}

function applies(rule: Rule, target: KubernetesVersion, allow: readonly string[]): boolean {
  if (rule.family === 3 && allow.includes(rule.id)) return false;
  if (rule.since && !serves(target, rule.since)) return false;
  if (rule.until && serves(target, rule.until)) return false;
  return true;
}

const compiled = new Map<string, Record<RuleScope, readonly Rule[]>>();

/** The rules that apply for a target and allow list, per scope; built once per combination. */
function compiledRules(
  target: KubernetesVersion,
  allow: readonly string[],
): Record<RuleScope, readonly Rule[]> {
  const key = `${target}|${allow.join(',')}`;
  let rules = compiled.get(key);
  if (!rules) {
    const pick = (scope: RuleScope) =>
      RULES_BY_SCOPE[scope].filter((r) => applies(r, target, allow));
    rules = {
      object: pick('object'),
      cronjob: pick('cronjob'),
      job: pick('job'),
      pod: pick('pod'),
    };
    compiled.set(key, rules);
  }
  return rules;
}

function reporter(ruleOf: () => Rule, problems: Problem[]): RuleContext['report'] {
  return (field: string, message: string, options: ReportOptions = {}) => {
    const rule = ruleOf();
    problems.push({
      rule: rule.id,
      family: rule.family,
      severity: rule.severity ?? 'error',
      field,
      ...('value' in options ? { value: options.value } : {}),
      message,
      ...(options.fix ? { fix: options.fix } : {}),
    });
  };
}
