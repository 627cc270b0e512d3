import { describeProblem } from '../../validation/problem';
import { ReportIo, ReportWriter, Tally } from './writer';

/** GitHub Actions workflow-command escaping of the message part. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (file, title): also ':' and ','. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=...,line=...,col=...,title=...::message` annotations for GitHub Actions. */
export function githubReport(io: ReportIo): ReportWriter {
  const tally = new Tally();
  return {
    object(checked) {
      tally.count(checked.findings);
      for (const f of checked.findings) {
        const place = [`file=${property(f.file)}`];
        if (f.line !== undefined) place.push(`line=${f.line}`, `col=${f.column ?? 1}`);
        place.push(`title=${property(`${f.rule} (family ${f.family})`)}`);
        const command = f.severity === 'error' ? 'error' : 'warning';
        io.out(`::${command} ${place.join(',')}::${data(`${f.object} ${describeProblem(f)}`)}`);
      }
    },
    readError(e) {
      tally.readErrors++;
      io.out(`::error file=${property(e.file)},title=unreadable::${data(e.message)}`);
    },
    internalError(e) {
      tally.internalErrors++;
      io.out(
        `::error file=${property(e.file)},title=cdk8s-batch internal error::${data(`${e.object}: ${e.message}`)}`,
      );
    },
    end(summary) {
      io.err(tally.line(summary));
    },
  };
}
