/**
 * The pod template's annotations that validation.go ValidatePodSpecificAnnotations checks
 * (through ValidatePodTemplateSpec): the mirror-pod marker, the legacy tolerations annotation
 * and the pod deletion cost. The seccomp and AppArmor annotations are the security rules'.
 */
import { Rule } from '../rule';
import { obj } from '../read';

const MIRROR = 'kubernetes.io/config.mirror';
const TOLERATIONS = 'scheduler.alpha.kubernetes.io/tolerations';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** pod helper GetDeletionCostFromPodAnnotations: validFirstDigit, then strconv.ParseInt(v, 10, 32). */
export function deletionCostProblem(value: string): string | undefined {
  const first = value[0];
  const validFirst =
    value.length > 0 &&
    (first === '-' || (first === '0' && value === '0') || (first >= '1' && first <= '9'));
  if (!validFirst || !/^[+-]?[0-9]+$/.test(value)) return 'must be a 32-bit integer';
  const n = Number(value);
  if (n < -2147483648 || n > 2147483647) return 'must be a 32-bit integer';
  return undefined;
}

/** helper GetTolerationsFromPodAnnotations: encoding/json into []Toleration. */
function tolerationsProblem(value: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'must be a JSON list of tolerations';
  }
  if (parsed === null) return undefined;
  if (!Array.isArray(parsed)) return 'must be a JSON list of tolerations';
  for (const item of parsed) {
    if (item === null) continue;
    if (typeof item !== 'object' || Array.isArray(item))
      return 'must be a JSON list of tolerations';
    for (const key of ['key', 'operator', 'value', 'effect']) {
      const v = (item as Record<string, unknown>)[key];
      if (v !== undefined && v !== null && typeof v !== 'string')
        return `a toleration's ${key} must be a string`;
    }
  }
  return undefined;
}

/**
 * validation.go ValidatePodSpecificAnnotations with AllowInvalidPodDeletionCost false (the
 * PodDeletionCost gate is on): a mirror-pod annotation needs spec.nodeName, the tolerations
 * annotation is JSON tolerations, and the deletion cost a 32-bit integer.
 */
export const podTemplateAnnotations: Rule = {
  id: 'pod-template-annotations',
  family: 1,
  scope: 'pod',
  reads: { job: ['template.metadata.annotations'] },
  summary:
    'pod template annotations the API server reads: config.mirror needs nodeName, tolerations are JSON, pod-deletion-cost an int32',
  check(ctx) {
    const annotations = obj(obj(obj(ctx.jobSpec.template)?.metadata)?.annotations);
    if (!annotations) return;
    const base = `${ctx.specPath}.template.metadata.annotations`;
    const has = (key: string) => Object.prototype.hasOwnProperty.call(annotations, key);
    const mirror = has(MIRROR) ? annotations[MIRROR] : undefined;
    if (typeof mirror === 'string') {
      const nodeName = ctx.podSpec.nodeName;
      if (nodeName === undefined || nodeName === null || nodeName === '') {
        ctx.report(`${base}.${MIRROR}`, 'requires spec.nodeName: it marks a static (mirror) pod', {
          value: mirror,
          fix: 'remove the annotation; only the kubelet creates mirror pods',
        });
      }
    }
    const tolerations = has(TOLERATIONS) ? annotations[TOLERATIONS] : undefined;
    if (typeof tolerations === 'string' && tolerations !== '') {
      const problem = tolerationsProblem(tolerations);
      if (problem)
        ctx.report(`${base}.${TOLERATIONS}`, problem, {
          value: tolerations,
          fix: 'use spec.tolerations instead of the alpha annotation',
        });
    }
    const cost = has(DELETION_COST) ? annotations[DELETION_COST] : undefined;
    if (typeof cost === 'string') {
      const problem = deletionCostProblem(cost);
      if (problem) ctx.report(`${base}.${DELETION_COST}`, problem, { value: cost });
    }
  },
};
