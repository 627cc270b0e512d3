/** In-place resize policies (validation.go validateResizePolicy). */
import { Rule } from '../rule';
import { objs, str } from '../read';
import { eachContainerOf, served } from './container-walk';

const RESOURCES = ['cpu', 'memory'];
const POLICIES = ['NotRequired', 'RestartContainer'];

/**
 * validation.go validateResizePolicy: one entry per resource, cpu or memory, each with
 * restartPolicy NotRequired or RestartContainer; a pod with restartPolicy Never cannot restart
 * a container to resize it. Before 1.33 the field is dropped (container-field-dropped).
 */
export const containerResizePolicy: Rule = {
  id: 'container-resize-policy',
  family: 1,
  scope: 'pod',
  reads: { container: ['resizePolicy'] },
  summary: 'resizePolicy names cpu or memory once each, with NotRequired or RestartContainer',
  check(ctx) {
    if (!served(ctx, 'resizePolicy')) return;
    const podPolicy = str(ctx.podSpec.restartPolicy) || 'Always';
    eachContainerOf(ctx, ({ container: c, path }) => {
      const seen = new Set<string>();
      objs(c.resizePolicy).forEach((entry, i) => {
        const at = `${path}.resizePolicy[${i}]`;
        const resource = entry.resourceName;
        if (resource === undefined || resource === null || resource === '') {
          ctx.report(`${at}.resourceName`, 'is required: cpu or memory');
        } else if (typeof resource === 'string') {
          if (!RESOURCES.includes(resource)) {
            ctx.report(`${at}.resourceName`, 'must be cpu or memory', { value: resource });
          } else if (seen.has(resource)) {
            ctx.report(`${at}.resourceName`, 'has a policy already: one entry per resource', {
              value: resource,
            });
          }
          seen.add(resource);
        }
        const policy = entry.restartPolicy;
        if (policy === undefined || policy === null || policy === '') {
          ctx.report(`${at}.restartPolicy`, `is required: ${POLICIES.join(' or ')}`);
        } else if (typeof policy === 'string') {
          if (!POLICIES.includes(policy)) {
            ctx.report(`${at}.restartPolicy`, `must be ${POLICIES.join(' or ')}`, {
              value: policy,
            });
          } else if (podPolicy === 'Never' && policy !== 'NotRequired') {
            ctx.report(
              `${at}.restartPolicy`,
              "must be NotRequired: the pod's restartPolicy is Never, so a container is not restarted to resize it",
              { value: policy },
            );
          }
        }
      });
    });
  },
};
