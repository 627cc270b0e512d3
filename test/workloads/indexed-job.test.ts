import { IndexedJob, PodFailure } from '../../src';
import { errorsOf, newChart, ownEnv, problemsOf, synthValid } from '../support/harness';

describe('IndexedJob', () => {
  test('Indexed mode with the env contract for cdk8s-batch/runtime', () => {
    const chart = newChart();
    new IndexedJob(chart, 'summarize', {
      image: 'ghcr.io/acme/summarizer:1.0.0',
      completions: 100,
      parallelism: 10,
    });
    const [job] = synthValid(chart);
    expect(job).toMatchSnapshot();
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 100,
      parallelism: 10,
    });
    expect(ownEnv(job.spec.template.spec.containers[0].env)).toEqual([
      {
        name: 'JOB_COMPLETION_INDEX',
        valueFrom: {
          fieldRef: {
            fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
          },
        },
      },
      { name: 'JOB_COMPLETIONS', value: '100' },
    ]);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('per-index retries with a pod failure policy that ignores disruptions', () => {
    const chart = newChart();
    new IndexedJob(chart, 'ingest', {
      image: 'ghcr.io/acme/ingest:2.0.0',
      completions: 50,
      parallelism: 5,
      backoffLimitPerIndex: 2,
      maxFailedIndexes: 5,
      podFailurePolicy: {
        rules: [PodFailure.ignoreDisruptions(), PodFailure.failIndexOnExitCodes([3])],
      },
      successPolicy: { rules: [{ succeededIndexes: '0-9', succeededCount: 5 }] },
      env: { EXTRA: 'x' },
    });
    const [job] = synthValid(chart);
    expect(job.spec).toMatchObject({ backoffLimitPerIndex: 2, maxFailedIndexes: 5 });
    expect(job.spec.successPolicy).toEqual({
      rules: [{ succeededIndexes: '0-9', succeededCount: 5 }],
    });
    expect(ownEnv(job.spec.template.spec.containers[0].env).map((e) => e.name)).toEqual([
      'JOB_COMPLETION_INDEX',
      'JOB_COMPLETIONS',
      'EXTRA',
    ]);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('every container of a multi-container pod gets the contract', () => {
    const chart = newChart();
    new IndexedJob(chart, 'multi', {
      completions: 3,
      containers: [
        { name: 'a', image: 'busybox:1.36' },
        { name: 'b', image: 'busybox:1.36' },
      ],
    });
    const [job] = synthValid(chart);
    for (const c of job.spec.template.spec.containers) {
      expect(ownEnv(c.env).map((e) => e.name)).toEqual(['JOB_COMPLETION_INDEX', 'JOB_COMPLETIONS']);
    }
  });

  test('generated names leave room for the index in the pod hostname', () => {
    const chart = newChart('a-chart-with-a-long-name');
    const job = new IndexedJob(chart, 'a-construct-id-that-is-long-enough-to-need-shortening', {
      image: 'busybox:1.36',
      completions: 100_000,
    });
    expect(`${job.name}-99999`.length).toBeLessThanOrEqual(63);
    expect(problemsOf(chart)).toEqual([]);
  });

  test('an explicit name too long for the hostname is reported with the room left', () => {
    const errors = errorsOf((chart) => {
      new IndexedJob(chart, 'x', {
        metadata: { name: 'n'.repeat(60) },
        image: 'busybox:1.36',
        completions: 1000,
      });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'indexed-job-hostname',
        field: 'metadata.name',
        fix: 'shorten the name to at most 59 characters',
      }),
    ]);
  });

  test('FailIndex without backoffLimitPerIndex is reported on the rule action', () => {
    const errors = errorsOf((chart) => {
      new IndexedJob(chart, 'x', {
        image: 'busybox:1.36',
        completions: 4,
        podFailurePolicy: { rules: [PodFailure.failIndexOnExitCodes([3])] },
      });
    });
    expect(errors.map((e) => e.field)).toEqual(['spec.podFailurePolicy.rules[0].action']);
  });
});
