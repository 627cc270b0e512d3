import { Rule, RuleContext } from '../rule';
import { Obj, int, isObj, obj, str } from '../read';
import {
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  labelValueProblem,
  qualifiedNameProblem,
} from '../syntax';

/** The CronJob controller appends `-<minutes since epoch>` (11 characters) to Job names. */
export const CRONJOB_NAME_MAX = 52;
/** Job names become the `job-name` label value on every pod. */
export const JOB_NAME_MAX = 63;
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

export const objectName: Rule = {
  id: 'object-name',
  family: 1,
  scope: 'object',
  summary: 'metadata.name is required and must be a DNS-1123 subdomain',
  check(ctx) {
    const name = ctx.metadata.name;
    if (name === undefined) {
      ctx.report('metadata.name', 'is required', {
        fix: 'set metadata.name (or let cdk8s generate it)',
      });
      return;
    }
    if (typeof name !== 'string') {
      ctx.report('metadata.name', 'must be a string', { value: name });
      return;
    }
    const problem = dns1123SubdomainProblem(name);
    if (problem) ctx.report('metadata.name', problem, { value: name });
  },
};

export const cronJobNameLength: Rule = {
  id: 'cronjob-name-length',
  family: 1,
  scope: 'cronjob',
  summary: 'a CronJob name is at most 52 characters, since its Jobs get an 11-character suffix',
  check(ctx) {
    const name = str(ctx.metadata.name);
    if (name !== undefined && name.length > CRONJOB_NAME_MAX) {
      ctx.report(
        'metadata.name',
        `must be no more than ${CRONJOB_NAME_MAX} characters (is ${name.length})`,
        {
          value: name,
          fix: 'the CronJob controller appends an 11-character suffix to name each Job; shorten the name',
        },
      );
    }
  },
};

export const jobNameLength: Rule = {
  id: 'job-name-length',
  family: 2,
  scope: 'job',
  summary: 'a Job name is at most 63 characters, since it becomes the job-name label of its pods',
  check(ctx) {
    if (ctx.inTemplate) return;
    const name = str(ctx.metadata.name);
    if (name !== undefined && name.length > JOB_NAME_MAX) {
      ctx.report(
        'metadata.name',
        `must be no more than ${JOB_NAME_MAX} characters (is ${name.length})`,
        {
          value: name,
          fix: 'the Job controller puts the name in a pod label, which is limited to 63 characters',
        },
      );
    }
  },
};

/** Digits the CronJob controller's suffix adds: `-` and the minutes since the epoch. */
const CRONJOB_SUFFIX = '-29000000';

export const indexedHostname: Rule = {
  id: 'indexed-job-hostname',
  family: 1,
  scope: 'job',
  summary: 'an Indexed Job name plus "-<last index>" must be a DNS-1123 label (the pod hostname)',
  check(ctx) {
    const name = str(ctx.metadata.name);
    const completions = int(ctx.jobSpec.completions);
    if (name === undefined || ctx.jobSpec.completionMode !== 'Indexed' || completions === undefined)
      return;
    if (completions <= 0) return;
    const jobName = ctx.inTemplate ? `${name}${CRONJOB_SUFFIX}` : name;
    const hostname = `${jobName}-${completions - 1}`;
    if (dns1123LabelProblem(hostname)) {
      const room = 63 - (jobName.length - name.length) - String(completions - 1).length - 1;
      ctx.report(
        'metadata.name',
        `pods of index ${completions - 1} would get the invalid hostname "${hostname}"`,
        {
          value: name,
          fix: `shorten the name to at most ${room} characters`,
        },
      );
    }
  },
};

export const namespaceName: Rule = {
  id: 'namespace-name',
  family: 1,
  scope: 'object',
  summary: 'metadata.namespace must be a DNS-1123 label',
  check(ctx) {
    const ns = ctx.metadata.namespace;
    if (ns === undefined) return;
    const problem = typeof ns === 'string' ? dns1123LabelProblem(ns) : 'must be a string';
    if (problem) ctx.report('metadata.namespace', problem, { value: ns });
  },
};

/** Every metadata block of the object: its own, the job template's and the pod template's. */
function metadataBlocks(ctx: RuleContext): Array<[string, Obj]> {
  const blocks: Array<[string, Obj]> = [['metadata', ctx.metadata]];
  const spec = obj(ctx.manifest.spec) ?? {};
  let jobSpec: Obj | undefined = spec;
  let jobPath = 'spec';
  if (ctx.kind === 'CronJob') {
    const jobTemplate = obj(spec.jobTemplate) ?? {};
    const m = obj(jobTemplate.metadata);
    if (m) blocks.push(['spec.jobTemplate.metadata', m]);
    jobSpec = obj(jobTemplate.spec);
    jobPath = 'spec.jobTemplate.spec';
  }
  const podMeta = obj(obj(jobSpec?.template)?.metadata);
  if (podMeta) blocks.push([`${jobPath}.template.metadata`, podMeta]);
  return blocks;
}

export const labels: Rule = {
  id: 'labels',
  family: 1,
  scope: 'object',
  summary:
    'label keys are qualified names and label values are at most 63 characters of [-_.A-Za-z0-9]',
  check(ctx) {
    for (const [path, meta] of metadataBlocks(ctx)) {
      if (meta.labels === undefined) continue;
      if (!isObj(meta.labels)) {
        ctx.report(`${path}.labels`, 'must be a map of strings', { value: meta.labels });
        continue;
      }
      for (const [key, value] of Object.entries(meta.labels)) {
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem)
          ctx.report(`${path}.labels`, `key ${JSON.stringify(key)} ${keyProblem}`, { value: key });
        const valueProblem =
          typeof value === 'string' ? labelValueProblem(value) : 'must be a string';
        if (valueProblem) ctx.report(`${path}.labels.${key}`, valueProblem, { value });
      }
    }
  },
};

export const annotations: Rule = {
  id: 'annotations',
  family: 1,
  scope: 'object',
  summary: 'annotation keys are qualified names, values strings, and all of them at most 256 KiB',
  check(ctx) {
    for (const [path, meta] of metadataBlocks(ctx)) {
      if (meta.annotations === undefined) continue;
      if (!isObj(meta.annotations)) {
        ctx.report(`${path}.annotations`, 'must be a map of strings', { value: meta.annotations });
        continue;
      }
      let bytes = 0;
      for (const [key, value] of Object.entries(meta.annotations)) {
        const keyProblem = qualifiedNameProblem(key.toLowerCase());
        if (keyProblem)
          ctx.report(`${path}.annotations`, `key ${JSON.stringify(key)} ${keyProblem}`, {
            value: key,
          });
        if (typeof value !== 'string') {
          ctx.report(`${path}.annotations.${key}`, 'must be a string', {
            value,
            fix: 'quote the value',
          });
          continue;
        }
        bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
      }
      if (bytes > ANNOTATIONS_MAX_BYTES) {
        ctx.report(
          `${path}.annotations`,
          `must be no more than 256 KiB in total (is ${bytes} bytes)`,
        );
      }
    }
  },
};
