import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const BAD = 'test/fixtures/bad';
const GOOD = 'test/fixtures/good';
const RESTRICTED =
  'misses the restricted profile: runAsNonRoot is not true, allowPrivilegeEscalation is not false, capabilities.drop does not include ALL, seccompProfile.type is not RuntimeDefault or Localhost; the cdk8s-batch constructs meet it by default; or allow "pod-security" (warning)';

/** Runs the real bin (src/cli/main.ts) in a child process, as `npx cdk8s-batch` would. */
function bin(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cdk8s-batch check', () => {
  test('the report line format is pinned: file: kind/name field: "value": message; fix', () => {
    const r = bin(['check', `${BAD}/schedule-hour-25.yaml`, `${BAD}/starting-deadline-5s.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${BAD}/schedule-hour-25.yaml: CronJob/nightly spec.schedule: "0 25 * * *": hour 25 is outside 0-23`,
        `${BAD}/schedule-hour-25.yaml: CronJob/nightly spec.jobTemplate.spec.template.spec.containers[0].securityContext: ${RESTRICTED}`,
        `${BAD}/starting-deadline-5s.yaml: CronJob/nightly spec.startingDeadlineSeconds: 5: is below 10 s; the CronJob controller may never start the Job; use at least 10 seconds, or leave it unset`,
        `${BAD}/starting-deadline-5s.yaml: CronJob/nightly spec.jobTemplate.spec.template.spec.containers[0].securityContext: ${RESTRICTED}`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(
      '2 Job/CronJob object(s) checked for Kubernetes 1.34: 2 error(s), 2 warning(s)\n',
    );
  }, 30_000);

  test('a clean folder exits 0', () => {
    const r = bin(['check', GOOD]);
    expect(r.code).toBe(0);
    // The seeds' hand-written pods miss the restricted profile: a warning, not a failure.
    expect(r.stdout.split('\n').filter((l) => l && !l.endsWith('(warning)'))).toEqual([]);
    expect(r.stderr).toMatch(/^24 Job\/CronJob object\(s\) checked for Kubernetes 1\.34: 0 error/);
  }, 30_000);

  test('standard input with -, and YAML 1.1 as the API server reads it (yes is a boolean)', () => {
    const yaml = readFileSync(join(ROOT, BAD, 'env-value-yaml-boolean.yaml'), 'utf8');
    const r = bin(['check', '-'], yaml);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '-: Job/ingest spec.template.spec.containers[0].env[0].value: true:',
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
        object: 'Job/ingest',
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
      /expected a Kubernetes version from 1\.27 to 1\.34/,
    ],
    [['check', '--format', 'xml', GOOD], /--format must be text or json/],
    [['check', 'no/such/file.yaml'], /no\/such\/file\.yaml: ENOENT/],
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
