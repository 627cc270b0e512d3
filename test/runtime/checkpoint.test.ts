import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Checkpoint, FileCheckpointStore, shard } from '../../src/runtime';
import { pythonWithRuntime } from './twin';

const WRITERS = join(__dirname, 'writers');

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'cdk8s-batch-checkpoint-'));
}

/** Runs a writer process to its end; resolves with its exit code. */
function runWriter(language: 'ts' | 'py', args: (string | number)[]): Promise<number | null> {
  const [command, script] =
    language === 'ts'
      ? [process.execPath, ['--import', 'tsx', join(WRITERS, 'checkpoint-writer.ts')]]
      : [pythonWithRuntime(), [join(WRITERS, 'checkpoint_writer.py')]];
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(command, [...script, ...args.map(String)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && code !== 137) reject(new Error(`${language} writer failed:\n${stderr}`));
      else resolve(code);
    });
  });
}

function backdate(path: string, ms: number): void {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

describe('Checkpoint with FileCheckpointStore', () => {
  test('a retried attempt skips what the first one finished', async () => {
    const dir = freshDir();
    const s = shard({ total: 100, count: 10, index: 3 });
    const first = await Checkpoint.open(new FileCheckpointStore(dir), 3);
    for (const item of first.pending(s)) {
      if (item === 35) break; // the pod dies here
      await first.markDone(item);
    }
    const retry = await Checkpoint.open(new FileCheckpointStore(dir), 3);
    expect([...retry.pending(s)]).toEqual([35, 36, 37, 38, 39]);
    expect(retry.isDone(34)).toBe(true);
    expect(readFileSync(join(dir, 'index-3.json'), 'utf8')).toBe(
      '{"version":1,"index":3,"done":[[30,35]]}\n',
    );
    expect(readdirSync(dir)).toEqual(['index-3.json']);
  });

  test('strided shards and ranges', async () => {
    const dir = freshDir();
    const cp = await Checkpoint.open(new FileCheckpointStore(dir), 0);
    await cp.markRangeDone(0, 4);
    await cp.markDone(6);
    expect([...cp.pending({ index: 0, start: 0, end: 10, step: 2, size: 5 })]).toEqual([4, 8]);
    expect(cp.doneRanges).toEqual([
      [0, 4],
      [6, 7],
    ]);
    await expect(cp.markRangeDone(5, 2)).rejects.toThrow(/cannot mark \[5, 2\) done/);
  });

  test('overlapping attempts of one index, in TypeScript and Python, lose no item', async () => {
    const dir = freshDir();
    const writers = [
      runWriter('ts', [dir, 0, 0, 30]),
      runWriter('ts', [dir, 0, 30, 60]),
      runWriter('ts', [dir, 0, 45, 90]), // overlaps the previous writer's items
      runWriter('py', [dir, 0, 90, 120]),
      runWriter('py', [dir, 0, 120, 150]),
    ];
    expect(await Promise.all(writers)).toEqual([0, 0, 0, 0, 0]);
    expect(await new FileCheckpointStore(dir).load(0)).toEqual([[0, 150]]);
    expect(readdirSync(dir)).toEqual(['index-0.json']); // no lock or temp file left behind
  }, 60_000);

  test.each(['ts', 'py'] as const)(
    '%s: a crash between write and rename keeps the previous state, and the next attempt recovers',
    async (language) => {
      const dir = freshDir();
      expect(await runWriter(language, [dir, 2, 0, 10, 5])).toBe(137);
      const left = readdirSync(dir).sort();
      expect(left).toEqual([
        'index-2.json',
        expect.stringMatching(/^index-2\.json\.\d+\.\w+\.tmp$/),
        'index-2.json.lock',
      ]);
      const store = new FileCheckpointStore(dir, { staleLockMs: 1000 });
      expect(await store.load(2)).toEqual([[0, 5]]); // item 5 was not recorded
      for (const name of left.slice(1)) backdate(join(dir, name), 5000); // the crash was long ago
      const retry = await Checkpoint.open(store, 2);
      expect([...retry.pending(shard({ total: 10, count: 1, index: 0 }))]).toEqual([5, 6, 7, 8, 9]);
      await retry.markRangeDone(5, 10);
      expect(await store.load(2)).toEqual([[0, 10]]);
      expect(readdirSync(dir)).toEqual(['index-2.json']);
    },
    30_000,
  );

  test('a live lock is waited for, and a timeout names the lock file', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'index-1.json.lock'), 'another attempt');
    const store = new FileCheckpointStore(dir, { lockTimeoutMs: 150 });
    await expect(store.add(1, [[0, 1]])).rejects.toThrow(
      /timed out after 150 ms waiting for .*index-1\.json\.lock; if no other attempt of this index runs, delete it/,
    );
  });

  test.each([
    ['not JSON', '{"version":1,', /index-4\.json is not JSON: delete it to start index 4 over/],
    ['another format', '{"version":2,"done":[]}', /version is 2, expected 1/],
    ['bad ranges', '{"version":1,"done":[[5,2]]}', /\[5,2\] is not a \[start, end\) pair/],
  ])('a checkpoint file that is %s is reported with its path', async (_what, text, message) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'index-4.json'), text);
    await expect(new FileCheckpointStore(dir).load(4)).rejects.toThrow(message);
  });
});
