import type { ReportFormat, ReportIo, ReportWriter } from './writer';

export { REPORT_FORMATS } from './writer';
export type { ReportFormat, ReportIo, ReportWriter, CheckSummary } from './writer';

/* eslint-disable @typescript-eslint/no-require-imports -- only the chosen format's writer loads */
/** The writer of a `--format`. */
export function reportWriter(format: ReportFormat, io: ReportIo): ReportWriter {
  switch (format) {
    case 'json':
      return (require('./json') as typeof import('./json')).jsonReport(io);
    case 'sarif':
      return (require('./sarif') as typeof import('./sarif')).sarifReport(io);
    case 'junit':
      return (require('./junit') as typeof import('./junit')).junitReport(io);
    case 'github':
      return (require('./github') as typeof import('./github')).githubReport(io);
    default:
      return (require('./text') as typeof import('./text')).textReport(io);
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */
