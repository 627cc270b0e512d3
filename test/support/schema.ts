import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';

/** Validates a synthesized object against the official OpenAPI-derived schema; throws when invalid. */
export function expectSchemaValid(manifest: Record<string, unknown>): void {
  switch (manifest.kind) {
    case 'Job':
      new Job(manifest as never).validate();
      return;
    case 'CronJob':
      new CronJob(manifest as never).validate();
      return;
    default:
      throw new Error(`no schema for kind ${String(manifest.kind)}`);
  }
}
