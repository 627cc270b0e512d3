import { Rule, RuleContext } from '../rule';
import { obj, objs } from '../read';
import {
  KubernetesVersion,
  minorOf,
  serves,
  NEWEST_KNOWN_VERSION,
  OLDEST_SUPPORTED_VERSION,
} from '../versions';

/** Job spec fields and the first release that serves them by default (beta on, or GA). */
const JOB_FIELDS: ReadonlyArray<[string, KubernetesVersion]> = [
  ['backoffLimitPerIndex', '1.29'],
  ['maxFailedIndexes', '1.29'],
  ['podReplacementPolicy', '1.29'],
  ['successPolicy', '1.31'],
  ['managedBy', '1.32'],
];

function report(ctx: RuleContext, field: string, since: KubernetesVersion): void {
  ctx.report(
    field,
    `is served from Kubernetes ${since}; the target ${ctx.targetVersion} drops it with only a warning`,
    {
      fix: `remove it or target ${since} or later`,
    },
  );
}

export const servedJobFields: Rule = {
  id: 'field-served',
  family: 2,
  scope: 'job',
  summary:
    'every field is served by the target Kubernetes version (the API server drops unknown fields)',
  check(ctx) {
    for (const [field, since] of JOB_FIELDS) {
      if (ctx.jobSpec[field] !== undefined && !serves(ctx.targetVersion, since)) {
        report(ctx, `${ctx.specPath}.${field}`, since);
      }
    }
    const rules = objs(obj(ctx.jobSpec.podFailurePolicy)?.rules);
    rules.forEach((rule, i) => {
      if (rule.action === 'FailIndex' && !serves(ctx.targetVersion, '1.29')) {
        report(ctx, `${ctx.specPath}.podFailurePolicy.rules[${i}].action`, '1.29');
      }
    });
  },
};

export const targetVersionKnown: Rule = {
  id: 'target-version',
  family: 1,
  scope: 'object',
  summary: `the target version is between ${OLDEST_SUPPORTED_VERSION} and ${NEWEST_KNOWN_VERSION}`,
  check(ctx) {
    const minor = minorOf(ctx.targetVersion);
    const oldest = minorOf(OLDEST_SUPPORTED_VERSION) ?? 0;
    if (minor === undefined || minor < oldest) {
      ctx.report(
        'targetVersion',
        `is not a supported Kubernetes version (supported: ${OLDEST_SUPPORTED_VERSION} to ${NEWEST_KNOWN_VERSION})`,
        {
          value: ctx.targetVersion,
        },
      );
    }
  },
};
