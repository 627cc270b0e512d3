/**
 * Resources, quantities and resource claims, as manifests. From pkg/apis/core/validation/
 * validation_test.go (TestValidateContainers, TestValidatePod, TestValidateResourceRequirements)
 * and apimachinery's quantity_test.go (TestQuantityParse, here as a memory or cpu value; the
 * API server refuses the object when a quantity does not decode). Cases named after a function
 * rather than a test (validatePodResourceClaim, validateResourceClaimNames,
 * validatePodResourceConsistency, Quantity.UnmarshalJSON, SetDefaults_ResourceList) transcribe
 * the branches of that upstream function, whose test tables were not at hand.
 *
 * Field paths: upstream reports requests > limits at `resources.requests` and a missing limit of
 * a non-overcommittable resource at `resources.limits`; the library names the entry, so those
 * cases name `resources` or `resources.requests`.
 */
import { UpstreamCase } from './case';

const C0 = 'spec.template.spec.containers[0].resources';
const I0 = 'spec.template.spec.initContainers[0].resources';
const POD = 'spec.template.spec.resources';
const CLAIMS = 'spec.template.spec.resourceClaims';

const TC = 'TestValidateContainers';
const TP = 'TestValidatePod';
const RR = 'TestValidateResourceRequirements';
const QP = 'TestQuantityParse';

/** getResources(cpu, memory, "", "") of the upstream tests. */
const res = (cpu: string, memory: string) => ({ cpu, memory });

const accept = (from: string, c: Partial<UpstreamCase>): UpstreamCase => ({
  from,
  verdict: 'accept',
  ...c,
});
const reject = (from: string, field: string, c: Partial<UpstreamCase>): UpstreamCase => ({
  from,
  verdict: 'reject',
  field,
  ...c,
});
const resources = (r: object) => ({ container: { resources: r } });
const init = (r: object) => ({
  pod: { initContainers: [{ name: 'invalid', image: 'registry.example/init:1.0', resources: r }] },
});
const podLevel = (r: object, container: object = {}) => ({
  pod: { resources: r },
  container: { resources: container },
});
const claim = (name: string, extra: object = {}) => ({ name, ...extra });
const withClaims = (podClaims: object[], containerClaims: object[]) => ({
  pod: { resourceClaims: podClaims },
  container: { resources: { claims: containerClaims } },
});
const gpuClaim = [claim('gpu', { resourceClaimTemplateName: 'single-gpu' })];

