import { Chart } from 'cdk8s';
import { IndexedJob, ScheduledJob } from '../../src';
import { ContractError, completionIndex, currentShard, Env } from '../../src/runtime';
import { errorsOf, newChart, synthValid } from '../support/harness';

/** The env a pod of `job` gets for `index`: literal values, plus the index fieldRef resolved. */
function podEnv(container: any, index: number): Env {
  const env: Record<string, string> = {};
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (
      e.valueFrom?.fieldRef?.fieldPath ===
      "metadata.annotations['batch.kubernetes.io/job-completion-index']"
    ) {
      env[e.name] = String(index);
    }
  }
  return env;
}

function coverage(chart: Chart, jobSpec: (o: any) => any): number[] {
  const [object] = synthValid(chart);
  const spec = jobSpec(object);
  const covered: number[] = [];
  for (let index = 0; index < spec.completions; index++) {
    for (const container of spec.template.spec.containers) {
      const s = currentShard(podEnv(container, index));
      expect(s.index).toBe(index);
      if (container === spec.template.spec.containers[0]) {
        for (let item = s.start; item < s.end; item++) covered.push(item);
      }
    }
  }
  return covered;
}

describe('the env contract between IndexedJob and currentShard', () => {
  test.each([
    [1000, 100],
    [1003, 7],
    [5, 8],
    [0, 3],
  ])('%i items over %i indexes: the pods together cover every item exactly once', (total, n) => {
    const chart = newChart();
    new IndexedJob(chart, 'ingest', {
      image: 'ghcr.io/acme/ingest:2.0.0',
      completions: n,
      parallelism: Math.min(n, 10),
      totalItems: total,
    });
    expect(coverage(chart, (o) => o.spec)).toEqual([...Array(total).keys()]);
  });

  test('an indexed ScheduledJob injects the same contract', () => {
    const chart = newChart();
    new ScheduledJob(chart, 'nightly', {
      schedule: '0 2 * * *',
      completionMode: 'Indexed',
      completions: 4,
      totalItems: 10,
      containers: [
        { name: 'worker', image: 'ghcr.io/acme/ingest:2.0.0' },
        { name: 'sidecar', image: 'ghcr.io/acme/sidecar:1.0.0' },
      ],
    });
    expect(coverage(chart, (o) => o.spec.jobTemplate.spec)).toEqual([...Array(10).keys()]);
  });

  test('without totalItems, the index and completions are there but currentShard names the gap', () => {
    const chart = newChart();
    new IndexedJob(chart, 'ingest', { image: 'ghcr.io/acme/ingest:2.0.0', completions: 3 });
    const [job] = synthValid(chart);
    const env = podEnv(job.spec.template.spec.containers[0], 2);
    expect(completionIndex(env)).toBe(2);
    expect(() => currentShard(env)).toThrow(ContractError);
    expect(() => currentShard(env)).toThrow(/BATCH_TOTAL_ITEMS is not set: .*totalItems/);
  });

  test.each([-1, 1.5, Number.NaN])('totalItems %p is reported, not synthesized', (totalItems) => {
    const problems = errorsOf((chart) => {
      new IndexedJob(chart, 'ingest', {
        image: 'ghcr.io/acme/ingest:2.0.0',
        completions: 3,
        totalItems,
      });
    });
    expect(problems).toEqual([expect.objectContaining({ field: 'totalItems' })]);
  });

  test('totalItems on a non-indexed ScheduledJob is reported', () => {
    const problems = errorsOf((chart) => {
      new ScheduledJob(chart, 'nightly', {
        image: 'ghcr.io/acme/ingest:2.0.0',
        schedule: '0 2 * * *',
        totalItems: 10,
      });
    });
    expect(problems).toEqual([
      expect.objectContaining({ field: 'totalItems', fix: expect.stringContaining('Indexed') }),
    ]);
  });
});
