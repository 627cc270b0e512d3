import { Rule } from '../rule';
import { eachContainer } from './pod-walk';
import { obj, objs, str } from '../read';
import { serves } from '../versions';

const CLASSIC_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const RELAXED_ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;

export const envVars: Rule = {
  id: 'env-vars',
  family: 1,
  scope: 'pod',
  summary:
    'env names are valid for the target version; each has a value or exactly one valueFrom source',
  check(ctx) {
    const relaxed = serves(ctx.targetVersion, '1.34');
    eachContainer(ctx, (c, cPath) => {
      objs(c.env).forEach((env, i) => {
        const path = `${cPath}.env[${i}]`;
        const name = str(env.name);
        if (name === undefined || name === '') {
          ctx.report(`${path}.name`, 'is required');
        } else if (relaxed ? !RELAXED_ENV_NAME.test(name) : !CLASSIC_ENV_NAME.test(name)) {
          ctx.report(
            `${path}.name`,
            relaxed
              ? 'must be printable ASCII characters other than "="'
              : 'must consist of letters, digits, "_", "-" or ".", and must not start with a digit',
            {
              value: name,
              fix: relaxed
                ? undefined
                : 'use a name like MY_VAR (other names need Kubernetes 1.34)',
            },
          );
        }
        if (env.value !== undefined && typeof env.value !== 'string') {
          ctx.report(`${path}.value`, 'must be a string', {
            value: env.value,
            fix: 'quote the value',
          });
        }
        const from = obj(env.valueFrom);
        if (env.valueFrom === undefined) return;
        if (env.value !== undefined && env.value !== '') {
          ctx.report(`${path}.valueFrom`, 'may not be set together with a non-empty value');
        }
        const sources = [
          'fieldRef',
          'resourceFieldRef',
          'configMapKeyRef',
          'secretKeyRef',
          'fileKeyRef',
        ].filter((k) => from?.[k] !== undefined);
        if (sources.length !== 1) {
          ctx.report(
            `${path}.valueFrom`,
            'must set exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef',
          );
          return;
        }
        const ref = obj(from?.[sources[0]]) ?? {};
        if (sources[0] === 'secretKeyRef' || sources[0] === 'configMapKeyRef') {
          if (!str(ref.key)) ctx.report(`${path}.valueFrom.${sources[0]}.key`, 'is required');
          if (!str(ref.name)) ctx.report(`${path}.valueFrom.${sources[0]}.name`, 'is required');
        }
        if (sources[0] === 'fieldRef' && !str(ref.fieldPath)) {
          ctx.report(`${path}.valueFrom.fieldRef.fieldPath`, 'is required');
        }
        if (sources[0] === 'resourceFieldRef' && !str(ref.resource)) {
          ctx.report(`${path}.valueFrom.resourceFieldRef.resource`, 'is required');
        }
      });
    });
  },
};
