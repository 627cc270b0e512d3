/**
 * The npm packages as `npm pack` makes them from a fresh clone, with no build beforehand:
 * `prepack` builds, so the tarballs hold the compiled code.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** The compiled files of every source file under `src`, under `lib`. */
function compiled(src: string): string[] {
  return sources(src).flatMap((f) => {
    const base = relative(src, f).replace(/\.ts$/, '');
    return [`lib/${base}.js`, `lib/${base}.js.map`, `lib/${base}.d.ts`];
  });
}

/**
 * A fresh clone of the working tree (the files git tracks or would track, no lib/), with
 * node_modules linked from this checkout as `npm ci` would lay it out.
 */
function freshClone(): string {
  const clone = mkdtempSync(join(tmpdir(), 'clone-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f !== '');
  for (const f of files) {
    mkdirSync(dirname(join(clone, f)), { recursive: true });
    try {
      copyFileSync(join(ROOT, f), join(clone, f));
    } catch {
      // deleted in the working tree but not yet in git's index
    }
  }
  const modules = join(clone, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'cdk8s-batch-runtime') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  symlinkSync(join('..', 'packages', 'runtime'), join(modules, 'cdk8s-batch-runtime'));
  return clone;
}

function pack(cwd: string, args: string[] = []): { files: string[]; size: number } {
  const [result] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  return { files: result.files.map((f: { path: string }) => f.path).sort(), size: result.size };
}

describe('the npm packages, packed from a fresh clone', () => {
  let library: { files: string[]; size: number };
  let runtime: { files: string[]; size: number };
  beforeAll(() => {
    const clone = freshClone();
    expect(readdirSync(clone)).not.toContain('lib');
    library = pack(clone);
    runtime = pack(clone, ['--workspace', 'cdk8s-batch-runtime']);
  }, 240_000);

  test('cdk8s-batch holds lib (JS, types, source maps) for every source file, and the templates', () => {
    expect(library.files).toEqual(
      [
        ...compiled(join(ROOT, 'src')),
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
        'templates/worker-python/Dockerfile',
        'templates/worker-python/worker.py',
        'templates/worker-torchrun/Dockerfile',
        'templates/worker-torchrun/train.py',
        'templates/worker-ts/Dockerfile',
        'templates/worker-ts/package.json',
        'templates/worker-ts/tsconfig.json',
        'templates/worker-ts/worker.ts',
      ].sort(),
    );
  });

  test('cdk8s-batch-runtime holds its code as one module with the types of each file, and depends on nothing', () => {
    const declarations = sources(join(ROOT, 'packages', 'runtime', 'src')).map(
      (f) =>
        `lib/${relative(join(ROOT, 'packages', 'runtime', 'src'), f).replace(/\.ts$/, '.d.ts')}`,
    );
    expect(runtime.files).toEqual(
      [
        ...declarations,
        'lib/index.js',
        'lib/index.js.map',
        'LICENSE',
        'README.md',
        'package.json',
      ].sort(),
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../packages/runtime/package.json');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
  });

  test('no tests, fixtures or snapshots, and within their size budgets', () => {
    expect(library.files.filter((f) => /test|fixture|snap|bench/.test(f))).toEqual([
      'templates/starter/main.test.ts',
    ]);
    // Compressed tarball; 400 KiB until diff and delete (0.1.0 was about 200 KiB).
    expect(library.size).toBeLessThan(460 * 1024);
    expect(runtime.size).toBeLessThan(40 * 1024);
  });

  test('cdk8s-batch depends on the runtime package of its own version', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const root = require('../package.json');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rt = require('../packages/runtime/package.json');
    expect(root.dependencies['cdk8s-batch-runtime']).toBe(rt.version);
  });
});
