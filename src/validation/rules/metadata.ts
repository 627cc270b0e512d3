/**
 * Object metadata as the API server validates it on create: apimachinery ValidateObjectMeta
 * (name or generateName, namespace, labels, annotations, ownerReferences, finalizers) with
 * core validation's finalizer rule, and the batch-specific name limits.
 */
import { Rule } from '../rule';
import { Obj, int, obj, str } from '../read';
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../syntax';
import { annotationProblems, labelProblems } from './metadata-maps';

export * from './metadata-maps';
export * from './metadata-owners';
export * from './pod-template-metadata';

/** The CronJob controller appends `-<minutes since epoch>` (11 characters) to Job names. */
export const CRONJOB_NAME_MAX = 52;
/** Job names become the `job-name` label value on every pod. */
export const JOB_NAME_MAX = 63;

/** names.SimpleNameGenerator: at most 58 characters of the prefix, then 5 random ones. */
const MAX_GENERATED_PREFIX = 58;
const RANDOM_SUFFIX = 'bcdfg';

/** The name the API server validates: metadata.name, or the one it generates from generateName. */
export interface EffectiveName {
  readonly name: string;
  /** True when the name comes from generateName (its last 5 characters are unknown). */
  readonly generated: boolean;
}

/** metadata.name, else generateName plus 5 random characters; undefined when neither is usable. */
export function effectiveName(metadata: Obj): EffectiveName | undefined {
  const name = metadata.name;
  if (typeof name === 'string' && name !== '') return { name, generated: false };
  if (name !== undefined && name !== null && name !== '') return undefined;
  const prefix = str(metadata.generateName);
  if (!prefix) return undefined;
  return { name: prefix.slice(0, MAX_GENERATED_PREFIX) + RANDOM_SUFFIX, generated: true };
}

/** apimachinery maskTrailingDash, as NameIsDNSSubdomain applies it to a generateName prefix. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/**
 * objectmeta.go ValidateObjectMetaAccessor with NameIsDNSSubdomain: name or generateName is
 * required; generateName is checked as a prefix, the name (given or generated) in full.
 */
export const objectName: Rule = {
  id: 'object-name',
  family: 1,
  scope: 'object',
  summary: 'metadata.name or generateName is required; the name is a DNS-1123 subdomain',
  check(ctx) {
    const { name, generateName } = ctx.metadata;
    if (name !== undefined && name !== null && typeof name !== 'string') return;
    const prefix = str(generateName);
    if (prefix) {
      const problem =
        dns1123SubdomainProblem(maskTrailingDash(prefix)) ??
        dns1123SubdomainProblem(prefix.slice(0, MAX_GENERATED_PREFIX) + RANDOM_SUFFIX);
      if (problem)
        ctx.report('metadata.generateName', `is not a valid name prefix: ${problem}`, {
          value: prefix,
        });
    }
    if (typeof name !== 'string' || name === '') {
      if (prefix !== undefined && prefix !== '') return;
      if (generateName !== undefined && generateName !== null && prefix === undefined) return;
      ctx.report('metadata.name', 'is required (name or generateName)', {
        fix: 'set metadata.name, or metadata.generateName for a fresh name per apply',
      });
      return;
    }
    const problem = dns1123SubdomainProblem(name);
    if (problem) ctx.report('metadata.name', problem, { value: name });
  },
};

/**
 * job strategy WarningsOnCreate and cronjob strategy WarningsOnCreate: a name that is not a
 * DNS label (it has dots) is accepted with a warning, since pod names and hostnames derive from it.
 */
export const nameDnsLabel: Rule = {
  id: 'object-name-dns-label',
  family: 2,
  severity: 'warning',
  scope: 'object',
  summary: 'a name that is not a DNS label gives pods surprising names and hostnames',
  check(ctx) {
    const name = str(ctx.metadata.name);
    if (!name || dns1123SubdomainProblem(name) || !dns1123LabelProblem(name, 253)) return;
    ctx.report('metadata.name', 'is not a DNS label: pod names and hostnames derive from it', {
      value: name,
      fix: 'use lower-case letters, digits and "-" only (no dots)',
    });
  },
};

