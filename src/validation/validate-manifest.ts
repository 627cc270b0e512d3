import { RULES_BY_SCOPE } from './catalogue';
import { withServerDefaults } from './defaults';
import { RelaxableRule } from './relaxable';
import { DeclaredFields, DeclaringRule, RulePlans } from './rule-reads';
import { Problem } from './problem';
import { Obj, isObj, obj } from './read';
import { ReportOptions, Rule, RuleContext, RuleScope } from './rule';
import { KubernetesVersion, NEWEST_KNOWN_VERSION, serves } from './versions';
import { memoByPair } from './memo';

export type { RelaxableRule } from './relaxable';

/** The annotation that relaxes reviewer rules for one object: `image-tag, secret-literal`. */
export const ALLOW_ANNOTATION = 'cdk8s-batch/allow';

export interface ValidationOptions {
  /** @default NEWEST_KNOWN_VERSION */
  readonly targetVersion?: KubernetesVersion;
  /** Reviewer rules (family 3) not to apply. @default none */
  readonly allow?: readonly RelaxableRule[];
  /**
   * Check the pod template against the Pod Security "restricted" profile. `enforced` when the
   * object's namespace enforces it, so its pods will be refused (an error, not a warning).
   * @default not checked
   */
  readonly podSecurity?: 'restricted' | 'enforced';
}

/** Whether an object is a batch Job or CronJob; another group's `kind: Job` (Volcano, ...) is not. */
export function isBatchWorkload(manifest: unknown): manifest is Obj {
  if (!isObj(manifest)) return false;
  if (manifest.kind !== 'Job' && manifest.kind !== 'CronJob') return false;
  const apiVersion = manifest.apiVersion;
  if (typeof apiVersion !== 'string' || !apiVersion.includes('/')) return true;
  return apiVersion.slice(0, apiVersion.indexOf('/')) === 'batch';
}

const EMPTY: Obj = Object.freeze({});

/** Checks one plain manifest object; anything but a batch/v1 Job or CronJob gives no problems. */
export function validateManifest(written: unknown, options: ValidationOptions = {}): Problem[] {
  if (!isBatchWorkload(written)) return [];
  const kind = written.kind as 'Job' | 'CronJob';
  const targetVersion = options.targetVersion ?? NEWEST_KNOWN_VERSION;
  const manifest = withServerDefaults(written, targetVersion);
  const problems: Problem[] = [];
  const annotated = annotationAllow(written, problems);
  const allow = allowList(options, annotated);
  const spec = obj(manifest.spec) ?? EMPTY;
  const metadata = obj(manifest.metadata) ?? EMPTY;
  const templateJobSpec = kind === 'CronJob' ? (obj(obj(spec.jobTemplate)?.spec) ?? EMPTY) : spec;
  const podSpec = obj(obj(templateJobSpec.template)?.spec) ?? EMPTY;
  const rules = compiledRules(allow, targetVersion).for(
    DECLARED.setIn(metadata, templateJobSpec, podSpec),
  );
  let current: Rule;
  const report = reporter(() => current, problems, options.podSecurity === 'enforced');
  // One literal of fixed shape per scope: rules read these properties on every call.
  const context = (
    spec: Obj,
    specPath: string,
    jobSpec: Obj,
    podSpec: Obj,
    podPath: string,
    inTemplate: boolean,
  ): RuleContext => ({
    targetVersion,
    kind,
    manifest,
    metadata,
    spec,
    specPath,
    jobSpec,
    podSpec,
    podPath,
    inTemplate,
    report,
  });
  const run = (scope: RuleScope, ctx: RuleContext): void => {
    const list = rules[scope];
    for (let i = 0; i < list.length; i++) {
      current = list[i];
      current.check(ctx);
    }
  };

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
  run('object', context(spec, specPath, spec, EMPTY, '', inTemplate));
  if (kind === 'CronJob') {
    run('cronjob', context(spec, specPath, EMPTY, EMPTY, '', inTemplate));
    specPath = 'spec.jobTemplate.spec';
    inTemplate = true;
  }
  const podPath = `${specPath}.template.spec`;
  const jobContext = context(
    templateJobSpec,
    specPath,
    templateJobSpec,
    podSpec,
    podPath,
    inTemplate,
  );
  run('job', jobContext);
  run('pod', jobContext);
  return problems;
}

const NOTHING_ALLOWED: readonly string[] = [];
const POD_SECURITY_ALLOWED: readonly string[] = ['pod-security'];

