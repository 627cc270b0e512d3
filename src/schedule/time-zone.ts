/**
 * `spec.timeZone` as the API server checks it: each path component matches
 * `^[A-Za-z.\-_0-9+]{1,14}$` and is not `.`, `..` or `-…`; `Local` is refused; the zone must
 * load from the IANA database (here: the one ICU ships with Node).
 */
const COMPONENT = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Zones Go's time.LoadLocation loads that the ICU database in Node lacks, and the zone with the
 * same clock: tzdata's `Factory` is UTC+0 (abbreviated "-00").
 */
const GO_ONLY_ZONES: ReadonlyMap<string, string> = new Map([['Factory', 'UTC']]);

/** The zone to compute wall clocks with: the zone itself, or its twin for a Go-only zone. */
export function clockZone(timeZone: string): string {
  return GO_ONLY_ZONES.get(timeZone) ?? timeZone;
}

export function timeZoneProblem(timeZone: string): string | undefined {
  if (answers.has(timeZone)) return answers.get(timeZone);
  const problem = zoneProblem(timeZone);
  if (answers.size < 1000) answers.set(timeZone, problem);
  return problem;
}

/** Rules ask per CronJob, and a repository uses a few zones: each is judged once. */
const answers = new Map<string, string | undefined>();

function zoneProblem(timeZone: string): string | undefined {
  if (timeZone.length === 0) return 'timeZone must be unset or a non-empty IANA zone name';
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !COMPONENT.test(part)) {
      return `unknown time zone ${timeZone}`;
    }
  }
  if (timeZone.toLowerCase() === 'local') {
    return 'timeZone must be an explicit IANA zone, not Local';
  }
  if (!isKnownZone(timeZone)) return `unknown time zone ${timeZone}`;
  return undefined;
}

let canonical: ReadonlySet<string> | undefined;

/** Go loads zones from files, so names are case-sensitive; ICU is not, hence the extra checks. */
function isKnownZone(timeZone: string): boolean {
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  return (
    canonical.has(timeZone) ||
    timeZone === 'UTC' ||
    GO_ONLY_ZONES.has(timeZone) ||
    isCaseExactAlias(timeZone)
  );
}

function isCaseExactAlias(timeZone: string): boolean {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  if (resolved.toLowerCase() === timeZone.toLowerCase()) return resolved === timeZone;
  return timeZone.split('/').every((part) => /^[A-Z]/.test(part));
}
