import { spawnSync } from 'child_process';
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
      'python3 is required to test the Python twin (templates/worker-python) and was not found on PATH; install it (e.g. apt-get install python3)',
    );
  }
  return 'python3';
}

/** Runs calls against the Python twin in one python3 process. */
export function runPython(calls: readonly Call[]): Outcome[] {
  const result = spawnSync(requirePython(), [join(__dirname, 'run_vectors.py')], {
    input: JSON.stringify(calls),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`run_vectors.py failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}
