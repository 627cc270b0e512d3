import fc from 'fast-check';
import { parse } from 'yaml';
import { BatchJob } from '../../src';
import { newChart, ownEnv } from '../support/harness';

// Strings that a YAML 1.1 reader (the API server's, kubectl's, many CI tools') would turn into
// booleans, numbers or null if they were written unquoted.
const TRICKY = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'False',
  'NULL',
  '~',
  '0777',
  '0x1F',
  '1e3',
  '1_000',
  '12:30',
  '.inf',
  '-.NaN',
  '0b101',
  '+12',
  '2026-11-22',
  '',
];

describe('string values survive a YAML 1.1 round trip', () => {
  test('env values, labels and args stay strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 12 })), (value) => {
        const chart = newChart();
        new BatchJob(chart, 'job', {
          image: 'busybox:1.36',
          args: [value],
          env: { VALUE: value },
          podMetadata: { annotations: { 'acme.io/value': value } },
        });
        const yaml = (chart.node.root as any).synthYaml() as string;
        const job = parse(yaml, { version: '1.1' });
        const container = job.spec.template.spec.containers[0];
        expect(ownEnv(container.env)).toEqual([{ name: 'VALUE', value }]);
        expect(container.args).toEqual([value]);
        expect(job.spec.template.metadata.annotations['acme.io/value']).toBe(value);
      }),
      { numRuns: 150 },
    );
  });
});
