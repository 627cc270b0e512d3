/** What a Job's pods say about why it is stuck or why it failed. */
import type * as k8s from '@kubernetes/client-node';
import { KubeObject } from './kube-object';

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
  const pods = await retry(() =>
    core.listNamespacedPod({ namespace, labelSelector: `job-name=${job.metadata.name}` }),
  );
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
    const log = await retry(() =>
      core.readNamespacedPodLog({ name, namespace, tailLines: 10 }),
    ).catch(() => ''); // a pod that never started has no log
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