/**
 * validation.go ValidateCronJobCreate: the name (given or generated) is at most 52 characters,
 * since the controller names each Job `<name>-<minutes since epoch>`.
 */
export const cronJobNameLength: Rule = {
  id: 'cronjob-name-length',
  family: 1,
  scope: 'cronjob',
  summary: 'a CronJob name is at most 52 characters, since its Jobs get an 11-character suffix',
  check(ctx) {
    const effective = effectiveName(ctx.metadata);
    if (!effective || effective.name.length <= CRONJOB_NAME_MAX) return;
    const fix =
      'the CronJob controller appends an 11-character suffix to name each Job; shorten the name';
    if (effective.generated) {
      ctx.report(
        'metadata.generateName',
        `gives names of ${effective.name.length} characters, more than ${CRONJOB_NAME_MAX}`,
        { value: ctx.metadata.generateName, fix },
      );
    } else {
      ctx.report(
        'metadata.name',
        `must be no more than ${CRONJOB_NAME_MAX} characters (is ${effective.name.length})`,
        { value: effective.name, fix },
      );
    }
  },
};

/**
 * job strategy generateSelector, then ValidatePodTemplateSpec: without manualSelector the API
 * server copies the Job name into the pod template's job-name labels, whose values are at most
 * 63 characters, so a longer name is refused.
 */
export const jobNameLength: Rule = {
  id: 'job-name-length',
  family: 1,
  scope: 'job',
  summary: 'a Job name is at most 63 characters, since it becomes the job-name label of its pods',
  check(ctx) {
    if (ctx.inTemplate || ctx.jobSpec.manualSelector === true) return;
    const name = str(ctx.metadata.name);
    if (name !== undefined && name.length > JOB_NAME_MAX) {
      ctx.report(
        'metadata.name',
        `must be no more than ${JOB_NAME_MAX} characters (is ${name.length})`,
        {
          value: name,
          fix: 'the API server copies the name into the job-name label of the pod template, and label values are at most 63 characters',
        },
      );
    }
  },
};

/** Digits the CronJob controller's suffix adds: `-` and the minutes since the epoch. */
const CRONJOB_SUFFIX = '-29000000';

function indexedHostnameProblem(
  jobName: string,
  completions: number,
): { hostname: string } | undefined {
  const hostname = `${jobName}-${completions - 1}`;
  return dns1123LabelProblem(hostname) ? { hostname } : undefined;
}

function lastIndex(ctx: Parameters<Rule['check']>[0]): number | undefined {
  const completions = int(ctx.jobSpec.completions);
  if (ctx.jobSpec.completionMode !== 'Indexed' || completions === undefined || completions <= 0)
    return undefined;
  return completions;
}

/**
 * validation.go ValidateJob: in an Indexed Job every pod's hostname is `<job name>-<index>`, so
 * the name plus the last index must be a DNS-1123 label.
 */
export const indexedHostname: Rule = {
  id: 'indexed-job-hostname',
  family: 1,
  scope: 'job',
  summary: 'an Indexed Job name plus "-<last index>" must be a DNS-1123 label (the pod hostname)',
  check(ctx) {
    if (ctx.inTemplate) return;
    const completions = lastIndex(ctx);
    const effective = effectiveName(ctx.metadata);
    if (completions === undefined || !effective) return;
    const bad = indexedHostnameProblem(effective.name, completions);
    if (!bad) return;
    const room = 63 - String(completions - 1).length - 1;
    const field = effective.generated ? 'metadata.generateName' : 'metadata.name';
    ctx.report(
      field,
      `pods of index ${completions - 1} would get the invalid hostname "${bad.hostname}"`,
      {
        value: effective.generated ? ctx.metadata.generateName : effective.name,
        fix: `shorten the name to at most ${effective.generated ? room - 5 : room} characters`,
      },
    );
  },
};

/**
 * validation.go ValidateJob, on the Jobs a CronJob creates: `<cronjob>-<minutes>-<last index>`
 * must be a DNS-1123 label, else every Job the CronJob creates is refused.
 */
