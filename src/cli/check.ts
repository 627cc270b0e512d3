import { Problem, describeProblem } from '../validation/problem';
import { validateManifest } from '../validation/validate-manifest';
import { KubernetesVersion } from '../validation/versions';
import { ManifestObject, ReadError, objectName } from './read-manifests';

/** One problem of one object in one file. */
export interface Finding extends Problem {
  readonly file: string;
  readonly object: string;
}

/** The findings of every batch/v1 Job and CronJob among `objects`. */
export function checkObjects(
  objects: readonly ManifestObject[],
  targetVersion: KubernetesVersion,
): { findings: Finding[]; checked: number } {
  const findings: Finding[] = [];
  let checked = 0;
  for (const { file, object } of objects) {
    if (object.kind !== 'Job' && object.kind !== 'CronJob') continue;
    checked++;
    for (const p of validateManifest(object, { targetVersion })) {
      findings.push({ ...p, file, object: objectName(object) });
    }
  }
  return { findings, checked };
}

/** `file: kind/name field: "value": message; fix`, with ` (warning)` for warnings. */
export function formatFinding(f: Finding): string {
  const line = `${f.file}: ${f.object} ${describeProblem(f)}`;
  return f.severity === 'warning' ? `${line} (warning)` : line;
}

/** `file: message` for a file that could not be read. */
export function formatReadError(e: ReadError): string {
  return `${e.file}: ${e.message}`;
}
