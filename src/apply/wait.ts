import { ClusterOptions, kubeConfig, loadClientNode, retrying } from './client';
import { statusCodeOf } from './api-error';
import { KubeObject, trueCondition } from './kube-object';
import { explainFailure, stuckReason } from './pod-reasons';

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
  /** Why a Job that has not finished is not progressing (a pod's waiting reason), by Job. */
  readonly stuck: Readonly<Record<string, string>>;
}

/** How long a watch stays open before the server closes it and wait opens a new one. */
const WATCH_SECONDS = 240;

const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';

function completionsOf(job: Manifest): number | undefined {
  // Kubernetes defaults completions to 1 unless parallelism is set (the work-queue pattern).
  return job.spec?.completions ?? (job.spec?.parallelism === undefined ? 1 : undefined);
}

function progress(job: Manifest): { line: string; terminal?: 'complete' | 'failed' } {
  const s = job.status ?? {};
  // FailureTarget: 1.31+ sets Failed only once the pods have terminated.
  const failed = trueCondition(job, 'Failed', 'FailureTarget');
  if (failed)
    return {
      line: `Failed (${failed.reason ?? 'unknown'}): ${failed.message ?? ''}`.trim(),
      terminal: 'failed',
    };
  if (trueCondition(job, 'Complete')) return { line: 'Complete', terminal: 'complete' };
  if (job.spec?.suspend === true) {
    const queue = job.metadata.labels?.[KUEUE_QUEUE_LABEL];
    return {
      line: queue
        ? `suspended: waiting for Kueue to admit it from queue ${queue}`
        : 'suspended: set spec.suspend to false to start it',
    };
  }
  const indexes = s.failedIndexes ? `, failed indexes ${s.failedIndexes}` : '';
  return {
    line: `${s.succeeded ?? 0}/${completionsOf(job) ?? '?'} succeeded, ${s.active ?? 0} active, ${s.failed ?? 0} failed${indexes}`,
  };
}

/**
 * Follows Jobs with the watch API until each is Complete or Failed, printing one line per
 * change, and a line when a pod is stuck (ImagePullBackOff, CreateContainerConfigError,
 * Unschedulable). A dropped watch is re-established; a Job that is deleted counts as failed.
 */
export async function waitForJobs(
  jobs: readonly { name: string; namespace: string }[],
  options: WaitOptions = {},
): Promise<WaitResult> {
  const client = await loadClientNode();
  const kc = await kubeConfig(options);
  // A watch is quiet while nothing changes: its sockets may idle until the server closes it.
  const watch = new client.Watch(await kubeConfig(options, (WATCH_SECONDS + 30) * 1000));
  const core = kc.makeApiClient(client.CoreV1Api);
  const batch = kc.makeApiClient(client.BatchV1Api);
  const retry = retrying(kc, options);
  const log = options.log ?? (() => undefined);
  const wanted = new Set(jobs.map((j) => `Job/${j.namespace}/${j.name}`));
  const lines: Record<string, string> = {};
  const stuck: Record<string, string> = {};
  const reported = new Set<string>();
  const terminal = new Map<string, 'complete' | 'failed'>();
  const namespaces = [...new Set(jobs.map((j) => j.namespace))];
  const aborts: { abort(): void }[] = [];
  const pending = new Set<Promise<void>>();
  let settle: (r: WaitResult) => void = () => undefined;
  const result = new Promise<WaitResult>((resolve) => (settle = resolve));
  let finished = false;
  const finish = (outcome: WaitResult['outcome']) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    for (const a of aborts) a.abort();
    settle({ outcome, jobs: { ...lines }, stuck: { ...stuck } });
  };
  const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 30 * 60_000);

  const show = (id: string, line: string) => {
    if (lines[id] === line) return false;
    lines[id] = line;
    log(`${id}: ${line}`);
    return true;
  };
  const settleIfDone = () => {
    if (terminal.size < wanted.size) return;
    void Promise.all(pending).then(() =>
      finish([...terminal.values()].includes('failed') ? 'failed' : 'complete'),
    );
  };

  const onJob = (type: string, job: Manifest) => {
    const id = `Job/${job.metadata?.namespace}/${job.metadata?.name}`;
    if (!wanted.has(id) || terminal.has(id)) return;
    if (type === 'DELETED') {
      show(id, 'deleted before it finished');
      terminal.set(id, 'failed');
      return settleIfDone();
    }
    const { line, terminal: end } = progress(job);
    if (show(id, line)) {
      const s = job.status ?? {};
      options.onProgress?.(id, {
        succeeded: s.succeeded ?? 0,
        completions: completionsOf(job),
        active: s.active ?? 0,
        failed: s.failed ?? 0,
        failedIndexes: s.failedIndexes,
        line,
      });
    }
    if (end) {
      terminal.set(id, end);
      delete stuck[id];
    }
    if (end === 'failed') {
      const explained = explainFailure(core, retry, job)
        .then((more) => more.forEach((l) => log(l)))
        .catch(() => undefined); // a courtesy: the Job's own reason is already printed
      pending.add(explained);
    }
    settleIfDone();
  };

  const onPod = (_type: string, pod: Manifest) => {
    const id = `Job/${pod.metadata?.namespace}/${pod.metadata?.labels?.['job-name']}`;
    if (!wanted.has(id) || terminal.has(id)) return;
    const reason = stuckReason(pod);
    if (!reason) return;
    stuck[id] = `pod ${pod.metadata.name}: ${reason}`;
    if (reported.has(`${pod.metadata.name} ${reason}`)) return;
    reported.add(`${pod.metadata.name} ${reason}`);
    log(`${id}: ${stuck[id]}`);
  };

  const follow = async (
    path: string,
    query: Record<string, string | number | boolean>,
    onEvent: (type: string, object: Manifest) => void,
    attempt = 0,
  ): Promise<void> => {
    const again = (next: number) => {
      if (!finished)
        setTimeout(() => void follow(path, query, onEvent, next), Math.min(200 * 2 ** next, 5000));
    };
    try {
      const req = await watch.watch(
        path,
        { ...query, timeoutSeconds: WATCH_SECONDS },
        (type: string, object: Manifest) => onEvent(type, object),
        (err: unknown) => again(err ? attempt + 1 : 0), // closed or dropped: watch again
      );
      aborts.push(req);
      if (finished) req.abort();
    } catch {
      again(attempt + 1);
    }
  };

  // Ask once before watching: a wrong server or kubeconfig fails here, and a Job that is
  // not there yet is said so rather than waited for in silence.
  await Promise.all(
    jobs.map(async (j) => {
      try {
        await retry(() => batch.readNamespacedJob({ name: j.name, namespace: j.namespace }));
      } catch (e) {
        if (statusCodeOf(e) !== 404) throw e;
        show(`Job/${j.namespace}/${j.name}`, 'not found; waiting for it to be created');
      }
    }),
  ).catch((e: unknown) => {
    finish('timeout');
    throw e;
  });
  if (wanted.size === 0) finish('complete');
  for (const ns of namespaces) {
    void follow(`/apis/batch/v1/namespaces/${ns}/jobs`, {}, onJob);
    void follow(`/api/v1/namespaces/${ns}/pods`, { labelSelector: 'job-name' }, onPod);
  }
  return result;
}