export const cronJobIndexedHostname: Rule = {
  id: 'cronjob-indexed-hostname',
  family: 2,
  scope: 'job',
  summary:
    'an Indexed CronJob name plus the 9-character Job suffix and "-<last index>" must be a DNS-1123 label',
  check(ctx) {
    if (!ctx.inTemplate) return;
    const completions = lastIndex(ctx);
    const effective = effectiveName(ctx.metadata);
    if (completions === undefined || !effective) return;
    const bad = indexedHostnameProblem(effective.name + CRONJOB_SUFFIX, completions);
    if (!bad) return;
    const room = 63 - CRONJOB_SUFFIX.length - String(completions - 1).length - 1;
    ctx.report(
      effective.generated ? 'metadata.generateName' : 'metadata.name',
      `the Jobs this CronJob creates are refused: pods of index ${completions - 1} would get the invalid hostname "${bad.hostname}"`,
      { value: effective.name, fix: `shorten the name to at most ${room} characters` },
    );
  },
};

/**
 * objectmeta.go validateObjectMetaAccessorWithOptsCommon: the namespace is a DNS-1123 label.
 * An empty namespace is filled from the request (kubectl's context) before validation.
 */
export const namespaceName: Rule = {
  id: 'namespace-name',
  family: 1,
  scope: 'object',
  summary: 'metadata.namespace must be a DNS-1123 label',
  check(ctx) {
    const ns = str(ctx.metadata.namespace);
    if (!ns) return;
    const problem = dns1123LabelProblem(ns);
    if (problem) ctx.report('metadata.namespace', problem, { value: ns });
  },
};

/** The metadata blocks the API server validates: the object's and its pod template's. */
function validatedBlocks(ctx: Parameters<Rule['check']>[0]): Array<[string, Obj]> {
  const blocks: Array<[string, Obj]> = [['metadata', ctx.metadata]];
  const spec = obj(ctx.manifest.spec) ?? {};
  const jobSpec = ctx.kind === 'CronJob' ? obj(obj(spec.jobTemplate)?.spec) : spec;
  const jobPath = ctx.kind === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec';
  const podMeta = obj(obj(jobSpec?.template)?.metadata);
  if (podMeta) blocks.push([`${jobPath}.template.metadata`, podMeta]);
  return blocks;
}

/** meta/v1 validation ValidateLabels, on the object and on its pod template. */
export const labels: Rule = {
  id: 'labels',
  family: 1,
  scope: 'object',
  reads: { metadata: ['labels'], job: ['template.metadata.labels'] },
  summary:
    'label keys are qualified names and label values are at most 63 characters of [-_.A-Za-z0-9]',
  check(ctx) {
    for (const [path, meta] of validatedBlocks(ctx)) {
      for (const p of labelProblems(meta.labels, `${path}.labels`))
        ctx.report(p.field, p.message, p);
    }
  },
};

/** objectmeta.go ValidateAnnotations, on the object and on its pod template. */
export const annotations: Rule = {
  id: 'annotations',
  family: 1,
  scope: 'object',
  reads: { metadata: ['annotations'], job: ['template.metadata.annotations'] },
  summary: 'annotation keys are qualified names (any case), and all of them at most 256 KiB',
  check(ctx) {
    for (const [path, meta] of validatedBlocks(ctx)) {
      for (const p of annotationProblems(meta.annotations, `${path}.annotations`))
        ctx.report(p.field, p.message, p);
    }
  },
};

/**
 * ValidateCronJobCreate does not look at spec.jobTemplate.metadata; the CronJob controller
 * copies its labels and annotations to every Job it creates, and the API server refuses those
 * Jobs when they are invalid.
 */
export const jobTemplateMetadata: Rule = {
  id: 'job-template-metadata',
  family: 2,
  scope: 'cronjob',
  summary:
    "the job template's labels and annotations are valid, else every Job the CronJob creates is refused",
  check(ctx) {
    const meta = obj(obj(ctx.spec.jobTemplate)?.metadata);
    if (!meta) return;
    const base = 'spec.jobTemplate.metadata';
    const problems = [
      ...labelProblems(meta.labels, `${base}.labels`),
      ...annotationProblems(meta.annotations, `${base}.annotations`),
    ];
    for (const p of problems) {
      ctx.report(p.field, `${p.message}: the API server refuses every Job the CronJob creates`, p);
    }
  },
};
