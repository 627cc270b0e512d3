import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ExitCode } from '../../src/runtime';
import { pythonWithRuntime } from './twin';

const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let tsWorker: string | undefined;

/**
 * templates/worker-ts as its image builds it: the runtime package installed alone (compiled
 * from packages/runtime), the worker compiled by tsc with the template's tsconfig, run by node.
 */
function compiledTsWorker(): string {
  if (tsWorker) return tsWorker;
  const app = mkdtempSync(join(tmpdir(), 'worker-ts-'));
  const runtime = join(app, 'node_modules', 'cdk8s-batch-runtime');
  mkdirSync(runtime, { recursive: true });
  copyFileSync(join(ROOT, 'packages', 'runtime', 'package.json'), join(runtime, 'package.json'));
  execFileSync(process.execPath, [
    TSC,
    '-p',
    join(ROOT, 'packages', 'runtime', 'tsconfig.json'),
    '--outDir',
    join(runtime, 'lib'),
  ]);
  symlinkSync(join(ROOT, 'node_modules', '@types'), join(app, 'node_modules', '@types'));
  for (const f of ['package.json', 'tsconfig.json', 'worker.ts']) {
    copyFileSync(join(ROOT, 'templates', 'worker-ts', f), join(app, f));
  }
  execFileSync(process.execPath, [TSC, '-p', join(app, 'tsconfig.json')]);
  tsWorker = join(app, 'dist', 'worker.js');
  return tsWorker;
}

const WORKERS = {
  'worker-ts': () => [process.execPath, compiledTsWorker()],
  'worker-python': () => [pythonWithRuntime(), 'templates/worker-python/worker.py'],
};

function run(worker: keyof typeof WORKERS, env: Record<string, string>) {
  const [command, ...args] = WORKERS[worker]();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONDONTWRITEBYTECODE: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CONTRACT = { JOB_COMPLETION_INDEX: '1', JOB_COMPLETIONS: '3', BATCH_TOTAL_ITEMS: '10' };

describe.each(Object.keys(WORKERS) as (keyof typeof WORKERS)[])('templates/%s', (worker) => {
  test('processes its shard, and a retry skips the finished items', () => {
    const env = { ...CONTRACT, CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'worker-')) };
    const first = run(worker, env);
    expect(first).toMatchObject({ code: ExitCode.SUCCESS, stderr: '' });
    expect(first.stdout).toBe(
      'processed item 4\nprocessed item 5\nprocessed item 6\nindex 1 done: items 4..6\n',
    );
    expect(run(worker, env).stdout).toBe('index 1 done: items 4..6\n');
  }, 30_000);

  test('a permanent item error fails the index with FAIL_INDEX, keeping the items before it', () => {
    const env = {
      ...CONTRACT,
      CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'worker-')),
      DEMO_FAIL_ITEM: '5',
    };
    const result = run(worker, env);
    expect(result.code).toBe(ExitCode.FAIL_INDEX);
    expect(result.stderr).toContain('item 5 is malformed');
    expect(run(worker, { ...env, DEMO_FAIL_ITEM: '' }).stdout).toBe(
      'processed item 5\nprocessed item 6\nindex 1 done: items 4..6\n',
    );
  }, 30_000);

  test('a broken contract fails the Job with FAIL_JOB and says what is missing', () => {
    const result = run(worker, { JOB_COMPLETION_INDEX: '1', JOB_COMPLETIONS: '3' });
    expect(result.code).toBe(ExitCode.FAIL_JOB);
    expect(result.stderr).toContain('BATCH_TOTAL_ITEMS is not set');
  }, 30_000);

  test('an unexpected error is transient: RETRY', () => {
    const notADirectory = join(mkdtempSync(join(tmpdir(), 'worker-')), 'file');
    writeFileSync(notADirectory, '');
    const result = run(worker, { ...CONTRACT, CHECKPOINT_DIR: join(notADirectory, 'checkpoints') });
    expect(result.code).toBe(ExitCode.RETRY);
  }, 30_000);
});

test('the Python twin exports the same exit codes', () => {
  const result = spawnSync(
    pythonWithRuntime(),
    [
      '-c',
      'import json, cdk8s_batch_runtime as r; print(json.dumps([r.EXIT_SUCCESS, r.EXIT_RETRY, r.EXIT_FAIL_INDEX, r.EXIT_FAIL_JOB]))',
    ],
    { encoding: 'utf8' },
  );
  expect(JSON.parse(result.stdout)).toEqual([
    ExitCode.SUCCESS,
    ExitCode.RETRY,
    ExitCode.FAIL_INDEX,
    ExitCode.FAIL_JOB,
  ]);
});

describe.each(['worker-ts', 'worker-python', 'worker-torchrun'])(
  'templates/%s/Dockerfile',
  (worker) => {
    const lines = readFileSync(join(ROOT, 'templates', worker, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const froms = lines.filter((l) => l.startsWith('FROM '));

    test('is multi-stage, on pinned base images', () => {
      expect(froms.length).toBeGreaterThanOrEqual(2);
      for (const from of froms) {
        const image = from.split(/\s+/)[1];
        expect(image).toMatch(/:[0-9][\w.-]*$/);
      }
    });

    test('runs as the uid the constructs default to, with HOME under the writable /tmp', () => {
      const final = lines.slice(lines.lastIndexOf(froms[froms.length - 1]));
      expect(final).toContain('USER 65532:65532');
      expect(final.some((l) => /^ENV .*HOME=\/tmp/.test(l))).toBe(true);
      expect(final[final.length - 1]).toMatch(/^CMD \[".+"\]$/);
    });
  },
);
