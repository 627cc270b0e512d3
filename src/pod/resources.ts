import { JsonMap, Toleration } from './k8s-types';
import { ProblemSink, propProblem } from '../validation/problem';

/** A resource list as in YAML: `{ cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi' }`. */
export interface ResourceList {
  /** CPU, e.g. `'500m'` or `2`. @default none */
  readonly cpu?: string | number;
  /** Memory, e.g. `'1Gi'` (`1GB` is refused). @default none */
  readonly memory?: string;
  /** Scratch disk, e.g. `'2Gi'`. @default none */
  readonly 'ephemeral-storage'?: string;
  readonly [resource: string]: string | number | undefined;
}

export interface GpuOptions {
  /** GPUs per pod; requests and limits are both set to it. */
  readonly count: number;
  /** The extended resource name. @default 'nvidia.com/gpu' */
  readonly resource?: string;
  /** Node labels the pod must match, e.g. `{ 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' }`. @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Tolerate the usual `<resource>:NoSchedule` taint of GPU nodes. @default true */
  readonly tolerateTaint?: boolean;
}

/** Container resources, written as in YAML plus `gpu`. */
export interface Resources {
  /** @default none */
  readonly requests?: ResourceList;
  /** @default none */
  readonly limits?: ResourceList;
  /** GPUs: `gpu: 1` means `nvidia.com/gpu` requests = limits = 1, plus the GPU taint toleration. @default none */
  readonly gpu?: number | GpuOptions;
}

export const DEFAULT_GPU_RESOURCE = 'nvidia.com/gpu';

export interface RenderedResources {
  /** The container's `resources`, or undefined when empty. */
  readonly resources?: JsonMap;
  /** Tolerations the GPU request needs. */
  readonly tolerations: Toleration[];
  /** Node labels the GPU request needs. */
  readonly nodeSelector: Record<string, string>;
}

function renderList(list: ResourceList | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'number' ? String(v) : v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Renders checked resources; `path` is the prop path of `resources` (e.g. `resources` or
 * `containers[1].resources`). GPUs given both as `gpu` and in requests or limits must agree.
 * @internal
 */
export function renderResources(
  resources: Resources | undefined,
  path: string,
  report: ProblemSink,
): RenderedResources {
  const requests = renderList(resources?.requests);
  const limits = renderList(resources?.limits);
  const tolerations: Toleration[] = [];
  const nodeSelector: Record<string, string> = {};
  const gpu = resources?.gpu;
  let withGpu: { requests?: Record<string, string>; limits?: Record<string, string> } = {
    requests,
    limits,
  };
  if (gpu !== undefined) {
    const options: GpuOptions = typeof gpu === 'number' ? { count: gpu } : gpu;
    const resource = options.resource ?? DEFAULT_GPU_RESOURCE;
    const count = String(options.count);
    const disagree = (['limits', 'requests'] as const).find((kind) => {
      const given = (kind === 'limits' ? limits : requests)?.[resource];
      return given !== undefined && given !== count;
    });
    if (disagree) {
      report(
        propProblem(
          `${path}.gpu`,
          `asks for ${count} GPU(s), but ${path}.${disagree}["${resource}"] is ${JSON.stringify((disagree === 'limits' ? limits : requests)?.[resource])}`,
          {
            value: options.count,
            fix: `give the GPUs in one place: keep gpu and remove ${resource} from ${disagree}`,
          },
        ),
      );
    }
    withGpu = {
      requests: { ...requests, [resource]: count },
      limits: { ...limits, [resource]: count },
    };
    if (options.tolerateTaint !== false)
      tolerations.push({ key: resource, operator: 'Exists', effect: 'NoSchedule' });
    Object.assign(nodeSelector, options.nodeSelector ?? {});
  }
  const rendered: JsonMap = {};
  if (withGpu.limits) rendered.limits = withGpu.limits;
  if (withGpu.requests) rendered.requests = withGpu.requests;
  return {
    resources: Object.keys(rendered).length > 0 ? rendered : undefined,
    tolerations,
    nodeSelector,
  };
}
