/**
 * 1: the API server rejects it. 2: the API server accepts it, but the cluster then fails or
 * silently drops it. 3: a careful reviewer refuses it (the only family that can be relaxed).
 */
export type RuleFamily = 1 | 2 | 3;

export type Severity = 'error' | 'warning';

/** One thing wrong with one field of one manifest. */
export interface Problem {
  /** The id of the rule that found it, e.g. `cronjob-schedule`. */
  readonly rule: string;
  /** 1: the API server rejects it; 2: the cluster fails on it; 3: a reviewer refuses it. */
  readonly family: RuleFamily;
  /** Errors fail synth and `check`; warnings are printed only. */
  readonly severity: Severity;
  /** Field path in the manifest, e.g. `spec.jobTemplate.spec.template.spec.restartPolicy`. */
  readonly field: string;
  /** The offending value. @default omitted when the problem is an absent field */
  readonly value?: unknown;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it, when the fix is not obvious from the message. @default none */
  readonly fix?: string;
}

/** `field: "value": message; fix` — the part of a report line after the object's name. */
export function describeProblem(problem: Problem): string {
  const value =
    'value' in problem && problem.value !== undefined ? ` ${formatValue(problem.value)}:` : '';
  const fix = problem.fix ? `; ${problem.fix}` : '';
  return `${problem.field}:${value} ${problem.message}${fix}`;
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Where builders put the problems they find in props (family 1 unless said otherwise). */
export type ProblemSink = (problem: Problem) => void;

/** A problem found in construct props rather than by a catalogue rule. */
export function propProblem(
  field: string,
  message: string,
  extra: { value?: unknown; fix?: string; family?: RuleFamily; severity?: Severity } = {},
): Problem {
  const { family = 1, severity = 'error', ...rest } = extra;
  return { rule: 'props', family, severity, field, message, ...rest };
}
