/**
 * The resource rules' messages: container requests and limits, pod-level resources, resource
 * claims and the served-field rule for the pod spec. Happy paths include the false alarms seen in
 * public manifests.
 */
import fc from 'fast-check';
import { validateManifest } from '../../src/validation/validate-manifest';
import { KubernetesVersion } from '../../src/validation/versions';

type Json = Record<string, any>;

const RULES = new Set([
  'pod-resources',
  'pod-level-resources',
  'pod-resource-claims',
  'container-resource-claims',
  'pod-field-served',
]);

function job(container: Json, pod: Json = {}): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'train', namespace: 'ml' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'ghcr.io/acme/train:1.0', ...container }],
          ...pod,
        },
      },
    },
  };
}

/** `field: message` of the resource rules' findings. */
function findings(manifest: Json, targetVersion?: KubernetesVersion): string[] {
  return validateManifest(manifest, { targetVersion })
    .filter((p) => RULES.has(p.rule))
    .map((p) => `${p.field}: ${p.message}`);
}

const C = 'spec.template.spec.containers[0].resources';
const P = 'spec.template.spec.resources';

describe('container requests and limits', () => {
  test.each([
    ['surrounding spaces', { requests: { cpu: ' 250m ' }, limits: { cpu: '1 ' } }],
    ['-0', { requests: { memory: '-0' } }],
    [
      'limits that round up at milli scale',
      { requests: { cpu: '1500u' }, limits: { cpu: '1200u' } },
    ],
    [
      'a native resource in a kubernetes.io domain',
      { requests: { 'example.kubernetes.io/widget': '0.5' } },
    ],
    ['only limits', { limits: { cpu: '2', memory: '4Gi', 'nvidia.com/gpu': 1 } }],
    ['numbers', { requests: { cpu: 0.5, memory: 1073741824 }, limits: { cpu: 1 } }],
    ['null values', { requests: { cpu: null }, limits: { cpu: '1' } }],
    ['hugepages with memory', { limits: { 'hugepages-2Mi': '100Mi', memory: '1Gi' } }],
    [
      'equal extended requests and limits',
      { requests: { 'nvidia.com/gpu': '2' }, limits: { 'nvidia.com/gpu': 2 } },
    ],
    ['a bare suffix, which apimachinery parses as 0', { requests: { memory: 'Mi' } }],
  ])('accepts %s', (_, resources) => {
    expect(findings(job({ resources }))).toEqual([]);
  });

  test('requests above limits', () => {
    expect(
      findings(job({ resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } })),
    ).toEqual([`${C}.requests.memory: must be less than or equal to the memory limit ("1Gi")`]);
  });

  test('negative quantities, also written as numbers', () => {
    expect(findings(job({ resources: { limits: { memory: -1 } } }))).toEqual([
      `${C}.limits.memory: must be greater than or equal to 0`,
    ]);
  });

  test('not a quantity; values of other JSON types are left to the decoding rule', () => {
    expect(findings(job({ resources: { limits: { memory: '1GB', cpu: true } } }))).toEqual([
      expect.stringMatching(/^spec.*limits\.memory: is not a Kubernetes quantity/),
    ]);
  });

  test('extended resources: whole units, a limit, and requests equal to limits', () => {
    expect(findings(job({ resources: { limits: { 'nvidia.com/gpu': 0.5 } } }))).toEqual([
      `${C}.limits.nvidia.com/gpu: must be an integer: nvidia.com/gpu is an extended resource, counted in whole units`,
    ]);
    expect(findings(job({ resources: { requests: { 'nvidia.com/gpu': '1' } } }))).toEqual([
      `${C}.requests.nvidia.com/gpu: nvidia.com/gpu cannot be overcommitted: a request needs a limit of the same value`,
    ]);
    expect(
      findings(
        job({
          resources: { requests: { 'example.com/a': '2' }, limits: { 'example.com/a': '1' } },
        }),
      ),
    ).toEqual([
      `${C}.requests.example.com/a: must be equal to the example.com/a limit ("1"): example.com/a cannot be overcommitted`,
    ]);
  });

  test('resource names', () => {
    expect(findings(job({ resources: { limits: { disk: '10G' } } }))).toEqual([
      expect.stringMatching(/limits\.disk: must be a standard resource for containers/),
    ]);
    expect(findings(job({ resources: { limits: { 'a/b/c': '1' } } }))).toEqual([
      expect.stringMatching(/limits\.a\/b\/c: is not a valid resource name/),
    ]);
  });

  test('hugepages: multiples of the page size, with cpu or memory', () => {
    expect(
      findings(job({ resources: { limits: { 'hugepages-2Mi': '3Mi', memory: '1Gi' } } })),
    ).toEqual([
      `${C}.limits.hugepages-2Mi: must be a positive integer multiple of the page size 2Mi`,
    ]);
    expect(findings(job({ resources: { limits: { 'hugepages-1Gi': '2Gi' } } }))).toEqual([
      `${C}: requests hugepages without cpu or memory: hugepages need a cpu or memory request or limit`,
    ]);
  });

  test('init containers are checked too', () => {
    const m = job(
      {},
      {
        initContainers: [{ name: 'init', image: 'r/i:1', resources: { requests: { cpu: '-1' } } }],
      },
    );
    expect(findings(m)).toEqual([
      'spec.template.spec.initContainers[0].resources.requests.cpu: must be greater than or equal to 0',
    ]);
  });
});

