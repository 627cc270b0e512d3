/**
 * check throughput and peak memory: generates 10,000 and 100,000 typical Job/CronJob
 * manifests into one temp file each, then in a fresh child process per measurement runs
 * `cdk8s-batch check` on the file end to end (read, rules, report), reads it with the manifest
 * reader alone (src/manifests, streaming) and, beside them, with a plain `parseAllDocuments` of
 * the `yaml` package, three times each, alternated. The child (check-child.js) is plain Node, as
 * users run the bin. Prints a table.
 *
 *   npm run build && npx tsx bench/check-throughput.ts   # both sizes
 *   npx tsx bench/check-throughput.ts 10000      # one size
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

function job(i: number): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ingest-${i}
  namespace: ai-agents
  labels:
    app.kubernetes.io/name: ingest
    tier: e2
spec:
  completions: 100
  parallelism: 10
  completionMode: Indexed
  backoffLimit: 6
  ttlSecondsAfterFinished: 86400
  template:
    spec:
      restartPolicy: Never
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      containers:
        - name: main
          image: ghcr.io/acme/ingest:2.0.0
          args: ["--items", "10", "--shard", "${i}"]
          env:
            - name: OPENAI_API_KEY
              valueFrom: {secretKeyRef: {name: openai-credentials, key: api-key}}
          resources:
            requests: {cpu: 500m, memory: 1Gi}
            limits: {memory: 2Gi}
`;
}

function cronJob(i: number): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: embeddings-${i}
  namespace: ai-agents
spec:
  schedule: "0 2 * * *"
  timeZone: Europe/Berlin
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: embedder
              image: ghcr.io/acme/embedder:1.4.2
              env:
                - {name: VECTOR_DB_URL, value: "http://qdrant:6333"}
`;
}

function measure(parser: string, file: string) {
  const r = spawnSync(process.execPath, [join(__dirname, 'check-child.js'), parser, file], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    return { objects: 0, ms: NaN, cpuMs: NaN, rssMb: NaN, failed: r.stderr.split('\n')[0] };
  }
  return JSON.parse(r.stdout) as { objects: number; ms: number; cpuMs: number; rssMb: number };
}

/** Fresh processes per case: the median is reported, with the range beside it. */
const ROUNDS = 5;

/** End-to-end check, the reader alone and the yaml package on generated files of `sizes` manifests. */
export function throughputTable(sizes: readonly number[]): {
  lines: string[];
  results: { n: number; parser: string; perSecond: number; perCpuSecond: number; rssMb: number }[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'check-throughput-'));
  const results: {
    n: number;
    parser: string;
    perSecond: number;
    perCpuSecond: number;
    rssMb: number;
  }[] = [];
  const lines = [
    `| Manifests | File (MB) | Parser | Objects | Median time (s) | Manifests/s (median) | Manifests/s (${ROUNDS} runs, range) | CPU time, all threads (s) | Manifests per CPU second | Peak RSS (MB) |`,
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const n of sizes) {
    const file = join(dir, `manifests-${n}.yaml`);
    const docs: string[] = [];
    for (let i = 0; i < n; i++) docs.push(i % 4 === 3 ? cronJob(i) : job(i));
    writeFileSync(file, docs.join('---\n'));
    const mb = statSync(file).size / 1e6;
    // the yaml package on 100,000 manifests takes minutes and gigabytes; BENCH_YAML_ALL=1 runs it
    const parsers = ['cdk8s-batch check', 'reader alone', 'yaml parseAllDocuments'].filter(
      (p) => !p.startsWith('yaml') || n <= 10_000 || process.env.BENCH_YAML_ALL,
    );
    const runs = new Map(parsers.map((p) => [p, [] as ReturnType<typeof measure>[]]));
    // rounds alternate the parsers, so that a noisy moment hits all of them
    for (let round = 0; round < ROUNDS; round++) {
      for (const parser of parsers) {
        runs.get(parser)?.push(measure(parser.split(' ')[0].replace('cdk8s-batch', 'check'), file));
      }
    }
    for (const parser of parsers) {
      const samples = (runs.get(parser) ?? []).slice().sort((a, b) => a.ms - b.ms);
      const s = samples[Math.floor(samples.length / 2)];
      const rate = (x: { objects: number; ms: number }) => x.objects / (x.ms / 1000);
      const perSecond = rate(s);
      const range = `${rate(samples[samples.length - 1]).toFixed(0)}-${rate(samples[0]).toFixed(0)}`;
      const rssMb = Math.max(...samples.map((x) => x.rssMb));
      const cpuMs = samples.map((x) => x.cpuMs).sort((a, b) => a - b)[
        Math.floor(samples.length / 2)
      ];
      const perCpuSecond = s.objects / (cpuMs / 1000);
      results.push({ n, parser, perSecond, perCpuSecond, rssMb });
      lines.push(
        `| ${n} | ${mb.toFixed(1)} | ${parser} | ${s.objects} | ${(s.ms / 1000).toFixed(2)} | ${perSecond.toFixed(0)} | ${range} | ${(cpuMs / 1000).toFixed(2)} | ${perCpuSecond.toFixed(0)} | ${rssMb.toFixed(0)} |`,
      );
    }
  }
  return { lines, results };
}

function main(): void {
  const sizes = process.argv[2] ? [Number(process.argv[2])] : [10_000, 100_000];
  process.stdout.write(`${throughputTable(sizes).lines.join('\n')}\n`);
}

if (require.main === module) {
  main();
}
