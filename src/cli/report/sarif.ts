import { readFileSync } from 'fs';
import { isAbsolute, join, sep } from 'path';
import { pathToFileURL } from 'url';
import { RULES } from '../../validation/catalogue';
import { Finding } from '../check';
import { ReportIo, ReportWriter } from './writer';

/** The package's version, from its package.json (two folders up in src/ and in lib/). */
function toolVersion(): string {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'))
      .version;
  } catch {
    return '0.0.0';
  }
}

/** A file path as a SARIF artifact URI: relative with forward slashes, or a file: URL. */
function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).map(encodeURIComponent).join('/');
}

const SUMMARY = new Map(RULES.map((r) => [r.id, r.summary]));

/** SARIF 2.1.0 for code scanning: one run, the rules met, one result per finding. */
export function sarifReport(io: ReportIo): ReportWriter {
  const findings: Finding[] = [];
  const notifications: object[] = [];
  const notify = (file: string, text: string) =>
    notifications.push({
      level: 'error',
      message: { text },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) } } }],
    });
  return {
    object: (checked) => findings.push(...checked.findings),
    readError: (e) => notify(e.file, e.message),
    internalError: (e) =>
      notify(e.file, `${e.object}: internal error in cdk8s-batch (please report it): ${e.message}`),
    end() {
      const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
      const index = new Map(ruleIds.map((id, i) => [id, i]));
      const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'cdk8s-batch',
                version: toolVersion(),
                informationUri: 'https://www.npmjs.com/package/cdk8s-batch',
                rules: ruleIds.map((id) => ({
                  id,
                  shortDescription: { text: SUMMARY.get(id) ?? id },
                })),
              },
            },
            invocations: [
              {
                executionSuccessful: notifications.length === 0,
                toolExecutionNotifications: notifications,
              },
            ],
            results: findings.map((f) => ({
              ruleId: f.rule,
              ruleIndex: index.get(f.rule),
              level: f.severity === 'error' ? 'error' : 'warning',
              message: {
                text: `${f.object} ${f.field}: ${f.value !== undefined ? `${JSON.stringify(f.value)}: ` : ''}${f.message}${f.fix ? `; ${f.fix}` : ''}`,
              },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: artifactUri(f.file) },
                    ...(f.line !== undefined
                      ? { region: { startLine: f.line, startColumn: f.column ?? 1 } }
                      : {}),
                  },
                  logicalLocations: [
                    {
                      fullyQualifiedName: `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}/${f.field}`,
                      kind: 'member',
                    },
                  ],
                },
              ],
              properties: { family: f.family, field: f.field },
            })),
          },
        ],
      };
      io.out(JSON.stringify(log, null, 2));
    },
  };
}
