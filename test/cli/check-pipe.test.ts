/** A report larger than a pipe's buffer arrives whole when the reader is slow (`check | jq`). */
import { spawn } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

function manyBadJobs(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      [
        'apiVersion: batch/v1',
        'kind: Job',
        `metadata: {name: job-${i}, namespace: ai-agents}`,
        'spec:',
        '  template:',
        '    spec:',
        '      restartPolicy: Never',
        '      containers: [{name: main, image: "ghcr.io/acme/worker:latest"}]',
      ].join('\n'),
    );
  }
  return docs.join('\n---\n');
}

/** Runs the bin with stdout on a pipe that is not read for the first half second. */
function slowlyRead(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['lib/cli/main.js', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    setTimeout(() => {
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdout.resume();
    }, 500);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
}

test('check --format json through a slow pipe: more than 1 MB, whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-pipe-'));
  const file = join(dir, 'many.yaml');
  writeFileSync(file, manyBadJobs(3000));
  const { code, stdout } = await slowlyRead(['check', '--format', 'json', file]);
  expect(stdout.length).toBeGreaterThan(1024 * 1024);
  const report = JSON.parse(stdout);
  expect(report.checked).toBe(3000);
  expect(report.findings).toHaveLength(3000);
  expect(code).toBe(1);
}, 60_000);
