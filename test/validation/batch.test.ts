/** The Job and CronJob spec rules: messages, families, severities, and junk that never throws. */
import fc from 'fast-check';
import { validateManifest } from '../../src/validation/validate-manifest';

type M = Record<string, any>;

function job(spec: M = {}, podMetadata?: M): M {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'ingest', namespace: 'ai' },
    spec: {
      ...spec,
      template: {
        ...(podMetadata ? { metadata: podMetadata } : {}),
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}

function cronJob(spec: M = {}, jobSpec: M = {}, podMetadata?: M): M {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'ai' },
    spec: { schedule: '0 2 * * *', ...spec, jobTemplate: { spec: job(jobSpec, podMetadata).spec } },
  };
}

const all = (m: M) => validateManifest(m, { allow: ['image-tag'] });
const errors = (m: M) => all(m).filter((p) => p.severity === 'error');
const lines = (m: M) => errors(m).map((p) => [p.rule, p.field, p.family]);

describe('Job spec', () => {
  test('an Indexed Job without completions and parallelism is accepted (both default to 1)', () => {
    expect(errors(job({ completionMode: 'Indexed' }))).toEqual([]);
  });

  test('an Indexed Job with parallelism but no completions is refused', () => {
    expect(lines(job({ completionMode: 'Indexed', parallelism: 4 }))).toEqual([
      ['job-completion-mode', 'spec.completions', 1],
    ]);
  });

  test('parallelism above completions is only a warning', () => {
    const problems = all(job({ completions: 2, parallelism: 5 }));
    expect(problems.map((p) => [p.rule, p.severity, p.family])).toEqual([
      ['job-parallelism-above-completions', 'warning', 2],
    ]);
  });

  test('a negative count names the field; a string count is the decoding rule’s', () => {
    expect(lines(job({ backoffLimit: -1 }))).toEqual([
      ['job-integer-fields', 'spec.backoffLimit', 1],
    ]);
    expect(errors(job({ backoffLimit: '3' })).map((p) => p.rule)).not.toContain(
      'job-integer-fields',
    );
  });

  test('managedBy is checked from 1.32 only, where the API server keeps it', () => {
    const m = job({ managedBy: 'kueue' });
    expect(lines(m)).toEqual([['job-managed-by', 'spec.managedBy', 1]]);
    expect(
      validateManifest(m, { targetVersion: '1.31' }).filter((p) => p.rule === 'job-managed-by'),
    ).toEqual([]);
  });

  test('a pod condition pattern with an empty status is defaulted to True', () => {
    const m = job({
      podFailurePolicy: {
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: '' }] }],
      },
    });
    expect(errors(m)).toEqual([]);
  });
});

describe('selectors and generated labels', () => {
  test('a selector naming only the generated job-name label is accepted', () => {
    expect(errors(job({ selector: { matchLabels: { 'job-name': 'ingest' } } }))).toEqual([]);
  });

  test('a selector of its own without manualSelector', () => {
    const [p] = errors(job({ selector: { matchLabels: { app: 'x' } } }));
    expect(p).toMatchObject({ rule: 'job-selector', field: 'spec.selector' });
    expect(p.fix).toMatch(/manualSelector/);
  });

  test('manualSelector needs a selector that matches the template labels', () => {
    expect(lines(job({ manualSelector: true }))).toEqual([['job-selector', 'spec.selector', 1]]);
    const m = job(
      { manualSelector: true, selector: { matchLabels: { app: 'x' } } },
      { labels: { app: 'y' } },
    );
    expect(lines(m)).toEqual([['job-selector', 'spec.template.metadata.labels', 1]]);
  });

  test('a bad selector operator is reported once', () => {
    const m = job(
      { manualSelector: true, selector: { matchExpressions: [{ key: 'a', operator: 'Equals' }] } },
      { labels: { a: 'b' } },
    );
    expect(lines(m)).toEqual([['job-selector', 'spec.selector.matchExpressions[0].operator', 1]]);
  });

  test('a controller-uid template label: family 1 on a Job, family 2 in a CronJob', () => {
    expect(lines(job({}, { labels: { 'controller-uid': 'abc' } }))).toEqual([
      ['job-generated-labels', 'spec.template.metadata.labels.controller-uid', 1],
    ]);
    expect(lines(cronJob({}, {}, { labels: { 'job-name': 'nightly' } }))).toEqual([
      ['cronjob-generated-labels', 'spec.jobTemplate.spec.template.metadata.labels.job-name', 2],
    ]);
  });

  test('a job-name label equal to the name is accepted', () => {
    expect(errors(job({}, { labels: { 'batch.kubernetes.io/job-name': 'ingest' } }))).toEqual([]);
  });
});

describe('CronJob spec', () => {
  test('an empty concurrencyPolicy is defaulted to Allow', () => {
    expect(errors(cronJob({ concurrencyPolicy: '' }))).toEqual([]);
  });

  test('timeZone Factory is a zone Go knows', () => {
    expect(errors(cronJob({ timeZone: 'Factory' }))).toEqual([]);
  });

  test('startingDeadlineSeconds below 10 is a family 2 warning', () => {
    const problems = all(cronJob({ startingDeadlineSeconds: 5 }));
    expect(problems.map((p) => [p.rule, p.family, p.severity])).toEqual([
      ['cronjob-starting-deadline', 2, 'warning'],
    ]);
    expect(problems[0].message).toMatch(/miss runs/);
  });

  test('a minute step of 61 is accepted and warned about: it fires hourly', () => {
    const problems = all(cronJob({ schedule: '*/61 * * * *' }));
    expect(problems.map((p) => [p.rule, p.severity])).toEqual([
      ['cronjob-step-beyond-range', 'warning'],
    ]);
    expect(problems[0].message).toMatch(/once an hour/);
  });

  test('TZ in the schedule is refused', () => {
    expect(lines(cronJob({ schedule: 'CRON_TZ=UTC 0 2 * * *' }))).toEqual([
      ['cronjob-schedule', 'spec.schedule', 1],
    ]);
  });
});

describe('junk never throws', () => {
  const junk = fc.anything({
    withObjectString: true,
    withNullPrototype: true,
    key: fc.oneof(
      fc.string(),
      fc.constantFrom('toString', '__proto__', 'constructor', 'matchLabels'),
    ),
  });
  const jobFields = [
    'parallelism',
    'completions',
    'completionMode',
    'backoffLimit',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
    'activeDeadlineSeconds',
    'ttlSecondsAfterFinished',
    'selector',
    'manualSelector',
    'podFailurePolicy',
    'successPolicy',
    'managedBy',
    'podReplacementPolicy',
    'suspend',
  ];
  const cronFields = [
    'schedule',
    'timeZone',
    'concurrencyPolicy',
    'startingDeadlineSeconds',
    'successfulJobsHistoryLimit',
    'failedJobsHistoryLimit',
    'suspend',
  ];
  test('in every Job and CronJob field', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...jobFields), junk),
        fc.dictionary(fc.constantFrom(...cronFields), junk),
        junk,
        (jobSpec, cronSpec, labels) => {
          expect(() => validateManifest(job(jobSpec, { labels }))).not.toThrow();
          expect(() => validateManifest(cronJob(cronSpec, jobSpec, { labels }))).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });
});
