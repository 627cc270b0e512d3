import fc from 'fast-check';
import { Call, Outcome, runPython, runTypeScript } from './twin';
import vectors from './vectors.json';

interface Vector extends Call {
  readonly name: string;
  readonly expect?: unknown;
  readonly error?: { contains: string; variable?: string };
}

const VECTORS = vectors as unknown as Vector[];

function checkAgainstVector(v: Vector, outcome: Outcome): void {
  if (v.error) {
    expect(outcome).toHaveProperty('error');
    const { error } = outcome as { error: { message: string; variable: string | null } };
    expect(error.message).toContain(v.error.contains);
    expect(error.variable).toBe(v.error.variable ?? null);
  } else {
    expect(outcome).toEqual({ ok: v.expect });
  }
}

describe('shared runtime vectors', () => {
  const ts = runTypeScript(VECTORS);
  const py = runPython(VECTORS);

  test('there are vectors for every function and for failures', () => {
    const fns = new Set(VECTORS.map((v) => v.fn));
    expect([...fns].sort()).toEqual(
      [
        'completionIndex',
        'currentShard',
        'distributedEnv',
        'mergeRanges',
        'shard',
        'stridedShard',
      ].sort(),
    );
    expect(VECTORS.filter((v) => v.error).length).toBeGreaterThanOrEqual(20);
  });

  test.each(VECTORS.map((v, i) => [v.name, i] as const))('TypeScript: %s', (_name, i) => {
    checkAgainstVector(VECTORS[i], ts[i]);
  });

  test.each(VECTORS.map((v, i) => [v.name, i] as const))('Python: %s', (_name, i) => {
    checkAgainstVector(VECTORS[i], py[i]);
  });

  test('both implementations give identical results and messages, vector by vector', () => {
    expect(py).toEqual(ts);
  });

  test('identical results on random requests, valid and invalid', () => {
    const int = fc.oneof(
      fc.integer({ min: -3, max: 20 }),
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.constant(Number.MAX_SAFE_INTEGER),
    );
    const calls = fc.sample(
      fc.record({
        fn: fc.constantFrom('shard' as const, 'stridedShard' as const),
        args: fc.record({ total: int, count: int, index: int }),
      }),
      { numRuns: 3000, seed: 20261122 },
    );
    const envValue = fc.oneof(
      fc.nat({ max: 200 }).map(String),
      fc.constantFrom('', '-1', '1.0', ' 2', '+3', '1e2', '١'),
      fc.string({ maxLength: 4 }),
    );
    const envCalls = fc.sample(
      fc.record({
        fn: fc.constant('currentShard' as const),
        args: fc.record({
          env: fc.record(
            {
              JOB_COMPLETION_INDEX: envValue,
              JOB_COMPLETIONS: envValue,
              BATCH_TOTAL_ITEMS: envValue,
            },
            { requiredKeys: [] },
          ),
        }),
      }),
      { numRuns: 2000, seed: 7 },
    );
    const distributedCalls = fc.sample(
      fc.record({
        fn: fc.constant('distributedEnv' as const),
        args: fc.record({
          env: fc.record(
            {
              JOB_COMPLETION_INDEX: envValue,
              NNODES: envValue,
              NPROC_PER_NODE: envValue,
              MASTER_PORT: fc.oneof(envValue, fc.constantFrom('29500', '65535', '65536')),
              MASTER_ADDR: fc.oneof(
                fc.constantFrom('a-0.a', 'x', '-bad', 'a..b', 'a_b', ''),
                fc.string({ maxLength: 12 }),
              ),
            },
            { requiredKeys: [] },
          ),
        }),
      }),
      { numRuns: 2000, seed: 18 },
    );
    const all: Call[] = [...calls, ...envCalls, ...distributedCalls];
    expect(runPython(all)).toEqual(runTypeScript(all));
  });
});
