/**
 * Resource names and quantities of requests and limits: pkg/apis/core/helper (IsNativeResource,
 * IsHugePageResourceName, IsExtendedResourceName, IsOvercommitAllowed, IsIntegerResourceName,
 * IsHugePageResourceValueDivisible) and validation.go (validateResourceName,
 * validateContainerResourceName, validatePodResourceName, ValidateResourceQuantityValue,
 * validateResourceQuantityHugePageValue).
 */
import { Quantity, parseQuantityString, roundUp, scaledValue, sign } from '../quantity';
import { memoByText } from '../memo';
import { qualifiedNameProblem } from '../syntax';

const HUGEPAGES = 'hugepages-';
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory']);

/** `hugepages-<size>`. */
export function isHugePages(name: string): boolean {
  return name.startsWith(HUGEPAGES);
}

/** Unprefixed, or in a `*kubernetes.io/` namespace (e.g. example.kubernetes.io/widget). */
export function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Not native, not `requests.*`, and still a qualified name with `requests.` in front. */
export function isExtended(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return qualifiedNameProblem(`requests.${name}`) === undefined;
}

/** Requests may be below limits only for native resources other than hugepages. */
export function overcommitAllowed(name: string): boolean {
  return isNative(name) && !isHugePages(name);
}

/** Resources counted in whole units (extended resources, for containers). */
export function isIntegerResource(name: string): boolean {
  return isExtended(name);
}

/** The pod-level resources PodLevelResources supports (component-helpers, with hugepages). */
export function isPodLevelResource(name: string): boolean {
  return POD_LEVEL_RESOURCES.has(name) || isHugePages(name);
}

/** validateContainerResourceName: the problem with a container resource name, if any. */
export const containerResourceNameProblem: (name: string) => string | undefined = memoByText(
  containerResourceNameProblemOf,
);

function containerResourceNameProblemOf(name: string): string | undefined {
  const qualified = qualifiedNameProblem(name);
  if (qualified) return `is not a valid resource name: ${qualified}`;
  if (!name.includes('/')) {
    if (CONTAINER_RESOURCES.has(name) || isHugePages(name)) return undefined;
    return 'must be a standard resource for containers (cpu, memory, ephemeral-storage, hugepages-<size>) or a domain-prefixed extended resource such as nvidia.com/gpu';
  }
  if (!isNative(name) && !isExtended(name))
    return "doesn't follow the extended resource name standard";
  return undefined;
}

/** validatePodResourceName: the problem with a pod-level resource name, if any. */
export function podResourceNameProblem(name: string): string | undefined {
  const qualified = qualifiedNameProblem(name);
  if (qualified) return `is not a valid resource name: ${qualified}`;
  if (!isPodLevelResource(name)) {
    return 'is not supported in pod-level resources: use cpu, memory or hugepages-<size>';
  }
  return undefined;
}

/** The value the API server validates: rounded up to milli scale (SetDefaults_ResourceList). */
export function asDefaulted(q: Quantity): Quantity {
  return roundUp(q, -3);
}

/** ValidateResourceQuantityValue and the hugepages check, on the defaulted value. */
export function quantityValueProblem(
  name: string,
  q: Quantity,
): { message: string; fix?: string } | undefined {
  if (sign(q) < 0) return { message: 'must be greater than or equal to 0' };
  if (isIntegerResource(name) && scaledValue(q, -3) % 1000n !== 0n) {
    return {
      message: `must be an integer: ${name} is an extended resource, counted in whole units`,
      fix: 'request whole devices, e.g. 1; to share a device use time-slicing, MIG or DRA',
    };
  }
  if (isHugePages(name) && !hugePagesDivisible(name, q)) {
    return {
      message: `must be a positive integer multiple of the page size ${name.slice(HUGEPAGES.length)}`,
    };
  }
  return undefined;
}

/** helper.IsHugePageResourceValueDivisible. */
function hugePagesDivisible(name: string, q: Quantity): boolean {
  const pageSize = parseQuantityString(name.slice(HUGEPAGES.length));
  if (!pageSize || sign(pageSize) <= 0 || scaledValue(pageSize, -3) % 1000n !== 0n) return false;
  return scaledValue(q, 0) % scaledValue(pageSize, 0) === 0n;
}