describe('pod-level resources', () => {
  test('accepted when requests cover the containers and limits bound them', () => {
    const m = job(
      {
        resources: {
          requests: { cpu: '500m', memory: '1Gi' },
          limits: { cpu: '1', memory: '2Gi' },
        },
      },
      { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } } },
    );
    expect(findings(m)).toEqual([]);
  });

  test('container requests are summed, sidecars included', () => {
    const m = job(
      { resources: { requests: { cpu: '1' } } },
      {
        initContainers: [
          {
            name: 'proxy',
            image: 'r/p:1',
            restartPolicy: 'Always',
            resources: { requests: { cpu: '500m' } },
          },
        ],
        resources: { requests: { cpu: '1' } },
      },
    );
    expect(findings(m)).toEqual([
      `${P}.requests.cpu: must be at least the containers' total cpu request (1.5)`,
    ]);
  });

  test('a missing pod-level request counts as zero in a template', () => {
    const m = job(
      { resources: { requests: { memory: '1Gi' } } },
      { resources: { limits: { memory: '4Gi' } } },
    );
    expect(findings(m)).toEqual([
      expect.stringMatching(/^spec.*resources\.requests\.memory: is missing/),
    ]);
  });

  test('container limits above the pod limit', () => {
    const m = job({ resources: { limits: { cpu: '4' } } }, { resources: { limits: { cpu: '2' } } });
    expect(findings(m)).toEqual([
      `${C}.limits.cpu: must be less than or equal to the pod-level cpu limit ("2")`,
    ]);
  });

  test('only cpu, memory and hugepages; no claims', () => {
    const m = job(
      {},
      { resources: { limits: { 'nvidia.com/gpu': '1' }, claims: [{ name: 'gpu' }] } },
    );
    expect(findings(m)).toEqual([
      `${P}.claims: must not be set in pod-level resources`,
      `${P}.limits.nvidia.com/gpu: is not supported in pod-level resources: use cpu, memory or hugepages-<size>`,
    ]);
  });

  test('before 1.34 the API server drops them (family 2)', () => {
    const m = job({}, { resources: { limits: { cpu: '2' } } });
    expect(findings(m, '1.33')).toEqual([
      `${P}: is served from Kubernetes 1.34 (feature PodLevelResources); the API server of 1.33 drops it`,
    ]);
  });
});

describe('resource claims', () => {
  const claims = [{ name: 'gpu', resourceClaimTemplateName: 'single-gpu' }];

  test('a container using a claim of the pod is accepted', () => {
    expect(
      findings(job({ resources: { claims: [{ name: 'gpu' }] } }, { resourceClaims: claims })),
    ).toEqual([]);
  });

  test('distinct requests of one claim are accepted, the whole claim after one of them is not', () => {
    const two = [
      { name: 'gpu', request: 'a' },
      { name: 'gpu', request: 'b' },
    ];
    expect(findings(job({ resources: { claims: two } }, { resourceClaims: claims }))).toEqual([]);
    const overlap = [{ name: 'gpu', request: 'a' }, { name: 'gpu' }];
    expect(findings(job({ resources: { claims: overlap } }, { resourceClaims: claims }))).toEqual([
      `${C}.claims[1]: uses all of claim gpu after using one of its requests`,
    ]);
  });

  test('unknown claims, duplicates and missing names', () => {
    expect(
      findings(
        job({ resources: { claims: [{ name: 'tpu' }, { name: '' }] } }, { resourceClaims: claims }),
      ),
    ).toEqual([
      `${C}.claims[0].name: must be one of the names in spec.resourceClaims: gpu`,
      `${C}.claims[1].name: is required`,
    ]);
  });

  test('pod resourceClaims: names, exactly one source, object names', () => {
    const m = job(
      {},
      {
        resourceClaims: [
          { name: 'gpu', resourceClaimTemplateName: 'single-gpu' },
          { name: 'gpu', resourceClaimName: 'x', resourceClaimTemplateName: 'y' },
          { name: 'Bad_Name', source: { resourceClaimTemplateName: 'old' } },
          { name: 'ok', resourceClaimName: 'Not.Valid' },
        ],
      },
    );
    expect(findings(m)).toEqual([
      'spec.template.spec.resourceClaims[1].name: is used by another resource claim of the pod',
      'spec.template.spec.resourceClaims[1]: sets both resourceClaimName and resourceClaimTemplateName: set only one',
      expect.stringMatching(/resourceClaims\[2\]\.name: must be a DNS-1123 label/),
      'spec.template.spec.resourceClaims[2]: must set resourceClaimName or resourceClaimTemplateName',
      expect.stringMatching(/resourceClaims\[3\]\.resourceClaimName: must be a DNS-1123 subdomain/),
    ]);
  });

  test('before 1.34 the API server drops them (family 2)', () => {
    const m = job({ resources: { claims: [{ name: 'gpu' }] } }, { resourceClaims: claims });
    expect(findings(m, '1.33')).toEqual([
      'spec.template.spec.resourceClaims: is served from Kubernetes 1.34 (feature DynamicResourceAllocation); the API server of 1.33 drops it',
      `${C}.claims: is served from Kubernetes 1.34 (feature DynamicResourceAllocation); the API server of 1.33 drops it`,
    ]);
  });
});

test('random junk in resources and claims never throws', () => {
  const junk = fc.oneof(fc.jsonValue(), fc.constantFrom('__proto__', 'constructor', 'toString'));
  const list = fc.dictionary(
    fc.oneof(
      fc.string(),
      fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu', 'hugepages-2Mi', '__proto__'),
    ),
    junk,
  );
  fc.assert(
    fc.property(
      list,
      list,
      junk,
      junk,
      junk,
      junk,
      (requests, limits, claims, podResources, podClaims, init) => {
        const m = job(
          { resources: { requests, limits, claims } },
          {
            resources: podResources,
            resourceClaims: podClaims,
            initContainers: [{ name: 'i', resources: init }],
          },
        );
        findings(m);
        findings(m, '1.30');
      },
    ),
  );
});
