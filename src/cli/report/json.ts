import { Finding, InternalError } from '../check';
import { ReadError } from '../read-manifests';
import { ReportIo, ReportWriter } from './writer';

/** The findings as one JSON document: each with file, line, column, kind, namespace, name, rule. */
export function jsonReport(io: ReportIo): ReportWriter {
  const findings: Finding[] = [];
  const readErrors: ReadError[] = [];
  const internalErrors: InternalError[] = [];
  return {
    object: (checked) => findings.push(...checked.findings),
    readError: (e) => readErrors.push(e),
    internalError: (e) => internalErrors.push(e),
    end(summary) {
      io.out(
        JSON.stringify(
          {
            checked: summary.checked,
            targetVersion: summary.targetVersion,
            findings: findings.map(({ object: _object, ...f }) => f),
            readErrors,
            internalErrors,
          },
          null,
          2,
        ),
      );
    },
  };
}
