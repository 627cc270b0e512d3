import { DELETE, UpstreamCase } from './case';

type Json = Record<string, unknown>;

function isPlain(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge: objects merge key by key, anything else (arrays too) replaces; DELETE removes. */
export function merge(base: Json, patch: object | undefined): Json {
  if (!patch) return base;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === DELETE) delete out[key];
    else if (isPlain(value) && isPlain(out[key])) out[key] = merge(out[key] as Json, value);
    else out[key] = value;
  }
  return out;
}

/** A Job the API server accepts, with nothing a reviewer rule would flag. */
export function baseJob(): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'corpus', namespace: 'default' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'main', image: 'registry.example/app:1.0' }],
        },
      },
    },
  };
}

/** The manifest a case describes. */
export function manifestOf(c: UpstreamCase): Json {
  if (c.manifest) return c.manifest as Json;
  const job = baseJob();
  const spec = job.spec as Json;
  const template = spec.template as Json;
  const podSpec = template.spec as Json;
  const containers = podSpec.containers as Json[];
  const container = merge(containers[0], c.container);
  const pod = merge({ ...podSpec, containers: [container] }, c.pod);
  const podTemplate = merge(template, c.podMetadata ? { metadata: c.podMetadata } : undefined);
  const jobSpec = merge({ ...spec, template: { ...podTemplate, spec: pod } }, c.job);
  const metadata = merge(job.metadata as Json, c.metadata);
  if (c.kind === 'CronJob') {
    return {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: merge({ schedule: '0 * * * *', jobTemplate: { spec: jobSpec } }, c.cronJob),
    };
  }
  return { ...job, metadata, spec: jobSpec };
}
