/** The metadata rules: messages, paths and families, and junk that never throws. */
import fc from 'fast-check';
import { validateManifest } from '../../src/validation/validate-manifest';
import { Problem } from '../../src/validation/problem';

type M = Record<string, any>;

function job(metadata: M = {}, podMetadata?: M): M {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'ingest', namespace: 'ai', ...metadata },
    spec: {
      template: {
        ...(podMetadata ? { metadata: podMetadata } : {}),
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}

function cronJob(metadata: M = {}, jobTemplateMetadata?: M): M {
  const j = job();
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', ...metadata },
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: {
        ...(jobTemplateMetadata ? { metadata: jobTemplateMetadata } : {}),
        spec: j.spec,
      },
    },
  };
}

const errors = (m: M): Problem[] =>
  validateManifest(m, { allow: ['image-tag'] }).filter((p) => p.severity === 'error');
const lines = (m: M) => errors(m).map((p) => [p.rule, p.field, p.family]);

describe('names', () => {
  test('generateName without name is fine, and so is an empty namespace', () => {
    expect(errors(job({ name: undefined, generateName: 'sample-job-', namespace: '' }))).toEqual(
      [],
    );
  });

  test('neither name nor generateName', () => {
    const [p] = errors(job({ name: undefined }));
    expect(p).toMatchObject({ rule: 'object-name', field: 'metadata.name' });
    expect(p.message).toMatch(/name or generateName/);
  });

  test('a generateName that is no valid prefix', () => {
    expect(lines(job({ name: undefined, generateName: 'Sample-' }))).toEqual([
      ['object-name', 'metadata.generateName', 1],
    ]);
  });

  test('a long CronJob generateName gives names over 52 characters', () => {
    expect(lines(cronJob({ name: undefined, generateName: 'a'.repeat(48) }))).toEqual([
      ['cronjob-name-length', 'metadata.generateName', 1],
    ]);
  });

  test('a Job name over 63 characters is refused, unless the selector is manual', () => {
    expect(lines(job({ name: 'a'.repeat(64) }))).toEqual([['job-name-length', 'metadata.name', 1]]);
    const manual = job({ name: 'a'.repeat(64) }, { labels: { a: 'b' } });
    manual.spec.manualSelector = true;
    manual.spec.selector = { matchLabels: { a: 'b' } };
    expect(errors(manual)).toEqual([]);
  });

  test('a dotted name is accepted with a warning', () => {
    const problems = validateManifest(job({ name: 'ingest.v2' }));
    expect(problems.map((p) => [p.rule, p.severity])).toContainEqual([
      'object-name-dns-label',
      'warning',
    ]);
  });
});

describe('labels and annotations', () => {
  test('one line per bad label, naming the key', () => {
    const [p] = errors(job({ labels: { team: 'a b' } }));
    expect(p).toMatchObject({ rule: 'labels', field: 'metadata.labels.team', value: 'a b' });
  });

  test('annotation keys may use upper case; values of any length up to the total', () => {
    expect(errors(job({ annotations: { 'Example.COM/Owner': 'x'.repeat(1000) } }))).toEqual([]);
  });

  test('job template metadata is family 2: the CronJob is accepted, its Jobs are not', () => {
    const [p] = errors(cronJob({}, { labels: { 'bad key': 'x' } }));
    expect(p).toMatchObject({ rule: 'job-template-metadata', family: 2 });
    expect(p.message).toMatch(/refuses every Job/);
  });

  test('pod template labels of a CronJob are family 1', () => {
    const m = cronJob();
    m.spec.jobTemplate.spec.template.metadata = { labels: { app: 'x'.repeat(64) } };
    expect(lines(m)).toEqual([['labels', 'spec.jobTemplate.spec.template.metadata.labels.app', 1]]);
  });

  test('wrong JSON types are left to the decoding rule', () => {
    const m = job({ labels: { n: 5 }, annotations: { n: true }, finalizers: [3] });
    expect(errors(m).filter((p) => p.rule !== 'json-type')).toEqual([]);
  });
});

describe('finalizers and ownerReferences', () => {
  test('standard and qualified finalizers pass; a bare name does not', () => {
    expect(errors(job({ finalizers: ['orphan', 'example.com/x'] }))).toEqual([]);
    expect(lines(job({ finalizers: ['cleanup'] }))).toEqual([
      ['finalizers', 'metadata.finalizers[0]', 1],
    ]);
  });

  test('two controllers', () => {
    const ref = (uid: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      name: 'p',
      uid,
      controller: true,
    });
    expect(lines(job({ ownerReferences: [ref('1'), ref('2')] }))).toEqual([
      ['owner-references', 'metadata.ownerReferences[1].controller', 1],
    ]);
  });
});

describe('pod template annotations', () => {
  test('a deletion cost must be a 32-bit integer', () => {
    const key = 'controller.kubernetes.io/pod-deletion-cost';
    expect(errors(job({}, { annotations: { [key]: '-5' } }))).toEqual([]);
    expect(lines(job({}, { annotations: { [key]: '007' } }))).toEqual([
      ['pod-template-annotations', `spec.template.metadata.annotations.${key}`, 1],
    ]);
  });
});

describe('junk never throws', () => {
  const junk = fc.anything({
    withObjectString: true,
    withNullPrototype: true,
    key: fc.oneof(fc.string(), fc.constantFrom('toString', '__proto__', 'constructor', 'valueOf')),
  });
  test('in every metadata field', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: junk,
          generateName: junk,
          namespace: junk,
          labels: junk,
          annotations: junk,
          finalizers: junk,
          ownerReferences: junk,
        }),
        junk,
        junk,
        (metadata, podMetadata, templateMetadata) => {
          expect(() => validateManifest(job(metadata, podMetadata as M))).not.toThrow();
          expect(() => validateManifest(cronJob(metadata, templateMetadata as M))).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
