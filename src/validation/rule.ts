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

/**
 * The fields a rule's findings come from, as paths of keys (`volumes`,
 * `securityContext.windowsOptions`) below the object's metadata, the JobSpec, the pod spec, and
 * each init and regular container. The rule is skipped for an object that sets none of them (a
 * field is set when it is an enumerable property whose value is not undefined), so they must
 * cover every field whose value can make it report; a rule that reports a missing field
 * declares none.
 */
export interface RuleReads {
  /** Below the object's `metadata`. @default none */
  readonly metadata?: readonly string[];
  /** Below the JobSpec (a Job's `spec`, a CronJob's `spec.jobTemplate.spec`). @default none */
  readonly job?: readonly string[];
  /** Below the pod template's spec. @default none */
  readonly pod?: readonly string[];
  /** Below each init container and container of the pod. @default none */
  readonly container?: readonly string[];
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
  /** The fields its findings come from; it is skipped where none is set. @default none: it always runs */
  readonly reads?: RuleReads;
  check(context: RuleContext): void;
}

export type { Problem };
