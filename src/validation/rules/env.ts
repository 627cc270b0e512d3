/**
 * Container environment (validation.go ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom,
 * validateConfigMapEnvSource, validateSecretEnvSource). The sources of valueFrom are checked in
 * env-sources.ts, re-exported here.
 */
import { Rule } from '../rule';
import { obj, objs, str } from '../read';
import { dns1123SubdomainProblem } from '../syntax';
import { eachContainerOf, envNameFix, envNameProblem, present, served } from './container-walk';

export * from './env-sources';

/** The sources of an env var's valueFrom the target serves. */
function envSources(from: Readonly<Record<string, unknown>>, fileKeyRef: boolean): string[] {
  const kinds = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];
  if (fileKeyRef) kinds.push('fileKeyRef');
  return kinds.filter((k) => present(from[k]));
}

/**
 * validation.go ValidateEnv: a name, valid under the classic rules or, from 1.32
 * (RelaxedEnvironmentVariableValidation), any printable ASCII but "="; validateEnvVarValueFrom:
 * exactly one source, and no non-empty value beside it. An empty or null value is fine.
 */
export const envVars: Rule = {
  id: 'env-vars',
  family: 1,
  scope: 'pod',
  reads: { container: ['env'] },
  summary:
    'env names are valid for the target version; each has a value or exactly one valueFrom source',
  check(ctx) {
    const fileKeyRef = served(ctx, 'fileKeyRef');
    eachContainerOf(ctx, ({ container: c, path: cPath }) => {
      const envs = objs(c.env);
      for (let i = 0; i < envs.length; i++) {
        const env = envs[i];
        const path = `${cPath}.env[${i}]`;
        const name = env.name;
        if (name === undefined || name === null || name === '') {
          ctx.report(`${path}.name`, 'is required');
        } else if (typeof name === 'string') {
          const problem = envNameProblem(ctx, name);
          if (problem) ctx.report(`${path}.name`, problem, { value: name, fix: envNameFix(ctx) });
        }
        const from = obj(env.valueFrom);
        if (!from) continue;
        const sources = envSources(from, fileKeyRef);
        if (sources.length === 0) {
          const onlyFile = present(from.fileKeyRef);
          ctx.report(
            `${path}.valueFrom`,
            onlyFile
              ? `has only fileKeyRef, which the API server of Kubernetes ${ctx.targetVersion} drops: it must specify one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef`
              : 'must specify one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef',
            { fix: onlyFile ? 'fileKeyRef needs Kubernetes 1.35' : undefined },
          );
        } else if (typeof env.value === 'string' && env.value !== '') {
          ctx.report(`${path}.valueFrom`, 'may not be set together with a non-empty value', {
            fix: 'remove value or valueFrom',
          });
        } else if (sources.length > 1) {
          ctx.report(
            `${path}.valueFrom`,
            `must have exactly one source, not ${sources.length} (${sources.join(', ')})`,
          );
        }
      }
    });
  },
};

/**
 * validation.go ValidateEnvFrom: a prefix (if any) is a valid env name for the target;
 * exactly one of configMapRef and secretRef, whose name is a DNS-1123 subdomain.
 */
export const envFrom: Rule = {
  id: 'env-from',
  family: 1,
  scope: 'pod',
  reads: { container: ['envFrom'] },
  summary: 'envFrom has one configMapRef or secretRef with a valid name, and a valid prefix',
  check(ctx) {
    eachContainerOf(ctx, ({ container: c, path: cPath }) => {
      objs(c.envFrom).forEach((source, i) => {
        const path = `${cPath}.envFrom[${i}]`;
        const prefix = str(source.prefix);
        if (prefix) {
          const problem = envNameProblem(ctx, prefix);
          if (problem) {
            ctx.report(`${path}.prefix`, problem, { value: prefix, fix: envNameFix(ctx) });
          }
        }
        const refs = ['configMapRef', 'secretRef'].filter((k) => present(source[k]));
        if (refs.length === 0) {
          ctx.report(path, 'must specify one of configMapRef or secretRef');
        } else if (refs.length > 1) {
          ctx.report(`${path}.${refs[1]}`, 'is a second source: an envFrom entry has exactly one', {
            fix: 'split it into two envFrom entries',
          });
        }
        for (const ref of refs) {
          const target = obj(source[ref]);
          if (!target) continue; // another JSON type: the decoding rule reports it
          const name = target.name;
          const at = `${path}.${ref}.name`;
          if (name === undefined || name === null || name === '') {
            ctx.report(
              at,
              `is required: the name of the ${ref === 'secretRef' ? 'Secret' : 'ConfigMap'}`,
            );
          } else if (typeof name === 'string') {
            const problem = dns1123SubdomainProblem(name);
            if (problem) ctx.report(at, problem, { value: name });
          }
        }
      });
    });
  },
};
