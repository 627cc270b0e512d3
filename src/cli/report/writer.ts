import { CheckSink } from '../check';
import { KubernetesVersion } from '../../validation/versions';

/** What every report is written to. */
export interface ReportIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** The totals a report ends with. */
export interface CheckSummary {
  readonly checked: number;
  readonly targetVersion: KubernetesVersion;
}

/** A report format: takes results as they come, and writes the rest at the end. */
export interface ReportWriter extends CheckSink {
  end(summary: CheckSummary): void;
}

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Counts errors and warnings as results pass, for the closing line of every format. */
export class Tally {
  public errors = 0;
  public warnings = 0;
  public readErrors = 0;
  public internalErrors = 0;

  public count(findings: readonly { severity: string }[]): void {
    for (const f of findings) {
      if (f.severity === 'error') this.errors++;
      else this.warnings++;
    }
  }

  public line(summary: CheckSummary): string {
    const read = this.readErrors > 0 ? `, ${this.readErrors} unreadable input(s)` : '';
    const bugs =
      this.internalErrors > 0
        ? `, ${this.internalErrors} object(s) not checked (internal error)`
        : '';
    return `${summary.checked} Job/CronJob object(s) checked for Kubernetes ${summary.targetVersion}: ${this.errors} error(s), ${this.warnings} warning(s)${read}${bugs}`;
  }
}
