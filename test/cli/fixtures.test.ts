import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { BatchValidation, validateManifest } from '../../src';
import { run } from '../../src/cli/main';
import { parseManifests } from '../../src/cli/read-manifests';

const FIXTURES = join(__dirname, '..', 'fixtures');
const bad = readdirSync(join(FIXTURES, 'bad')).sort();
const good = readdirSync(join(FIXTURES, 'good')).sort();

/** The `# expect:` and `# target-version:` header of a bad fixture. */
function header(file: string): { field: string; targetVersion: string } {
  const text = readFileSync(join(FIXTURES, 'bad', file), 'utf8');
  const field = /^# expect: (.+)$/m.exec(text)?.[1];
  if (!field) throw new Error(`${file} has no "# expect: <field>" line`);
  return { field, targetVersion: /^# target-version: (.+)$/m.exec(text)?.[1] ?? '1.34' };
}

async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['check', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Runs the cdk8s plugin on one file, as `cdk8s synth` would, and returns its violations. */
async function plugin(path: string, targetVersion: string) {
  const violations: { ruleName: string; violatingResources: { locations: string[] }[] }[] = [];
  let status = '';
  await new BatchValidation({ targetVersion: targetVersion as '1.34' }).validate({
    manifests: [path],
    report: {
      addViolation: (v) => violations.push(v),
      submit: (s) => (status = s),
    },
  });
  return { status, violations };
}

describe('the fixture corpus', () => {
  test('has at least 60 bad and 20 good manifests, the seeds among the good', () => {
    expect(bad.length).toBeGreaterThanOrEqual(60);
    expect(good.length).toBeGreaterThanOrEqual(20);
    expect(good.filter((f) => f.startsWith('seed-'))).toHaveLength(10);
  });

  test.each(bad)('bad/%s: check exits 1 and names the field', async (file) => {
    const { field, targetVersion } = header(file);
    const path = join(FIXTURES, 'bad', file);
    const { code, out } = await check(['--target-version', targetVersion, path]);
    expect(code).toBe(1);
    expect(
      out.some(
        (line) =>
          /^:\d+:\d+: /.test(line.slice(path.length)) &&
          line.startsWith(path) &&
          line.includes(` ${field}:`),
      ),
    ).toBe(true);
  });

  test.each(bad)('bad/%s: the rules and the cdk8s plugin name the field', async (file) => {
    const { field, targetVersion } = header(file);
    const path = join(FIXTURES, 'bad', file);
    const [{ object: manifest }] = parseManifests(path, readFileSync(path, 'utf8'));
    const errors = validateManifest(manifest, { targetVersion: targetVersion as '1.34' }).filter(
      (p) => p.severity === 'error',
    );
    expect(errors.map((p) => p.field)).toContain(field);
    const { status, violations } = await plugin(path, targetVersion);
    expect(status).toBe('failure');
    expect(violations.flatMap((v) => v.violatingResources.flatMap((r) => r.locations))).toContain(
      field,
    );
  });

  test.each(good)('good/%s passes check and the plugin', async (file) => {
    const path = join(FIXTURES, 'good', file);
    const { code, out } = await check([path]);
    expect(out.filter((line) => !line.endsWith('(warning)'))).toEqual([]);
    expect(code).toBe(0);
    expect((await plugin(path, '1.34')).status).toBe('success');
  });

  test('the whole bad folder at once: one line per problem, exit 1', async () => {
    const { code, out, err } = await check([join(FIXTURES, 'bad')]);
    expect(code).toBe(1);
    const atNewest = bad.filter((f) => header(f).targetVersion === '1.34');
    for (const file of atNewest) {
      expect(out.some((l) => l.startsWith(join(FIXTURES, 'bad', file)))).toBe(true);
    }
    expect(err.at(-1)).toMatch(
      /^81 Job\/CronJob object\(s\) checked for Kubernetes 1\.37: \d+ error\(s\), \d+ warning\(s\)$/,
    );
  });
});
