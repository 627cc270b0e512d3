/**
 * One check-throughput measurement in a fresh, plain Node process (no TypeScript loader, as users
 * run the bin): `node bench/check-child.js <check|reader|yaml> <file>` prints
 * {objects, ms, cpuMs, rssMb}. Module loading is not timed; cpuMs is the CPU time of all the
 * process's threads over the same span (V8 compiles and collects garbage on helper threads);
 * peak RSS is the process's VmHWM.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const { readFileSync } = require('fs');
const { performance } = require('perf_hooks');

async function main(parser, file) {
  let objects = 0;
  let ms = 0;
  const cpu0 = process.cpuUsage();
  if (parser === 'check') {
    const { run } = require('../lib/cli/main');
    // main loads each command's code when it runs: load check's here, outside the timing
    require('../lib/cli/check-command');
    let summary = '';
    const t0 = performance.now();
    await run(['check', file], { out: () => undefined, err: (l) => (summary = l) });
    ms = performance.now() - t0;
    objects = Number(/^(\d+) /.exec(summary)?.[1] ?? NaN);
  } else if (parser === 'reader') {
    const { readObjectsSync } = require('../lib/manifests');
    const t0 = performance.now();
    for (const item of readObjectsSync([file])) if (item.kind === 'object') objects++;
    ms = performance.now() - t0;
  } else {
    const { parseAllDocuments } = require('yaml');
    const t0 = performance.now();
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) if (doc.toJS()) objects++;
    ms = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(
    JSON.stringify({ objects, ms, cpuMs, rssMb: hwm ? Number(hwm[1]) / 1024 : NaN }),
  );
}

void main(process.argv[2], process.argv[3]);
