import type { Io } from './main';
import type { KubeObject } from '../apply/kube-object';
import { statusMessageOf } from '../apply/api-error';
import { NEWEST_KNOWN_VERSION } from '../validation/versions';
import { checkObjects, formatFinding } from './check';
import { ManifestObject, readManifests } from './read-manifests';

/** Options every cluster command takes. */
export interface ClusterCliOptions {
  readonly context?: string;
  readonly server?: string;
  readonly namespace?: string;
  readonly timeout: number;
  readonly requestTimeout: number;
}

/** Options of `apply`. */
export interface ApplyCliOptions {
  readonly dryRun?: string;
  readonly wait?: boolean;
  readonly forceConflicts?: boolean;
  readonly recreateFinishedJobs?: boolean;
}

const EXIT = { ok: 0, failed: 1, usage: 2, timeout: 3 } as const;

const clusterOf = (opts: ClusterCliOptions) => ({
  context: opts.context,
  server: opts.server,
  namespace: opts.namespace,
  requestTimeoutMs: opts.requestTimeout,
});

/** The Jobs among `objects`, in the namespace apply puts them in. */
async function jobsOf(objects: readonly ManifestObject[], opts: ClusterCliOptions) {
  const { defaultNamespace } = await import('../apply/client');
  const namespace = await defaultNamespace(clusterOf(opts));
  return objects
    .map((o) => o.object as unknown as KubeObject)
    .filter((o) => o.kind === 'Job' && o.metadata?.name)
    .map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace ?? namespace }));
}

/** Runs a cluster command; a kubeconfig that cannot be used is exit 2, with its reason. */
async function clusterCommand(io: Io, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if ((e as Error).name !== 'ClusterConfigError') throw e;
    io.err(`error: ${(e as Error).message}`);
    return EXIT.usage;
  }
}

/** `cdk8s-batch apply`: loads the apply layer only now. */
export async function runApply(
  paths: string[],
  opts: ClusterCliOptions & ApplyCliOptions,
  io: Io,
): Promise<number> {
  if (opts.dryRun !== undefined && opts.dryRun !== 'server' && opts.dryRun !== 'client') {
    io.err(`error: --dry-run must be server or client, not ${JSON.stringify(opts.dryRun)}`);
    return EXIT.usage;
  }
  const { objects, errors } = readManifests(paths, io.stdin);
  for (const e of errors) io.err(`${e.file}: ${e.message}`);
  if (errors.length > 0) return EXIT.usage;
  if (opts.dryRun === 'client') {
    // A client dry run validates locally: the library's own rules, then a read of what is live.
    const found = checkObjects(objects, NEWEST_KNOWN_VERSION).findings.filter(
      (f) => f.severity === 'error',
    );
    for (const f of found) io.out(formatFinding(f));
    if (found.length > 0) return EXIT.failed;
  }
  return clusterCommand(io, async () => {
    const { apply } = await import('../apply/apply');
    const results = await apply(
      objects.map((o) => o.object as unknown as KubeObject),
      {
        ...clusterOf(opts),
        dryRun: opts.dryRun as 'server' | 'client' | undefined,
        forceConflicts: opts.forceConflicts,
        recreateFinishedJobs: opts.recreateFinishedJobs,
      },
    );
    for (const r of results) {
      const dry = r.dryRun ? ` (${r.dryRun} dry run)` : '';
      io.out(`${r.object} ${r.action}${dry}${r.message ? `: ${r.message}` : ''}`);
    }
    const bad = results.some((r) => ['conflict', 'immutable', 'failed'].includes(r.action));
    if (bad) return EXIT.failed;
    if (!opts.wait || opts.dryRun) return EXIT.ok;
    // apply has resolved every Job's namespace already; follow them where it put them.
    const jobs = results.flatMap((r) =>
      r.kind === 'Job' && r.namespace ? [{ name: r.name, namespace: r.namespace }] : [],
    );
    return follow(jobs, opts, io);
  });
}

