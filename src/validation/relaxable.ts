/**
 * The reviewer rules (family 3): the only ones that can be relaxed. A tiny module, so that the
 * CLI can name them in its help without loading the rule catalogue; a test keeps it equal to
 * the catalogue's family-3 rules.
 */
export const RELAXABLE_RULES = [
  'image-tag',
  'secret-literal',
  'pod-security',
  'cronjob-overlap',
] as const;

/** The id of a reviewer rule. */
export type RelaxableRule = (typeof RELAXABLE_RULES)[number];
