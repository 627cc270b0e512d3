import {
  ClusterConfigError,
  ClusterOptions,
  checkServer,
  failureOf,
  kubeConfig,
  loadClientNode,
  retrying,
} from './client';
import { statusCodeOf, statusMessageOf } from './api-error';
import { KubeObject, trueCondition } from './kube-object';
import { explainFailure, forbidden, stuckReason } from './pod-reasons';
import { REQUEST_TIMEOUT_MS } from './retry';

type Manifest = KubeObject;

export interface WaitOptions extends ClusterOptions {
  /** Give up after this many milliseconds. @default 30 minutes */
  readonly timeoutMs?: number;
  /**
   * A Jobs watch that says nothing for this long is checked by reading the Jobs, and
   * opened again if it missed a change. @default the request timeout (30 s)
   */
  readonly watchLivenessMs?: number;
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

/** Where one Job stands. */
export interface JobState {
  /**
   * `running` (or about to), `suspended` (with `queue` when Kueue holds it), `complete`,
   * `failed`, `deleted` before it finished, `missing` (not created yet) or `unknown` (it
   * could not be read).
   */
  readonly state:
    'running' | 'suspended' | 'complete' | 'failed' | 'deleted' | 'missing' | 'unknown';
  /** The Kueue queue a suspended Job waits in. @default none */
  readonly queue?: string;
}

/** How the wait ended: every Job Complete, one Failed, or out of time. */
export interface WaitResult {
  /** How it ended. */
  readonly outcome: 'complete' | 'failed' | 'timeout';
  /** The last line of each Job, by `Job/namespace/name`. */
  readonly jobs: Readonly<Record<string, string>>;
  /** Where each Job stands, by `Job/namespace/name`. */
  readonly states: Readonly<Record<string, JobState>>;
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

function progress(job: Manifest): { line: string; state: JobState; terminal?: boolean } {
  const s = job.status ?? {};
  // FailureTarget: 1.31+ sets Failed only once the pods have terminated.
  const failed = trueCondition(job, 'Failed', 'FailureTarget');
  if (failed)
    return {
      line: `Failed (${failed.reason ?? 'unknown'}): ${failed.message ?? ''}`.trim(),
      state: { state: 'failed' },
      terminal: true,
    };
  if (trueCondition(job, 'Complete'))
    return { line: 'Complete', state: { state: 'complete' }, terminal: true };
  if (job.spec?.suspend === true) {
    const queue = job.metadata.labels?.[KUEUE_QUEUE_LABEL];
    return queue
      ? {
          line: `suspended: waiting for Kueue to admit it from queue ${queue}`,
          state: { state: 'suspended', queue },
        }
      : { line: 'suspended: set spec.suspend to false to start it', state: { state: 'suspended' } };
  }
  const indexes = s.failedIndexes ? `, failed indexes ${s.failedIndexes}` : '';
  return {
    line: `${s.succeeded ?? 0}/${completionsOf(job) ?? '?'} succeeded, ${s.active ?? 0} active, ${s.failed ?? 0} failed${indexes}`,
    state: { state: 'running' },
  };
}

/**
 * Follows Jobs with the watch API until each is Complete or Failed, printing one line per
 * change, and a line when a pod is stuck (ImagePullBackOff, CreateContainerConfigError,
 * Unschedulable). A dropped watch is re-established; a watch that goes quiet is checked by
 * reading the Jobs; at the timeout the Jobs are read once more, so the result is what the
 * server holds. A Job that is deleted counts as failed.
 */
export async function waitForJobs(
  jobs: readonly { name: string; namespace: string }[],
  options: WaitOptions = {},
): Promise<WaitResult> {
  const client = await loadClientNode();
  const kc = await kubeConfig(options);
  await checkServer(kc, options);
  // A watch is quiet while nothing changes: its sockets may idle until the server closes it.
  const watch = new client.Watch(await kubeConfig(options, (WATCH_SECONDS + 30) * 1000));
  const core = kc.makeApiClient(client.CoreV1Api);
  const batch = kc.makeApiClient(client.BatchV1Api);
  const retry = retrying(kc, options);
  const log = options.log ?? (() => undefined);
  const livenessMs = options.watchLivenessMs ?? options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const wanted = new Set(jobs.map((j) => `Job/${j.namespace}/${j.name}`));
  const lines: Record<string, string> = {};
  const states: Record<string, JobState> = {};
  const stuck: Record<string, string> = {};
  const reported = new Set<string>();
  const terminal = new Map<string, 'complete' | 'failed'>();
  const namespaces = [...new Set(jobs.map((j) => j.namespace))];
  const pending = new Set<Promise<void>>();
  let settle: (r: WaitResult) => void = () => undefined;
  const result = new Promise<WaitResult>((resolve) => (settle = resolve));
  let finished = false;
  let timingOut = false;
  const snapshot = (outcome: WaitResult['outcome']): WaitResult => ({
    outcome,
    jobs: { ...lines },
    states: { ...states },
    stuck: { ...stuck },
  });
  const finish = (outcome: WaitResult['outcome']) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    clearInterval(poller);
    for (const s of streams.values()) s.controller?.abort();
    settle(snapshot(outcome));
  };
  const outcomeNow = (): WaitResult['outcome'] | undefined =>
    terminal.size < wanted.size
      ? undefined
      : [...terminal.values()].includes('failed')
        ? 'failed'
        : 'complete';

