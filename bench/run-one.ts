// One measurement in a fresh process: node --import tsx bench/run-one.ts <workload> <variant> [count]
import { createHash } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { Variant, Workload, prepare, synthesize } from './workloads';

const [workload, variant, count] = process.argv.slice(2) as [Workload, Variant, string?];
const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
const n = Number(count ?? 1000);
// Untimed: loads the modules cdk8s requires lazily, and builds the objects the floor (and raw,
// for the seeds) takes as given.
synthesize(workload, variant, outdir, 1);
prepare(workload, variant, n);
// A full collection before the timing, in every variant: the floor's untimed build of its
// objects (10,000 workloads) would otherwise be collected inside its timed serialisation.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
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
