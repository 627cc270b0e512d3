/**
 * The CI and release workflows parse and validate with GitHub's own workflow parser
 * (@actions/workflow-parser, an ES module: run in a child process).
 */
import { spawnSync } from 'child_process';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const DIR = join(ROOT, '.github', 'workflows');
const HOOK = join(ROOT, 'test', 'support', 'json-modules.mjs');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yml'));

function parserErrors(file: string): string[] {
  const script = `
    import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';
    import { readFileSync } from 'fs';
    const name = process.argv[1];
    const result = parseWorkflow({ name, content: readFileSync(name, 'utf8') }, new NoOperationTraceWriter());
    const errors = result.context.errors.getErrors().map((e) => e.message);
    if (result.value) {
      const template = await convertWorkflowTemplate(result.context, result.value);
      errors.push(...(template.errors ?? []).map((e) => e.Message ?? String(e)));
    }
    console.log(JSON.stringify(errors));`;
  const r = spawnSync(
    process.execPath,
    ['--import', HOOK, '--input-type=module', '-e', script, join(DIR, file)],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.each(FILES)('.github/workflows/%s', (file) => {
  test('is a valid workflow', () => {
    expect(parserErrors(file)).toEqual([]);
  });
});

test('the parser does find mistakes (a job without runs-on, an unknown key)', () => {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      HOOK,
      '--input-type=module',
      '-e',
      `import { parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser';
       const content = 'on: push\\njobs:\\n  a:\\n    steps:\\n      - run: x\\n    stepz: 1\\n';
       const result = parseWorkflow({ name: 'bad.yml', content }, new NoOperationTraceWriter());
       console.log(result.context.errors.getErrors().length);`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(Number(r.stdout)).toBeGreaterThan(0);
});

test('CI runs npm ci and npm test on Node 20 and 22; release publishes both npm packages with provenance and PyPI by trusted publishing', () => {
  const ci = parse(readFileSync(join(DIR, 'ci.yml'), 'utf8'));
  expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 22]);
  const runs = ci.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean);
  expect(runs).toEqual(expect.arrayContaining(['npm ci', 'npm test']));
  const release = parse(readFileSync(join(DIR, 'release.yml'), 'utf8'));
  const npmRuns = release.jobs.npm.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
  expect(npmRuns).toMatch(/npm publish --workspace cdk8s-batch-runtime --provenance/);
  expect(npmRuns).toMatch(/npm publish --provenance/);
  expect(release.jobs.npm.permissions['id-token']).toBe('write');
  expect(release.jobs.pypi.permissions['id-token']).toBe('write');
  expect(
    release.jobs.pypi.steps.some((s: { uses?: string }) =>
      s.uses?.startsWith('pypa/gh-action-pypi-publish'),
    ),
  ).toBe(true);
});
