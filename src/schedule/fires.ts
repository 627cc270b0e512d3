import { CronSchedule, ParsedSchedule } from './cron';

/** The longest each month can be (February 29 in leap years). */
const MAX_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a parsed schedule can ever fire. robfig's day rule: when either day field carries
 * the star bit (`*` or `?` with step 1) both must match; otherwise either may match.
 */
export function canFire(schedule: ParsedSchedule): boolean {
  if (schedule.kind === 'every') return true;
  let fires = FIRES.get(schedule);
  if (fires === undefined) FIRES.set(schedule, (fires = specCanFire(schedule)));
  return fires;
}

/** parseSchedule hands out one object per schedule text, and rules ask once per CronJob. */
const FIRES = new WeakMap<CronSchedule, boolean>();

function specCanFire(schedule: CronSchedule): boolean {
  const { minute, hour, month, dayOfWeek, dayOfMonth } = schedule;
  if (minute.bits === 0n || hour.bits === 0n || month.bits === 0n) return false;
  if (dayOfMonth.star || dayOfWeek.star) {
    if (dayOfWeek.bits === 0n) return false;
    return someMonthHasDay(schedule);
  }
  // Either day field may match: every month has every weekday.
  return dayOfWeek.bits !== 0n || someMonthHasDay(schedule);
}

function someMonthHasDay(s: CronSchedule): boolean {
  for (let m = 1; m <= 12; m++) {
    if ((s.month.bits & (1n << BigInt(m))) === 0n) continue;
    for (let d = 1; d <= MAX_DAYS[m]; d++) {
      if ((s.dayOfMonth.bits & (1n << BigInt(d))) !== 0n) return true;
    }
  }
  return false;
}
