import type { Io } from './main';
import type { KubeObject } from '../apply/kube-object';
import { readManifests } from './read-manifests';

/** Options every cluster command takes. */
export interface ClusterCliOptions {
  readonly context?: string;
  readonly server?: string;
  readonly namespace?: string;
  readonly timeout: number;
}

/** Options of `apply`. */
export interface ApplyCliOptions {
  readonly dryRun?: string;
  readonly wait?: boolean;
  readonly forceConflicts?: boolean;
  readonly recreateFinishedJobs?: boolean;
}

const EXIT = { ok: 0, failed: 1, usage: 2, timeout: 3 } as const;

function jobsOf(objects: readonly KubeObject[], namespace: string | undefined) {
  return objects
    .filter((o) => o.kind === 'Job' && o.metadata?.name)
    .map((o) => ({
      name: o.metadata.name as string,
      namespace: (o.metadata.namespace ?? namespace ?? 'default') as string,
    }));
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
  const { apply } = await import('../apply/apply');
  let results;
  try {
    results = await apply(
      objects.map((o) => o.object as unknown as KubeObject),
      { ...opts, dryRun: opts.dryRun as 'server' | 'client' | undefined },
    );
  } catch (e) {
    io.err(`error: ${(e as Error).message}`);
    return EXIT.usage;
  }
  for (const r of results) io.out(`${r.object} ${r.action}${r.message ? `: ${r.message}` : ''}`);
  const bad = results.some((r) => ['conflict', 'immutable', 'failed'].includes(r.action));
  if (bad) return EXIT.failed;
  if (!opts.wait || opts.dryRun) return EXIT.ok;
  return follow(
    jobsOf(
      objects.map((o) => o.object as unknown as KubeObject),
      opts.namespace,
    ),
    opts,
    io,
  );
}

/** `cdk8s-batch wait`. */
export async function runWait(paths: string[], opts: ClusterCliOptions, io: Io): Promise<number> {
  const { objects, errors } = readManifests(paths, io.stdin);
  for (const e of errors) io.err(`${e.file}: ${e.message}`);
  if (errors.length > 0) return EXIT.usage;
  return follow(
    jobsOf(
      objects.map((o) => o.object as unknown as KubeObject),
      opts.namespace,
    ),
    opts,
    io,
  );
}

async function follow(
  jobs: { name: string; namespace: string }[],
  opts: ClusterCliOptions,
  io: Io,
): Promise<number> {
  const { waitForJobs } = await import('../apply/wait');
  const bars = io.isTTY ? await progressBars() : undefined;
  const result = await waitForJobs(jobs, {
    ...opts,
    timeoutMs: opts.timeout,
    // On a terminal, one live bar per Job; elsewhere (CI), one plain line per change.
    log: bars ? bars.log : io.out,
    onProgress: bars?.update,
  });
  bars?.stop(io.out);
  if (result.outcome === 'timeout') {
    io.err(
      `timed out after ${opts.timeout} ms; still running: ${
        Object.entries(result.jobs)
          .filter(([, l]) => !/^(Complete|Failed)/.test(l))
          .map(([j]) => j)
          .join(', ') || jobs.map((j) => j.name).join(', ')
      }`,
    );
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
  const { runNow } = await import('../apply/run-now');
  let job;
  try {
    job = await runNow({ name, namespace: opts.namespace ?? 'default' }, opts);
  } catch (e) {
    const body = (e as { body?: string }).body;
    io.err(`error: CronJob ${name}: ${body ?? (e as Error).message}`);
    return EXIT.failed;
  }
  io.out(`Job/${job.namespace}/${job.name} created from CronJob/${job.namespace}/${name}`);
  return opts.wait ? follow([job], opts, io) : EXIT.ok;
}

/** One live progress bar per Job (cli-progress), for a terminal. */
async function progressBars() {
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
  return {
    log: (line: string) => {
      // Outcomes and explanations are printed below the bars once they stop.
      if (/: (Complete|Failed)|^ {2}/.test(line)) outcomes.push(line);
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
    stop: (out: (line: string) => void) => {
      multi.stop();
      outcomes.forEach((line) => out(line));
    },
  };
}
