import { githubReport } from './github';
import { jsonReport } from './json';
import { junitReport } from './junit';
import { sarifReport } from './sarif';
import { textReport } from './text';
import { ReportFormat, ReportIo, ReportWriter } from './writer';

export { REPORT_FORMATS } from './writer';
export type { ReportFormat, ReportIo, ReportWriter, CheckSummary } from './writer';

/** The writer of a `--format`. */
export function reportWriter(format: ReportFormat, io: ReportIo): ReportWriter {
  switch (format) {
    case 'json':
      return jsonReport(io);
    case 'sarif':
      return sarifReport(io);
    case 'junit':
      return junitReport(io);
    case 'github':
      return githubReport(io);
    default:
      return textReport(io);
  }
}
