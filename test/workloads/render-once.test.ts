/** Each object is rendered and validated once per synth, and again only when it changed. */
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as validation from '../../src/validation/validate-manifest';
import { BatchJob, ScheduledJob } from '../../src';

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

  test('changing a rendered manifest in place is refused loudly, not carried silently into the next synth', () => {
    const { chart } = app();
    const [job] = Testing.synth(chart);
    expect(() => {
      job.spec.backoffLimit = 99;
    }).toThrow(TypeError);
  });
});
