import { ClusterOptions, kubeConfig, loadClientNode } from './client';

import { KubeObject } from './kube-object';

type Manifest = KubeObject;

export interface WaitOptions extends ClusterOptions {
  /** Give up after this many milliseconds. @default 30 minutes */
  readonly timeoutMs?: number;
  /** Where progress lines go. @default none */
  readonly log?: (line: string) => void;
}

/** How the wait ended: every Job Complete, one Failed, or out of time. */
export interface WaitResult {
  /** How it ended. */
  readonly outcome: 'complete' | 'failed' | 'timeout';
  /** The last line of each Job, by `Job/namespace/name`. */
  readonly jobs: Readonly<Record<string, string>>;
}

function progress(job: Manifest): { line: string; terminal?: 'complete' | 'failed' } {
  const s = job.status ?? {};
  const conditions = s.conditions ?? [];
  const failed = conditions.find(
    (c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True',
  );
  if (failed)
    return {
      line: `Failed (${failed.reason ?? 'unknown'}): ${failed.message ?? ''}`.trim(),
      terminal: 'failed',
    };
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True'))
    return { line: 'Complete', terminal: 'complete' };
  const completions = job.spec?.completions;
  const indexes = s.failedIndexes ? `, failed indexes ${s.failedIndexes}` : '';
  return {
    line: `${s.succeeded ?? 0}/${completions ?? '?'} succeeded, ${s.active ?? 0} active, ${s.failed ?? 0} failed${indexes}`,
  };
}

/**
 * Follows Jobs with the watch API until each is Complete or Failed, printing one line per
 * change; a dropped watch is re-established.
 */
export async function waitForJobs(
  jobs: readonly { name: string; namespace: string }[],
  options: WaitOptions = {},
): Promise<WaitResult> {
  const client = await loadClientNode();
  const kc = await kubeConfig(options);
  const watch = new client.Watch(kc);
  const log = options.log ?? (() => undefined);
  const wanted = new Set(jobs.map((j) => `Job/${j.namespace}/${j.name}`));
  const lines: Record<string, string> = {};
  const terminal = new Map<string, 'complete' | 'failed'>();
  const namespaces = [...new Set(jobs.map((j) => j.namespace))];
  const aborts: { abort(): void }[] = [];
  let settle: (r: WaitResult) => void = () => undefined;
  const result = new Promise<WaitResult>((resolve) => (settle = resolve));
  let finished = false;
  const finish = (outcome: WaitResult['outcome']) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    for (const a of aborts) a.abort();
    settle({ outcome, jobs: { ...lines } });
  };
  const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 30 * 60_000);
  if (wanted.size === 0) finish('complete');

  const onJob = (job: Manifest) => {
    const id = `Job/${job.metadata?.namespace}/${job.metadata?.name}`;
    if (!wanted.has(id) || terminal.has(id)) return;
    const { line, terminal: end } = progress(job);
    if (lines[id] !== line) {
      lines[id] = line;
      log(`${id}: ${line}`);
    }
    if (end) terminal.set(id, end);
    if (terminal.size === wanted.size) {
      finish([...terminal.values()].includes('failed') ? 'failed' : 'complete');
    }
  };

  const follow = async (namespace: string, attempt = 0): Promise<void> => {
    try {
      const req = await watch.watch(
        `/apis/batch/v1/namespaces/${namespace}/jobs`,
        {},
        (_type: string, job: Manifest) => onJob(job),
        () => {
          if (!finished) setTimeout(() => follow(namespace, 0), 200); // dropped: watch again
        },
      );
      aborts.push(req);
    } catch {
      if (!finished)
        setTimeout(() => follow(namespace, attempt + 1), Math.min(200 * 2 ** attempt, 5000));
    }
  };
  for (const ns of namespaces) void follow(ns);
  return result;
}
