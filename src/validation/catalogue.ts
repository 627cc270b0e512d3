import { Rule, RuleScope } from './rule';
import * as cronJob from './rules/cron-job';
import * as failureAndSuccess from './rules/failure-and-success-policy';
import * as jobSpec from './rules/job-spec';
import * as metadata from './rules/metadata';
import * as container from './rules/container';
import * as decoding from './rules/decoding';
import * as env from './rules/env';
import * as pod from './rules/pod';
import * as resources from './rules/resources';
import * as scheduling from './rules/scheduling';
import * as security from './rules/security';
import * as volumes from './rules/volumes';
import * as reviewer from './rules/reviewer';
import * as served from './rules/served-fields';

function rulesOf(...modules: object[]): Rule[] {
  return modules.flatMap((m) => Object.values(m).filter(isRule));
}

function isRule(value: unknown): value is Rule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    'check' in value &&
    'scope' in value
  );
}

/** Every rule, in report order. Built once when the module loads. */
export const RULES: readonly Rule[] = rulesOf(
  served,
  decoding,
  metadata,
  cronJob,
  jobSpec,
  failureAndSuccess,
  pod,
  container,
  env,
  resources,
  volumes,
  security,
  scheduling,
  reviewer,
);

/** The rules of each scope, so a manifest walk does no filtering. */
export const RULES_BY_SCOPE: Readonly<Record<RuleScope, readonly Rule[]>> = {
  object: RULES.filter((r) => r.scope === 'object'),
  cronjob: RULES.filter((r) => r.scope === 'cronjob'),
  job: RULES.filter((r) => r.scope === 'job'),
  pod: RULES.filter((r) => r.scope === 'pod'),
};
