/** Each object is rendered and validated once per synth, and again only when it changed. */
import {
  ApiObject,
  ApiObjectMetadataDefinition,
  App,
  Chart,
  JsonPatch,
  Lazy,
  Testing,
} from 'cdk8s';
import * as validation from '../../src/validation/validate-manifest';
import { BatchJob, ScheduledJob } from '../../src';
import { RenderedApiObject } from '../../src/workloads/rendered-api-object';

function app() {
  const a = Testing.app();
  const chart = new Chart(a, 'c', { namespace: 'batch' });
  const job = new BatchJob(chart, 'job', { image: 'ghcr.io/acme/worker:1.0.0' });
  const cron = new ScheduledJob(chart, 'cron', {
    image: 'ghcr.io/acme/worker:1.0.0',
    schedule: '0 2 * * *',
  });
  return { app: a as App, chart, job, cron };
}

describe('render and validate once', () => {
  afterEach(() => jest.restoreAllMocks());

  test('synthYaml and Testing.synth render each object once and validate it once', () => {
    const render = jest.spyOn(ApiObject.prototype, 'toJson');
    const validate = jest.spyOn(validation, 'validateManifest');
    const { app: a, chart } = app();
    a.synthYaml();
    Testing.synth(chart);
    a.synthYaml();
    expect(render).toHaveBeenCalledTimes(2);
    expect(validate).toHaveBeenCalledTimes(2);
  });

  test.each<[string, (a: App, chart: Chart, objects: ApiObject[]) => void]>([
    ['synthYaml', (a) => a.synthYaml()],
    ['synth, to disk', (a) => a.synth()],
    ['Testing.synth', (_a, chart) => Testing.synth(chart)],
    [
      'toJson and validate first, then synthYaml',
      (a, _chart, objects) => {
        for (const o of objects) o.toJson();
        a.node.validate();
        for (const o of objects) o.node.scope?.node.validate();
        a.synthYaml();
      },
    ],
  ])(
    'in the order %s, each object renders (metadata included) and validates once per change, and every change is in the output',
    (_order, synthesize) => {
      const render = jest.spyOn(ApiObject.prototype, 'toJson');
      const metadata = jest.spyOn(ApiObjectMetadataDefinition.prototype, 'toJson');
      const validate = jest.spyOn(validation, 'validateManifest');
      const { app: a, chart, job, cron } = app();
      const objects = [job.apiObject, cron.apiObject];
      const counts = () => {
        const c = [render, metadata, validate].map((s) => s.mock.calls.length);
        for (const s of [render, metadata, validate]) s.mockClear();
        return c;
      };
      synthesize(a, chart, objects);
      a.synthYaml();
      // Rendered, its metadata rendered, validated: once per object, however often cdk8s asks.
      expect(counts()).toEqual([2, 2, 2]);

      job.apiObject.metadata.addLabel('team', 'ml');
      job.apiObject.metadata.addAnnotation('owner', 'ml-platform');
      cron.apiObject.addJsonPatch(JsonPatch.add('/spec/suspend', true));
      synthesize(a, chart, objects);
      a.synthYaml();
      expect(counts()).toEqual([2, 2, 2]);
      const [batchJob, cronJob] = Testing.synth(chart);
      expect(batchJob.metadata.labels.team).toBe('ml');
      expect(batchJob.metadata.annotations.owner).toBe('ml-platform');
      expect(cronJob.spec.suspend).toBe(true);

      // A change to one object renders that one again, not the other.
      cron.apiObject.metadata.addFinalizers('example.com/keep');
      expect(a.synthYaml()).toContain('example.com/keep');
      expect(counts()).toEqual([1, 1, 1]);
    },
  );

  test('a Lazy metadata value is rendered again when it changes', () => {
    const { chart, job } = app();
    let owner = 'a';
    job.apiObject.metadata.addLabel(
      'owner',
      Lazy.any({ produce: () => owner }) as unknown as string,
    );
    expect(Testing.synth(chart)[0].metadata.labels.owner).toBe('a');
    owner = 'b';
    expect(Testing.synth(chart)[0].metadata.labels.owner).toBe('b');
  });

  test('a Lazy metadata value given at construction is rendered again when it changes', () => {
    const chart = new Chart(Testing.app(), 'c');
    let team = 'a';
    new RenderedApiObject(chart, 'cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { labels: { team: Lazy.any({ produce: () => team }) as unknown as string } },
    });
    expect(Testing.synth(chart)[0].metadata.labels.team).toBe('a');
    team = 'b';
    expect(Testing.synth(chart)[0].metadata.labels.team).toBe('b');
  });

  test('a JSON patch after a synth is rendered and validated', () => {
    const { chart, job } = app();
    expect(Testing.synth(chart)[0].spec.template.spec.restartPolicy).toBe('Never');
    job.apiObject.addJsonPatch(JsonPatch.replace('/spec/template/spec/restartPolicy', 'Always'));
    expect(job.problems().map((p) => p.field)).toContain('spec.template.spec.restartPolicy');
    expect(() => Testing.synth(chart)).toThrow(/restartPolicy/);
  });

  test('a label added after a synth is in the next one', () => {
    const { chart, cron } = app();
    Testing.synth(chart);
    cron.apiObject.metadata.addLabel('team', 'ml');
    const synthesized = Testing.synth(chart).find((o) => o.kind === 'CronJob');
    expect(synthesized.metadata.labels).toMatchObject({ team: 'ml' });
  });

  test('a metadata method this library does not know (a newer cdk8s) makes it compare by value', () => {
    const proto = ApiObjectMetadataDefinition.prototype as unknown as Record<string, unknown>;
    proto.removeLabel = function (this: { labels: Record<string, string> }, key: string) {
      delete this.labels[key];
    };
    try {
      const { chart, job } = app();
      job.apiObject.metadata.addLabel('team', 'ml');
      expect(Testing.synth(chart)[0].metadata.labels).toMatchObject({ team: 'ml' });
      (job.apiObject.metadata as unknown as { removeLabel(k: string): void }).removeLabel('team');
      expect(Testing.synth(chart)[0].metadata.labels.team).toBeUndefined();
    } finally {
      delete proto.removeLabel;
    }
  });

  test('changing a rendered manifest in place is refused loudly, not carried silently into the next synth', () => {
    const { chart } = app();
    const [job] = Testing.synth(chart);
    expect(() => {
      job.spec.backoffLimit = 99;
    }).toThrow(TypeError);
  });
});
