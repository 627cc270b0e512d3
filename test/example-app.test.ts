import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { validateManifest } from '../src';
import { expectSchemaValid } from './support/schema';

const root = join(__dirname, '..');

describe('the example app (templates/agents-app)', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'agents-app-'));
    // Exactly what `npm run synth` runs, into a temporary folder.
    execFileSync(
      join(root, 'node_modules', '.bin', 'cdk8s'),
      ['synth', '--no-check-upgrade', '--output', out],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
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
    }
  });
});
