import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { run } from '../../src/cli/main';

async function init(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(['init', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  } finally {
    process.chdir(before);
  }
}

describe('cdk8s-batch init', () => {
  test('into a new folder: the app, a .gitignore and the worker package; next steps cd there', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'init-'));
    const r = await init(['my app'], parent);
    expect(r.code).toBe(0);
    const app = join(parent, 'my app');
    expect(readdirSync(app).sort()).toEqual(
      [
        '.gitignore',
        'cdk8s.yaml',
        'jest.config.js',
        'main.test.ts',
        'main.ts',
        'package.json',
        'tsconfig.json',
        'worker',
      ].sort(),
    );
    expect(readdirSync(join(app, 'worker')).sort()).toEqual([
      'Dockerfile',
      'package.json',
      'tsconfig.json',
      'worker.ts',
    ]);
    expect(readFileSync(join(app, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
    expect(readFileSync(join(app, '.gitignore'), 'utf8')).toMatch(/^dist\/$/m);
    expect(r.out.at(-1)).toBe("next: cd 'my app' && npm install && npm run synth && npm test");
  });

  test('into the current folder: no cd in the next steps', async () => {
    const here = mkdtempSync(join(tmpdir(), 'init-'));
    const r = await init([], here);
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toBe('next: npm install && npm run synth && npm test');
    expect(relative(here, join(here, 'main.ts'))).toBe('main.ts');
    expect(readdirSync(here)).toContain('main.ts');
  });

  test('refuses a folder with files in it', async () => {
    const here = mkdtempSync(join(tmpdir(), 'init-'));
    await init([], here);
    const again = await init([], here);
    expect(again.code).toBe(2);
    expect(again.err[0]).toMatch(/is not empty/);
  });
});
