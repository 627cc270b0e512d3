// One measurement in a fresh process: node --import tsx bench/run-one.ts <workload> <variant> [count]
import { createHash } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Variant, Workload, synthesize } from './workloads';

const [workload, variant, count] = process.argv.slice(2) as [Workload, Variant, string?];
const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
// Untimed: loads the modules cdk8s requires lazily (and, for the floor, builds the objects).
synthesize(workload, variant, outdir, 1);
const n = Number(count ?? 1000);
const started = process.hrtime.bigint();
const yaml = synthesize(workload, variant, outdir, n);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(
  JSON.stringify({
    ms,
    bytes: Buffer.byteLength(yaml),
    sha256: createHash('sha256').update(yaml).digest('hex'),
    rssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
