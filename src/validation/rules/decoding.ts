/** How the API server decodes a request: the served apiVersions and the fields' JSON types. */
import { Obj, obj } from '../read';
import { Rule } from '../rule';
import { typeProblems } from '../types/check';

/** batch versions that once served a kind, and the release that stopped serving them. */
const RETIRED: Readonly<Record<'Job' | 'CronJob', ReadonlyMap<string, string>>> = {
  Job: new Map(),
  CronJob: new Map([
    ['batch/v1beta1', 'is no longer served: Kubernetes 1.25 removed batch/v1beta1 CronJob'],
    ['batch/v2alpha1', 'is no longer served: Kubernetes 1.21 removed batch/v2alpha1 CronJob'],
  ]),
};

/**
 * The API server's discovery and REST mapping (pkg/controlplane, the batch storage providers):
 * Job and CronJob are served as batch/v1 only; an object without apiVersion cannot be routed.
 * Objects of other groups (batch.volcano.sh, ...) are not looked at.
 */
export const servedApiVersion: Rule = {
  id: 'served-api-version',
  family: 1,
  scope: 'object',
  summary: 'Job and CronJob are served as apiVersion batch/v1 only',
  check(ctx) {
    const value = ctx.manifest.apiVersion;
    const fix = 'use apiVersion: batch/v1';
    if (value === undefined || value === null || value === '') {
      ctx.report('apiVersion', 'is required', { fix: 'set apiVersion: batch/v1' });
      return;
    }
    if (typeof value !== 'string') {
      ctx.report('apiVersion', 'must be a string such as batch/v1', { value, fix });
      return;
    }
    if (value === 'batch/v1') return;
    if (value === 'batch') {
      ctx.report('apiVersion', 'lacks the version', { value, fix });
      return;
    }
    if (!value.startsWith('batch/')) return;
    const retired = RETIRED[ctx.kind].get(value);
    ctx.report('apiVersion', retired ?? `is not served: ${ctx.kind} is served as batch/v1`, {
      value,
      fix,
    });
  },
};

/**
 * encoding/json into the Go types of k8s.io/api/batch/v1 (sigs.k8s.io/json, as the API
 * server's JSON serializer decodes), with apimachinery's unmarshallers: intstr.IntOrString
 * (an int32 or a string), resource.Quantity (a string or a number), metav1.Time (an RFC 3339
 * string). Field types are generated from the OpenAPI definitions (types/table.ts).
 */
export const jsonType: Rule = {
  id: 'json-type',
  family: 1,
  scope: 'object',
  summary: 'every field has the JSON type the API server decodes it into',
  check(ctx) {
    for (const p of typeProblems(asWritten(ctx.manifest), ctx.kind)) {
      if (p.path === 'apiVersion') continue; // served-api-version says it
      ctx.report(p.path, p.message, { value: p.value, fix: p.fix });
    }
  },
};

/**
 * The server decodes before it defaults, so the decoding rule reads the object as written.
 * The one default that copies a user's value: SetDefaults_Job gives a Job without labels its
 * pod template's labels (the same object here); they are checked where they were written.
 */
function asWritten(manifest: Obj): Obj {
  const meta = obj(manifest.metadata);
  const labels = meta?.labels;
  if (!meta || labels === undefined || labels === null) return manifest;
  const template = obj(obj(manifest.spec)?.template);
  if (labels !== obj(template?.metadata)?.labels) return manifest;
  return { ...manifest, metadata: { ...meta, labels: undefined } };
}
