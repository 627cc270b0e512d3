import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  ContractError,
  completionIndex,
  currentShard,
  distributedEnv,
  mergeRanges,
  shard,
  stridedShard,
} from '../../src/runtime';

/** One call of a runtime function, as the shared vectors describe it. */
export interface Call {
  readonly fn:
    | 'shard'
    | 'stridedShard'
    | 'completionIndex'
    | 'currentShard'
    | 'mergeRanges'
    | 'distributedEnv';
  readonly args: Record<string, any>;
}

export type Outcome = { ok: unknown } | { error: { message: string; variable: string | null } };

const CALLS: Record<Call['fn'], (a: Record<string, any>) => unknown> = {
  shard: (a) => shard(a as any),
  stridedShard: (a) => stridedShard(a as any),
  completionIndex: (a) => completionIndex(a.env),
  currentShard: (a) => currentShard(a.env),
  mergeRanges: (a) => mergeRanges(a.ranges),
  distributedEnv: (a) => distributedEnv(a.env),
};

/** Runs calls against the TypeScript runtime. */
export function runTypeScript(calls: readonly Call[]): Outcome[] {
  return calls.map((c) => {
    try {
      return { ok: JSON.parse(JSON.stringify(CALLS[c.fn](c.args))) };
    } catch (e) {
      if (!(e instanceof RangeError || e instanceof ContractError)) throw e;
      return {
        error: { message: e.message, variable: e instanceof ContractError ? e.variable : null },
      };
    }
  });
}

/** The python3 on PATH; fails loudly (never skips) when there is none. */
export function requirePython(): string {
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      'python3 is required to test the Python twin (packages/runtime-python) and was not found on PATH; install it (e.g. apt-get install python3 python3-venv)',
    );
  }
  return 'python3';
}

const PYTHON_PACKAGE = join(__dirname, '..', '..', 'packages', 'runtime-python');

function run(command: string, args: string[], cwd?: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  }
}

/**
 * A python in a fresh virtual environment with the Python runtime package built from
 * packages/runtime-python and installed by pip, as a worker image installs it. Made once per
 * content of the package (cached in the temp folder); pip fetches the build backend (setuptools)
 * from PyPI, as it does for any user.
 */
export function pythonWithRuntime(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(PYTHON_PACKAGE).sort()) {
    hash.update(f).update(readFileSync(join(PYTHON_PACKAGE, f)));
  }
  const venv = join(tmpdir(), `cdk8s-batch-runtime-venv-${hash.digest('hex').slice(0, 16)}`);
  const python = join(venv, 'bin', 'python');
  if (existsSync(join(venv, '.installed'))) return python;
  const work = mkdtempSync(join(tmpdir(), 'runtime-python-'));
  const source = join(work, 'src');
  cpSync(PYTHON_PACKAGE, source, { recursive: true });
  const fresh = join(work, 'venv');
  run(requirePython(), ['-m', 'venv', fresh]);
  const pip = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check'];
  run(join(fresh, 'bin', 'python'), [...pip, '--no-deps', source]);
  writeFileSync(join(fresh, '.installed'), '');
  try {
    renameSync(fresh, venv);
  } catch (e) {
    // Another test process finished first: use its environment.
    if (!existsSync(join(venv, '.installed'))) throw e;
  }
  return python;
}

/** Runs calls against the Python twin in one python3 process. */
export function runPython(calls: readonly Call[]): Outcome[] {
  const result = spawnSync(pythonWithRuntime(), [join(__dirname, 'run_vectors.py')], {
    input: JSON.stringify(calls),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`run_vectors.py failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}
