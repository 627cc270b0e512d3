import { Rule } from '../rule';
import { eachContainer } from './pod-walk';
import { obj } from '../read';
import { parseQuantity, quantityProblem } from '../quantity';

const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Extended resources (e.g. nvidia.com/gpu) cannot be overcommitted. */
function overcommitAllowed(resource: string): boolean {
  if (resource.startsWith('hugepages-')) return false;
  return NATIVE.has(resource) || !resource.includes('/') || resource.startsWith('kubernetes.io/');
}

export const resources: Rule = {
  id: 'pod-resources',
  family: 1,
  scope: 'pod',
  summary:
    'requests and limits are quantities, requests <= limits, extended resources have requests == limits',
  check(ctx) {
    eachContainer(ctx, (c, cPath) => {
      const res = obj(c.resources);
      if (!res) return;
      const requests = obj(res.requests) ?? {};
      const limits = obj(res.limits) ?? {};
      for (const [kind, list] of [
        ['requests', requests],
        ['limits', limits],
      ] as const) {
        for (const [resource, value] of Object.entries(list)) {
          const problem = quantityProblem(value);
          if (problem) ctx.report(`${cPath}.resources.${kind}.${resource}`, problem, { value });
        }
      }
      for (const [resource, value] of Object.entries(requests)) {
        const request = parseQuantity(value as string);
        const limitRaw = limits[resource];
        const limit = limitRaw === undefined ? undefined : parseQuantity(limitRaw as string);
        const path = `${cPath}.resources.requests.${resource}`;
        if (!overcommitAllowed(resource)) {
          if (limitRaw === undefined) {
            ctx.report(
              path,
              `${resource} is an extended resource: a request needs an equal limit`,
              {
                value,
                fix: `set resources.limits.${resource} to ${JSON.stringify(value)}`,
              },
            );
          } else if (request !== undefined && limit !== undefined && request !== limit) {
            ctx.report(
              path,
              `${resource} is an extended resource: requests must equal limits (${JSON.stringify(limitRaw)})`,
              { value },
            );
          }
        } else if (request !== undefined && limit !== undefined && request > limit) {
          ctx.report(
            path,
            `must be less than or equal to the ${resource} limit (${JSON.stringify(limitRaw)})`,
            { value },
          );
        }
      }
    });
  },
};
