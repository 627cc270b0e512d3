import { Duration } from 'cdk8s';
import { Problem, propProblem } from '../validation/problem';
import { parseSchedule } from '../schedule/cron';
import { shortestInterval } from '../schedule/next-runs';

/**
 * The shortest time between runs as the schedule reads, in ms: computed in UTC, so the
 * extra run or the missed run of a DST change day does not count.
 */
function nominalInterval(schedule: string | undefined): number | undefined {
  if (typeof schedule !== 'string') return undefined;
  const parsed = parseSchedule(schedule);
  return parsed.ok ? shortestInterval(parsed.schedule) : undefined;
}

/**
 * Checks that a run, started as late as `startingDeadline` allows and lasting up to
 * `activeDeadline`, ends before the next run is due; otherwise runs pile up (or, with
 * Forbid, are skipped). Nothing is reported for a schedule the catalogue already refuses.
 */
export function deadlineFitsSchedule(
  schedule: string | undefined,
  activeDeadline: Duration,
  startingDeadline: Duration | undefined,
): Problem | undefined {
  const interval = nominalInterval(schedule);
  if (interval === undefined) return undefined;
  const intervalSeconds = interval / 1000;
  const active = activeDeadline.toSeconds();
  const late = startingDeadline?.toSeconds() ?? 0;
  if (active + late < intervalSeconds) return undefined;
  const lateText = late ? ` plus the startingDeadline of ${late} s` : '';
  return propProblem(
    'spec.jobTemplate.spec.activeDeadlineSeconds',
    `a run may last ${active} s${lateText}, not less than the ${intervalSeconds} s between runs of "${schedule}", so runs pile up`,
    {
      value: active,
      family: 2,
      fix: `set activeDeadline below ${intervalSeconds - late} s, or run less often`,
    },
  );
}

/** Half the shortest interval between runs, at most `cap`; `cap` when it cannot be computed. */
export function defaultActiveDeadline(schedule: string | undefined, cap: Duration): Duration {
  const interval = nominalInterval(schedule);
  if (interval === undefined) return cap;
  const half = Math.max(60, Math.floor(interval / 2000 / 60) * 60);
  return Duration.seconds(Math.min(half, cap.toSeconds()));
}
