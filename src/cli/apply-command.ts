import type { Io } from './main';
import type { KubeObject } from '../apply/kube-object';
import type { ApplyResult } from '../apply/apply';
import type { WaitResult } from '../apply/wait';
import { statusMessageOf } from '../apply/api-error';
import { formatDuration } from '../apply/duration';
import { NEWEST_KNOWN_VERSION } from '../validation/versions';
import { checkObjects, formatFinding } from './check';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_TIMEOUT, EXIT_USAGE } from './exit-codes';
import { ManifestObject, readManifests } from './read-manifests';
import { clusterCommand, clusterOf, isClusterConfigError } from './cluster-command';

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

const EXIT = {
  ok: EXIT_OK,
  failed: EXIT_PROBLEMS,
  usage: EXIT_USAGE,
  timeout: EXIT_TIMEOUT,
} as const;

/** Actions that leave an object not as the manifest says. */
const NOT_APPLIED: readonly ApplyResult['action'][] = [
  'conflict',
  'immutable',
  'failed',
  'skipped',
];

/** `40 objects: 38 created, 1 unchanged, 1 failed`, in the order the actions first occur. */
function summary(results: readonly ApplyResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  const parts = [...counts].map(([action, n]) => `${n} ${action}`);
  return `${results.length} object${results.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The Jobs among `objects`, in the namespace apply puts them in. */
async function jobsOf(objects: readonly ManifestObject[], opts: ClusterCliOptions) {
  const { defaultNamespace } = await import('../apply/client');
  const namespace = await defaultNamespace(clusterOf(opts));
  return objects
    .map((o) => o.object as unknown as KubeObject)
    .filter((o) => o.kind === 'Job' && o.metadata?.name)
    .map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace ?? namespace }));
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
    const manifests = objects.map((o) => o.object as unknown as KubeObject);
    let results: ApplyResult[];
    try {
      results = await apply(manifests, {
        ...clusterOf(opts),
        dryRun: opts.dryRun as 'server' | 'client' | undefined,
        forceConflicts: opts.forceConflicts,
        recreateFinishedJobs: opts.recreateFinishedJobs,
      });
    } catch (e) {
      // The rules need no cluster: with none configured at all, a client dry run is the rules.
      if (!(opts.dryRun === 'client' && isClusterConfigError(e) && e.reason === 'none')) throw e;
      for (const o of manifests) {
        const ns = o.kind === 'Namespace' ? undefined : (o.metadata?.namespace ?? opts.namespace);
        const id = [o.kind, ns, o.metadata?.name].filter(Boolean).join('/');
        io.out(`${id} checked (client dry run, no cluster)`);
      }
      io.err(
        `no cluster configured: checked with the cdk8s-batch rules only, not compared with live objects (${e.message.replace(/^no cluster to talk to: /, '')})`,
      );
      return EXIT.ok;
    }
    for (const r of results) {
      const dry = r.dryRun ? ` (${r.dryRun} dry run)` : '';
      io.out(`${r.object} ${r.action}${dry}${r.message ? `: ${r.message}` : ''}`);
    }
    const bad = results.some((r) => NOT_APPLIED.includes(r.action));
    if (bad) {
      io.err(`apply: ${summary(results)}`);
      return EXIT.failed;
    }
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
    io.err(timeoutMessage(jobs, result, opts.timeout));
    // A Job that failed is a verdict; the ones still running only make it a late one.
    const failed = Object.values(result.states).some(
      (s) => s.state === 'failed' || s.state === 'deleted',
    );
    return failed ? EXIT.failed : EXIT.timeout;
  }
  return result.outcome === 'failed' ? EXIT.failed : EXIT.ok;
}

/**
 * `timed out after 30m; still running: A (pod a-1: ImagePullBackOff); waiting for Kueue
 * queue gpu: B; suspended: C; not created: D; failed: E`: where each unfinished Job stands.
 */
export function timeoutMessage(
  jobs: readonly { name: string; namespace: string }[],
  result: Pick<WaitResult, 'states' | 'stuck'>,
  timeoutMs: number,
): string {
  const groups = new Map<string, string[]>();
  const add = (group: string, id: string) => groups.set(group, [...(groups.get(group) ?? []), id]);
  for (const j of jobs) {
    const id = `Job/${j.namespace}/${j.name}`;
    const s = result.states[id];
    if (!s || s.state === 'running')
      add('still running', result.stuck[id] ? `${id} (${result.stuck[id]})` : id);
    else if (s.state === 'suspended' && s.queue)
      add(`waiting for Kueue to admit them from queue ${s.queue}`, id);
    else if (s.state === 'suspended') add('suspended (spec.suspend is true)', id);
    else if (s.state === 'missing') add('not created', id);
    else if (s.state === 'unknown') add('could not be read', id);
    else if (s.state === 'failed' || s.state === 'deleted') add(s.state, id);
  }
  // Running first (the usual reason for a timeout), then waiting, then the rest.
  const rank = (group: string) =>
    [
      'still running',
      'waiting for Kueue',
      'suspended',
      'not created',
      'could not',
      'failed',
      'deleted',
    ].findIndex((start) => group.startsWith(start));
  const parts = [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([group, ids]) => `${group}: ${ids.join(', ')}`);
  return `timed out after ${formatDuration(timeoutMs)}; ${parts.join('; ')}`;
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
  // Ctrl-C: give the terminal its cursor back, then leave as an interrupted command does.
  const interrupted = () => {
    multi.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  return {
    log: (line: string) => {
      // Counts are the bars' job; anything else (an outcome, a failure and its reasons, a
      // stuck pod, a suspended or missing Job) is printed above the bars when it happens.
      if (/: \d+\/[\d?]+ succeeded, /.test(line)) return;
      if (bars.size === 0) out(line);
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
    },
  };
}
