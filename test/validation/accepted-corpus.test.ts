/**
 * Zero false alarms: manifests written the way widely used projects write theirs, which the
 * API server accepts. `check` reports no error on any of them (reviewer rules relaxed).
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseManifests } from '../../src/cli/read-manifests';
import { validateManifest, RelaxableRule } from '../../src/validation/validate-manifest';
import { RULES } from '../../src/validation/catalogue';

const DIR = join(__dirname, '..', 'corpus', 'accepted');
const REVIEWER = RULES.filter((r) => r.family === 3).map((r) => r.id) as RelaxableRule[];
const files = readdirSync(DIR)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe('accepted corpus', () => {
  it('holds at least 50 Jobs and CronJobs', () => {
    const count = files
      .flatMap((f) => parseManifests(f, readFileSync(join(DIR, f), 'utf8')))
      .filter(({ object }) => object.kind === 'Job' || object.kind === 'CronJob').length;
    expect(count).toBeGreaterThanOrEqual(50);
  });

  it.each(files)('%s has no error', (file) => {
    const objects = parseManifests(file, readFileSync(join(DIR, file), 'utf8'));
    const errors = objects.flatMap(({ object }) =>
      validateManifest(object, { allow: REVIEWER })
        .filter((p) => p.severity === 'error')
        .map(
          (p) =>
            `${String(object.kind)}/${String((object.metadata as { name?: string })?.name)} ${p.field}: ${p.message}`,
        ),
    );
    expect(errors).toEqual([]);
  });
});
