import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { basename, join, resolve } from 'path';

/** The package's own folder (lib/cli/init.js or src/cli/init.ts, two levels down). */
const PACKAGE_ROOT = resolve(__dirname, '..', '..');

/** What a cdk8s app and its worker build, and nothing to commit. */
const GITIGNORE = ['node_modules/', 'dist/', 'worker/dist/', 'coverage/', '*.tsbuildinfo', ''].join(
  '\n',
);

/** The command line that comes next, from the folder `init` was run in. */
export function nextSteps(dir: string): string {
  const steps = 'npm install && npm run synth && npm test';
  if (resolve(dir) === resolve('.')) return steps;
  const quoted = /^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`;
  return `cd ${quoted} && ${steps}`;
}

/**
 * Creates a ready cdk8s app in `dir` from templates/starter: package.json, cdk8s.yaml,
 * main.ts, a snapshot test, a .gitignore, and the indexed worker package (templates/worker-ts:
 * package.json, tsconfig.json, worker.ts and its Dockerfile) in worker/.
 * Returns the files written; refuses a folder that has files in it.
 */
export function initApp(dir: string): string[] {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`${dir} is not empty: init writes a new app into an empty or new folder`);
  }
  mkdirSync(target, { recursive: true });
  const templates = join(PACKAGE_ROOT, 'templates');
  cpSync(join(templates, 'starter'), target, { recursive: true });
  cpSync(join(templates, 'worker-ts'), join(target, 'worker'), { recursive: true });
  writeFileSync(join(target, '.gitignore'), GITIGNORE);
  const own = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  const pkgPath = join(target, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  pkg.name =
    basename(target)
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-') || pkg.name;
  pkg.dependencies['cdk8s-batch'] = `^${own.version}`;
  writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  return readdirSync(target, { recursive: true, encoding: 'utf8' })
    .filter((f) => f !== 'worker')
    .sort();
}
