import { ClusterOptions, kubeConfig, loadClientNode } from './client';

import { KubeObject } from './kube-object';

type Manifest = KubeObject;

export interface WaitOptions extends ClusterOptions {
  /** Give up after this many milliseconds. @default 30 minutes */
  readonly timeoutMs?: number;
  /** Where progress lines go. @default none */
  readonly log?: (line: string) => void;
  /** Called with each Job's counts when they change (for progress bars). @default none */
  readonly onProgress?: (job: string, progress: JobProgress) => void;
}

/** A Job's counts, as its status reports them. */
export interface JobProgress {
  /** Pods (or indexes) that succeeded. */
  readonly succeeded: number;
  /** Successes needed, when known. @default unknown for the work-queue pattern */
  readonly completions?: number;
  /** Pods running now. */
  readonly active: number;
  /** Pods that failed so far. */
  readonly failed: number;
  /** Failed indexes of an Indexed Job with backoffLimitPerIndex, e.g. `1,3-5`. @default none */
  readonly failedIndexes?: string;
  /** The plain line wait prints for this state. */
  readonly line: string;
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
  // Kubernetes defaults completions to 1 unless parallelism is set (the work-queue pattern).
  const completions =
    job.spec?.completions ?? (job.spec?.parallelism === undefined ? 1 : undefined);
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

  const core = kc.makeApiClient(client.CoreV1Api);
  /** Why the pods of a failed Job failed, and the last log lines of one of them. */
  const explain = async (job: Manifest): Promise<string[]> => {
    try {
      const pods = await core.listNamespacedPod({
        namespace: job.metadata.namespace ?? 'default',
        labelSelector: `batch.kubernetes.io/job-name=${job.metadata.name}`,
      });
      const failed = pods.items.filter(
        (p) =>
          p.status?.phase === 'Failed' ||
          p.status?.containerStatuses?.some((c) => c.state?.waiting?.reason),
      );
      const out: string[] = [];
      for (const pod of failed.slice(-1)) {
        for (const c of pod.status?.containerStatuses ?? []) {
          const t = c.state?.terminated;
          const reason = c.state?.waiting?.reason ?? t?.reason;
          if (reason)
            out.push(
              `  pod ${pod.metadata?.name}: ${reason}${t ? ` (exit code ${t.exitCode})` : ''}`,
            );
        }
        const log = await core.readNamespacedPodLog({
          name: pod.metadata?.name ?? '',
          namespace: pod.metadata?.namespace ?? 'default',
          tailLines: 10,
        });
        if (log.trim())
          out.push(
            `  last log lines of ${pod.metadata?.name}:`,
            ...log
              .trimEnd()
              .split('\n')
              .map((l) => `    ${l}`),
          );
      }
      return out;
    } catch {
      return []; // the explanation is a courtesy; the Job's own reason is already printed
    }
  };
  const pending = new Set<Promise<void>>();

  const onJob = (job: Manifest) => {
    const id = `Job/${job.metadata?.namespace}/${job.metadata?.name}`;
    if (!wanted.has(id) || terminal.has(id)) return;
    const { line, terminal: end } = progress(job);
    if (lines[id] !== line) {
      lines[id] = line;
      log(`${id}: ${line}`);
      const s = job.status ?? {};
      options.onProgress?.(id, {
        succeeded: s.succeeded ?? 0,
        completions: job.spec?.completions ?? (job.spec?.parallelism === undefined ? 1 : undefined),
        active: s.active ?? 0,
        failed: s.failed ?? 0,
        failedIndexes: s.failedIndexes,
        line,
      });
    }
    if (end) terminal.set(id, end);
    if (end === 'failed') {
      const p = explain(job).then((lines) => lines.forEach((l) => log(l)));
      pending.add(p);
    }
    if (terminal.size === wanted.size) {
      void Promise.all(pending).then(() =>
        finish([...terminal.values()].includes('failed') ? 'failed' : 'complete'),
      );
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
