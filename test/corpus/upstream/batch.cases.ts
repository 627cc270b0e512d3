/**
 * Jobs and CronJobs (pkg/apis/batch/validation/validation_test.go TestValidateJob,
 * TestValidateCronJob, TestValidateCronJobScheduleTZ, TestValidateCronJobSpec), as manifests.
 * Upstream feeds ValidateJob a selector and template labels already generated for uid 1a2b3c;
 * a manifest leaves both to the API server, so they are written only where a case is about
 * them. Cases that defaulting turns valid (an Indexed Job with neither completions nor
 * parallelism, a pattern without status, an empty concurrencyPolicy) are accepted here, as the
 * API server accepts them. TestValidateJobUpdate is not a create and is left out.
 */
import { UpstreamCase } from './case';

const J = 'TestValidateJob';
const C = 'TestValidateCronJob';
const PFP = 'spec.podFailurePolicy';
const SP = 'spec.successPolicy';

const never = { restartPolicy: 'Never' };
const abcDef = {
  restartPolicy: 'Never',
  containers: [{ name: 'abc', image: 'registry.example/app:1.0' }],
  initContainers: [{ name: 'def', image: 'registry.example/init:1.0' }],
};
const indexed = (completions: number, extra: object = {}) => ({
  completionMode: 'Indexed',
  completions,
  ...extra,
});
const pfp = (...rules: object[]) => ({ podFailurePolicy: { rules } });
const exitCodes = (operator: string, values: number[], containerName?: string) => ({
  onExitCodes: { operator, values, ...(containerName ? { containerName } : {}) },
});
const disruption = { onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
const success = (...rules: object[]) => ({ successPolicy: { rules } });
const manual = { manualSelector: true, selector: { matchLabels: { a: 'b' } } };

const reject = (from: string, field: string, c: Partial<UpstreamCase>): UpstreamCase => ({
  from,
  verdict: 'reject',
  field,
  ...c,
});
const accept = (from: string, c: Partial<UpstreamCase>): UpstreamCase => ({
  from,
  verdict: 'accept',
  ...c,
});
const cron = (from: string, field: string | undefined, c: Partial<UpstreamCase>): UpstreamCase =>
  field
    ? reject(`${C}/${from}`, field, { kind: 'CronJob', ...c })
    : accept(`${C}/${from}`, { kind: 'CronJob', ...c });

export const cases: UpstreamCase[] = [
  // TestValidateJob successCases
  accept(`${J}/valid success policy`, {
    job: indexed(
      10,
      success({ succeededCount: 1, succeededIndexes: '0,2,4' }, { succeededIndexes: '1,3,5-9' }),
    ),
  }),
  accept(`${J}/valid pod failure policy`, {
    pod: abcDef,
    job: pfp(
      { action: 'Ignore', ...disruption },
      { action: 'FailJob', onPodConditions: [{ type: 'CustomConditionType', status: 'False' }] },
      { action: 'Count', ...exitCodes('In', [1, 2, 3], 'abc') },
      { action: 'Ignore', ...exitCodes('In', [4], 'def') },
      { action: 'FailJob', ...exitCodes('NotIn', [5, 6, 7]) },
    ),
  }),
  accept(`${J}/valid pod failure policy with FailIndex`, {
    podMetadata: { labels: { a: 'b' } },
    job: {
      ...indexed(2, { backoffLimitPerIndex: 1 }),
      ...manual,
      ...pfp({ action: 'FailIndex', ...exitCodes('In', [10]) }),
    },
  }),
  accept(`${J}/valid manual selector`, {
    metadata: { annotations: { foo: 'bar' } },
    podMetadata: { labels: { a: 'b' } },
    pod: { restartPolicy: 'OnFailure' },
    job: manual,
  }),
  accept(`${J}/valid generated selector`, { pod: { restartPolicy: 'OnFailure' } }),
  accept(`${J}/valid pod replacement`, { job: { podReplacementPolicy: 'TerminatingOrFailed' } }),
  accept(`${J}/valid pod replacement with failed`, { job: { podReplacementPolicy: 'Failed' } }),
  accept(`${J}/valid hostnet`, {
    pod: { hostNetwork: true },
    container: { ports: [{ containerPort: 12345, protocol: 'TCP' }] },
  }),
  accept(`${J}/valid NonIndexed completion mode`, { job: { completionMode: 'NonIndexed' } }),
  accept(`${J}/valid Indexed completion mode`, { job: indexed(2, { parallelism: 100000 }) }),
  accept(
    `${J}/valid parallelism and maxFailedIndexes for high completions when backoffLimitPerIndex is used`,
    {
      job: indexed(100_000, {
        parallelism: 100_000,
        maxFailedIndexes: 100_000,
        backoffLimitPerIndex: 1,
      }),
    },
  ),
  accept(
    `${J}/valid parallelism and maxFailedIndexes for unlimited completions when backoffLimitPerIndex is used`,
    {
      job: indexed(1_000_000_000, {
        parallelism: 10_000,
        maxFailedIndexes: 10_000,
        backoffLimitPerIndex: 1,
      }),
    },
  ),
  accept(`${J}/valid batch labels`, {
    metadata: { name: 'myjob' },
    podMetadata: { labels: { 'job-name': 'myjob', 'batch.kubernetes.io/job-name': 'myjob' } },
  }),
  accept(`${J}/valid managedBy field`, { job: { managedBy: 'example.com/foo' } }),

  // TestValidateJob errorCases
  reject(`${J}/spec.managedBy: Too long: may not be longer than 63`, 'spec.managedBy', {
    job: { managedBy: `example.com/${'x'.repeat(60)}` },
  }),
  reject(`${J}/spec.managedBy: must be a domain-prefixed path`, 'spec.managedBy', {
    job: { managedBy: 'invalid custom controller name' },
  }),
  reject(`${J}/spec.successPolicy: requires indexed completion mode`, SP, {
    pod: never,
    job: { successPolicy: { rules: [] } },
  }),
  reject(`${J}/spec.successPolicy.rules: Required value`, `${SP}.rules`, {
    job: indexed(5, { successPolicy: {} }),
  }),
  reject(`${J}/spec.successPolicy.rules[0]: Required value`, `${SP}.rules[0]`, {
    job: indexed(5, success({})),
  }),
  reject(
    `${J}/spec.successPolicy.rules[0].succeededIndexes: Invalid value: "invalid-format"`,
    `${SP}.rules[0].succeededIndexes`,
    {
      job: indexed(5, success({ succeededIndexes: 'invalid-format' })),
    },
  ),
  reject(
    `${J}/spec.successPolicy.rules[0].succeededIndexes: Too long`,
    `${SP}.rules[0].succeededIndexes`,
    {
      job: indexed(5, success({ succeededIndexes: '1'.repeat(65537) })),
    },
  ),
  reject(
    `${J}/spec.successPolicy.rules[0].succeededCount: must be greater than or equal to 0`,
    `${SP}.rules[0].succeededCount`,
    {
      job: indexed(5, success({ succeededCount: -1 })),
    },
  ),
  reject(
    `${J}/spec.successPolicy.rules[0].succeededCount: Invalid value: 6`,
    `${SP}.rules[0].succeededCount`,
    {
      job: indexed(5, success({ succeededCount: 6 })),
    },
  ),
  reject(
    `${J}/spec.successPolicy.rules[0].succeededCount: Invalid value: 4`,
    `${SP}.rules[0].succeededCount`,
    {
      job: indexed(5, success({ succeededCount: 4, succeededIndexes: '0-2' })),
    },
  ),
  reject(`${J}/spec.successPolicy.rules: Too many: 21`, `${SP}.rules`, {
    job: indexed(5, success(...Array.from({ length: 21 }, () => ({ succeededCount: 5 })))),
  }),
  reject(
    `${J}/spec.podFailurePolicy.rules[0]: specifying one of OnExitCodes and OnPodConditions is required`,
    `${PFP}.rules[0]`,
    {
      job: pfp({ action: 'FailJob' }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Duplicate value: 11`,
    `${PFP}.rules[0].onExitCodes.values[1]`,
    {
      job: pfp({ action: 'FailJob', ...exitCodes('In', [11, 11]) }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.values: Too many: 256`,
    `${PFP}.rules[0].onExitCodes.values`,
    {
      job: pfp({
        action: 'FailJob',
        ...exitCodes(
          'In',
          Array.from({ length: 256 }, (_, i) => i),
        ),
      }),
    },
  ),
  reject(`${J}/spec.podFailurePolicy.rules: Too many: 21`, `${PFP}.rules`, {
    job: pfp(
      ...Array.from({ length: 21 }, (_, i) => ({ action: 'FailJob', ...exitCodes('In', [i + 1]) })),
    ),
  }),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onPodConditions: Too many: 21`,
    `${PFP}.rules[0].onPodConditions`,
    {
      job: pfp({
        action: 'FailJob',
        onPodConditions: Array.from({ length: 21 }, (_, i) => ({
          type: `CustomType_${i}`,
          status: 'True',
        })),
      }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 13`,
    `${PFP}.rules[0].onExitCodes.values[2]`,
    {
      job: pfp({ action: 'FailJob', ...exitCodes('In', [12, 13, 13, 13]) }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.values: must be ordered`,
    `${PFP}.rules[0].onExitCodes.values`,
    {
      job: pfp({ action: 'FailJob', ...exitCodes('In', [19, 11]) }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.values: at least one value is required`,
    `${PFP}.rules[0].onExitCodes.values`,
    {
      job: pfp({ action: 'FailJob', ...exitCodes('In', []) }),
    },
  ),
  reject(`${J}/spec.podFailurePolicy.rules[0].action: Required value`, `${PFP}.rules[0].action`, {
    job: pfp({ action: '', ...exitCodes('In', [1, 2, 3]) }),
  }),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value`,
    `${PFP}.rules[0].onExitCodes.operator`,
    {
      job: pfp({ action: 'FailJob', ...exitCodes('', [1, 2, 3]) }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0]: specifying both OnExitCodes and OnPodConditions is not supported`,
    `${PFP}.rules[0]`,
    {
      pod: abcDef,
      job: pfp({ action: 'FailJob', ...exitCodes('In', [1, 2, 3], 'abc'), ...disruption }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.values[1]: must not be 0 for the In operator`,
    `${PFP}.rules[0].onExitCodes.values[1]`,
    {
      job: pfp({ action: 'Ignore', ...exitCodes('In', [1, 0, 2]) }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[1].onExitCodes.containerName: Invalid value: "xyz"`,
    `${PFP}.rules[1].onExitCodes.containerName`,
    {
      pod: abcDef,
      job: pfp(
        { action: 'Ignore', ...exitCodes('In', [1, 2, 3], 'abc') },
        { action: 'FailJob', ...exitCodes('In', [5, 6, 7], 'xyz') },
      ),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].action: Unsupported value: "UnknownAction"`,
    `${PFP}.rules[0].action`,
    {
      pod: abcDef,
      job: pfp({ action: 'UnknownAction', ...exitCodes('In', [1, 2, 3], 'abc') }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: "UnknownOperator"`,
    `${PFP}.rules[0].onExitCodes.operator`,
    {
      job: pfp({ action: 'Ignore', ...exitCodes('UnknownOperator', [1, 2, 3]) }),
    },
  ),
  // Upstream runs without defaulting; the API server defaults an empty status to True.
  accept(`${J}/spec.podFailurePolicy.rules[0].onPodConditions[0].status: Required value`, {
    job: pfp({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: '' }] }),
  }),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "UnknownStatus"`,
    `${PFP}.rules[0].onPodConditions[0].status`,
    {
      job: pfp({
        action: 'Ignore',
        onPodConditions: [{ type: 'DisruptionTarget', status: 'UnknownStatus' }],
      }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: ""`,
    `${PFP}.rules[0].onPodConditions[0].type`,
    {
      job: pfp({ action: 'Ignore', onPodConditions: [{ status: 'True' }] }),
    },
  ),
  reject(
    `${J}/spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: "Invalid Condition Type"`,
    `${PFP}.rules[0].onPodConditions[0].type`,
    {
      job: pfp({
        action: 'Ignore',
        onPodConditions: [{ type: 'Invalid Condition Type', status: 'True' }],
      }),
    },
  ),
  reject(
    `${J}/spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed"`,
    'spec.podReplacementPolicy',
    {
      job: {
        podReplacementPolicy: 'TerminatingOrFailed',
        ...pfp({ action: 'Ignore', ...disruption }),
      },
    },
  ),
  reject(`${J}/spec.podReplacementPolicy: Unsupported value: ""`, 'spec.podReplacementPolicy', {
    job: { podReplacementPolicy: '' },
  }),
  reject(
    `${J}/spec.template.spec.restartPolicy: only "Never" is supported when podFailurePolicy is specified`,
    'spec.template.spec.restartPolicy',
    {
      pod: { restartPolicy: 'OnFailure' },
      job: { podFailurePolicy: { rules: [] } },
    },
  ),
  reject(`${J}/spec.parallelism:must be greater than or equal to 0`, 'spec.parallelism', {
    job: { parallelism: -1 },
  }),
  reject(`${J}/spec.backoffLimit:must be greater than or equal to 0`, 'spec.backoffLimit', {
    job: { backoffLimit: -1 },
  }),
  reject(
    `${J}/spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode`,
    'spec.backoffLimitPerIndex',
    {
      job: { backoffLimitPerIndex: 1 },
    },
  ),
  reject(
    `${J}/spec.backoffLimitPerIndex:must be greater than or equal to 0`,
    'spec.backoffLimitPerIndex',
    {
      job: { completionMode: 'Indexed', backoffLimitPerIndex: -1 },
    },
  ),
  reject(
    `${J}/spec.maxFailedIndexes: Invalid value: 11: must be less than or equal to completions`,
    'spec.maxFailedIndexes',
    {
      job: indexed(10, { maxFailedIndexes: 11, backoffLimitPerIndex: 1 }),
    },
  ),
  reject(
    `${J}/spec.maxFailedIndexes: Required value: must be specified when completions is above 100000`,
    'spec.maxFailedIndexes',
    {
      job: indexed(100_001, { backoffLimitPerIndex: 1 }),
    },
  ),
  reject(
    `${J}/spec.parallelism: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000`,
    'spec.parallelism',
    {
      job: indexed(100_001, { parallelism: 50_000, backoffLimitPerIndex: 1, maxFailedIndexes: 1 }),
    },
  ),
  reject(
    `${J}/spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 100000`,
    'spec.maxFailedIndexes',
    {
      job: indexed(100_001, { backoffLimitPerIndex: 1, maxFailedIndexes: 100_001 }),
    },
  ),
  reject(
    `${J}/spec.maxFailedIndexes: Invalid value: 50000: must be less than or equal to 10000`,
    'spec.maxFailedIndexes',
    {
      job: indexed(100_001, { backoffLimitPerIndex: 1, maxFailedIndexes: 50_000 }),
    },
  ),
  reject(`${J}/spec.maxFailedIndexes:must be greater than or equal to 0`, 'spec.maxFailedIndexes', {
    job: { completionMode: 'Indexed', backoffLimitPerIndex: 1, maxFailedIndexes: -1 },
  }),
  reject(
    `${J}/spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified`,
    'spec.backoffLimitPerIndex',
    {
      job: { completionMode: 'Indexed', maxFailedIndexes: 1 },
    },
  ),
  reject(`${J}/spec.completions:must be greater than or equal to 0`, 'spec.completions', {
    job: { completions: -1 },
  }),
  reject(
    `${J}/spec.activeDeadlineSeconds:must be greater than or equal to 0`,
    'spec.activeDeadlineSeconds',
    {
      job: { activeDeadlineSeconds: -1 },
    },
  ),
  // Without manualSelector the selector is generated; the case applies with manualSelector.
  reject(`${J}/spec.selector:Required value`, 'spec.selector', { job: { manualSelector: true } }),
  reject(
    `${J}/spec.template.metadata.labels: selector does not match template labels (y: z)`,
    'spec.template.metadata.labels',
    {
      podMetadata: { labels: { y: 'z' } },
      pod: { restartPolicy: 'OnFailure' },
      job: manual,
    },
  ),
  reject(
    `${J}/spec.template.metadata.labels: selector does not match template labels (controller-uid)`,
    'spec.template.metadata.labels',
    {
      podMetadata: { labels: { 'controller-uid': '4d5e6f' } },
      pod: { restartPolicy: 'OnFailure' },
      job: manual,
    },
  ),
  reject(
    `${J}/spec.template.spec.restartPolicy: Required value`,
    'spec.template.spec.restartPolicy',
    {
      podMetadata: { labels: { a: 'b' } },
      pod: { restartPolicy: 'Always' },
      job: manual,
    },
  ),
  reject(
    `${J}/spec.template.spec.restartPolicy: Unsupported value`,
    'spec.template.spec.restartPolicy',
    {
      podMetadata: { labels: { a: 'b' } },
      pod: { restartPolicy: 'Invalid' },
      job: manual,
    },
  ),
  reject(
    `${J}/spec.ttlSecondsAfterFinished: must be greater than or equal to 0`,
    'spec.ttlSecondsAfterFinished',
    {
      job: { ttlSecondsAfterFinished: -1 },
    },
  ),
  // Defaulting sets completions and parallelism to 1 when both are unset.
  accept(`${J}/spec.completions: Required value: when completion mode is Indexed`, {
    job: { completionMode: 'Indexed' },
  }),
  reject(
    `${J}/spec.completions: Required value: when completion mode is Indexed (parallelism set)`,
    'spec.completions',
    {
      job: { completionMode: 'Indexed', parallelism: 3 },
    },
  ),
  reject(
    `${J}/spec.parallelism: must be less than or equal to 100000 when completion mode is Indexed`,
    'spec.parallelism',
    {
      job: indexed(2, { parallelism: 100001 }),
    },
  ),
  reject(`${J}/spec.template.metadata.labels[controller-uid]: Required value`, 'spec.selector', {
    metadata: { name: 'myjob' },
    podMetadata: { labels: { 'job-name': 'myjob' } },
    job: { selector: { matchLabels: { 'controller-uid': '1a2b3c' } } },
  }),
  reject(`${J}/spec.selector: selector not auto-generated`, 'spec.selector', {
    job: { selector: { matchLabels: { a: 'b' } } },
  }),
  reject(
    `${J}/spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Required value`,
    'spec.selector',
    {
      metadata: { name: 'myjob' },
      podMetadata: {
        labels: {
          'batch.kubernetes.io/job-name': 'myjob',
          'controller-uid': '1a2b3c',
          'job-name': 'myjob',
        },
      },
      job: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '1a2b3c' } } },
    },
  ),
  accept(`${J}/generated selector written by hand: job-name only`, {
    job: { selector: { matchLabels: { 'batch.kubernetes.io/job-name': 'corpus' } } },
  }),
  reject(
    `${J}/template label job-name differs from the name`,
    'spec.template.metadata.labels.job-name',
    {
      podMetadata: { labels: { 'job-name': 'other' } },
    },
  ),
  reject(
    `${J}/manual selector with an invalid operator`,
    'spec.selector.matchExpressions[0].operator',
    {
      podMetadata: { labels: { a: 'b' } },
      job: {
        manualSelector: true,
        selector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
      },
    },
  ),
  reject(
    `${J}/metadata.name: will not able to create pod with invalid DNS label`,
    'metadata.name',
    {
      metadata: { name: 'a'.repeat(60) },
      job: indexed(1000),
    },
  ),

  // TestValidateCronJob
  cron('success: schedule * * * * ?', undefined, { cronJob: { schedule: '* * * * ?' } }),
  cron('hostnet job', undefined, { pod: { hostNetwork: true } }),
  cron('non-standard scheduled', undefined, { cronJob: { schedule: '@hourly' } }),
  cron('correct timeZone value', undefined, { cronJob: { timeZone: 'Europe/Rome' } }),
  cron('spec.schedule: Invalid value', 'spec.schedule', { cronJob: { schedule: 'error' } }),
  cron('spec.schedule: Required value', 'spec.schedule', { cronJob: { schedule: '' } }),
  cron('spec.timeZone: timeZone must be nil or non-empty string', 'spec.timeZone', {
    cronJob: { timeZone: '' },
  }),
  cron('spec.timeZone: timeZone must be an explicit time zone', 'spec.timeZone', {
    cronJob: { timeZone: 'LOCAL' },
  }),
  cron('spec.timeZone: unknown time zone  Continent/Zone', 'spec.timeZone', {
    cronJob: { timeZone: ' Europe/Rome' },
  }),
  cron('spec.timeZone: unknown time zone Continent/InvalidZone', 'spec.timeZone', {
    cronJob: { timeZone: 'Europe/InvalidRome' },
  }),
  cron('spec.timeZone: unknown time zone " "', 'spec.timeZone', { cronJob: { timeZone: ' ' } }),
  cron('spec.timeZone: unknown time zone Continent/Zone ', 'spec.timeZone', {
    cronJob: { timeZone: 'Europe/Rome ' },
  }),
  cron(
    'spec.startingDeadlineSeconds:must be greater than or equal to 0',
    'spec.startingDeadlineSeconds',
    {
      cronJob: { startingDeadlineSeconds: -1 },
    },
  ),
  cron(
    'spec.successfulJobsHistoryLimit: must be greater than or equal to 0',
    'spec.successfulJobsHistoryLimit',
    {
      cronJob: { successfulJobsHistoryLimit: -1 },
    },
  ),
  cron(
    'spec.failedJobsHistoryLimit: must be greater than or equal to 0',
    'spec.failedJobsHistoryLimit',
    {
      cronJob: { failedJobsHistoryLimit: -1 },
    },
  ),
  // Defaulting sets an empty concurrencyPolicy to Allow.
  cron('spec.concurrencyPolicy: Required value', undefined, { cronJob: { concurrencyPolicy: '' } }),
  cron('spec.concurrencyPolicy: Unsupported value', 'spec.concurrencyPolicy', {
    cronJob: { concurrencyPolicy: 'Sometimes' },
  }),
  cron(
    'spec.jobTemplate.spec.parallelism:must be greater than or equal to 0',
    'spec.jobTemplate.spec.parallelism',
    {
      job: { parallelism: -1 },
    },
  ),
  cron(
    'spec.jobTemplate.spec.completions:must be greater than or equal to 0',
    'spec.jobTemplate.spec.completions',
    {
      job: { completions: -1 },
    },
  ),
  cron(
    'spec.jobTemplate.spec.activeDeadlineSeconds:must be greater than or equal to 0',
    'spec.jobTemplate.spec.activeDeadlineSeconds',
    {
      job: { activeDeadlineSeconds: -1 },
    },
  ),
  cron(
    'spec.jobTemplate.spec.selector: selector will be auto-generated',
    'spec.jobTemplate.spec.selector',
    {
      job: { selector: { matchLabels: { a: 'b' } } },
    },
  ),
  cron('metadata.name: must be no more than 52 characters', 'metadata.name', {
    metadata: { name: '10000000002000000000300000000040000000005000000000123' },
  }),
  cron(
    'spec.jobTemplate.spec.manualSelector: Unsupported value',
    'spec.jobTemplate.spec.manualSelector',
    {
      job: { manualSelector: true },
    },
  ),
  cron(
    'spec.jobTemplate.spec.template.spec.restartPolicy: Required value',
    'spec.jobTemplate.spec.template.spec.restartPolicy',
    {
      pod: { restartPolicy: 'Always' },
    },
  ),
  cron(
    'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value',
    'spec.jobTemplate.spec.template.spec.restartPolicy',
    {
      pod: { restartPolicy: 'Invalid' },
    },
  ),
  cron(
    'spec.jobTemplate.spec.ttlSecondsAfterFinished:must be greater than or equal to 0',
    'spec.jobTemplate.spec.ttlSecondsAfterFinished',
    {
      job: { ttlSecondsAfterFinished: -1 },
    },
  ),
  cron('ScheduleTZ/create with TZ=UTC', 'spec.schedule', {
    cronJob: { schedule: 'TZ=UTC 0 * * * *' },
  }),
  cron('ScheduleTZ/create with CRON_TZ', 'spec.schedule', {
    cronJob: { schedule: 'CRON_TZ=Europe/Rome 0 * * * *' },
  }),
  cron('Spec/timeZone America/New_York', undefined, { cronJob: { timeZone: 'America/New_York' } }),
  cron('Spec/timeZone America/Chicago', undefined, { cronJob: { timeZone: 'America/Chicago' } }),
  cron('Spec/timeZone broken', 'spec.timeZone', { cronJob: { timeZone: 'broken' } }),
  cron('Spec/timeZone still broken', 'spec.timeZone', { cronJob: { timeZone: 'still broken' } }),
  cron('TimeZones/Factory (Go tzdata)', undefined, { cronJob: { timeZone: 'Factory' } }),
  cron('TimeZones/Etc/GMT+10', undefined, { cronJob: { timeZone: 'Etc/GMT+10' } }),
  cron('generateName prefix of 48 characters', 'metadata.generateName', {
    metadata: { name: '$delete', generateName: 'a'.repeat(48) },
  }),
  cron(
    'jobTemplate metadata label value too long (Jobs refused)',
    'spec.jobTemplate.metadata.labels.team',
    {
      family: 2,
      cronJob: { jobTemplate: { metadata: { labels: { team: 'x'.repeat(64) } } } },
    },
  ),
];
