/**
 * Label and annotation maps as apimachinery checks them: meta/v1 validation ValidateLabels and
 * api/validation ValidateAnnotations. Helpers only, no rules.
 */
import { obj } from '../read';
import { labelValueProblem, qualifiedNameProblem } from '../syntax';

/** objectmeta.go TotalAnnotationSizeLimitB. */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** One problem of a map, ready for ctx.report. */
export interface MapProblem {
  readonly field: string;
  readonly message: string;
  readonly value?: unknown;
  readonly fix?: string;
}

/** ValidateLabels: keys are qualified names, values label values. Non-string values are skipped. */
export function labelProblems(value: unknown, path: string): MapProblem[] {
  const map = obj(value);
  if (!map) return [];
  const problems: MapProblem[] = [];
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = map[key];
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem)
      problems.push({
        field: path,
        message: `key ${JSON.stringify(key)} ${keyProblem}`,
        value: key,
      });
    if (typeof v !== 'string') continue;
    const valueProblem = labelValueProblem(v);
    if (valueProblem) problems.push({ field: `${path}.${key}`, message: valueProblem, value: v });
  }
  return problems;
}

/**
 * ValidateAnnotations: keys are qualified names once lower-cased (case does not matter), and
 * keys plus values take at most 256 KiB (bytes of UTF-8).
 */
export function annotationProblems(value: unknown, path: string): MapProblem[] {
  const map = obj(value);
  if (!map) return [];
  const problems: MapProblem[] = [];
  let bytes = 0;
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = map[key];
    const keyProblem = qualifiedNameProblem(key.toLowerCase());
    if (keyProblem)
      problems.push({
        field: path,
        message: `key ${JSON.stringify(key)} ${keyProblem}`,
        value: key,
      });
    bytes += Buffer.byteLength(key);
    if (typeof v === 'string') bytes += Buffer.byteLength(v);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    problems.push({
      field: path,
      message: `must be no more than 256 KiB in total (is ${bytes} bytes)`,
      fix: 'move large data to a ConfigMap',
    });
  }
  return problems;
}
