import { describeProblem } from '../../validation/problem';
import { CheckedObject, InternalError } from '../check';
import { ReadError } from '../read-manifests';
import { ReportIo, ReportWriter } from './writer';

/** XML 1.0 text: escaped, and without the control characters XML cannot hold. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 allows only these control characters
      .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

interface Suite {
  readonly cases: string[];
  failures: number;
  errors: number;
}

/** JUnit XML: a test suite per file, a test case per Job or CronJob, a failure per error. */
export function junitReport(io: ReportIo): ReportWriter {
  const suites = new Map<string, Suite>();
  const suite = (file: string): Suite => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = { cases: [], failures: 0, errors: 0 }));
    return s;
  };
  const errorCase = (file: string, name: string, message: string) => {
    const s = suite(file);
    s.errors++;
    s.cases.push(
      `    <testcase classname="${xml(file)}" name="${xml(name)}"><error message="${xml(message)}"/></testcase>`,
    );
  };
  return {
    object(checked: CheckedObject) {
      const s = suite(checked.file);
      const name = `${checked.kind}/${checked.namespace ? `${checked.namespace}/` : ''}${checked.name}`;
      const errors = checked.findings.filter((f) => f.severity === 'error');
      const warnings = checked.findings.filter((f) => f.severity !== 'error');
      const body: string[] = [];
      if (errors.length > 0) {
        s.failures++;
        const lines = errors.map(
          (f) => `${f.line ?? '?'}:${f.column ?? '?'} ${describeProblem(f)} [${f.rule}]`,
        );
        body.push(
          `<failure message="${xml(`${errors.length} error(s): ${describeProblem(errors[0])}`)}" type="${xml(errors[0].rule)}">${xml(lines.join('\n'))}</failure>`,
        );
      }
      if (warnings.length > 0) {
        body.push(
          `<system-out>${xml(warnings.map((f) => `warning: ${describeProblem(f)} [${f.rule}]`).join('\n'))}</system-out>`,
        );
      }
      s.cases.push(
        `    <testcase classname="${xml(checked.file)}" name="${xml(name)}"${body.length ? `>${body.join('')}</testcase>` : '/>'}`,
      );
    },
    readError: (e: ReadError) => errorCase(e.file, 'read', e.message),
    internalError: (e: InternalError) =>
      errorCase(e.file, e.object, `internal error in cdk8s-batch (please report it): ${e.message}`),
    end() {
      let tests = 0;
      let failures = 0;
      let errors = 0;
      const parts: string[] = [];
      for (const [file, s] of suites) {
        tests += s.cases.length;
        failures += s.failures;
        errors += s.errors;
        parts.push(
          `  <testsuite name="${xml(file)}" tests="${s.cases.length}" failures="${s.failures}" errors="${s.errors}">`,
          ...s.cases,
          '  </testsuite>',
        );
      }
      io.out(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          `<testsuites name="cdk8s-batch check" tests="${tests}" failures="${failures}" errors="${errors}">`,
          ...parts,
          '</testsuites>',
        ].join('\n'),
      );
    },
  };
}
