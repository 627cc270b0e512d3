/**
 * Every TypeScript example in the README type-checks against the sources, so the README
 * cannot drift from the API. Fragments get what they assume: `app`, `chart`, `kplus`, the
 * library's and cdk8s' exports they name, and `work()`.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';
import * as cdk8s from 'cdk8s';
import * as lib from '../src';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCKS = [...README.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);

/** A block as a module: its imports on top, the rest in an async function (top-level await). */
function asModule(block: string): string {
  const lines = block.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  const imported = new Set(imports.flatMap((l) => /\{([^}]*)\}/.exec(l)?.[1].split(',') ?? []));
  const missing = [...new Set(block.match(/\b[A-Z]\w+\b/g) ?? [])].filter(
    (name) => ![...imported].some((i) => i.trim() === name),
  );
  const fromLib = missing.filter((name) => name in lib);
  const fromCdk8s = missing.filter((name) => !(name in lib) && name in cdk8s);
  return [
    "import * as cdk8s from 'cdk8s';",
    "import * as kplus from 'cdk8s-plus-27';",
    ...(fromLib.length > 0 ? [`import { ${fromLib.join(', ')} } from 'cdk8s-batch';`] : []),
    ...(fromCdk8s.length > 0 ? [`import { ${fromCdk8s.join(', ')} } from 'cdk8s';`] : []),
    ...imports,
    'declare const app: cdk8s.App;',
    'declare const chart: cdk8s.Chart;',
    'declare function work(item: number): Promise<void>;',
    'export async function example(): Promise<void> {',
    ...body,
    '}',
    'void kplus;',
  ].join('\n');
}

function typeErrors(source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  const options = { ...config!.options, noUnusedLocals: false, noEmit: true };
  const file = join(ROOT, 'test', '__readme_example__.ts');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('the README has its TypeScript examples', () => {
  expect(BLOCKS.length).toBeGreaterThanOrEqual(6);
});

test.each(BLOCKS.map((b, i) => [i + 1, b]))(
  'README example %i type-checks',
  (_, block) => {
    expect(typeErrors(asModule(block as string))).toEqual([]);
  },
  60_000,
);
