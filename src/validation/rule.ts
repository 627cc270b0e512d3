import { Obj } from './read';
import { Problem, RuleFamily, Severity } from './problem';
import { KubernetesVersion } from './versions';

/**
 * Where a rule looks: the whole object, a CronJob's spec, a JobSpec (a Job's `spec` or a
 * CronJob's `spec.jobTemplate.spec`), or the pod spec inside it.
 */
export type RuleScope = 'object' | 'cronjob' | 'job' | 'pod';

export interface ReportOptions {
  /** The offending value. @default none (an absent field) */
  readonly value?: unknown;
  /** How to fix it. @default none */
  readonly fix?: string;
}

export interface RuleContext {
  /** The Kubernetes release checked for. */
  readonly targetVersion: KubernetesVersion;
  /** The kind of the object. */
  readonly kind: 'Job' | 'CronJob';
  /** The whole object. */
  readonly manifest: Obj;
  /** Its metadata (empty when absent). */
  readonly metadata: Obj;
  /** The CronJob spec (cronjob scope) or the JobSpec (job and pod scopes). */
  readonly spec: Obj;
  /** Field path of `spec`: `spec` or `spec.jobTemplate.spec`. */
  readonly specPath: string;
  /** The JobSpec, in job and pod scopes. */
  readonly jobSpec: Obj;
  /** The pod spec, in pod scope (empty object elsewhere). */
  readonly podSpec: Obj;
  /** Field path of the pod spec. */
  readonly podPath: string;
  /** True when the JobSpec is a CronJob's template (the controller creates the Job later). */
  readonly inTemplate: boolean;
  report(field: string, message: string, options?: ReportOptions): void;
}

export interface Rule {
  /** Stable id, used in reports and in `allow` lists. */
  readonly id: string;
  /** See RuleFamily. */
  readonly family: RuleFamily;
  /** @default 'error' */
  readonly severity?: Severity;
  /** Which part of the object it reads. */
  readonly scope: RuleScope;
  /** One line: the fact the rule enforces. */
  readonly summary: string;
  /** The first Kubernetes release the rule applies to. @default every supported release */
  readonly since?: KubernetesVersion;
  /** The first Kubernetes release the rule no longer applies to. @default none */
  readonly until?: KubernetesVersion;
  check(context: RuleContext): void;
}

export type { Problem };
