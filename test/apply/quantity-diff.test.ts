/**
 * diff compares quantities as the API server stores them: `cpu: 0.5` reads back as `500m`,
 * `memory: 1024Mi` as `1Gi`, a resource list rounded up to milli units. That is no change; a
 * different amount, or the same text in a field that is not a quantity, still is.
 */
import { objectChanges } from '../../src/apply/diff';
import type { KubeObject } from '../../src/apply/kube-object';

function job(resources: object, env: string, sizeLimit: string | number): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', namespace: 'n' },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'm', image: 'busybox:1.36', resources, env: [{ name: 'X', value: env }] },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit } }],
        },
      },
    },
  } as KubeObject;
}

test.each([
  [{ requests: { cpu: 0.5, memory: '1024Mi' } }, { requests: { cpu: '500m', memory: '1Gi' } }],
  [
    { limits: { cpu: '0.0001', 'nvidia.com/gpu': 1 } },
    { limits: { cpu: '1m', 'nvidia.com/gpu': '1' } },
  ],
  [{ requests: { memory: '1e3' } }, { requests: { memory: '1k' } }],
])('%j read back as %j is no change', (written, stored) => {
  expect(objectChanges(job(stored, 'a', '1Gi'), job(written, 'a', '1024Mi'))).toEqual([]);
});

test('a different amount is a change', () => {
  expect(
    objectChanges(
      job({ requests: { cpu: '250m' } }, 'a', '1Gi'),
      job({ requests: { cpu: 0.5 } }, 'a', '1Gi'),
    ),
  ).toEqual(['spec.template.spec.containers[0].resources.requests.cpu: "250m" → 0.5']);
});

test('the same amount in a field that is not a quantity is a change', () => {
  expect(objectChanges(job({}, '500m', '1Gi'), job({}, '0.5', '1Gi'))).toEqual([
    'spec.template.spec.containers[0].env[0].value: "500m" → "0.5"',
  ]);
});
