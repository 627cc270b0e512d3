/** What a Job's pods say about why it is stuck or why it failed. */
import type * as k8s from '@kubernetes/client-node';
import { statusCodeOf, statusMessageOf } from './api-error';
import { KubeObject } from './kube-object';

/**
 * The line that says RBAC refused a request: what could not be done, what wait does without
 * it, and which permission is missing (`verb resource`, e.g. `watch pods`).
 */
export function forbidden(
  permission: string,
  namespace: string,
  detail: string,
  consequence: string,
): string {
  const [verb, resource] = permission.split(' ');
  return `access denied: cannot ${permission} in namespace ${namespace} (${detail}), so ${consequence}; the missing permission is "${verb}" on "${resource}"`;
}

interface ContainerStatus {
  readonly name?: string;
  readonly state?: {
    readonly waiting?: { readonly reason?: string; readonly message?: string };
    readonly terminated?: { readonly reason?: string; readonly exitCode?: number };
  };
}

interface PodStatus {
  readonly phase?: string;
  readonly conditions?: readonly {
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }[];
  readonly containerStatuses?: readonly ContainerStatus[];
  readonly initContainerStatuses?: readonly ContainerStatus[];
}

/** Waiting reasons that do not clear up by themselves. */
const STUCK = [
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'CrashLoopBackOff',
];

/** Why a pod is not running, when it is stuck: a container's waiting reason or Unschedulable. */
export function stuckReason(pod: KubeObject): string | undefined {
  const status = (pod.status ?? {}) as PodStatus;
  for (const c of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && STUCK.includes(waiting.reason))
      return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
  }
  const unschedulable = status.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
  );
  return unschedulable ? `Unschedulable: ${unschedulable.message ?? ''}`.trim() : undefined;
}

/** The reason of the last failed pod of `job` and its last log lines, indented for output. */
export async function explainFailure(
  core: k8s.CoreV1Api,
  retry: <T>(request: () => Promise<T>) => Promise<T>,
  job: KubeObject,
): Promise<string[]> {
  const namespace = job.metadata.namespace ?? 'default';
  let pods;
  try {
    pods = await retry(() =>
      core.listNamespacedPod({ namespace, labelSelector: `job-name=${job.metadata.name}` }),
    );
  } catch (e) {
    if (statusCodeOf(e) !== 403) throw e;
    return [
      `  ${forbidden('list pods', namespace, statusMessageOf(e), `the failed pods of Job/${namespace}/${job.metadata.name} and their logs are unknown`)}`,
    ];
  }
  const failed = pods.items.filter(
    (p) =>
      p.status?.phase === 'Failed' ||
      p.status?.containerStatuses?.some((c) => c.state?.waiting?.reason),
  );
  const out: string[] = [];
  for (const pod of failed.slice(-1)) {
    const name = pod.metadata?.name ?? '';
    for (const c of pod.status?.containerStatuses ?? []) {
      const t = c.state?.terminated;
      const reason = c.state?.waiting?.reason ?? t?.reason;
      if (reason) out.push(`  pod ${name}: ${reason}${t ? ` (exit code ${t.exitCode})` : ''}`);
    }
    let log = '';
    try {
      log = await retry(() => core.readNamespacedPodLog({ name, namespace, tailLines: 10 }));
    } catch (e) {
      // A pod that never started has no log; a refused read is said so.
      if (statusCodeOf(e) === 403) {
        out.push(
          `  ${forbidden('get pods/log', namespace, statusMessageOf(e), `the last log lines of ${name} are unknown`)}`,
        );
      }
    }
    if (log.trim()) {
      out.push(
        `  last log lines of ${name}:`,
        ...log
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`),
      );
    }
  }
  return out;
}
