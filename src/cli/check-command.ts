import { positionOf } from '../manifests/position';
import { KubernetesVersion } from '../validation/versions';
import { checkStream } from './check';
import { restrictedNamespaces } from './restricted-namespaces';
import { isReadError, readStandardInput, streamManifests } from './read-manifests';
import type { ManifestObject, ReadError } from './read-manifests';
import { ReportFormat, reportWriter } from './report';
import type { Io } from './main';

import { EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes';

export interface CheckCliOptions {
  readonly format: ReportFormat;
  readonly targetVersion: KubernetesVersion;
  readonly allow: string[];
  readonly podSecurity?: 'restricted';
}

/** `cdk8s-batch check`: 0 clean, 1 errors found, 2 unreadable input, 70 a bug of ours. */
export function runCheck(paths: string[], opts: CheckCliOptions, io: Io): number {
  const writer = reportWriter(opts.format, io);
  let failed = false;
  let internal = false;
  let unreadable = false;
  let stdinText: string | undefined;
  const readStdin = () => (stdinText ??= (io.stdin ?? readStandardInput)());
  function* inputs(): Generator<ManifestObject | ReadError> {
    for (const item of streamManifests(paths, readStdin)) {
      if (isReadError(item)) unreadable = true;
      yield item;
    }
  }
  const checked = checkStream(
    inputs(),
    {
      targetVersion: opts.targetVersion,
      allow: opts.allow,
      podSecurity: opts.podSecurity,
      restrictedNamespaces: restrictedNamespaces(paths, readStdin),
      locate(o, field) {
        if (!o.source) return undefined;
        const { line, column } = positionOf(o.source, field);
        return { line, column };
      },
    },
    {
      object(c) {
        if (c.findings.some((f) => f.severity === 'error')) failed = true;
        writer.object(c);
      },
      readError: (e) => writer.readError(e),
      internalError(e) {
        internal = true;
        writer.internalError(e);
      },
    },
  );
  writer.end({ checked, targetVersion: opts.targetVersion });
  return internal ? EXIT_INTERNAL : unreadable ? EXIT_USAGE : failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** Why `--allow` refuses a rule id that is not a reviewer rule (loads the catalogue). */
export function allowRefusal(id: string, relaxable: readonly string[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only on a refusal
  const { RULES } = require('../validation/catalogue') as typeof import('../validation/catalogue');
  return RULES.some((r) => r.id === id)
    ? `${id} cannot be relaxed: the API server or the cluster refuses what it finds (relaxable: ${relaxable.join(', ')})`
    : `no rule is called ${id} (relaxable: ${relaxable.join(', ')})`;
}
