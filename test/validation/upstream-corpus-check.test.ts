/**
 * The upstream corpus through `cdk8s-batch check` (text in, report out), as CI runs it: the
 * reader, the CLI options and the JSON report must not lose what validateManifest finds.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { run } from '../../src/cli/main';
import { RULES } from '../../src/validation/catalogue';
import { NEWEST_KNOWN_VERSION } from '../../src/validation/versions';
import { UpstreamCase } from '../corpus/upstream/case';
import { manifestOf } from '../corpus/upstream/build';

const DIR = join(__dirname, '..', 'corpus', 'upstream');
const REVIEWER = RULES.filter((r) => r.family === 3).map((r) => r.id);

const cases: UpstreamCase[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.cases.ts'))
  .sort()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .flatMap((f) => require(join(DIR, f)).cases as UpstreamCase[]);

interface Finding {
  readonly field: string;
  readonly family: number;
  readonly severity: string;
}

async function check(c: UpstreamCase): Promise<{ code: number; errors: Finding[] }> {
  const out: string[] = [];
  const code = await run(
    [
      'check',
      '--format',
      'json',
      '--target-version',
      c.targetVersion ?? NEWEST_KNOWN_VERSION,
      '--allow',
      REVIEWER.join(','),
      '-',
    ],
    { out: (l) => out.push(l), err: () => undefined, stdin: () => JSON.stringify(manifestOf(c)) },
  );
  const report = JSON.parse(out.join('\n')) as { findings: Finding[] };
  return { code, errors: report.findings.filter((f) => f.severity === 'error') };
}

const names = (field: string, reported: string) =>
  reported === field || reported.startsWith(`${field}.`) || reported.startsWith(`${field}[`);

test('the corpus is here', () => {
  expect(cases.length).toBeGreaterThanOrEqual(400);
});

test.each(cases.filter((c) => c.knownMiss === undefined).map((c) => [c.from, c] as const))(
  'check: %s',
  async (_name, c) => {
    const { code, errors } = await check(c);
    if (c.verdict === 'accept') {
      expect({ code, errors }).toEqual({ code: 0, errors: [] });
      return;
    }
    const family = c.family ?? 1;
    const caught = errors.some((f) => f.family === family && names(c.field as string, f.field));
    expect({ code, caught, field: c.field }).toEqual({ code: 1, caught: true, field: c.field });
  },
);
