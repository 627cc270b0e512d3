import { parseSchedule } from '../schedule/cron';
import { nextRun } from '../schedule/next-runs';
import { timeZoneProblem } from '../schedule/time-zone';
import { wallClock, offsetAt } from '../schedule/zoned-time';
import { ManifestObject, objectName, readManifests } from './read-manifests';
import { formatReadError } from './check';
import type { Io } from './main';

/** The next runs of one CronJob, or why there are none. */
export interface CronJobRuns {
  readonly file: string;
  readonly object: string;
  readonly schedule: string;
  /** The CronJob's zone, or UTC (the controller's usual zone) when it sets none. */
  readonly timeZone: string;
  readonly timeZoneSet: boolean;
  readonly runs: readonly string[];
  readonly error?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 in the zone's wall time with its offset: `2026-11-23T02:00:00+01:00`. */
export function formatInZone(instant: number, zone: string): string {
  const w = wallClock(instant, zone);
  const offset = offsetAt(instant, zone) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The next `count` runs after `from` of every CronJob among `objects`. */
export function scheduleObjects(
  objects: readonly ManifestObject[],
  from: Date,
  count: number,
): CronJobRuns[] {
  const out: CronJobRuns[] = [];
  for (const { file, object } of objects) {
    if (object.kind !== 'CronJob') continue;
    const spec = (object.spec ?? {}) as Record<string, unknown>;
    const schedule = String(spec.schedule ?? '');
    const timeZoneSet = typeof spec.timeZone === 'string';
    const timeZone = timeZoneSet ? (spec.timeZone as string) : 'UTC';
    const base = { file, object: objectName(object), schedule, timeZone, timeZoneSet };
    const parsed = parseSchedule(schedule);
    const zoneProblem = timeZoneSet ? timeZoneProblem(timeZone) : undefined;
    if (!parsed.ok || zoneProblem) {
      out.push({ ...base, runs: [], error: parsed.ok ? zoneProblem : parsed.error });
      continue;
    }
    const runs: string[] = [];
    let t = from.getTime();
    for (let i = 0; i < count; i++) {
      const next = nextRun(parsed.schedule, t, timeZone);
      if (next === undefined) break;
      runs.push(formatInZone(next, timeZone));
      t = next;
    }
    out.push({ ...base, runs, ...(runs.length === 0 ? { error: 'never runs' } : {}) });
  }
  return out;
}

/** `cdk8s-batch schedule`: 0 every CronJob can run, 1 one cannot, 2 unreadable input. */
export function runSchedule(
  paths: string[],
  opts: { count: number; from?: Date; format: string },
  io: Io,
): number {
  const { objects, errors } = readManifests(paths, io.stdin);
  const all = scheduleObjects(objects, opts.from ?? new Date(), opts.count);
  if (opts.format === 'json') {
    io.out(JSON.stringify({ cronJobs: all, readErrors: errors }, null, 2));
  } else {
    for (const e of errors) io.err(formatReadError(e));
    for (const c of all) {
      const zone = c.timeZoneSet ? c.timeZone : "UTC (no timeZone: the controller's zone)";
      io.out(`${c.file}: ${c.object} "${c.schedule}" in ${zone}`);
      if (c.error) io.out(`  cannot run: ${c.error}`);
      for (const r of c.runs) io.out(`  ${r}`);
    }
  }
  return errors.length > 0 ? 2 : all.some((c) => c.error) ? 1 : 0;
}
