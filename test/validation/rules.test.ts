/**
 * Every rule of the catalogue on plain manifests: one broken field at a time, the report
 * names the rule and the field.
 */
import { RULES, validateManifest, ValidationOptions } from '../../src';
import { podSpecRuleCases } from './pod-spec-rule-cases';

type Manifest = Record<string, any>;

function job(): Manifest {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'ingest', namespace: 'ai-agents' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          // The Pod Security "restricted" profile, so that a clean manifest has no warning.
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'main',
              image: 'busybox:1.36',
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

function indexedJob(): Manifest {
  const j = job();
  Object.assign(j.spec, { completionMode: 'Indexed', completions: 10, parallelism: 2 });
  return j;
}

function cronJob(): Manifest {
  const j = job();
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: { schedule: '0 2 * * *', jobTemplate: { spec: j.spec } },
  };
}

const pod = (m: Manifest) =>
  (m.kind === 'CronJob' ? m.spec.jobTemplate.spec : m.spec).template.spec;
const container = (m: Manifest) => pod(m).containers[0];

interface Case {
  readonly name: string;
  readonly manifest: () => Manifest;
  readonly rule: string;
  readonly field: string;
  readonly options?: ValidationOptions;
}

function tweak(base: () => Manifest, change: (m: Manifest) => void): () => Manifest {
  return () => {
    const m = base();
    change(m);
    return m;
  };
}

