import { spawnSync, execFileSync } from 'child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { validateManifest } from '../src';
import { expectSchemaValid } from './support/schema';

const root = join(__dirname, '..');
const CDK8S = join(root, 'node_modules', '.bin', 'cdk8s');

describe('the example app (templates/agents-app)', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'agents-app-'));
    // Exactly what `npm run synth` runs (type-check, then the app), into a temporary folder.
    execFileSync(CDK8S, ['synth', '--no-check-upgrade', '--output', out], {
      cwd: root,
      stdio: 'pipe',
    });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('cdk8s synth writes the seeds workloads, schema-valid and rule-clean', () => {
    expect(readdirSync(out)).toEqual(['agents.k8s.yaml']);
    const objects = Yaml.load(join(out, 'agents.k8s.yaml')) as Array<Record<string, any>>;
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Job/embedding-refresh',
      'Job/batch-processor',
      'CronJob/log-cleanup',
      'CronJob/embedding-sync',
      'Job/model-migration-v2',
      'Job/document-ingest',
      'Job/document-processor',
      'Job/batch-summarizer',
      'CronJob/weekly-report-agent',
    ]);
    for (const o of objects) {
      expectSchemaValid(o);
      expect(validateManifest(o)).toEqual([]);
      expect(o.metadata.namespace).toBe('ai-agents');
      expect(o.metadata.labels['app.kubernetes.io/managed-by']).toBe('cdk8s-batch');
    }
  });
});

describe('the starter (templates/starter)', () => {
  let dir: string;
  /** The starter's cdk8s.yaml and main.ts as `init` writes them, against the local source. */
  function starter(edit: (main: string) => string): void {
    dir = mkdtempSync(join(tmpdir(), 'starter-'));
    copyFileSync(join(root, 'templates', 'starter', 'cdk8s.yaml'), join(dir, 'cdk8s.yaml'));
    const main = readFileSync(join(root, 'templates', 'starter', 'main.ts'), 'utf8');
    writeFileSync(join(dir, 'main.ts'), edit(main));
    const tsconfig = JSON.parse(
      readFileSync(join(root, 'templates', 'starter', 'tsconfig.json'), 'utf8'),
    );
    tsconfig.compilerOptions.baseUrl = '.';
    tsconfig.compilerOptions.paths = { 'cdk8s-batch': [join(root, 'src', 'index.ts')] };
    tsconfig.compilerOptions.types = ['node'];
    tsconfig.include = ['main.ts'];
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("a failed synth's output begins with the report, one line per mistake", () => {
    starter((main) => main.replace("vectorDbUrl: 'http://qdrant:6333'", "vectorDbUrl: ''"));
    const run = spawnSync(CDK8S, ['synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    const stderr = run.stderr.split('\n');
    // The report comes first; then cdk8s-cli says the app failed, with its own stack trace
    // (four lines from node_modules/cdk8s-cli, which the library cannot remove).
    expect(stderr[0]).toBe(
      '[batch/embeddings] (EmbeddingRefreshCronJob) vectorDbUrl: "": must not be empty',
    );
    expect(stderr[2]).toMatch(/^1 error\(s\)/);
    expect(stderr.slice(3).join('\n')).toMatch(
      /^Error: command .* returned a non-zero exit code 1/,
    );
    expect(run.stdout).toBe('Synthesizing application\n');
  }, 120_000);

  test('synth type-checks the app: a YAML-minded prop is a type error, not a silent omission', () => {
    starter((main) =>
      main.replace('parallelism: 10,', 'parallelism: 10,\n      activeDeadlineSeconds: 3600,'),
    );
    const run = spawnSync(CDK8S, ['synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("'activeDeadlineSeconds' does not exist");
  }, 120_000);
});
