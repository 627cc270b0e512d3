/**
 * The CronJob spec as validation.go ValidateCronJobCreate / validateCronJobSpec checks it, and
 * what the CronJob controller then does with it.
 */
import { oversizedSteps, parseGoDuration, parseSchedule } from '../../schedule/cron';
import { canFire } from '../../schedule/fires';
import { timeZoneProblem } from '../../schedule/time-zone';
import { dstSurprises } from '../../schedule/dst';
import { Rule } from '../rule';
import { obj, objs } from '../read';
import { parseQuantity } from '../quantity';

const MIN_STARTING_DEADLINE_SECONDS = 10;

/**
 * validation.go validateScheduleFormat: robfig/cron ParseStandard, and no TZ or CRON_TZ on
 * create (spec.timeZone replaces them).
 */
export const schedule: Rule = {
  id: 'cronjob-schedule',
  family: 1,
  scope: 'cronjob',
  summary:
    "schedule parses with robfig/cron's standard parser (five fields or an @ descriptor), without TZ",
  check(ctx) {
    const value = ctx.spec.schedule;
    const path = `${ctx.specPath}.schedule`;
    if (value === undefined || value === null || value === '') {
      ctx.report(path, 'is required', { fix: 'set a cron expression such as "0 2 * * *"' });
      return;
    }
    if (typeof value !== 'string') return;
    const parsed = parseSchedule(value);
    if (!parsed.ok) ctx.report(path, parsed.error, { value, fix: parsed.fix });
  },
};

/** robfig/cron SpecSchedule.Next: a day-of-month that no chosen month has never comes. */
export const scheduleFires: Rule = {
  id: 'cronjob-schedule-fires',
  family: 2,
  scope: 'cronjob',
  summary: 'the schedule can fire at least once (no February 30, no April 31)',
  check(ctx) {
    const value = ctx.spec.schedule;
    if (typeof value !== 'string') return;
    const parsed = parseSchedule(value);
    if (parsed.ok && !canFire(parsed.schedule)) {
      ctx.report(
        `${ctx.specPath}.schedule`,
        'never fires: no date matches its day-of-month and month',
        {
          value,
          fix: 'pick a day of the month that exists in the chosen month(s)',
        },
      );
    }
  },
};

/**
 * validation.go validateTimeZone: non-empty, IANA name syntax, not Local, and loadable by
 * time.LoadLocation (names are case-sensitive).
 */
export const timeZone: Rule = {
  id: 'cronjob-time-zone',
  family: 1,
  scope: 'cronjob',
  summary: 'timeZone is a real IANA zone name (case-sensitive), not Local',
  check(ctx) {
    const value = ctx.spec.timeZone;
    if (typeof value !== 'string') return;
    const problem = timeZoneProblem(value);
    if (problem) {
      ctx.report(`${ctx.specPath}.timeZone`, problem, {
        value,
        fix: 'use a name from the IANA database, e.g. "Europe/Berlin" or "Etc/UTC"',
      });
    }
  },
};

/**
 * validation.go validateConcurrencyPolicy: Allow, Forbid or Replace (an empty or absent value
 * is defaulted to Allow before validation).
 */
export const concurrencyPolicy: Rule = {
  id: 'cronjob-concurrency-policy',
  family: 1,
  scope: 'cronjob',
  summary: 'concurrencyPolicy is Allow, Forbid or Replace',
  check(ctx) {
    const value = ctx.spec.concurrencyPolicy;
    if (typeof value !== 'string' || value === '') return;
    if (value !== 'Allow' && value !== 'Forbid' && value !== 'Replace') {
      ctx.report(`${ctx.specPath}.concurrencyPolicy`, 'must be "Allow", "Forbid" or "Replace"', {
        value,
      });
    }
  },
};

/**
 * validation.go validateCronJobSpec (ValidateNonnegativeField): startingDeadlineSeconds and
 * the history limits are not negative.
 */
export const cronJobIntegerFields: Rule = {
  id: 'cronjob-integer-fields',
  family: 1,
  scope: 'cronjob',
  summary: 'startingDeadlineSeconds and the history limits are not negative',
  check(ctx) {
    for (const field of [
      'startingDeadlineSeconds',
      'successfulJobsHistoryLimit',
      'failedJobsHistoryLimit',
    ]) {
      const value = ctx.spec[field];
      if (typeof value === 'number' && Number.isInteger(value) && value < 0)
        ctx.report(`${ctx.specPath}.${field}`, 'must be greater than or equal to 0', { value });
    }
  },
};

/**
 * cronjob controller (syncCronJob / mostRecentScheduleTime): a run more than
 * startingDeadlineSeconds late is skipped, and the controller is not guaranteed to look more
 * often than about every 10 s, so a shorter deadline can miss runs. Accepted by the API server.
 */
export const startingDeadline: Rule = {
  id: 'cronjob-starting-deadline',
  family: 2,
  severity: 'warning',
  scope: 'cronjob',
  summary:
    'startingDeadlineSeconds below 10 can make the controller miss runs (it may check only every 10 s)',
  check(ctx) {
    const value = ctx.spec.startingDeadlineSeconds;
    if (typeof value === 'number' && value >= 0 && value < MIN_STARTING_DEADLINE_SECONDS) {
      ctx.report(
        `${ctx.specPath}.startingDeadlineSeconds`,
        'is below 10 s: the CronJob controller may miss runs, which then never start',
        { value, fix: 'use at least 10 seconds, or leave it unset' },
      );
    }
  },
};

