import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { useApiDouble } from '../support/api-double';
import { ROOT, exec, job } from '../support/apply-cli';

/**
 * apply() and waitForJobs() from a user's own TypeScript, run by tsx in a child process
 * (client-node is an ES module, which jest's CommonJS runtime cannot import).
 */
describe('the programmatic API (cdk8s-batch/apply)', () => {
  const double = useApiDouble();

  test('apply() then waitForJobs() return what happened, with the progress seen', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'programmatic-')), 'deploy.ts');
    writeFileSync(
      script,
      `import { apply, waitForJobs } from ${JSON.stringify(join(ROOT, 'src', 'apply'))};
const objects = ${JSON.stringify([job('ingest', { completions: 2 }), job('broken', {}, 'acme/fail:1')])};
async function main() {
  const results = await apply(objects, { server: ${JSON.stringify(double.server)} });
  const seen: string[] = [];
  const waited = await waitForJobs(
    results.map((r) => ({ name: r.name, namespace: r.namespace! })),
    { server: ${JSON.stringify(double.server)}, timeoutMs: 20_000, onProgress: (job, p) => seen.push(job + ' ' + p.line) },
  );
  console.log(JSON.stringify({ results, waited, seen }));
  process.exit(0);
}
main();
`,
    );
    const r = await exec(process.execPath, ['--import', 'tsx', script], { cwd: ROOT });
    const { results, waited, seen } = JSON.parse(r.stdout);
    expect(results).toEqual([
      {
        object: 'Job/ai-agents/ingest',
        kind: 'Job',
        name: 'ingest',
        namespace: 'ai-agents',
        action: 'created',
      },
      {
        object: 'Job/ai-agents/broken',
        kind: 'Job',
        name: 'broken',
        namespace: 'ai-agents',
        action: 'created',
      },
    ]);
    expect(waited.outcome).toBe('failed');
    expect(waited.jobs).toEqual({
      'Job/ai-agents/ingest': 'Complete',
      'Job/ai-agents/broken':
        'Failed (BackoffLimitExceeded): Job has reached the specified backoff limit',
    });
    expect(seen).toContain('Job/ai-agents/ingest 1/2 succeeded, 1 active, 0 failed');
  }, 60_000);
});
