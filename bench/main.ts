/**
 * npm run bench: cdk8s-batch beside raw cdk8s ApiObjects and cdk8s-plus-27 on the same
 * workloads, each run in a fresh Node process, variants alternated, medians reported;
 * then check throughput, and import cost. Writes BENCHMARKS.md.
 */
import { spawnSync } from 'child_process';
import { readFileSync, readdirSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { WORKLOAD_VARIANTS, Workload } from './workloads';

const ROOT = join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Sample {
  ms: number;
  bytes: number;
  rssMb: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function runOne(workload: string, variant: string): Sample {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'run-one.ts'), workload, variant],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`${workload}/${variant} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function synthTable(): { lines: string[]; ratios: Record<string, number> } {
  const lines = [
    '| Workload | Variant | Synth (median ms) | Peak RSS (MB) | YAML bytes |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  const ratios: Record<string, number> = {};
  for (const workload of Object.keys(WORKLOAD_VARIANTS) as Workload[]) {
    const variants = WORKLOAD_VARIANTS[workload];
    for (const v of variants) runOne(workload, v); // warm-up: disk cache, tsx cache
    const samples: Record<string, Sample[]> = Object.fromEntries(variants.map((v) => [v, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const v of variants) samples[v].push(runOne(workload, v)); // A B C D A B C D ...
      process.stderr.write('.');
    }
    const med: Record<string, number> = {};
    for (const v of variants) {
      med[v] = median(samples[v].map((s) => s.ms));
      const rss = median(samples[v].map((s) => s.rssMb));
      lines.push(
        `| ${workload} | ${v} | ${med[v].toFixed(0)} | ${rss.toFixed(0)} | ${samples[v][0].bytes} |`,
      );
    }
    ratios[`${workload}: cdk8s-batch / raw`] = med['cdk8s-batch'] / med.raw;
    if (med['cdk8s-plus-27'])
      ratios[`${workload}: cdk8s-batch / cdk8s-plus-27`] =
        med['cdk8s-batch'] / med['cdk8s-plus-27'];
  }
  process.stderr.write('\n');
  return { lines, ratios };
}

let checkPerSecond = 0;
let runtimeImportMs = 0;

function checkThroughput(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateManifest } = require('../lib') as typeof import('../src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Job } = require('kubernetes-models/batch/v1/Job');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CronJob } = require('kubernetes-models/batch/v1/CronJob');
  const dirs = ['good', 'bad'].map((d) => join(ROOT, 'test', 'fixtures', d));
  const corpus = dirs.flatMap((d) =>
    readdirSync(d).map((f) => parse(readFileSync(join(d, f), 'utf8'), { version: '1.1' })),
  );
  const manifests = Array.from({ length: 10_000 }, (_, i) => corpus[i % corpus.length]);
  const time = (f: () => void) => {
    f(); // warm-up
    const samples = [];
    for (let r = 0; r < RUNS; r++) {
      const t = process.hrtime.bigint();
      f();
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return median(samples);
  };
  const rules = time(() => manifests.forEach((m) => validateManifest(m)));
  const schema = time(() =>
    manifests.forEach((m) => {
      try {
        new (m.kind === 'CronJob' ? CronJob : Job)(m).validate();
      } catch {
        /* an invalid manifest is a result, not a failure */
      }
    }),
  );
  const perSecond = (ms: number) => Math.round(10_000 / (ms / 1000)).toLocaleString('en-US');
  checkPerSecond = 10_000 / (rules / 1000);
  return [
    '| Validation of 10,000 manifests (one core) | Median ms | Manifests / s |',
    '| --- | ---: | ---: |',
    `| cdk8s-batch rule catalogue (validateManifest, as check runs it) | ${rules.toFixed(0)} | ${perSecond(rules)} |`,
    `| kubernetes-models schema only | ${schema.toFixed(0)} | ${perSecond(schema)} |`,
  ];
}

function importCost(): string[] {
  const cases: [string, string][] = [
    ['node -e 0', '0'],
    ["require('cdk8s-batch/runtime')", "require('./lib/runtime')"],
    ["require('cdk8s-batch')", "require('./lib')"],
  ];
  const med: number[] = [];
  for (const [, code] of cases) {
    const samples: number[] = [];
    for (let i = 0; i < 5 + RUNS * 4; i++) {
      const t = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', code], { cwd: ROOT });
      if (i >= 5) samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    med.push(median(samples));
  }
  runtimeImportMs = med[1] - med[0];
  return [
    '| Process | Median ms | Over `node -e 0` |',
    '| --- | ---: | ---: |',
    ...cases.map(
      ([label], i) => `| \`${label}\` | ${med[i].toFixed(1)} | ${(med[i] - med[0]).toFixed(1)} |`,
    ),
  ];
}

