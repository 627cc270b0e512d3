import { Rule } from '../rule';
import { isObj, obj } from '../read';

export const podSpecShape: Rule = {
  id: 'pod-spec',
  family: 1,
  scope: 'pod',
  summary: 'the job has a pod template with a spec',
  check(ctx) {
    const template = obj(ctx.jobSpec.template);
    if (!template || !isObj(template.spec)) {
      ctx.report(`${ctx.specPath}.template.spec`, 'is required');
    }
  },
};