  const show = (id: string, line: string) => {
    if (lines[id] === line) return false;
    lines[id] = line;
    log(`${id}: ${line}`);
    return true;
  };
  const settleIfDone = () => {
    if (timingOut || outcomeNow() === undefined) return;
    void Promise.all(pending).then(() => finish(outcomeNow() ?? 'timeout'));
  };

  const onJob = (type: string, job: Manifest) => {
    const id = `Job/${job.metadata?.namespace}/${job.metadata?.name}`;
    if (!wanted.has(id) || terminal.has(id)) return false;
    if (type === 'DELETED') {
      show(id, 'deleted before it finished');
      states[id] = { state: 'deleted' };
      terminal.set(id, 'failed');
      settleIfDone();
      return true;
    }
    const { line, state, terminal: end } = progress(job);
    states[id] = state;
    const changed = show(id, line);
    if (changed) {
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
      terminal.set(id, state.state === 'failed' ? 'failed' : 'complete');
      delete stuck[id];
    }
    if (end && state.state === 'failed') {
      const explained = explainFailure(core, retry, job)
        .then((more) => more.forEach((l) => log(l)))
        .catch(() => undefined); // a courtesy: the Job's own reason is already printed
      pending.add(explained);
    }
    settleIfDone();
    return changed;
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

  /** Each watch by `jobs/ns` or `pods/ns`: its generation (a reopened one replaces it). */
  const streams = new Map<
    string,
    { generation: number; controller?: { abort(): void }; heard: number; denied?: boolean }
  >();
  const follow = async (
    key: string,
    path: string,
    query: Record<string, string | number | boolean>,
    onEvent: (type: string, object: Manifest) => void,
    attempt = 0,
  ): Promise<void> => {
    const previous = streams.get(key);
    const stream = { generation: (previous?.generation ?? 0) + 1, heard: Date.now() };
    streams.set(key, stream);
    previous?.controller?.abort();
    const current = () => !finished && streams.get(key) === stream;
    const again = (next: number) => {
      if (current())
        setTimeout(
          () => current() && void follow(key, path, query, onEvent, next),
          Math.min(200 * 2 ** next, 5000),
        );
    };
    try {
      const controller = await watch.watch(
        path,
        { ...query, timeoutSeconds: WATCH_SECONDS },
        (type: string, object: Manifest) => {
          if (!current()) return;
          stream.heard = Date.now();
          onEvent(type, object);
        },
        (err: unknown) => {
          const status = (err as { statusCode?: number } | null)?.statusCode;
          if (current() && (status === 401 || status === 403)) return denied(key, status);
          again(err ? attempt + 1 : 0); // closed or dropped: watch again
        },
      );
      Object.assign(stream, { controller });
      if (!current()) controller.abort();
    } catch {
      again(attempt + 1);
    }
  };

  /** A watch refused by RBAC: say which permission is missing, once, and do without it. */
  const denied = (key: string, status: number) => {
    const stream = streams.get(key);
    if (!stream || stream.denied) return;
    stream.denied = true;
    const [resource, namespace] = key.split('/');
    const consequence =
      resource === 'pods'
        ? 'wait cannot say why a pod is stuck and follows the Jobs only'
        : 'wait reads the Jobs instead';
    const name = status === 401 ? 'Unauthorized' : 'Forbidden';
    log(
      forbidden(
        `watch ${resource === 'jobs' ? 'jobs.batch' : 'pods'}`,
        namespace,
        `${status} ${name}`,
        consequence,
      ),
    );
  };

  /**
   * Reads the Jobs of `namespace` that have not finished (one list, or one read each when
   * listing is not allowed) and takes what they say; returns whether any line changed.
   */
  const readJobs = async (namespace: string, attempts?: number): Promise<boolean> => {
    const open = [...wanted].filter(
      (id) => id.startsWith(`Job/${namespace}/`) && !terminal.has(id),
    );
    if (open.length === 0) return false;
    const once = <T>(request: () => Promise<T>) => (attempts === 1 ? request() : retry(request));
    let items: Manifest[] | undefined;
    try {
      items = ((await once(() => batch.listNamespacedJob({ namespace }))).items ??
        []) as Manifest[];
    } catch (e) {
      if (statusCodeOf(e) !== 403) throw e;
    }
    let changed = false;
    if (items) {
      const byId = new Map(items.map((j) => [`Job/${namespace}/${j.metadata?.name}`, j]));
      for (const id of open) {
        const job = byId.get(id);
        if (job)
          changed =
            onJob('MODIFIED', { ...job, metadata: { ...job.metadata, namespace } }) || changed;
        else if (states[id] && states[id].state !== 'missing' && states[id].state !== 'unknown')
          changed =
            onJob('DELETED', {
              apiVersion: 'batch/v1',
              kind: 'Job',
              metadata: { name: id.split('/')[2], namespace },
            }) || changed;
      }
      return changed;
    }
    for (const id of open) {
      const name = id.split('/')[2];
      try {
        const job = (await once(() => batch.readNamespacedJob({ name, namespace }))) as Manifest;
        changed = onJob('MODIFIED', job) || changed;
      } catch (e) {
        if (statusCodeOf(e) === 404 && states[id] && states[id].state !== 'missing')
          changed =
            onJob('DELETED', {
              apiVersion: 'batch/v1',
              kind: 'Job',
              metadata: { name, namespace },
            }) || changed;
      }
    }
    return changed;
  };

  // A quiet Jobs watch is checked by reading the Jobs; one that missed a change is reopened.
  let polling = false;
  const poller = setInterval(
    () => {
      if (polling || finished || timingOut) return;
      polling = true;
      void Promise.all(
        namespaces.map(async (ns) => {
          const stream = streams.get(`jobs/${ns}`);
          if (!stream || Date.now() - stream.heard < livenessMs) return;
          stream.heard = Date.now();
          const missed = await readJobs(ns).catch(() => false);
          if (missed && !stream.denied && !finished)
            void follow(`jobs/${ns}`, jobsPath(ns), {}, onJob);
        }),
      ).finally(() => (polling = false));
    },
    Math.max(100, Math.min(livenessMs / 4, 5000)),
  );

  // At the timeout, read the Jobs once more: the answer is what the server holds, not what
  // a watch last said.
  const timer = setTimeout(
    () => {
      timingOut = true;
      const reads = namespaces.map((ns) => readJobs(ns, 1).catch(() => false));
      const bound = new Promise((resolve) =>
        setTimeout(resolve, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
      );
      void Promise.race([Promise.all(reads), bound])
        .then(() => Promise.race([Promise.all(pending), bound]))
        .then(() => finish(outcomeNow() ?? 'timeout'));
    },
    options.timeoutMs ?? 30 * 60_000,
  );

  // Read each Job once before watching: a Job that has already finished is known now, even
  // if no watch ever answers, and one that is not there yet is said so.
  try {
    await Promise.all(
      jobs.map(async (j) => {
        const id = `Job/${j.namespace}/${j.name}`;
        try {
          onJob(
            'ADDED',
            (await retry(() =>
              batch.readNamespacedJob({ name: j.name, namespace: j.namespace }),
            )) as Manifest,
          );
        } catch (e) {
          const status = statusCodeOf(e);
          if (status === 404) {
            states[id] = { state: 'missing' };
            show(id, 'not found; waiting for it to be created');
          } else if (status === 401 || status === 403) {
            throw new ClusterConfigError(
              `access denied: cannot get jobs.batch in namespace ${j.namespace} (${statusMessageOf(e)}): wait needs get, list and watch on jobs.batch`,
              'refused',
            );
          } else {
            states[id] = { state: 'unknown' };
            show(id, `could not be read (${failureOf(e, options)}); following it`);
          }
        }
      }),
    );
  } catch (e) {
    finish('timeout');
    throw e;
  }
  if (wanted.size === 0) finish('complete');
  for (const ns of namespaces) {
    void follow(`jobs/${ns}`, jobsPath(ns), {}, onJob);
    void follow(
      `pods/${ns}`,
      `/api/v1/namespaces/${ns}/pods`,
      { labelSelector: 'job-name' },
      onPod,
    );
  }
  return result;
}

const jobsPath = (namespace: string) => `/apis/batch/v1/namespaces/${namespace}/jobs`;