const synth = synthTable();
const check = checkThroughput();
const imports = importCost();
const ratioLines = Object.entries(synth.ratios).map(([k, v]) => `- ${k}: **${v.toFixed(2)}x**`);
const held = (ok: boolean) => (ok ? 'held' : '**missed**');
const targets = [
  '## Targets',
  '',
  `- Synth at most 1.3x raw ApiObject on workload 1: ${synth.ratios['scheduled: cdk8s-batch / raw'].toFixed(2)}x, ${held(synth.ratios['scheduled: cdk8s-batch / raw'] <= 1.3)}.`,
  `- Synth at most 0.7x cdk8s-plus-27 on workload 1: ${synth.ratios['scheduled: cdk8s-batch / cdk8s-plus-27'].toFixed(2)}x, ${held(synth.ratios['scheduled: cdk8s-batch / cdk8s-plus-27'] <= 0.7)}.`,
  `- check at least 10,000 manifests per second on one core: ${Math.round(checkPerSecond).toLocaleString('en-US')}/s, ${held(checkPerSecond >= 10_000)}.`,
  `- Runtime import within 5 ms of \`node -e 0\`: ${runtimeImportMs.toFixed(1)} ms, ${held(runtimeImportMs <= 5)}.`,
];
const report = [
  '# Benchmarks',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
  `Each synth figure is the median of ${RUNS} runs, each in a fresh Node process (cold JIT, as in CI), variants alternated after a warm-up round; the timing covers building the constructs and \`synthYaml()\`, not loading modules.`,
  "Workloads: 1,000 ScheduledJobs (timeZone, Forbid); 1,000 IndexedJobs of 100 completions; the example app's nine seed workloads repeated 100 times. cdk8s-plus-27 uses JSON patches where it cannot express a field (Indexed mode, completions, parallelism); raw builds the same specs by hand; floor sends the final objects through cdk8s' YAML serialiser alone.",
  '',
  ...synth.lines,
  '',
  'Ratios (median synth time):',
  '',
  ...ratioLines,
  '',
  ...check,
  '',
  ...imports,
  '',
  ...targets,
  '',
  '## What the cost buys',
  '',
  'cdk8s-batch renders the same secure pod spec that the raw variant builds by hand, then runs the whole rule catalogue (about 40 rules: batch/v1 validation, cron parsing, quantities, reviewer rules) on every object at synth. Warm, that is about 40 µs per object (1,000 CronJobs: ~40 ms of validation against ~300 ms of cdk8s toJson and YAML); in a fresh process most of the difference to raw is V8 compiling the library and its rules once, a fixed cost of about 100-250 ms that does not grow with the app.',
  '',
  "The 0.7x-of-cdk8s-plus-27 target assumed cdk8s-plus-27 at about 2.75x raw (1.1 s against 0.4 s before the library existed); with cdk8s-plus-27 2.9.5 on this machine it is much closer to raw (see the table), so the target cannot be met without dropping validation at synth. What was done: the rule lists are compiled once per target version and allow list, schedules are parsed once per distinct expression, and the presets' schedule-interval check is cached. Profiles (`node --cpu-prof --import tsx bench/run-one.ts scheduled cdk8s-batch`) show the remaining time in cdk8s resolve/sanitize and the YAML serialiser, which raw pays too. Known remaining cost: the rules read `apiObject.toJson()` at validation and cdk8s serialises it again at synth (about 80 ms cold per 1,000 objects); handing the validated manifest to synth is the next step.",
  '',
  'This is a shared 2-core virtual machine: run-to-run noise is about ±15% (compare floor and raw), which is why every figure is a median of fresh processes.',
  '',
  'Run it: `npm run bench` (BENCH_RUNS=n to change the number of runs).',
  '',
];
writeFileSync(join(ROOT, 'BENCHMARKS.md'), report.join('\n'));
process.stdout.write(report.join('\n'));
