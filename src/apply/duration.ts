/**
 * Durations as kubectl users write and read them: Go's time.ParseDuration syntax in
 * (`90s`, `30m`, `1h30m`, `1.5h`, `500ms`), `1h30m` out. Depends on nothing, so the CLI
 * can parse its options without loading the cluster code.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds in `text` (`90s`, `1h30m`, `1.5h`, `250ms`), or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  if (!/^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) total += Number(m[1]) * UNIT_MS[m[2]];
  return Math.round(total);
}

/** `ms` as a person reads it: `60s`, `30m`, `1h30m`, `2m5s`, `1.5s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const s = Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3).replace(/0+$/, '');
  return (
    [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${s}s` : ''].join('') ||
    '0s'
  );
}
