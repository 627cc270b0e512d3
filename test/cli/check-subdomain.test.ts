/** An Indexed Job whose pods talk to each other needs its headless Service in the input. */
import { Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { run } from '../../src/cli/main';
import { BatchValidation, DistributedTrainingJob } from '../../src';
import { newChart } from '../support/harness';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** A manifest file holding the objects, as `cdk8s synth` writes one for the plugin. */
function synthesized(objects: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'plugin-')), 'app.k8s.yaml');
  writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  return file;
}

const job = (namespace = 'ml', subdomain = 'workers', labels?: Record<string, string>) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'train', namespace },
  spec: {
    completionMode: 'Indexed',
    completions: 2,
    parallelism: 2,
    template: {
      ...(labels ? { metadata: { labels } } : {}),
      spec: {
        subdomain,
        restartPolicy: 'Never',
        containers: [{ name: 'main', image: 'ghcr.io/acme/train:1.0.0' }],
      },
    },
  },
});

const service = (
  spec: Record<string, unknown> = {
    clusterIP: 'None',
    selector: { 'batch.kubernetes.io/job-name': 'train' },
  },
  namespace = 'ml',
) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'workers', namespace }, spec });

async function check(...objects: object[]) {
  const out: string[] = [];
  const code = await run(['check', '-'], {
    out: (l) => out.push(l),
    err: () => undefined,
    stdin: () => objects.map((o) => stringify(o)).join('---\n'),
  });
  return { code, out };
}

describe('subdomain-service', () => {
  test('a headless Service selecting the Job, before or after it: nothing to say', async () => {
    expect((await check(job(), service())).out).toEqual([]);
    expect((await check(service(), job())).out).toEqual([]);
  });

  test('a selector on a template label works too', async () => {
    const r = await check(
      job('ml', 'workers', { app: 'train' }),
      service({ clusterIP: 'None', selector: { app: 'train' } }),
    );
    expect(r.out).toEqual([]);
  });

  test.each([
    ['no Service', [job()], /names no headless Service of the input in namespace ml/],
    [
      'a Service in another namespace',
      [job(), service(undefined, 'other')],
      /names no headless Service of the input in namespace ml/,
    ],
    [
      'a Service that is not headless',
      [job(), service({ selector: { 'batch.kubernetes.io/job-name': 'train' } })],
      /which is not headless/,
    ],
    [
      'a Service that selects other pods',
      [job(), service({ clusterIP: 'None', selector: { app: 'other' } })],
      /does not select this Job's pods/,
    ],
  ])('%s: one warning on the subdomain, exit 0', async (_name, objects, message) => {
    const r = await check(...objects);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/spec\.template\.spec\.subdomain: "workers": /);
    expect(r.out[0]).toMatch(message);
    expect(r.out[0]).toMatch(/\[subdomain-service\] \(warning\)$/);
  });

  test('a NonIndexed Job with a subdomain is not this pattern', async () => {
    const plain = job();
    plain.spec.completionMode = 'NonIndexed';
    expect((await check(plain)).out).toEqual([]);
  });

  test('DistributedTrainingJob synthesizes both halves: check and the plugin say nothing', async () => {
    const chart = newChart();
    new DistributedTrainingJob(chart, 'finetune', {
      image: 'ghcr.io/acme/train:1.0.0',
      nodes: 4,
      gpusPerNode: 8,
    });
    const objects = Testing.synth(chart);
    expect((await check(...objects)).out).toEqual([]);
    const violations: unknown[] = [];
    await new BatchValidation().validate({
      manifests: [synthesized(objects)],
      report: { addViolation: (v) => violations.push(v), submit: () => undefined },
    });
    expect(violations).toEqual([]);
    const jobOnly = objects.filter((o) => o.kind === 'Job');
    await new BatchValidation().validate({
      manifests: [synthesized(jobOnly)],
      report: { addViolation: (v) => violations.push(v), submit: () => undefined },
    });
    expect(violations).toHaveLength(1);
  });
});
