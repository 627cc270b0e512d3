// One measurement in a fresh process: node --import tsx bench/run-one.ts <workload> <variant>
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Variant, Workload, synthesize } from './workloads';

const [workload, variant] = process.argv.slice(2) as [Workload, Variant];
const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
// Untimed: loads the modules cdk8s requires lazily (and, for the floor, builds the objects).
synthesize(workload, variant, outdir, 1);
const started = process.hrtime.bigint();
const bytes = synthesize(workload, variant, outdir);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms, bytes, rssMb: process.resourceUsage().maxRSS / 1024 }));
