import { execFileSync } from 'child_process';
import { readdirSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the npm package', () => {
  let files: string[];
  let size: number;
  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    files = pack.files.map((f: { path: string }) => f.path).sort();
    size = pack.size;
  }, 120_000);

  test('holds lib (JS, types, source maps) for every source file, templates and the docs', () => {
    const lib = sources(join(ROOT, 'src')).flatMap((f) => {
      const base = relative(join(ROOT, 'src'), f).replace(/\.ts$/, '');
      return [`lib/${base}.js`, `lib/${base}.js.map`, `lib/${base}.d.ts`];
    });
    expect(files).toEqual(
      [
        ...lib,
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'package.json',
        'templates/agents-app/main.ts',
        'templates/starter/cdk8s.yaml',
        'templates/starter/jest.config.js',
        'templates/starter/main.test.ts',
        'templates/starter/main.ts',
        'templates/starter/package.json',
        'templates/starter/tsconfig.json',
        'templates/worker-python/cdk8s_batch_runtime.py',
        'templates/worker-python/worker.py',
        'templates/worker-ts/package.json',
        'templates/worker-ts/worker.ts',
        'templates/worker-torchrun/train.py',
      ].sort(),
    );
  });

  test('has no tests, fixtures or snapshots, and stays within its size budget', () => {
    expect(files.filter((f) => /test|fixture|snap|bench/.test(f))).toEqual([
      'templates/starter/main.test.ts',
    ]);
    expect(size).toBeLessThan(200 * 1024);
  });
});
