import { Duration, Testing } from 'cdk8s';
import { BatchJob, ConfigMaps, EnvValue, PodFailure, Secrets, Volume } from '../../src';
import { newChart, problemsOf, synthValid } from '../support/harness';
import { expectSchemaValid } from '../support/schema';

describe('BatchJob', () => {
  test('minimal: secure defaults that still start a root image', () => {
    const chart = newChart();
    new BatchJob(chart, 'hello', {
      image: 'python:3.11-slim',
      command: ['python', '-c', 'print(1)'],
    });
    const [job] = synthValid(chart);
    expect(job).toMatchSnapshot();
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      fsGroup: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('generated names are DNS labels of at most 63 characters, stable across synths', () => {
    const chart = newChart('a-chart-with-a-rather-long-name-for-testing-purposes');
    const job = new BatchJob(chart, 'an-even-longer-construct-id-that-would-not-fit-into-a-label', {
      image: 'busybox:1.36',
    });
    expect(job.name.length).toBeLessThanOrEqual(63);
    expect(job.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(job.name).toBe(
      new BatchJob(
        newChart('a-chart-with-a-rather-long-name-for-testing-purposes'),
        'an-even-longer-construct-id-that-would-not-fit-into-a-label',
        { image: 'busybox:1.36' },
      ).name,
    );
  });

  test('every JobSpec field, env kinds, envFrom, resources with GPU, volumes, scheduling', () => {
    const chart = newChart();
    new BatchJob(chart, 'full', {
      metadata: {
        name: 'full',
        labels: { team: 'ml' },
        annotations: { 'acme.io/owner': 'ml-platform' },
      },
      podMetadata: { labels: { app: 'full' } },
      image: 'ghcr.io/acme/worker:1.2.3',
      containerName: 'worker',
      command: ['python', '-m', 'worker'],
      args: ['--verbose'],
      workingDir: '/app',
      imagePullPolicy: 'IfNotPresent',
      env: {
        LITERAL: 'yes',
        FROM_SECRET: Secrets.key('ai-secrets', 'token', { optional: true }),
        FROM_CONFIG: ConfigMaps.key('settings', 'mode'),
        POD_NAME: EnvValue.fromField('metadata.name'),
        MEM_LIMIT: EnvValue.fromResource('limits.memory'),
      },
      envFrom: [
        Secrets.all('ai-secrets', { prefix: 'AI_' }),
        ConfigMaps.all('report-config', { optional: true }),
      ],
      resources: {
        requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi' },
        limits: { memory: '4Gi' },
        gpu: 1,
      },
      volumes: [
        {
          path: '/data',
          volume: Volume.fromPersistentVolumeClaim('agent-data', { readOnly: true }),
        },
        { path: '/config', volume: Volume.fromConfigMap('settings'), readOnly: true },
        { path: '/creds', volume: Volume.fromSecret('ai-secrets', { defaultMode: 0o400 }) },
        { path: '/scratch', volume: Volume.fromEmptyDir('scratch', { sizeLimit: '10Gi' }) },
      ],
      initContainers: [{ name: 'fetch', image: 'busybox:1.36', command: ['true'] }],
      serviceAccountName: 'batch-runner',
      nodeSelector: { pool: 'batch' },
      tolerations: [{ key: 'batch', operator: 'Exists', effect: 'NoSchedule' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
            ],
          },
        },
      },
      priorityClassName: 'batch-low',
      imagePullSecrets: ['ghcr-pull'],
      terminationGracePeriod: Duration.seconds(45),
      parallelism: 2,
      completions: 4,
      backoffLimit: 3,
      activeDeadline: Duration.hours(2),
      ttlAfterFinished: Duration.days(1),
      podFailurePolicy: {
        rules: [PodFailure.ignoreDisruptions(), PodFailure.failJobOnExitCodes([42], 'worker')],
      },
      podReplacementPolicy: 'Failed',
      suspend: true,
      managedBy: 'kueue.x-k8s.io/multikueue',
    });
    const [job] = synthValid(chart);
    expect(job).toMatchSnapshot();
    expect(job.spec).toMatchObject({
      parallelism: 2,
      completions: 4,
      backoffLimit: 3,
      activeDeadlineSeconds: 7200,
      ttlSecondsAfterFinished: 86400,
      podReplacementPolicy: 'Failed',
      suspend: true,
      managedBy: 'kueue.x-k8s.io/multikueue',
    });
    const pod = job.spec.template.spec;
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi', 'nvidia.com/gpu': '1' },
      limits: { memory: '4Gi', 'nvidia.com/gpu': '1' },
    });
    expect(pod.tolerations).toContainEqual({
      key: 'nvidia.com/gpu',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: 'agent-data',
      mountPath: '/data',
      readOnly: true,
    });
    expect(pod.initContainers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('several containers, each with its own env and mounts', () => {
    const chart = newChart();
    const shared = Volume.fromEmptyDir('shared');
    new BatchJob(chart, 'pair', {
      containers: [
        { name: 'producer', image: 'busybox:1.36', volumes: [{ path: '/out', volume: shared }] },
        {
          name: 'consumer',
          image: 'busybox:1.36',
          env: { MODE: 'read' },
          volumes: [{ path: '/in', volume: shared, readOnly: true }],
        },
      ],
    });
    const [job] = synthValid(chart);
    expect(job.spec.template.spec.volumes.map((v: { name: string }) => v.name)).toEqual([
      'shared',
      'tmp',
    ]);
    expect(job.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual([
      'producer',
      'consumer',
    ]);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('each secure default can be overridden in a typed way', () => {
    const chart = newChart();
    new BatchJob(chart, 'root', {
      image: 'ghcr.io/acme/tool:1.0.0',
      podSecurityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 },
      securityContext: { readOnlyRootFilesystem: false },
      automountServiceAccountToken: true,
    });
    const [job] = synthValid(chart);
    const pod = job.spec.template.spec;
    expect(pod.securityContext.runAsUser).toBe(1000);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(pod.containers[0].volumeMounts).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  test('accepts cdk8s-plus objects wherever it takes a name', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kplus = require('cdk8s-plus-27');
    const chart = newChart();
    const secret = new kplus.Secret(chart, 'creds', { metadata: { name: 'creds' } });
    const claim = new kplus.PersistentVolumeClaim(chart, 'claim', { metadata: { name: 'claim' } });
    new BatchJob(chart, 'interop', {
      image: 'busybox:1.36',
      env: { TOKEN: Secrets.key(secret, 'token') },
      volumes: [{ path: '/data', volume: Volume.fromPersistentVolumeClaim(claim) }],
    });
    const objects = Testing.synth(chart) as Array<Record<string, any>>;
    const rendered = objects.find((o) => o.kind === 'Job');
    const env = rendered?.spec.template.spec.containers[0].env as Array<Record<string, any>>;
    expect(env.find((e) => e.name === 'TOKEN')?.valueFrom.secretKeyRef).toEqual({
      name: 'creds',
      key: 'token',
    });
    expect(rendered?.spec.template.spec.volumes[0]).toEqual({
      name: 'claim',
      persistentVolumeClaim: { claimName: 'claim' },
    });
    expectSchemaValid(rendered as Record<string, unknown>);
  });
});
