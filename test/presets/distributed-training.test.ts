/**
 * DistributedTrainingJob: an Indexed Job and its headless Service agree, so every pod can
 * compute its rank and reach the leader by name.
 */
import { Testing } from 'cdk8s';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { DistributedTrainingJob, TargetVersion, validateManifest } from '../../src';
import { distributedEnv } from '../../src/runtime';
import { newChart, synthError } from '../support/harness';

type Manifest = Record<string, any>;

function synthesize(nodes: number, extra: Record<string, unknown> = {}) {
  const chart = newChart();
  new DistributedTrainingJob(chart, 'finetune', {
    image: 'ghcr.io/acme/train:1.0.0',
    nodes,
    gpusPerNode: 8,
    command: ['torchrun', 'train.py'],
    ...extra,
  });
  const objects: Manifest[] = Testing.synth(chart);
  return {
    job: objects.find((o) => o.kind === 'Job') as Manifest,
    service: objects.find((o) => o.kind === 'Service') as Manifest,
    objects,
  };
}

/**
 * What the pod of `index` sees: its hostname (Kubernetes sets `<job>-<index>` for Indexed Jobs)
 * and FQDN under the subdomain, and its env with the downward API resolved.
 */
function podView(job: Manifest, index: number) {
  const spec = job.spec.template.spec;
  const hostname = `${job.metadata.name}-${index}`;
  const env: Record<string, string> = {};
  for (const e of spec.containers[0].env) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (
      e.valueFrom?.fieldRef?.fieldPath ===
      "metadata.annotations['batch.kubernetes.io/job-completion-index']"
    )
      env[e.name] = String(index);
  }
  return { hostname, dnsName: `${hostname}.${spec.subdomain}`, env };
}

describe('DistributedTrainingJob', () => {
  test.each([1, 2, 16])('%i nodes: schema-valid, rule-clean, snapshot', (nodes) => {
    const { job, service, objects } = synthesize(nodes);
    expect(objects).toHaveLength(2);
    expect(() => new Job(job as never).validate()).not.toThrow();
    expect(() => new Service(service as never).validate()).not.toThrow();
    expect(validateManifest(job).filter((p) => p.severity === 'error')).toEqual([]);
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: nodes,
      parallelism: nodes,
      backoffLimit: 0,
      podReplacementPolicy: 'Failed',
      successPolicy: { rules: [{ succeededIndexes: '0' }] },
    });
    expect(objects).toMatchSnapshot();
  });

  test('every pod computes its rank, and MASTER_ADDR names the pod of index 0 under the Service', () => {
    const nodes = 4;
    const { job, service } = synthesize(nodes);
    expect(service.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(service.spec.selector).toEqual({ 'batch.kubernetes.io/job-name': job.metadata.name });
    expect(job.spec.template.spec.subdomain).toBe(service.metadata.name);
    const leader = podView(job, 0);
    for (let index = 0; index < nodes; index++) {
      const { env, dnsName } = podView(job, index);
      const contract = distributedEnv(env);
      expect(contract).toEqual({
        rank: index,
        nodes,
        procsPerNode: 8,
        masterAddr: leader.dnsName,
        masterPort: 29500,
      });
      expect(env.PET_NODE_RANK).toBe(String(index));
      expect(env.PET_MASTER_ADDR).toBe(leader.dnsName);
      expect(env.WORLD_SIZE).toBe(String(nodes * 8));
      expect(dnsName.split('.')[1]).toBe(service.metadata.name);
    }
  });

  test('GPUs are requested = limited with the toleration, /dev/shm is memory-backed and sized', () => {
    const { job } = synthesize(2, { shmSize: '16Gi' });
    const pod = job.spec.template.spec;
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe('8');
    expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBe('8');
    expect(pod.tolerations).toContainEqual(expect.objectContaining({ key: 'nvidia.com/gpu' }));
    expect(pod.volumes).toContainEqual({
      name: 'dshm',
      emptyDir: { medium: 'Memory', sizeLimit: '16Gi' },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'dshm', mountPath: '/dev/shm' });
  });

  test('a pod failure fails the gang; disruptions are ignored', () => {
    const { job } = synthesize(2);
    expect(job.spec.podFailurePolicy.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0] } },
    ]);
  });

  test('queueName submits the whole Job to Kueue', () => {
    const { job } = synthesize(4, { queueName: 'gpu-queue' });
    expect(job.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('gpu-queue');
    expect(job.spec.suspend).toBe(true);
  });

  test('before 1.31 there is no successPolicy', () => {
    const chart = newChart();
    TargetVersion.set(chart, '1.30');
    new DistributedTrainingJob(chart, 'ft', { image: 'ghcr.io/acme/train:1.0.0', nodes: 2 });
    const job = Testing.synth(chart).find((o: Manifest) => o.kind === 'Job');
    expect(job.spec.successPolicy).toBeUndefined();
  });

  test('a four-node, eight-GPU fine-tune is ten lines', () => {
    const chart = newChart();
    // prettier-ignore
    {
      new DistributedTrainingJob(chart, 'finetune', {
        image: 'ghcr.io/acme/train:1.0.0',
        nodes: 4,
        gpusPerNode: 8,
        command: ['torchrun', 'train.py'],
        queueName: 'gpu',
      });
    }
    expect(Testing.synth(chart)).toHaveLength(2);
  });

  test.each([
    [{ nodes: 0 }, 'nodes'],
    [{ nodes: 2.5 }, 'nodes'],
    [{ gpusPerNode: 0.5 }, 'gpusPerNode'],
    [{ procsPerNode: 0 }, 'procsPerNode'],
    [{ masterPort: 70000 }, 'masterPort'],
    [{ shmSize: '8GB' }, 'shmSize'],
    [{ shmSize: '128Gi' }, 'shmSize'],
    [{ env: { MASTER_ADDR: 'elsewhere' } }, 'env.MASTER_ADDR'],
    [{ metadata: { name: '0-finetune' } }, 'metadata.name'],
  ])('%j is one report naming %s', (extra, field) => {
    const chart = newChart();
    new DistributedTrainingJob(chart, 'ft', {
      image: 'ghcr.io/acme/train:1.0.0',
      nodes: 2,
      gpusPerNode: 8,
      ...(extra as object),
    });
    const message = synthError(chart);
    expect(message?.split(` ${field}:`)).toHaveLength(2);
  });
});
