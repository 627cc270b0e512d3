import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { builtinModules } from 'module';
import { tmpdir } from 'os';
import { join } from 'path';
import ts from 'typescript';

const RUNTIME = join(__dirname, '..', '..', 'packages', 'runtime', 'src');
const FILES = readdirSync(RUNTIME).filter((f) => f.endsWith('.ts'));

function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

describe('cdk8s-batch/runtime stands alone', () => {
  test.each(FILES)('%s imports only sibling files and Node built-ins', (file) => {
    for (const spec of specifiers(readFileSync(join(RUNTIME, file), 'utf8'))) {
      const ok = /^\.\/[\w-]+$/.test(spec) || builtinModules.includes(spec.replace(/^node:/, ''));
      expect({ file, spec, ok }).toEqual({ file, spec, ok: true });
    }
  });

  test('compiled, it loads no module outside itself, in a few milliseconds', () => {
    const out = mkdtempSync(join(tmpdir(), 'runtime-'));
    for (const file of FILES) {
      const { outputText } = ts.transpileModule(readFileSync(join(RUNTIME, file), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
    }
    const probe = `
      const t0 = process.hrtime.bigint();
      const rt = require(${JSON.stringify(join(out, 'index.js'))});
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({ ms, loaded, exports: Object.keys(rt).sort() }));`;
    // the fastest of three fresh processes: a busy machine only ever adds time
    const runs = [1, 2, 3].map(() =>
      spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }),
    );
    for (const r of runs) expect(r.stderr).toBe('');
    const { loaded, exports } = JSON.parse(runs[0].stdout);
    const ms = Math.min(...runs.map((r) => JSON.parse(r.stdout).ms as number));
    expect(loaded.every((path: string) => path.startsWith(out))).toBe(true);
    expect(exports).toEqual(
      expect.arrayContaining(['completionIndex', 'shard', 'stridedShard', 'currentShard']),
    );
    expect(ms).toBeLessThan(50);
  });

  test('built, its entry is one module: requiring it reads no other file', () => {
    const entry = join(__dirname, '..', '..', 'packages', 'runtime', 'lib', 'index.js');
    const probe = `
      const rt = require(${JSON.stringify(entry)});
      console.log(JSON.stringify({ loaded: Object.keys(require.cache), exports: Object.keys(rt) }));`;
    const result = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const { loaded, exports } = JSON.parse(result.stdout);
    expect(loaded).toEqual([entry]);
    expect(exports).toEqual(expect.arrayContaining(['shard', 'Checkpoint', 'FileCheckpointStore']));
  });
});
