import { Rule } from '../rule';
import { eachContainer } from './pod-walk';
import { objs } from '../read';
import { dns1123LabelProblem } from '../syntax';

export const containers: Rule = {
  id: 'pod-containers',
  family: 1,
  scope: 'pod',
  summary: 'a pod has at least one container; names are unique DNS-1123 labels; each has an image',
  check(ctx) {
    if (objs(ctx.podSpec.containers).length === 0) {
      ctx.report(`${ctx.podPath}.containers`, 'must have at least one container');
    }
    const seen = new Set<string>();
    eachContainer(ctx, (c, path) => {
      const name = c.name;
      if (typeof name !== 'string' || name === '') {
        ctx.report(`${path}.name`, 'is required');
      } else {
        const problem = dns1123LabelProblem(name);
        if (problem) ctx.report(`${path}.name`, problem, { value: name });
        if (seen.has(name))
          ctx.report(`${path}.name`, 'is used by another container of the pod', { value: name });
        seen.add(name);
      }
      const image = c.image;
      if (typeof image !== 'string' || image.trim() === '') {
        ctx.report(`${path}.image`, 'is required');
      } else if (image.trim() !== image) {
        ctx.report(`${path}.image`, 'must not have leading or trailing whitespace', {
          value: image,
        });
      }
    });
  },
};