/** `cdk8s-batch wait`. */
export async function runWait(paths: string[], opts: ClusterCliOptions, io: Io): Promise<number> {
  const { objects, errors } = readManifests(paths, io.stdin);
  for (const e of errors) io.err(`${e.file}: ${e.message}`);
  if (errors.length > 0) return EXIT.usage;
  return clusterCommand(io, async () => {
    const jobs = await jobsOf(objects, opts);
    if (jobs.length === 0) {
      io.err(`error: no Jobs in ${paths.join(', ')} to wait for`);
      return EXIT.usage;
    }
    return follow(jobs, opts, io);
  });
}

async function follow(
  jobs: { name: string; namespace: string }[],
  opts: ClusterCliOptions,
  io: Io,
): Promise<number> {
  const { waitForJobs } = await import('../apply/wait');
  const bars = io.isTTY ? await progressBars(io.out) : undefined;
  const result = await waitForJobs(jobs, {
    ...clusterOf(opts),
    timeoutMs: opts.timeout,
    // On a terminal, one live bar per Job; elsewhere (CI), one plain line per change.
    log: bars ? bars.log : io.out,
    onProgress: bars?.update,
  });
  bars?.stop();
  if (result.outcome === 'timeout') {
    const running = jobs
      .map((j) => `Job/${j.namespace}/${j.name}`)
      .filter((id) => !/^(Complete|Failed)/.test(result.jobs[id] ?? ''))
      .map((id) => (result.stuck[id] ? `${id} (${result.stuck[id]})` : id));
    io.err(`timed out after ${opts.timeout} ms; still running: ${running.join(', ')}`);
    return EXIT.timeout;
  }
  return result.outcome === 'failed' ? EXIT.failed : EXIT.ok;
}

/** `cdk8s-batch run-now <cronjob>`. */
export async function runNowCommand(
  name: string,
  opts: ClusterCliOptions & { wait?: boolean },
  io: Io,
): Promise<number> {
  return clusterCommand(io, async () => {
    const { runNow } = await import('../apply/run-now');
    let job;
    try {
      job = await runNow({ name, namespace: opts.namespace }, clusterOf(opts));
    } catch (e) {
      if ((e as Error).name === 'ClusterConfigError') throw e;
      io.err(`error: CronJob ${name}: ${statusMessageOf(e)}`);
      return EXIT.failed;
    }
    io.out(`Job/${job.namespace}/${job.name} created from CronJob/${job.namespace}/${name}`);
    return opts.wait ? follow([job], opts, io) : EXIT.ok;
  });
}

/** One live progress bar per Job (cli-progress), for a terminal. */
async function progressBars(out: (line: string) => void) {
  const { MultiBar, Presets } = await import('cli-progress');
  const multi = new MultiBar(
    {
      format: '{job} [{bar}] {value}/{total} succeeded, {active} active, {failed} failed{indexes}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 20,
    },
    Presets.shades_classic,
  );
  const bars = new Map<string, ReturnType<typeof multi.create>>();
  const outcomes: string[] = [];
  // Ctrl-C: give the terminal its cursor back, then leave as an interrupted command does.
  const interrupted = () => {
    multi.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  return {
    log: (line: string) => {
      // Counts are the bars' job; outcomes and explanations go below the bars once they
      // stop; anything else (a stuck pod, a suspended or missing Job) goes above them now.
      if (/: \d+\/[\d?]+ succeeded, /.test(line)) return;
      if (/: (Complete|Failed)|^ {2}/.test(line)) outcomes.push(line);
      else if (bars.size === 0) out(line);
      else multi.log(`${line}\n`);
    },
    update: (job: string, p: import('../apply/wait').JobProgress) => {
      const payload = {
        job,
        active: p.active,
        failed: p.failed,
        indexes: p.failedIndexes ? `, failed indexes ${p.failedIndexes}` : '',
      };
      const total = p.completions ?? Math.max(p.succeeded, 1);
      const bar = bars.get(job);
      if (bar) {
        bar.setTotal(total);
        bar.update(p.succeeded, payload);
      } else {
        bars.set(job, multi.create(total, p.succeeded, payload));
      }
    },
    stop: () => {
      process.removeListener('SIGINT', interrupted);
      if (bars.size > 0) multi.update(); // flush what multi.log holds
      multi.stop();
      outcomes.forEach((line) => out(line));
    },
  };
}