const cases: Case[] = [
  {
    name: 'missing name',
    manifest: tweak(job, (m) => delete m.metadata.name),
    rule: 'object-name',
    field: 'metadata.name',
  },
  {
    name: 'upper-case name',
    manifest: tweak(job, (m) => (m.metadata.name = 'Ingest')),
    rule: 'object-name',
    field: 'metadata.name',
  },
  {
    name: 'CronJob name of 53 characters',
    manifest: tweak(cronJob, (m) => (m.metadata.name = 'a'.repeat(53))),
    rule: 'cronjob-name-length',
    field: 'metadata.name',
  },
  {
    name: 'Job name of 64 characters',
    manifest: tweak(job, (m) => (m.metadata.name = 'a'.repeat(64))),
    rule: 'job-name-length',
    field: 'metadata.name',
  },
  {
    name: 'Indexed hostname too long',
    manifest: tweak(indexedJob, (m) => (m.metadata.name = 'a'.repeat(62))),
    rule: 'indexed-job-hostname',
    field: 'metadata.name',
  },
  {
    name: 'bad namespace',
    manifest: tweak(job, (m) => (m.metadata.namespace = 'AI_agents')),
    rule: 'namespace-name',
    field: 'metadata.namespace',
  },
  {
    name: 'bad label key',
    manifest: tweak(job, (m) => (m.metadata.labels = { 'bad key': 'x' })),
    rule: 'labels',
    field: 'metadata.labels',
  },
  {
    name: 'label value too long',
    manifest: tweak(job, (m) => (m.metadata.labels = { team: 'x'.repeat(64) })),
    rule: 'labels',
    field: 'metadata.labels.team',
  },
  {
    name: 'pod label value with a space',
    manifest: tweak(job, (m) => (m.spec.template.metadata = { labels: { app: 'a b' } })),
    rule: 'labels',
    field: 'spec.template.metadata.labels.app',
  },
  {
    name: 'annotations over 256 KiB',
    manifest: tweak(job, (m) => (m.metadata.annotations = { 'acme.io/n': 'x'.repeat(262144) })),
    rule: 'annotations',
    field: 'metadata.annotations',
  },
  {
    name: 'annotation key with two slashes',
    manifest: tweak(job, (m) => (m.metadata.annotations = { 'a/b/c': 'x' })),
    rule: 'annotations',
    field: 'metadata.annotations',
  },
  {
    name: 'negative parallelism',
    manifest: tweak(job, (m) => (m.spec.parallelism = -1)),
    rule: 'job-integer-fields',
    field: 'spec.parallelism',
  },
  {
    name: 'negative completions',
    manifest: tweak(job, (m) => (m.spec.completions = -5)),
    rule: 'job-integer-fields',
    field: 'spec.completions',
  },
  {
    name: 'negative backoffLimit',
    manifest: tweak(job, (m) => (m.spec.backoffLimit = -2)),
    rule: 'job-integer-fields',
    field: 'spec.backoffLimit',
  },
  {
    name: 'negative ttl',
    manifest: tweak(job, (m) => (m.spec.ttlSecondsAfterFinished = -1)),
    rule: 'job-integer-fields',
    field: 'spec.ttlSecondsAfterFinished',
  },
  {
    name: 'negative activeDeadlineSeconds',
    manifest: tweak(job, (m) => (m.spec.activeDeadlineSeconds = -5)),
    rule: 'job-integer-fields',
    field: 'spec.activeDeadlineSeconds',
  },
  {
    name: 'zero activeDeadlineSeconds',
    manifest: tweak(job, (m) => (m.spec.activeDeadlineSeconds = 0)),
    rule: 'job-active-deadline-positive',
    field: 'spec.activeDeadlineSeconds',
  },
  {
    name: 'unknown completionMode',
    manifest: tweak(job, (m) => (m.spec.completionMode = 'indexed')),
    rule: 'job-completion-mode',
    field: 'spec.completionMode',
  },
  {
    name: 'Indexed without completions',
    manifest: tweak(indexedJob, (m) => delete m.spec.completions),
    rule: 'job-completion-mode',
    field: 'spec.completions',
  },
  {
    name: 'Indexed parallelism above 100000',
    manifest: tweak(indexedJob, (m) =>
      Object.assign(m.spec, { completions: 200000, parallelism: 100001 }),
    ),
    rule: 'job-completion-mode',
    field: 'spec.parallelism',
  },
  {
    name: 'parallelism above completions',
    manifest: tweak(job, (m) => Object.assign(m.spec, { completions: 2, parallelism: 5 })),
    rule: 'job-parallelism-above-completions',
    field: 'spec.parallelism',
  },
  {
    name: 'backoffLimitPerIndex on NonIndexed',
    manifest: tweak(job, (m) => (m.spec.backoffLimitPerIndex = 1)),
    rule: 'job-per-index-backoff',
    field: 'spec.backoffLimitPerIndex',
  },
  {
    name: 'maxFailedIndexes on NonIndexed',
    manifest: tweak(job, (m) => (m.spec.maxFailedIndexes = 1)),
    rule: 'job-per-index-backoff',
    field: 'spec.maxFailedIndexes',
  },
  {
    name: 'maxFailedIndexes without backoffLimitPerIndex',
    manifest: tweak(indexedJob, (m) => (m.spec.maxFailedIndexes = 1)),
    rule: 'job-per-index-backoff',
    field: 'spec.backoffLimitPerIndex',
  },
  {
    name: 'maxFailedIndexes above completions',
    manifest: tweak(indexedJob, (m) =>
      Object.assign(m.spec, { backoffLimitPerIndex: 1, maxFailedIndexes: 11 }),
    ),
    rule: 'job-per-index-backoff',
    field: 'spec.maxFailedIndexes',
  },
  {
    name: 'high completions without maxFailedIndexes',
    manifest: tweak(indexedJob, (m) =>
      Object.assign(m.spec, { completions: 200000, backoffLimitPerIndex: 1 }),
    ),
    rule: 'job-per-index-backoff',
    field: 'spec.maxFailedIndexes',
  },
  {
    name: 'high completions with parallelism above 10000',
    manifest: tweak(indexedJob, (m) =>
      Object.assign(m.spec, {
        completions: 200000,
        parallelism: 20000,
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 10,
      }),
    ),
    rule: 'job-per-index-backoff',
    field: 'spec.parallelism',
  },
  {
    name: 'managedBy without a domain',
    manifest: tweak(job, (m) => (m.spec.managedBy = 'kueue')),
    rule: 'job-managed-by',
    field: 'spec.managedBy',
  },
  {
    name: 'managedBy too long',
    manifest: tweak(job, (m) => (m.spec.managedBy = `example.com/${'x'.repeat(60)}`)),
    rule: 'job-managed-by',
    field: 'spec.managedBy',
  },
  {
    name: 'unknown podReplacementPolicy',
    manifest: tweak(job, (m) => (m.spec.podReplacementPolicy = 'Always')),
    rule: 'job-pod-replacement-policy',
    field: 'spec.podReplacementPolicy',
  },
  {
    name: 'TerminatingOrFailed with a podFailurePolicy',
    manifest: tweak(job, (m) =>
      Object.assign(m.spec, {
        podReplacementPolicy: 'TerminatingOrFailed',
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }],
        },
      }),
    ),
    rule: 'job-pod-replacement-policy',
    field: 'spec.podReplacementPolicy',
  },
  {
    name: 'restartPolicy Always',
    manifest: tweak(job, (m) => (pod(m).restartPolicy = 'Always')),
    rule: 'job-restart-policy',
    field: 'spec.template.spec.restartPolicy',
  },
  {
    name: 'restartPolicy missing',
    manifest: tweak(job, (m) => delete pod(m).restartPolicy),
    rule: 'job-restart-policy',
    field: 'spec.template.spec.restartPolicy',
  },
  {
    name: 'restartPolicy OnFailure with a podFailurePolicy',
    manifest: tweak(job, (m) => {
      pod(m).restartPolicy = 'OnFailure';
      m.spec.podFailurePolicy = {
        rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }],
      };
    }),
    rule: 'job-restart-policy',
    field: 'spec.template.spec.restartPolicy',
  },
  {
    name: 'CronJob restartPolicy Always',
    manifest: tweak(cronJob, (m) => (pod(m).restartPolicy = 'Always')),
    rule: 'job-restart-policy',
    field: 'spec.jobTemplate.spec.template.spec.restartPolicy',
  },
  {
    name: 'selector in a job template',
    manifest: tweak(
      cronJob,
      (m) => (m.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } }),
    ),
    rule: 'job-selector',
    field: 'spec.jobTemplate.spec.selector',
  },
  {
    name: 'selector without manualSelector',
    manifest: tweak(job, (m) => (m.spec.selector = { matchLabels: { a: 'b' } })),
    rule: 'job-selector',
    field: 'spec.selector',
  },
  {
    name: 'template job-name label that is not the name',
    manifest: tweak(job, (m) => (m.spec.template.metadata = { labels: { 'job-name': 'other' } })),
    rule: 'job-generated-labels',
    field: 'spec.template.metadata.labels.job-name',
  },
  {
    name: 'job template pod label controller-uid',
    manifest: tweak(
      cronJob,
      (m) => (m.spec.jobTemplate.spec.template.metadata = { labels: { 'controller-uid': 'x' } }),
    ),
    rule: 'cronjob-generated-labels',
    field: 'spec.jobTemplate.spec.template.metadata.labels.controller-uid',
  },
  {
    name: 'name with dots',
    manifest: tweak(job, (m) => (m.metadata.name = 'ingest.v2')),
    rule: 'object-name-dns-label',
    field: 'metadata.name',
  },
  {
    name: 'Indexed CronJob whose Jobs get a hostname too long',
    manifest: tweak(cronJob, (m) => {
      m.metadata.name = 'a'.repeat(52);
      Object.assign(m.spec.jobTemplate.spec, { completionMode: 'Indexed', completions: 100 });
    }),
    rule: 'cronjob-indexed-hostname',
    field: 'metadata.name',
  },
  {
    name: 'job template label value too long',
    manifest: tweak(
      cronJob,
      (m) => (m.spec.jobTemplate.metadata = { labels: { team: 'x'.repeat(64) } }),
    ),
    rule: 'job-template-metadata',
    field: 'spec.jobTemplate.metadata.labels.team',
  },
  {
    name: 'finalizer without a domain',
    manifest: tweak(job, (m) => (m.metadata.finalizers = ['cleanup'])),
    rule: 'finalizers',
    field: 'metadata.finalizers[0]',
  },
  {
    name: 'ownerReference without uid',
    manifest: tweak(
      job,
      (m) => (m.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }]),
    ),
    rule: 'owner-references',
    field: 'metadata.ownerReferences[0].uid',
  },
  {
    name: 'pod deletion cost not an integer',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.template.metadata = {
          annotations: { 'controller.kubernetes.io/pod-deletion-cost': 'high' },
        }),
    ),
    rule: 'pod-template-annotations',
    field: 'spec.template.metadata.annotations.controller.kubernetes.io/pod-deletion-cost',
  },
  {
    name: 'pod failure rule without action',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = { rules: [{ onExitCodes: { operator: 'In', values: [1] } }] }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].action',
  },
  {
    name: 'pod failure rule with unknown action',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].action',
  },
  {
    name: 'pod failure rule In 0',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 1] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]',
  },
  {
    name: 'pod failure exit codes unordered',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 1] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values',
  },
  {
    name: 'pod failure exit codes duplicated',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1, 1] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values[1]',
  },
  {
    name: 'pod failure 256 exit codes',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [
            {
              action: 'FailJob',
              onExitCodes: { operator: 'NotIn', values: Array.from({ length: 256 }, (_, i) => i) },
            },
          ],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values',
  },
  {
    name: 'pod failure no exit codes',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.values',
  },
  {
    name: 'pod failure bad operator',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'FailJob', onExitCodes: { operator: 'Equals', values: [1] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.operator',
  },
  {
    name: 'pod failure unknown container',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [
            {
              action: 'FailJob',
              onExitCodes: { containerName: 'worker', operator: 'In', values: [1] },
            },
          ],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onExitCodes.containerName',
  },
  {
    name: 'pod failure 21 rules',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: Array.from({ length: 21 }, (_, i) => ({
            action: 'FailJob',
            onExitCodes: { operator: 'In', values: [i + 1] },
          })),
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules',
  },
  {
    name: 'pod failure rule with neither requirement',
    manifest: tweak(job, (m) => (m.spec.podFailurePolicy = { rules: [{ action: 'FailJob' }] })),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0]',
  },
  {
    name: 'pod failure bad condition status',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'yes' }] },
          ],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onPodConditions[0].status',
  },
  {
    name: 'pod failure bad condition type',
    manifest: tweak(
      job,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'Disruption Target' }] }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].onPodConditions[0].type',
  },
  {
    name: 'FailIndex without backoffLimitPerIndex',
    manifest: tweak(
      indexedJob,
      (m) =>
        (m.spec.podFailurePolicy = {
          rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }],
        }),
    ),
    rule: 'job-pod-failure-policy',
    field: 'spec.podFailurePolicy.rules[0].action',
  },
  {
    name: 'successPolicy on NonIndexed',
    manifest: tweak(job, (m) => (m.spec.successPolicy = { rules: [{ succeededCount: 1 }] })),
    rule: 'job-success-policy',
    field: 'spec.successPolicy',
  },
  {
    name: 'successPolicy without rules',
    manifest: tweak(indexedJob, (m) => (m.spec.successPolicy = { rules: [] })),
    rule: 'job-success-policy',
    field: 'spec.successPolicy.rules',
  },
  {
    name: 'successPolicy rule empty',
    manifest: tweak(indexedJob, (m) => (m.spec.successPolicy = { rules: [{}] })),
    rule: 'job-success-policy',
    field: 'spec.successPolicy.rules[0]',
  },
  {
    name: 'successPolicy bad indexes',
    manifest: tweak(
      indexedJob,
      (m) => (m.spec.successPolicy = { rules: [{ succeededIndexes: '3-1' }] }),
    ),
    rule: 'job-success-policy',
    field: 'spec.successPolicy.rules[0].succeededIndexes',
  },
  {
    name: 'successPolicy index beyond completions',
    manifest: tweak(
      indexedJob,
      (m) => (m.spec.successPolicy = { rules: [{ succeededIndexes: '0-10' }] }),
    ),
    rule: 'job-success-policy',
    field: 'spec.successPolicy.rules[0].succeededIndexes',
  },
  {
    name: 'successPolicy count above indexes',
    manifest: tweak(
      indexedJob,
      (m) => (m.spec.successPolicy = { rules: [{ succeededIndexes: '0-2', succeededCount: 4 }] }),
    ),
    rule: 'job-success-policy',
    field: 'spec.successPolicy.rules[0].succeededCount',
  },
  {
    name: 'successPolicy 21 rules',
    manifest: tweak(
      indexedJob,
      (m) =>
        (m.spec.successPolicy = {
          rules: Array.from({ length: 21 }, () => ({ succeededCount: 1 })),
        }),
    ),
    rule: 'job-success-policy',
    field: 'spec.successPolicy.rules',
  },
  {
    name: 'schedule missing',
    manifest: tweak(cronJob, (m) => delete m.spec.schedule),
    rule: 'cronjob-schedule',
    field: 'spec.schedule',
  },
  {
    name: 'schedule hour 25',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '0 25 * * *')),
    rule: 'cronjob-schedule',
    field: 'spec.schedule',
  },
  {
    name: 'schedule day-of-week 7',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '0 2 * * 7')),
    rule: 'cronjob-schedule',
    field: 'spec.schedule',
  },
  {
    name: 'schedule with CRON_TZ',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = 'CRON_TZ=UTC 0 2 * * *')),
    rule: 'cronjob-schedule',
    field: 'spec.schedule',
  },
  {
    name: 'schedule of one word',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = 'error')),
    rule: 'cronjob-schedule',
    field: 'spec.schedule',
  },
  {
    name: 'minute step 90 fires hourly',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '*/90 * * * *')),
    rule: 'cronjob-step-beyond-range',
    field: 'spec.schedule',
  },
  {
    name: 'schedule on February 31',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '0 2 31 2 *')),
    rule: 'cronjob-schedule-fires',
    field: 'spec.schedule',
  },
  {
    name: 'unknown time zone',
    manifest: tweak(cronJob, (m) => (m.spec.timeZone = 'Mars/Olympus_Mons')),
    rule: 'cronjob-time-zone',
    field: 'spec.timeZone',
  },
  {
    name: 'Local time zone',
    manifest: tweak(cronJob, (m) => (m.spec.timeZone = 'Local')),
    rule: 'cronjob-time-zone',
    field: 'spec.timeZone',
  },
  {
    name: 'bad concurrencyPolicy',
    manifest: tweak(cronJob, (m) => (m.spec.concurrencyPolicy = 'forbid')),
    rule: 'cronjob-concurrency-policy',
    field: 'spec.concurrencyPolicy',
  },
  {
    name: 'negative history limit',
    manifest: tweak(cronJob, (m) => (m.spec.successfulJobsHistoryLimit = -1)),
    rule: 'cronjob-integer-fields',
    field: 'spec.successfulJobsHistoryLimit',
  },
  {
    name: 'negative startingDeadlineSeconds',
    manifest: tweak(cronJob, (m) => (m.spec.startingDeadlineSeconds = -1)),
    rule: 'cronjob-integer-fields',
    field: 'spec.startingDeadlineSeconds',
  },
  {
    name: 'startingDeadlineSeconds of 5',
    manifest: tweak(cronJob, (m) => (m.spec.startingDeadlineSeconds = 5)),
    rule: 'cronjob-starting-deadline',
    field: 'spec.startingDeadlineSeconds',
  },
  {
    name: 'no containers',
    manifest: tweak(job, (m) => (pod(m).containers = [])),
    rule: 'pod-containers',
    field: 'spec.template.spec.containers',
  },
  {
    name: 'container name with underscore',
    manifest: tweak(job, (m) => (container(m).name = 'my_worker')),
    rule: 'pod-containers',
    field: 'spec.template.spec.containers[0].name',
  },
  {
    name: 'duplicate container names',
    manifest: tweak(
      job,
      (m) => (pod(m).initContainers = [{ name: 'main', image: 'busybox:1.36' }]),
    ),
    rule: 'pod-containers',
    field: 'spec.template.spec.initContainers[0].name',
  },
  {
    name: 'missing image',
    manifest: tweak(job, (m) => delete container(m).image),
    rule: 'pod-containers',
    field: 'spec.template.spec.containers[0].image',
  },
  {
    name: 'env name with a space (before 1.32)',
    manifest: tweak(job, (m) => (container(m).env = [{ name: 'MY VAR', value: 'x' }])),
    rule: 'env-vars',
    field: 'spec.template.spec.containers[0].env[0].name',
    options: { targetVersion: '1.31' },
  },
  {
    name: 'env name starting with a digit (before 1.32)',
    manifest: tweak(job, (m) => (container(m).env = [{ name: '1VAR', value: 'x' }])),
    rule: 'env-vars',
    field: 'spec.template.spec.containers[0].env[0].name',
    options: { targetVersion: '1.30' },
  },
  {
    name: 'env name with = (1.34)',
    manifest: tweak(job, (m) => (container(m).env = [{ name: 'A=B', value: 'x' }])),
    rule: 'env-vars',
    field: 'spec.template.spec.containers[0].env[0].name',
  },
  {
    name: 'env value a number',
    manifest: tweak(job, (m) => (container(m).env = [{ name: 'N', value: 5 }])),
    rule: 'json-type',
    field: 'spec.template.spec.containers[0].env[0].value',
  },
  {
    name: 'CronJob of batch/v1beta1',
    manifest: tweak(cronJob, (m) => (m.apiVersion = 'batch/v1beta1')),
    rule: 'served-api-version',
    field: 'apiVersion',
  },
  {
    name: 'env valueFrom with two sources',
    manifest: tweak(
      job,
      (m) =>
        (container(m).env = [
          {
            name: 'N',
            valueFrom: {
              fieldRef: { fieldPath: 'metadata.name' },
              secretKeyRef: { name: 's', key: 'k' },
            },
          },
        ]),
    ),
    rule: 'env-vars',
    field: 'spec.template.spec.containers[0].env[0].valueFrom',
  },
  {
    name: 'env secretKeyRef without key',
    manifest: tweak(
      job,
      (m) => (container(m).env = [{ name: 'N', valueFrom: { secretKeyRef: { name: 's' } } }]),
    ),
    rule: 'env-value-from',
    field: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key',
  },
  {
    name: 'env fieldRef to a pod field env cannot read',
    manifest: tweak(
      job,
      (m) =>
        (container(m).env = [
          { name: 'P', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } },
        ]),
    ),
    rule: 'env-value-from',
    field: 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath',
  },
  {
    name: 'envFrom with neither configMapRef nor secretRef',
    manifest: tweak(job, (m) => (container(m).envFrom = [{ prefix: 'APP_' }])),
    rule: 'env-from',
    field: 'spec.template.spec.containers[0].envFrom[0]',
  },
  {
    name: 'image with a trailing space',
    manifest: tweak(job, (m) => (container(m).image = 'busybox:1.36 ')),
    rule: 'container-image-whitespace',
    field: 'spec.template.spec.containers[0].image',
  },
  {
    name: 'image with an upper-case repository path',
    manifest: tweak(job, (m) => (container(m).image = 'ghcr.io/Acme/ingest:2.0.0')),
    rule: 'container-image-reference',
    field: 'spec.template.spec.containers[0].image',
  },
  {
    name: 'unknown imagePullPolicy',
    manifest: tweak(job, (m) => (container(m).imagePullPolicy = 'IfNotExists')),
    rule: 'container-policies',
    field: 'spec.template.spec.containers[0].imagePullPolicy',
  },
  {
    name: 'restartPolicy on a regular container (1.33)',
    manifest: tweak(job, (m) => (container(m).restartPolicy = 'Always')),
    rule: 'container-restart-policy',
    field: 'spec.template.spec.containers[0].restartPolicy',
    options: { targetVersion: '1.33' },
  },
  {
    name: 'containerPort out of range',
    manifest: tweak(job, (m) => (container(m).ports = [{ containerPort: 70000 }])),
    rule: 'container-ports',
    field: 'spec.template.spec.containers[0].ports[0].containerPort',
  },
  {
    name: 'host port used twice',
    manifest: tweak(job, (m) => {
      container(m).ports = [{ containerPort: 80, hostPort: 8080 }];
      pod(m).containers.push({
        name: 'side',
        image: 'busybox:1.36',
        ports: [{ containerPort: 81, hostPort: 8080 }],
      });
    }),
    rule: 'container-host-ports',
    field: 'spec.template.spec.containers[1].ports[0].hostPort',
  },
  {
    name: 'probe naming a port the container does not declare',
    manifest: tweak(job, (m) => (container(m).readinessProbe = { httpGet: { port: 'http' } })),
    rule: 'container-probe-port-name',
    field: 'spec.template.spec.containers[0].readinessProbe.httpGet.port',
  },
  {
    name: 'probe without a handler',
    manifest: tweak(job, (m) => (container(m).livenessProbe = { periodSeconds: 10 })),
    rule: 'container-probes',
    field: 'spec.template.spec.containers[0].livenessProbe',
  },
  {
    name: 'stopSignal, which the API server drops',
    manifest: tweak(job, (m) => (container(m).lifecycle = { stopSignal: 'SIGUSR1' })),
    rule: 'container-field-dropped',
    field: 'spec.template.spec.containers[0].lifecycle.stopSignal',
  },
  {
    name: 'resizePolicy RestartContainer in a restartPolicy Never pod',
    manifest: tweak(
      job,
      (m) =>
        (container(m).resizePolicy = [
          { resourceName: 'memory', restartPolicy: 'RestartContainer' },
        ]),
    ),
    rule: 'container-resize-policy',
    field: 'spec.template.spec.containers[0].resizePolicy[0].restartPolicy',
  },
  {
    name: 'mount of a missing volume',
    manifest: tweak(
      job,
      (m) => (container(m).volumeMounts = [{ name: 'data', mountPath: '/data' }]),
    ),
    rule: 'volume-mounts',
    field: 'spec.template.spec.containers[0].volumeMounts[0].name',
  },
  {
    name: 'duplicate volume names',
    manifest: tweak(
      job,
      (m) =>
        (pod(m).volumes = [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ]),
    ),
    rule: 'pod-volumes',
    field: 'spec.template.spec.volumes[1].name',
  },
  {
    name: 'volume with two sources',
    manifest: tweak(
      job,
      (m) => (pod(m).volumes = [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }]),
    ),
    rule: 'pod-volumes',
    field: 'spec.template.spec.volumes[0].secret',
  },
  {
    name: 'secret volume with defaultMode 644 written in decimal',
    manifest: tweak(
      job,
      (m) => (pod(m).volumes = [{ name: 'v', secret: { secretName: 's', defaultMode: 644 } }]),
    ),
    rule: 'volume-source',
    field: 'spec.template.spec.volumes[0].secret.defaultMode',
  },
  {
    name: 'rbd volume without monitors',
    manifest: tweak(job, (m) => (pod(m).volumes = [{ name: 'v', rbd: { image: 'disk' } }])),
    rule: 'volume-source-in-tree',
    field: 'spec.template.spec.volumes[0].rbd.monitors',
  },
  {
    name: 'downwardAPI volume exposing spec.nodeName',
    manifest: tweak(
      job,
      (m) =>
        (pod(m).volumes = [
          {
            name: 'v',
            downwardAPI: { items: [{ path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } }] },
          },
        ]),
    ),
    rule: 'volume-downward-api',
    field: 'spec.template.spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath',
  },
  {
    name: 'projected service account token of 5 minutes',
    manifest: tweak(
      job,
      (m) =>
        (pod(m).volumes = [
          {
            name: 'v',
            projected: {
              sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 300 } }],
            },
          },
        ]),
    ),
    rule: 'volume-projected',
    field:
      'spec.template.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds',
  },
  {
    name: 'ephemeral volume without a storage request',
    manifest: tweak(
      job,
      (m) =>
        (pod(m).volumes = [
          {
            name: 'v',
            ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } },
          },
        ]),
    ),
    rule: 'volume-ephemeral',
    field:
      'spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources.requests.storage',
  },
  {
    name: 'recursiveReadOnly without readOnly',
    manifest: tweak(job, (m) => {
      pod(m).volumes = [{ name: 'v', emptyDir: {} }];
      container(m).volumeMounts = [{ name: 'v', mountPath: '/v', recursiveReadOnly: 'Enabled' }];
    }),
    rule: 'volume-mount-recursive-read-only',
    field: 'spec.template.spec.containers[0].volumeMounts[0].recursiveReadOnly',
  },
  {
    name: 'block device from an emptyDir volume',
    manifest: tweak(job, (m) => {
      pod(m).volumes = [{ name: 'v', emptyDir: {} }];
      container(m).volumeDevices = [{ name: 'v', devicePath: '/dev/xvda' }];
    }),
    rule: 'volume-devices',
    field: 'spec.template.spec.containers[0].volumeDevices[0].name',
  },
  {
    name: 'emptyDir medium in lower case',
    manifest: tweak(job, (m) => (pod(m).volumes = [{ name: 'v', emptyDir: { medium: 'memory' } }])),
    rule: 'volume-empty-dir-medium',
    field: 'spec.template.spec.volumes[0].emptyDir.medium',
  },
  {
    name: 'image volume without a reference',
    manifest: tweak(
      job,
      (m) => (pod(m).volumes = [{ name: 'v', image: { pullPolicy: 'IfNotPresent' } }]),
    ),
    rule: 'volume-image-reference',
    field: 'spec.template.spec.volumes[0].image.reference',
    options: { targetVersion: '1.35' },
  },
  {
    name: 'quantity 1GB',
    manifest: tweak(job, (m) => (container(m).resources = { limits: { memory: '1GB' } })),
    rule: 'pod-resources',
    field: 'spec.template.spec.containers[0].resources.limits.memory',
  },
  {
    name: 'request above limit',
    manifest: tweak(
      job,
      (m) => (container(m).resources = { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }),
    ),
    rule: 'pod-resources',
    field: 'spec.template.spec.containers[0].resources.requests.memory',
  },
  {
    name: 'GPU request without limit',
    manifest: tweak(job, (m) => (container(m).resources = { requests: { 'nvidia.com/gpu': '1' } })),
    rule: 'pod-resources',
    field: 'spec.template.spec.containers[0].resources.requests.nvidia.com/gpu',
  },
  {
    name: 'GPU request != limit',
    manifest: tweak(
      job,
      (m) =>
        (container(m).resources = {
          requests: { 'nvidia.com/gpu': '1' },
          limits: { 'nvidia.com/gpu': '2' },
        }),
    ),
    rule: 'pod-resources',
    field: 'spec.template.spec.containers[0].resources.requests.nvidia.com/gpu',
  },
  {
    name: 'runAsNonRoot without runAsUser',
    manifest: tweak(job, (m) => (pod(m).securityContext = { runAsNonRoot: true })),
    rule: 'run-as-non-root-user',
    field: 'spec.template.spec.containers[0].securityContext.runAsUser',
  },
  {
    name: 'runAsNonRoot with runAsUser 0',
    manifest: tweak(job, (m) => (pod(m).securityContext = { runAsNonRoot: true, runAsUser: 0 })),
    rule: 'run-as-non-root-user',
    field: 'spec.template.spec.securityContext.runAsUser',
  },
  {
    name: 'runAsNonRoot without runAsUser on an image of unknown USER',
    manifest: tweak(job, (m) => {
      pod(m).securityContext = { runAsNonRoot: true };
      container(m).image = 'ghcr.io/acme/ingest:2.0.0';
    }),
    rule: 'run-as-non-root-unverified',
    field: 'spec.template.spec.containers[0].securityContext.runAsUser',
  },
  {
    name: 'negative runAsUser',
    manifest: tweak(job, (m) => (pod(m).securityContext.runAsUser = -1)),
    rule: 'security-context-ids',
    field: 'spec.template.spec.securityContext.runAsUser',
  },
  {
    name: 'privileged without privilege escalation',
    manifest: tweak(job, (m) => (container(m).securityContext.privileged = true)),
    rule: 'container-security-context',
    field: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
  },
  {
    name: 'unknown fsGroupChangePolicy',
    manifest: tweak(job, (m) => (pod(m).securityContext.fsGroupChangePolicy = 'Sometimes')),
    rule: 'pod-security-context-policies',
    field: 'spec.template.spec.securityContext.fsGroupChangePolicy',
  },
  {
    name: 'seccomp Localhost without a profile',
    manifest: tweak(job, (m) => (pod(m).securityContext.seccompProfile = { type: 'Localhost' })),
    rule: 'seccomp-profile',
    field: 'spec.template.spec.securityContext.seccompProfile.localhostProfile',
  },
  {
    name: 'AppArmor annotation for a missing container',
    manifest: tweak(job, (m) => {
      m.spec.template.metadata = {
        annotations: { 'container.apparmor.security.beta.kubernetes.io/other': 'runtime/default' },
      };
    }),
    rule: 'apparmor-profile',
    field:
      'spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/other',
  },
  {
    name: 'net sysctl with hostNetwork',
    manifest: tweak(job, (m) => {
      pod(m).hostNetwork = true;
      pod(m).securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }];
    }),
    rule: 'pod-sysctls',
    field: 'spec.template.spec.securityContext.sysctls[0].name',
  },
  {
    name: 'vm.max_map_count in the pod',
    manifest: tweak(job, (m) => {
      pod(m).securityContext.sysctls = [{ name: 'vm.max_map_count', value: '262144' }];
    }),
    rule: 'sysctl-not-namespaced',
    field: 'spec.template.spec.securityContext.sysctls[0].name',
  },
  {
    name: 'unsafe sysctl',
    manifest: tweak(job, (m) => {
      pod(m).securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }];
    }),
    rule: 'sysctl-unsafe',
    field: 'spec.template.spec.securityContext.sysctls[0].name',
  },
  {
    name: 'empty Windows runAsUserName',
    manifest: tweak(job, (m) => (pod(m).securityContext.windowsOptions = { runAsUserName: '' })),
    rule: 'windows-security-options',
    field: 'spec.template.spec.securityContext.windowsOptions.runAsUserName',
  },
  {
    name: 'hostProcess pod without hostNetwork',
    manifest: tweak(job, (m) => (pod(m).securityContext.windowsOptions = { hostProcess: true })),
    rule: 'windows-host-process',
    field: 'spec.template.spec.hostNetwork',
  },
  {
    name: 'supplementalGroupsPolicy before 1.33',
    manifest: tweak(job, (m) => (pod(m).securityContext.supplementalGroupsPolicy = 'Strict')),
    rule: 'security-field-served',
    field: 'spec.template.spec.securityContext.supplementalGroupsPolicy',
    options: { targetVersion: '1.32' },
  },
  {
    name: 'a container without the restricted profile controls',
    manifest: tweak(job, (m) => delete container(m).securityContext),
    rule: 'pod-security',
    field: 'spec.template.spec.containers[0].securityContext',
    options: { podSecurity: 'restricted' },
  },
  {
    name: 'hostPath volume',
    manifest: tweak(job, (m) => (pod(m).volumes = [{ name: 'h', hostPath: { path: '/var/log' } }])),
    rule: 'pod-security',
    field: 'spec.template.spec.volumes[0].hostPath',
    options: { podSecurity: 'restricted' },
  },
  {
    name: 'hostNetwork',
    manifest: tweak(job, (m) => (pod(m).hostNetwork = true)),
    rule: 'pod-security',
    field: 'spec.template.spec.hostNetwork',
    options: { podSecurity: 'restricted' },
  },
  {
    name: '02:30 in Europe/Berlin: skipped in spring, run twice in autumn',
    manifest: tweak(cronJob, (m) => {
      m.spec.schedule = '30 2 * * *';
      m.spec.timeZone = 'Europe/Berlin';
    }),
    rule: 'cronjob-dst',
    field: 'spec.schedule',
  },
  {
    name: '@every 500ms runs every second',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '@every 500ms')),
    rule: 'cronjob-every-rounded',
    field: 'spec.schedule',
  },
  {
    name: 'a negative @every runs every second',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '@every -5m')),
    rule: 'cronjob-every-rounded',
    field: 'spec.schedule',
  },
  {
    name: '@every 1.5s runs every second',
    manifest: tweak(cronJob, (m) => (m.spec.schedule = '@every 1.5s')),
    rule: 'cronjob-every-rounded',
    field: 'spec.schedule',
  },
  {
    name: 'Allow overlap on a GPU job',
    manifest: tweak(cronJob, (m) => {
      pod(m).containers[0].resources = {
        requests: { 'nvidia.com/gpu': 1 },
        limits: { 'nvidia.com/gpu': 1 },
      };
    }),
    rule: 'cronjob-overlap',
    field: 'spec.concurrencyPolicy',
  },
  {
    name: 'read-only root filesystem on python:3.11-slim without /tmp',
    manifest: tweak(job, (m) => {
      pod(m).containers[0].image = 'python:3.11-slim';
      pod(m).containers[0].securityContext = { readOnlyRootFilesystem: true };
    }),
    rule: 'read-only-root-tmp',
    field: 'spec.template.spec.containers[0].volumeMounts',
  },
  {
    name: 'no pod template',
    manifest: tweak(job, (m) => delete m.spec.template),
    rule: 'pod-spec',
    field: 'spec.template.spec',
  },
  ...podSpecRuleCases.map((c) => ({
    ...c,
    manifest: tweak(job, (m) => Object.assign(pod(m), c.pod)),
  })),
  {
    name: 'field newer than the target',
    manifest: tweak(indexedJob, (m) => (m.spec.successPolicy = { rules: [{ succeededCount: 1 }] })),
    rule: 'field-served',
    field: 'spec.successPolicy',
    options: { targetVersion: '1.30' },
  },
  {
    name: 'FailIndex on 1.28',
    manifest: tweak(indexedJob, (m) =>
      Object.assign(m.spec, {
        backoffLimitPerIndex: 1,
        podFailurePolicy: {
          rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }],
        },
      }),
    ),
    rule: 'field-served',
    field: 'spec.podFailurePolicy.rules[0].action',
    options: { targetVersion: '1.28' },
  },
  {
    name: 'pod-level resources before 1.34',
    manifest: tweak(job, (m) => (pod(m).resources = { limits: { cpu: '2' } })),
    rule: 'pod-field-served',
    field: 'spec.template.spec.resources',
    options: { targetVersion: '1.33' },
  },
  {
    name: 'pod-level request below the containers',
    manifest: tweak(job, (m) => {
      pod(m).resources = { requests: { cpu: '500m' }, limits: { cpu: '2' } };
      container(m).resources = { requests: { cpu: '1' } };
    }),
    rule: 'pod-level-resources',
    field: 'spec.template.spec.resources.requests.cpu',
  },
  {
    name: 'resource claim with neither a claim nor a template',
    manifest: tweak(job, (m) => (pod(m).resourceClaims = [{ name: 'gpu' }])),
    rule: 'pod-resource-claims',
    field: 'spec.template.spec.resourceClaims[0]',
  },
  {
    name: 'container claim missing from the pod',
    manifest: tweak(job, (m) => (container(m).resources = { claims: [{ name: 'gpu' }] })),
    rule: 'container-resource-claims',
    field: 'spec.template.spec.containers[0].resources.claims[0].name',
  },
  {
    name: 'unsupported target version',
    manifest: job,
    rule: 'target-version',
    field: 'targetVersion',
    options: { targetVersion: '1.20' },
  },
  {
    name: 'image :latest',
    manifest: tweak(job, (m) => (container(m).image = 'python:latest')),
    rule: 'image-tag',
    field: 'spec.template.spec.containers[0].image',
  },
  {
    name: 'image without a tag',
    manifest: tweak(job, (m) => (container(m).image = 'registry:5000/team/python')),
    rule: 'image-tag',
    field: 'spec.template.spec.containers[0].image',
  },
  {
    name: 'literal API key',
    manifest: tweak(job, (m) => (container(m).env = [{ name: 'OPENAI_API_KEY', value: 'sk-123' }])),
    rule: 'secret-literal',
    field: 'spec.template.spec.containers[0].env[0].value',
  },
  {
    name: 'connection string with a password',
    manifest: tweak(
      job,
      (m) => (container(m).env = [{ name: 'DB_URL', value: 'postgres://app:hunter2@db:5432/app' }]),
    ),
    rule: 'secret-literal',
    field: 'spec.template.spec.containers[0].env[0].value',
  },
];

