import { formatFinding, formatReadError } from '../check';
import { ReportIo, ReportWriter, Tally } from './writer';

/** One line per finding on stdout as it is found; read errors and the totals on stderr. */
export function textReport(io: ReportIo): ReportWriter {
  const tally = new Tally();
  return {
    object(checked) {
      tally.count(checked.findings);
      for (const f of checked.findings) io.out(formatFinding(f));
    },
    readError(e) {
      tally.readErrors++;
      io.err(formatReadError(e));
    },
    internalError(e) {
      tally.internalErrors++;
      io.err(
        `${e.file}: ${e.object}: internal error in cdk8s-batch, not in your manifest (please report it): ${e.message}`,
      );
    },
    end(summary) {
      io.err(tally.line(summary));
    },
  };
}