export const cases: UpstreamCase[] = [
  // TestValidateContainers successCase
  accept(
    `${TC}/resources-test`,
    resources({ limits: { cpu: '10', memory: '10G', 'my.org/resource': '10' } }),
  ),
  accept(
    `${TC}/resources-test-with-request-and-limit`,
    resources({ requests: { cpu: '10', memory: '10G' }, limits: { cpu: '10', memory: '10G' } }),
  ),
  accept(
    `${TC}/resources-request-limit-simple`,
    resources({ requests: { cpu: '8' }, limits: { cpu: '10' } }),
  ),
  accept(
    `${TC}/resources-request-limit-edge`,
    resources({
      requests: { cpu: '10', memory: '10G', 'my.org/resource': '10' },
      limits: { cpu: '10', memory: '10G', 'my.org/resource': '10' },
    }),
  ),
  accept(
    `${TC}/resources-request-limit-partials`,
    resources({
      requests: { cpu: '9.5', memory: '10G' },
      limits: { cpu: '10', 'my.org/resource': '10' },
    }),
  ),
  accept(`${TC}/resources-request`, resources({ requests: { cpu: '9.5', memory: '10G' } })),
  // TestValidateContainers errorCases
  reject(
    `${TC}/invalid compute resource`,
    `${C0}.limits.disk`,
    resources({ limits: { disk: '10G' } }),
  ),
  reject(`${TC}/Resource CPU invalid`, `${C0}.limits.cpu`, resources({ limits: res('-10', '0') })),
  reject(
    `${TC}/Resource Requests CPU invalid`,
    `${C0}.requests.cpu`,
    resources({ requests: res('-10', '0') }),
  ),
  reject(
    `${TC}/Resource Memory invalid`,
    `${C0}.limits.memory`,
    resources({ limits: res('0', '-10') }),
  ),
  reject(
    `${TC}/Request limit simple invalid`,
    `${C0}.requests`,
    resources({ limits: res('5', '3'), requests: res('6', '3') }),
  ),
  reject(
    `${TC}/Invalid storage limit request`,
    `${C0}.limits.attachable-volumes-aws-ebs`,
    resources({ limits: { 'attachable-volumes-aws-ebs': '10' } }),
  ),
  reject(
    `${TC}/CPU request limit multiple invalid`,
    `${C0}.requests`,
    resources({ limits: res('5', '3'), requests: res('6', '3') }),
  ),
  reject(
    `${TC}/Memory request limit multiple invalid`,
    `${C0}.requests`,
    resources({ limits: res('5', '3'), requests: res('5', '4') }),
  ),
  // TestValidatePod
  accept(
    `${TP}/valid extended resources for init container`,
    init({ requests: { 'example.com/a': '10' }, limits: { 'example.com/a': '10' } }),
  ),
  accept(
    `${TP}/valid extended resources for regular container`,
    resources({ requests: { 'example.com/a': '10' }, limits: { 'example.com/a': '10' } }),
  ),
  reject(
    `${TP}/invalid extended resource name in container request`,
    C0,
    resources({ requests: { 'invalid-name': '2' }, limits: { 'invalid-name': '2' } }),
  ),
  reject(
    `${TP}/invalid extended resource requirement: request must be == limit`,
    `${C0}.requests`,
    resources({ requests: { 'example.com/a': '2' }, limits: { 'example.com/a': '1' } }),
  ),
  reject(
    `${TP}/invalid extended resource requirement without limit`,
    C0,
    resources({ requests: { 'example.com/a': '2' }, limits: {} }),
  ),
  reject(
    `${TP}/invalid fractional extended resource in container request`,
    `${C0}.requests.example.com/a`,
    resources({ requests: { 'example.com/a': '500m' }, limits: {} }),
  ),
  reject(
    `${TP}/invalid fractional extended resource in init container request`,
    `${I0}.requests.example.com/a`,
    init({ requests: { 'example.com/a': '500m' }, limits: {} }),
  ),
  reject(
    `${TP}/invalid fractional extended resource in container limit`,
    C0,
    resources({ requests: { 'example.com/a': '5' }, limits: { 'example.com/a': '2.5' } }),
  ),
  reject(
    `${TP}/invalid fractional extended resource in init container limit`,
    I0,
    init({ requests: { 'example.com/a': '2.5' }, limits: { 'example.com/a': '2.5' } }),
  ),
  // TestValidateResourceRequirements (ValidateContainerResourceRequirements)
  accept(
    `${RR}/limits and requests of hugepage resource are equal`,
    resources({
      limits: { cpu: '10', 'hugepages-2Mi': '2Mi' },
      requests: { cpu: '10', 'hugepages-2Mi': '2Mi' },
    }),
  ),
  accept(
    `${RR}/limits and requests of memory resource are equal`,
    resources({ limits: { memory: '2Mi' }, requests: { memory: '2Mi' } }),
  ),
  accept(
    `${RR}/limits and requests of cpu resource are equal`,
    resources({ limits: { cpu: '10' }, requests: { cpu: '10' } }),
  ),
  reject(
    `${RR}/hugepage resource without cpu or memory`,
    C0,
    resources({ limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } }),
  ),
  // TestValidateResourceRequirements (validatePodResourceRequirements), pod-level resources
  accept(
    `${RR}/limits and requests of memory resource are equal (pod)`,
    podLevel({ limits: { memory: '2Mi' }, requests: { memory: '2Mi' } }),
  ),
  accept(
    `${RR}/limits and requests of cpu resource are equal (pod)`,
    podLevel({ limits: { cpu: '10' }, requests: { cpu: '10' } }),
  ),
  reject(
    `${RR}/pod resource with hugepages`,
    POD,
    podLevel({ limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } }),
  ),
  reject(
    `${RR}/pod resource with ephemeral-storage`,
    POD,
    podLevel({
      limits: { 'ephemeral-storage': '2Mi' },
      requests: { 'ephemeral-storage2Mi': '2Mi' },
    }),
  ),
  reject(
    `${RR}/pod resource with unsupported prefixed resources`,
    POD,
    podLevel({ limits: { 'kubernetesio/cpu': '2' }, requests: { 'kubernetesio/memory': '2' } }),
  ),
  reject(
    `${RR}/pod resource with unsupported native resources`,
    POD,
    podLevel({
      limits: { [`kubernetes.io/${'a'.repeat(63)}`]: '2' },
      requests: { [`kubernetes.io/${'a'.repeat(63)}`]: '2' },
    }),
  ),
  reject(
    `${RR}/pod resource with unsupported empty native resource name`,
    POD,
    podLevel({ limits: { 'kubernetes.io/': '2' }, requests: { 'kubernetes.io': '2' } }),
  ),
  // validatePodResources / validatePodResourceConsistency
  accept(
    'validatePodResourceConsistency/pod requests cover the container requests',
    podLevel(
      { requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '4' } },
      { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2' } },
    ),
  ),
  reject(
    'validatePodResourceConsistency/pod requests below the aggregate container requests',
    `${POD}.requests.cpu`,
    podLevel({ requests: { cpu: '500m' } }, { requests: { cpu: '1' } }),
  ),
  reject(
    'validatePodResourceConsistency/container limit above the pod limit',
    `${C0}.limits.memory`,
    podLevel({ limits: { memory: '1Gi' } }, { limits: { memory: '2Gi' } }),
  ),
  reject('validatePodResources/claims at pod level', `${POD}.claims`, {
    pod: { resources: { claims: [{ name: 'gpu' }] }, resourceClaims: gpuClaim },
  }),
  reject('dropDisabledPodFields/pod-level resources before PodLevelResources is on', POD, {
    ...podLevel({ limits: { cpu: '2' } }),
    family: 2,
    targetVersion: '1.33',
  }),
  // validatePodResourceClaim
  accept('validatePodResourceClaim/claim from a template', withClaims(gpuClaim, [claim('gpu')])),
  accept(
    'validatePodResourceClaim/shared claim by name',
    withClaims([claim('gpu', { resourceClaimName: 'shared-gpus' })], [claim('gpu')]),
  ),
  reject('validatePodResourceClaim/missing name', `${CLAIMS}[0].name`, {
    pod: { resourceClaims: [{ resourceClaimTemplateName: 'single-gpu' }] },
  }),
  reject('validatePodResourceClaim/duplicate name', `${CLAIMS}[1].name`, {
    pod: { resourceClaims: [...gpuClaim, ...gpuClaim] },
  }),
  reject('validatePodResourceClaim/name not a DNS label', `${CLAIMS}[0].name`, {
    pod: { resourceClaims: [claim('GPU_0', { resourceClaimTemplateName: 'single-gpu' })] },
  }),
  reject(
    'validatePodResourceClaim/both resourceClaimName and resourceClaimTemplateName',
    `${CLAIMS}[0]`,
    {
      pod: {
        resourceClaims: [claim('gpu', { resourceClaimName: 'a', resourceClaimTemplateName: 'b' })],
      },
    },
  ),
  reject(
    'validatePodResourceClaim/neither resourceClaimName nor resourceClaimTemplateName',
    `${CLAIMS}[0]`,
    {
      pod: { resourceClaims: [claim('gpu')] },
    },
  ),
  reject(
    'validatePodResourceClaim/invalid template name',
    `${CLAIMS}[0].resourceClaimTemplateName`,
    {
      pod: { resourceClaims: [claim('gpu', { resourceClaimTemplateName: 'Single_GPU' })] },
    },
  ),
  // validateResourceClaimNames
  accept(
    'validateResourceClaimNames/distinct requests of one claim',
    withClaims(gpuClaim, [claim('gpu', { request: 'a' }), claim('gpu', { request: 'b' })]),
  ),
  reject(
    'validateResourceClaimNames/claim not in the pod',
    `${C0}.claims[0].name`,
    withClaims(gpuClaim, [claim('tpu')]),
  ),
  reject(
    'validateResourceClaimNames/no pod claims at all',
    `${C0}.claims[0].name`,
    resources({ claims: [claim('gpu')] }),
  ),
  reject(
    'validateResourceClaimNames/empty name',
    `${C0}.claims[0]`,
    withClaims(gpuClaim, [claim('')]),
  ),
  reject(
    'validateResourceClaimNames/duplicate claim',
    `${C0}.claims[1]`,
    withClaims(gpuClaim, [claim('gpu'), claim('gpu')]),
  ),
  reject(
    'validateResourceClaimNames/whole claim after one of its requests',
    `${C0}.claims[1]`,
    withClaims(gpuClaim, [claim('gpu', { request: 'a' }), claim('gpu')]),
  ),
  reject(
    'validateResourceClaimNames/request not a DNS label',
    `${C0}.claims[0].request`,
    withClaims(gpuClaim, [claim('gpu', { request: 'Req_A' })]),
  ),
  reject(
    'validateResourceClaimNames/claim in an init container not in the pod',
    `${I0}.claims[0].name`,
    init({ claims: [claim('gpu')] }),
  ),
  // quantity_test.go TestQuantityParse invalid list, as a memory limit
  ...['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01e-', '1GB'].map((q) =>
    reject(`${QP}/invalid ${q}`, `${C0}.limits.memory`, resources({ limits: { memory: q } })),
  ),
  // TestQuantityParse valid inputs, as a cpu limit
  ...['100.035k', '1.G', '.001', '0.5e-2', '1.3E+6', '0.000000000001Ki', '3.001n', '12E'].map((q) =>
    accept(`${QP}/${q}`, resources({ limits: { cpu: q } })),
  ),
  accept(
    'Quantity.UnmarshalJSON/surrounding whitespace is trimmed',
    resources({ requests: { cpu: ' 250m ' }, limits: { cpu: '1 ' } }),
  ),
  accept('Quantity.UnmarshalJSON/-0 is zero', resources({ requests: { memory: '-0' } })),
  reject(
    'Quantity.UnmarshalJSON/a negative number',
    `${C0}.limits.memory`,
    resources({ limits: { memory: -1 } }),
  ),
  accept(
    'SetDefaults_ResourceList/request and limit equal after rounding up to milli scale',
    resources({ requests: { cpu: '1500u' }, limits: { cpu: '1200u' } }),
  ),
  accept(
    'IsNativeResource/a kubernetes.io-domain resource may be fractional and overcommitted',
    resources({ requests: { 'example.kubernetes.io/widget': '0.5' } }),
  ),
  reject(
    'IsExtendedResourceName/nvidia.com/gpu: 0.5',
    `${C0}.limits.nvidia.com/gpu`,
    resources({ limits: { 'nvidia.com/gpu': 0.5 } }),
  ),
];