const STEP_PERIOD: Readonly<Record<string, string>> = {
  minute: 'once an hour',
  hour: 'once a day',
  'day-of-month': 'once a month',
  month: 'once a year',
  'day-of-week': 'once a week',
};

/**
 * robfig/cron getRange: a step larger than its field's range (`*\/61`, `*\/90` in minutes) is
 * accepted and matches only the first value, so the schedule fires once per wrap of the field.
 */
export const stepBeyondRange: Rule = {
  id: 'cronjob-step-beyond-range',
  family: 2,
  severity: 'warning',
  scope: 'cronjob',
  summary: "a cron step beyond its field's range fires once per wrap (*/90 in minutes: hourly)",
  check(ctx) {
    const value = ctx.spec.schedule;
    if (typeof value !== 'string') return;
    for (const step of oversizedSteps(value)) {
      ctx.report(
        `${ctx.specPath}.schedule`,
        `the ${step.field} step in "${step.expr}" is beyond its ${step.range} values: it fires only at the first one, ${STEP_PERIOD[step.field] ?? 'once per cycle'}`,
        { value, fix: `use a step below ${step.range}, or list the values you mean` },
      );
    }
  },
};

/** robfig/cron Every: an interval is rounded down to whole seconds, and at least 1 s. */
export const everyRounded: Rule = {
  id: 'cronjob-every-rounded',
  family: 2,
  severity: 'warning',
  scope: 'cronjob',
  summary:
    '@every is a whole number of seconds, at least 1 s: robfig/cron rounds anything else, so 500ms or -5m runs every second',
  check(ctx) {
    const value = ctx.spec.schedule;
    if (typeof value !== 'string' || !value.startsWith('@every ')) return;
    const parsed = parseSchedule(value);
    if (!parsed.ok || parsed.schedule.kind !== 'every') return;
    const asked = parseGoDuration(value.slice('@every '.length));
    if (asked === parsed.schedule.seconds) return;
    ctx.report(
      `${ctx.specPath}.schedule`,
      asked < 1
        ? `runs every second: robfig/cron turns an interval below 1 s (here ${asked} s) into 1 s`
        : `runs every ${parsed.schedule.seconds} s: robfig/cron drops the fraction of a second`,
      { value, fix: 'use a positive whole number of seconds or more, e.g. "@every 15m"' },
    );
  },
};

/** robfig/cron SpecSchedule.Next in a zone with DST: skipped and repeated local times. */
export const dstChange: Rule = {
  id: 'cronjob-dst',
  family: 2,
  severity: 'warning',
  scope: 'cronjob',
  summary: 'a run at a local time that a DST change skips or repeats is missed or runs twice',
  check(ctx) {
    const { schedule: value, timeZone: zone } = ctx.spec;
    if (typeof value !== 'string' || typeof zone !== 'string' || timeZoneProblem(zone)) return;
    const parsed = parseSchedule(value);
    if (!parsed.ok || parsed.schedule.kind !== 'spec') return;
    const surprises = dstSurprises(parsed.schedule, zone, Date.now());
    if (surprises.length === 0) return;
    const what = surprises
      .map((c) => `${c.kind === 'skipped' ? 'skips the run' : 'runs it twice'} on ${c.date}`)
      .join(' and ');
    ctx.report(`${ctx.specPath}.schedule`, `in ${zone}, the DST change ${what}`, {
      value,
      fix: 'schedule outside the hour the clocks change, or use a zone without DST such as Etc/UTC',
    });
  },
};

const HEAVY_MEMORY_BYTES = 4 * 2 ** 30;

function memoryBytes(value: unknown): number | undefined {
  if (typeof value === 'string') return parseQuantity(value);
  if (typeof value === 'number') return parseQuantity(String(value));
  return undefined;
}

/** Reviewer rule: concurrencyPolicy Allow lets a slow heavy run overlap the next one. */
export const overlapOnHeavyJob: Rule = {
  id: 'cronjob-overlap',
  family: 3,
  severity: 'warning',
  scope: 'cronjob',
  summary:
    'a heavy scheduled job (GPUs, parallel pods, 4Gi+ memory) does not Allow overlapping runs',
  check(ctx) {
    const policy = ctx.spec.concurrencyPolicy ?? 'Allow';
    if (policy !== 'Allow') return;
    const jobSpec = obj(obj(ctx.spec.jobTemplate)?.spec) ?? {};
    const pod = obj(obj(jobSpec.template)?.spec) ?? {};
    const heavy =
      (typeof jobSpec.parallelism === 'number' && jobSpec.parallelism > 1) ||
      objs(pod.containers).some((c) => {
        const resources = obj(c.resources) ?? {};
        const lists = [obj(resources.requests) ?? {}, obj(resources.limits) ?? {}];
        return lists.some(
          (l) =>
            Object.keys(l).some((k) => k.endsWith('/gpu')) ||
            (memoryBytes(l.memory) ?? 0) >= HEAVY_MEMORY_BYTES,
        );
      });
    if (!heavy) return;
    ctx.report(
      `${ctx.specPath}.concurrencyPolicy`,
      'is Allow (the default) on a heavy job: a slow run and the next one compete for GPUs and memory',
      { value: policy, fix: 'set concurrencyPolicy: Forbid (or allow "cronjob-overlap")' },
    );
  },
};
