import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { NEWEST_KNOWN_VERSION } from '../../src/validation/versions';

const ROOT = join(__dirname, '..', '..');
const BAD = 'test/fixtures/bad';
const GOOD = 'test/fixtures/good';
const RESTRICTED =
  'misses the restricted profile: runAsNonRoot is not true, allowPrivilegeEscalation is not false, capabilities.drop does not include ALL, seccompProfile.type is not RuntimeDefault or Localhost; the cdk8s-batch constructs meet it by default; or allow "pod-security"';

/** Runs the real bin (lib/cli/main.js, built by the global setup) in a child process, as `npx cdk8s-batch` would. */
function bin(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['lib/cli/main.js', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cdk8s-batch check', () => {
  test('the report line format is pinned: file:line:column: kind/name (namespace) field: "value": message; fix [rule]', () => {
    const r = bin(['check', `${BAD}/schedule-hour-25.yaml`, `${BAD}/negative-backoff-limit.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${BAD}/schedule-hour-25.yaml:8:3: CronJob/nightly (ai-agents) spec.schedule: "0 25 * * *": hour 25 is outside 0-23 [cronjob-schedule]`,
        `${BAD}/negative-backoff-limit.yaml:8:3: Job/ingest (ai-agents) spec.backoffLimit: -1: must be greater than or equal to 0 [job-integer-fields]`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(
      `2 Job/CronJob object(s) checked for Kubernetes ${NEWEST_KNOWN_VERSION}: 2 error(s), 0 warning(s)\n`,
    );
  }, 30_000);

  test('--pod-security restricted adds the profile, as a warning', () => {
    const r = bin(['check', '--pod-security', 'restricted', `${BAD}/negative-backoff-limit.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Job/ingest (ai-agents) spec.template.spec.containers[0].securityContext: ${RESTRICTED} [pod-security] (warning)`,
    );
  }, 30_000);

  test('a clean folder exits 0 without a line on stdout', () => {
    const r = bin(['check', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `24 Job/CronJob object(s) checked for Kubernetes ${NEWEST_KNOWN_VERSION}: 0 error(s), 0 warning(s)\n`,
    );
  }, 30_000);

  test('standard input with -, and YAML 1.1 as the API server reads it (yes is a boolean)', () => {
    const yaml = readFileSync(join(ROOT, BAD, 'env-value-yaml-boolean.yaml'), 'utf8');
    const r = bin(['check', '-'], yaml);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '-:17:15: Job/ingest (ai-agents) spec.template.spec.containers[0].env[0].value: true:',
    );
  }, 30_000);

  test('--format json lists every finding with its rule, family and severity', () => {
    const r = bin(['check', '--format', 'json', `${BAD}/literal-api-key.yaml`]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.checked).toBe(1);
    expect(report.findings.filter((f: any) => f.severity === 'error')).toEqual([
      expect.objectContaining({
        file: `${BAD}/literal-api-key.yaml`,
        line: 17,
        column: 15,
        kind: 'Job',
        namespace: 'ai-agents',
        name: 'ingest',
        rule: 'secret-literal',
        family: 3,
        severity: 'error',
        field: 'spec.template.spec.containers[0].env[0].value',
      }),
    ]);
  }, 30_000);

  test('--target-version: a field the target does not serve', () => {
    const file = `${BAD}/success-policy-before-1.31.yaml`;
    expect(bin(['check', file]).code).toBe(0);
    const r = bin(['check', '--target-version', '1.30', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('spec.successPolicy');
  }, 30_000);

  test.each([
    [
      ['check', '--target-version', '1.20', GOOD],
      new RegExp(
        `expected a Kubernetes version from 1\\.27 to ${NEWEST_KNOWN_VERSION.replace('.', '\\.')}`,
      ),
    ],
    [
      ['check', '--format', 'xml', GOOD],
      /argument 'xml' is invalid\. expected one of text, json, sarif, junit, github/,
    ],
    [
      ['check', 'no/such/file.yaml'],
      /^no\/such\/file\.yaml: cannot read: no such file or directory$/m,
    ],
    [['lint'], /unknown command 'lint'/],
  ])(
    'bad usage %p exits 2 and says why',
    (args, message) => {
      const r = bin(args as string[]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    },
    30_000,
  );

  test('a YAML syntax error names the file and exits 2', () => {
    const r = bin(['check', '-'], 'kind: Job\nmetadata: [unclosed\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^-: /);
  }, 30_000);
});

describe('what check loads', () => {
  /** The YAML parsers among the modules loaded by `check` on `yaml`, with the result's exit code. */
  function parsersLoaded(yaml: string): { code: number | null; parsers: string[] } {
    const probe = `
      const { run } = require('./lib/cli/main');
      run(['check', '-'], { out: () => {}, err: () => {}, stdin: () => ${JSON.stringify(yaml)} })
        .then((code) => console.log(JSON.stringify({ code, loaded: Object.keys(require.cache) })));`;
    const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { code, loaded } = JSON.parse(r.stdout) as { code: number; loaded: string[] };
    const parsers = loaded
      .map((f) => /node_modules\/(js-yaml|yaml)\//.exec(f)?.[1])
      .filter((p): p is string => p !== undefined);
    return { code, parsers: [...new Set(parsers)].sort() };
  }

  const job = (spec: string) =>
    `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n${spec}\n`;
  const pod =
    '  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: "r/a:1"}]';

  test('block YAML is read without a general YAML parser', () => {
    expect(parsersLoaded(job(pod))).toEqual({ code: 0, parsers: [] });
  }, 30_000);

  test('an anchor sends the document to js-yaml, and a finding in it to the yaml package', () => {
    const anchored = job(`  backoffLimit: &b -1\n  parallelism: *b\n${pod}`);
    expect(parsersLoaded(anchored)).toEqual({ code: 1, parsers: ['js-yaml', 'yaml'] });
  }, 30_000);
});

describe('cdk8s-batch schedule', () => {
  test('next runs in each CronJob zone, DST included', () => {
    const r = bin([
      'schedule',
      '--from',
      '2026-10-24T00:00:00Z',
      '--count',
      '3',
      `${GOOD}/seed-weekly-report-agent.yaml`,
      `${GOOD}/seed-embedding-refresh-nightly.yaml`,
      `${GOOD}/names-and-steps.yaml`,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `${GOOD}/seed-weekly-report-agent.yaml: CronJob/weekly-report-agent "0 8 * * 1" in Europe/Berlin`,
        '  2026-10-26T08:00:00+01:00',
        '  2026-11-02T08:00:00+01:00',
        '  2026-11-09T08:00:00+01:00',
        `${GOOD}/seed-embedding-refresh-nightly.yaml: CronJob/embedding-refresh-nightly "0 2 * * *" in UTC (no timeZone: the controller's zone)`,
        '  2026-10-24T02:00:00+00:00',
        '  2026-10-25T02:00:00+00:00',
        '  2026-10-26T02:00:00+00:00',
        `${GOOD}/names-and-steps.yaml: CronJob/weekday-mornings "*/15 6-9 ? jan-dec MON-FRI" in America/New_York`,
        '  2026-10-26T06:00:00-04:00',
        '  2026-10-26T06:15:00-04:00',
        '  2026-10-26T06:30:00-04:00',
        '',
      ].join('\n'),
    );
  }, 30_000);

  test('a schedule that cannot run is reported with exit 1', () => {
    const r = bin(['schedule', `${BAD}/schedule-february-31.yaml`, `${BAD}/time-zone-mars.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cannot run: never runs');
    expect(r.stdout).toMatch(
      /time-zone-mars\.yaml: CronJob\/nightly .*\n {2}cannot run: .*Mars\/Olympus_Mons/,
    );
  }, 30_000);
});
