import { FIELD_MANAGER } from './apply';
import { ClusterOptions, objectSession } from './client';
import { KubeObject } from './kube-object';

/**
 * Creates a Job from a CronJob's template now, like `kubectl create job --from=cronjob/NAME`:
 * the same spec, labels and annotations, owned by the CronJob. Returns the Job's name.
 */
export async function runNow(
  cronJob: { name: string; namespace?: string },
  options: ClusterOptions = {},
): Promise<{ name: string; namespace: string }> {
  const session = await objectSession(options);
  const { client, api, retry: withRetry } = session;
  const namespace = cronJob.namespace ?? session.namespace;
  const cron = (await withRetry(() =>
    api.read({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: cronJob.name, namespace },
    }),
  )) as KubeObject & {
    spec: {
      jobTemplate?: {
        metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
        spec?: unknown;
      };
    };
  };
  const template = cron.spec.jobTemplate ?? {};
  const suffix = `-manual-${Date.now().toString(36)}`;
  const name = `${cronJob.name.slice(0, 63 - suffix.length)}${suffix}`;
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace,
      labels: template.metadata?.labels,
      annotations: {
        ...template.metadata?.annotations,
        'cronjob.kubernetes.io/instantiate': 'manual',
      },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cronJob.name,
          uid: String(cron.metadata.uid),
          controller: true,
        },
      ],
    },
    spec: template.spec,
  };
  await withRetry(() =>
    api.patch(
      job,
      undefined,
      undefined,
      FIELD_MANAGER,
      false,
      client.PatchStrategy.ServerSideApply,
    ),
  );
  return { name, namespace };
}
