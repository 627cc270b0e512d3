import { Duration } from 'cdk8s';
import { ProblemSink, propProblem } from '../validation/problem';

/** A Duration as whole seconds; a fractional one is reported, never thrown. */
export function wholeSeconds(
  duration: Duration,
  field: string,
  report: ProblemSink,
): number | undefined {
  let millis = NaN;
  try {
    millis = duration.toMilliseconds({ integral: false });
  } catch {
    // reported below
  }
  if (!Number.isFinite(millis) || millis % 1000 !== 0) {
    report(
      propProblem(field, 'must be a whole number of seconds', {
        fix: 'use Duration.seconds(n), Duration.minutes(n) or Duration.hours(n) with whole n',
      }),
    );
    return undefined;
  }
  return millis / 1000;
}
