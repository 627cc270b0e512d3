/**
 * Upstream's own test tables, as manifests: every create-path case the API server rejects is
 * caught naming the field, and nothing it accepts is refused. See test/corpus/upstream/.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { validateManifest, RelaxableRule } from '../../src/validation/validate-manifest';
import { RULES } from '../../src/validation/catalogue';
import { UpstreamCase } from '../corpus/upstream/case';
import { manifestOf } from '../corpus/upstream/build';

const DIR = join(__dirname, '..', 'corpus', 'upstream');
const REVIEWER = RULES.filter((r) => r.family === 3).map((r) => r.id) as RelaxableRule[];

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.cases.ts'))
  .sort();
const all: Array<[string, UpstreamCase]> = files.flatMap((f) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(join(DIR, f)).cases as UpstreamCase[]).map((c): [string, UpstreamCase] => [f, c]),
);

function names(field: string, reported: string): boolean {
  return reported === field || reported.startsWith(`${field}.`) || reported.startsWith(`${field}[`);
}

function errorsOf(c: UpstreamCase) {
  return validateManifest(manifestOf(c), {
    targetVersion: c.targetVersion,
    allow: REVIEWER,
  }).filter((p) => p.severity === 'error');
}

describe('upstream corpus', () => {
  const rejects = all.filter(([, c]) => c.verdict === 'reject');

  it('holds at least 400 cases, each with a verdict and, when rejected, a field', () => {
    expect(all.length).toBeGreaterThanOrEqual(400);
    for (const [, c] of all) {
      if (c.verdict === 'reject') expect(c.field).toEqual(expect.any(String));
    }
  });

  it('misses at most 5% of the rejections, each with a reason', () => {
    const misses = rejects.filter(([, c]) => c.knownMiss !== undefined);
    expect(misses.length).toBeLessThanOrEqual(Math.floor(rejects.length * 0.05));
  });

  describe.each(files)('%s', (file) => {
    const cases = all.filter(([f]) => f === file).map(([, c]) => c);
    it.each(cases.map((c) => [c.from, c] as const))('%s', (_name, c) => {
      const errors = errorsOf(c);
      if (c.verdict === 'accept') {
        expect(errors).toEqual([]);
        return;
      }
      const family = c.family ?? 1;
      const caught = errors.some((p) => p.family === family && names(c.field as string, p.field));
      if (c.knownMiss !== undefined) {
        // A known miss that is caught after all must lose its knownMiss.
        expect({ caught, errors }).toEqual({ caught: false, errors: expect.anything() });
      } else {
        expect({ caught, field: c.field, family, errors }).toEqual({
          caught: true,
          field: c.field,
          family,
          errors: expect.anything(),
        });
      }
    });
  });
});
