/**
 * The path a user takes, from the packed tarball rather than the repo: `cdk8s-batch init` a
 * fresh app, install the tarball with cdk8s, constructs, cdk8s-cli and typescript from the
 * registry, add the example app, type-check, run its snapshot test, `cdk8s synth`, and
 * require the runtime from plain Node.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..');
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

describe('a consumer app built from the npm tarball', () => {
  let app: string;
  let work: string;
  let runtimeTarball: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'consumer-'));
    // lib/ is built by the global setup (test/support/global-setup.js).
    run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
    run(
      'npm',
      [
        'pack',
        '--ignore-scripts',
        '--workspace',
        'cdk8s-batch-runtime',
        '--pack-destination',
        work,
      ],
      ROOT,
    );
    const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
    const tarball = join(work, tarballs.find((f) => f.startsWith('cdk8s-batch-0')) as string);
    runtimeTarball = join(
      work,
      tarballs.find((f) => f.startsWith('cdk8s-batch-runtime')) as string,
    );
    app = join(work, 'app');
    run(process.execPath, [join(ROOT, 'lib', 'cli', 'main.js'), 'init', app], ROOT);
    // The tarballs instead of the registry's packages; everything else from the registry.
    const pkgPath = join(app, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    pkg.dependencies['cdk8s-batch'] = `file:${tarball}`;
    pkg.dependencies['cdk8s-batch-runtime'] = `file:${runtimeTarball}`;
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
    run('npm', ['install', '--no-audit', '--no-fund'], app);
    copyFileSync(join(ROOT, 'templates', 'agents-app', 'main.ts'), join(app, 'agents.ts'));
  }, 600_000);

  test('init wrote the starter', () => {
    expect(readdirSync(app).sort()).toEqual(
      expect.arrayContaining([
        '.gitignore',
        'cdk8s.yaml',
        'main.test.ts',
        'main.ts',
        'package.json',
        'worker',
      ]),
    );
  });

  test('the starter, the example app and the worker type-check against the published types', () => {
    run(join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], app);
  }, 120_000);

  test("the starter's snapshot test passes", () => {
    run(join(app, 'node_modules', '.bin', 'jest'), ['--ci=false'], app);
  }, 120_000);

  test('cdk8s synth writes the manifests, and check passes them', () => {
    run(join(app, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], app);
    const yaml = readFileSync(join(app, 'dist', 'batch.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: CronJob');
    expect(yaml).toContain('completionMode: Indexed');
    run(join(app, 'node_modules', '.bin', 'cdk8s-batch'), ['check', 'dist'], app);
  }, 120_000);

  test('the runtime loads from plain Node through the exports map', () => {
    const out = run(
      process.execPath,
      [
        '-e',
        "const r = require('cdk8s-batch/runtime'); console.log(JSON.stringify(r.currentShard({ JOB_COMPLETION_INDEX: '3', JOB_COMPLETIONS: '100', BATCH_TOTAL_ITEMS: '1000' })))",
      ],
      app,
    );
    expect(JSON.parse(out)).toEqual({ index: 3, start: 30, end: 40 });
  });

  test('a worker that installs only the runtime has exactly one package in node_modules', () => {
    const worker = join(work, 'worker');
    mkdirSync(worker);
    writeFileSync(join(worker, 'package.json'), JSON.stringify({ name: 'w', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', runtimeTarball], worker);
    const installed = readdirSync(join(worker, 'node_modules')).filter((f) => !f.startsWith('.'));
    expect(installed).toEqual(['cdk8s-batch-runtime']);
    const out = run(
      process.execPath,
      [
        '-e',
        "console.log(JSON.stringify(require('cdk8s-batch-runtime').currentShard({ JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '2', BATCH_TOTAL_ITEMS: '5' })))",
      ],
      worker,
    );
    expect(JSON.parse(out)).toEqual({ index: 0, start: 0, end: 3 });
  }, 120_000);
});