describe('the rule catalogue on plain manifests', () => {
  test.each([
    ['Job', job],
    ['Indexed Job', indexedJob],
    ['CronJob', cronJob],
  ])('a clean %s has no problems', (_, make) => {
    expect(validateManifest(make())).toEqual([]);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const problems = validateManifest(c.manifest(), c.options);
    expect(problems.map((p) => [p.rule, p.field])).toContainEqual([c.rule, c.field]);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
  });

  test('every rule in the catalogue has at least one case here', () => {
    const covered = new Set(cases.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test('rule ids are unique and families are 1, 2 or 3', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) expect([1, 2, 3]).toContain(r.family);
  });

  test('reviewer rules can be relaxed; the others cannot', () => {
    const m = tweak(job, (x) => (container(x).image = 'python:latest'))();
    expect(validateManifest(m, { allow: ['image-tag'] })).toEqual([]);
    const bad = tweak(job, (x) => (x.spec.parallelism = -1))();
    expect(
      validateManifest(bad, { allow: ['image-tag', 'job-integer-fields' as never] }),
    ).toHaveLength(1);
  });

  test('MAX_TOKENS and TOKENIZER are not credentials', () => {
    const m = tweak(
      job,
      (x) =>
        (container(x).env = [
          { name: 'MAX_TOKENS', value: '512' },
          { name: 'TOKENIZER', value: 'bert' },
        ]),
    )();
    expect(validateManifest(m)).toEqual([]);
  });

  test.each(['@every 15m', '@every 1h30m', '@every 1s', '@every 2.5m'])(
    'a whole-second %s is not rounded and gives no problem',
    (schedule) => {
      expect(validateManifest(tweak(cronJob, (m) => (m.spec.schedule = schedule))())).toEqual([]);
    },
  );

  test('objects of other kinds and non-objects give no problems, never an exception', () => {
    expect(validateManifest({ kind: 'ConfigMap' })).toEqual([]);
    expect(validateManifest(null)).toEqual([]);
    expect(validateManifest('Job')).toEqual([]);
    expect(validateManifest({ kind: 'Job', spec: 'x' }).length).toBeGreaterThan(0);
  });
});
