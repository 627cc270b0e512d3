/**
 * The longest generated name that leaves room for `-<last index>` in the hostname of an
 * Indexed Job's pods (a DNS-1123 label of at most 63 characters).
 */
export function indexedNameLength(maxLength: number, completions: number | undefined): number {
  if (completions === undefined || !Number.isInteger(completions) || completions < 1)
    return maxLength;
  const fromHostname = 63 - 1 - String(completions - 1).length - (63 - maxLength);
  return Math.max(16, Math.min(maxLength, fromHostname));
}