/** The rules not applied, sorted: the options', the annotation's, and pod-security unless asked for. */
function allowList(options: ValidationOptions, annotated: readonly string[]): readonly string[] {
  if (annotated.length === 0 && (options.allow ?? NOTHING_ALLOWED).length === 0) {
    return options.podSecurity ? NOTHING_ALLOWED : POD_SECURITY_ALLOWED;
  }
  const list = [
    ...(options.allow ?? []),
    ...annotated,
    ...(options.podSecurity ? [] : ['pod-security']),
  ].sort();
  const key = list.join(',');
  let interned = ALLOW_LISTS.get(key);
  if (!interned) ALLOW_LISTS.set(key, (interned = list));
  return interned;
}

/** One array per allow list, so that compiledRules can know a list by its identity. */
const ALLOW_LISTS = new Map<string, readonly string[]>([
  ['', NOTHING_ALLOWED],
  ['pod-security', POD_SECURITY_ALLOWED],
]);

function applies(rule: Rule, target: KubernetesVersion, allow: readonly string[]): boolean {
  if (rule.family === 3 && allow.includes(rule.id)) return false;
  if (rule.since && !serves(target, rule.since)) return false;
  if (rule.until && serves(target, rule.until)) return false;
  return true;
}

const DECLARED = new DeclaredFields();
const DECLARING = new Map(
  Object.values(RULES_BY_SCOPE).flatMap((rules) =>
    rules.map((rule): [Rule, DeclaringRule] => [rule, { rule, fields: DECLARED.add(rule) }]),
  ),
);

/** The rules that apply for an allow list (from allowList) and a target, per scope. */
const compiledRules = memoByPair(
  (allow: readonly string[], target: KubernetesVersion): RulePlans => {
    const pick = (scope: RuleScope) =>
      RULES_BY_SCOPE[scope]
        .filter((r) => applies(r, target, allow))
        .map((r) => DECLARING.get(r) as DeclaringRule);
    return new RulePlans({
      object: pick('object'),
      cronjob: pick('cronjob'),
      job: pick('job'),
      pod: pick('pod'),
    });
  },
);

function reporter(
  ruleOf: () => Rule,
  problems: Problem[],
  podSecurityEnforced: boolean,
): RuleContext['report'] {
  return (field: string, message: string, options: ReportOptions = {}) => {
    const rule = ruleOf();
    if (podSecurityEnforced && rule.id === 'pod-security') {
      problems.push({
        ...problemOf(rule, field, message, options),
        ...enforcedPodSecurity(message),
      });
    } else {
      problems.push(problemOf(rule, field, message, options));
    }
  };
}

/** Built property by property, in the order reports print them (a spread costs more). */
function problemOf(rule: Rule, field: string, message: string, options: ReportOptions): Problem {
  const problem = {
    rule: rule.id,
    family: rule.family,
    severity: rule.severity ?? 'error',
    field,
  } as { -readonly [K in keyof Problem]: Problem[K] };
  if ('value' in options) problem.value = options.value;
  problem.message = message;
  if (options.fix) problem.fix = options.fix;
  return problem;
}

/** A Pod Security finding where the namespace enforces the profile: the pods will be refused. */
function enforcedPodSecurity(
  message: string,
): Pick<Problem, 'family' | 'severity' | 'message' | 'fix'> {
  return {
    family: 2,
    severity: 'error',
    message: `${message}: the namespace enforces the restricted profile, so the Job's pods are refused`,
    fix: 'set the fields the profile requires (the cdk8s-batch constructs do by default)',
  };
}

const RELAXABLE = new Set(
  RULES_BY_SCOPE.object
    .concat(RULES_BY_SCOPE.cronjob, RULES_BY_SCOPE.job, RULES_BY_SCOPE.pod)
    .filter((r) => r.family === 3)
    .map((r) => r.id),
);
const KNOWN = new Set(Object.values(RULES_BY_SCOPE).flatMap((rules) => rules.map((r) => r.id)));

/** The rules the object's `cdk8s-batch/allow` annotation relaxes; a rule it cannot relax is reported. */
function annotationAllow(manifest: Obj, problems: Problem[]): string[] {
  const annotations = obj(obj(manifest.metadata)?.annotations);
  const value =
    annotations && Object.prototype.hasOwnProperty.call(annotations, ALLOW_ANNOTATION)
      ? annotations[ALLOW_ANNOTATION]
      : undefined;
  if (typeof value !== 'string') return [];
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of ids) {
    if (RELAXABLE.has(id)) continue;
    problems.push({
      rule: 'allow-annotation',
      family: 3,
      severity: 'warning',
      field: `metadata.annotations.${ALLOW_ANNOTATION}`,
      value: id,
      message: KNOWN.has(id)
        ? 'names a rule that cannot be relaxed: the API server or the cluster refuses what it finds'
        : 'names no rule of cdk8s-batch',
      fix: `relaxable rules: ${[...RELAXABLE].sort().join(', ')}`,
    });
  }
  return ids.filter((id) => RELAXABLE.has(id));
}
