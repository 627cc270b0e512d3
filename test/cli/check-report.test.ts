/**
 * `check --format`: every format carries each finding with file, line, column, kind,
 * namespace, name, rule, family and severity, and is valid for the CI that reads it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv-draft-04';
import { XMLParser } from 'fast-xml-parser';
import { run } from '../../src/cli/main';

const ROOT = join(__dirname, '..', '..');
const BAD = 'test/fixtures/bad';
const LATEST = `${BAD}/image-latest.yaml`;
const HOUR_25 = `${BAD}/schedule-hour-25.yaml`;
const GOOD = 'test/fixtures/good/gpu-job.yaml';

async function check(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['check', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stdin: stdin === undefined ? undefined : () => stdin,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const SARIF_SCHEMA = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);

describe('check --format', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(ROOT));
  afterAll(() => process.chdir(cwd));

  test('json: one object per finding with where, what and which rule', async () => {
    const r = await check(['--format', 'json', LATEST, HOUR_25, GOOD]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.checked).toBe(3);
    expect(report.readErrors).toEqual([]);
    const latest = report.findings.find((f: { rule: string }) => f.rule === 'image-tag');
    expect(latest).toMatchObject({
      file: LATEST,
      kind: 'Job',
      namespace: 'ai-agents',
      name: 'ingest',
      rule: 'image-tag',
      family: 3,
      severity: 'error',
      field: 'spec.template.spec.containers[0].image',
      value: 'ghcr.io/acme/ingest:latest',
    });
    expect(
      report.findings.find((f: { rule: string }) => f.rule === 'cronjob-schedule'),
    ).toMatchObject({
      file: HOUR_25,
      kind: 'CronJob',
      name: 'nightly',
      family: 1,
    });
  });

  test('sarif: valid SARIF 2.1.0, one result per finding, rules listed', async () => {
    const r = await check(['--format', 'sarif', LATEST, HOUR_25]);
    const log = JSON.parse(r.out);
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      unicodeRegExp: false,
    });
    const validate = ajv.compile(SARIF_SCHEMA);
    expect((validate.errors ?? validate(log)) ? [] : validate.errors).toEqual([]);
    const results = log.runs[0].results;
    expect(results.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual([
      'cronjob-schedule',
      'image-tag',
    ]);
    const rules = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    for (const x of results) expect(rules[x.ruleIndex]).toBe(x.ruleId);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /^test\/fixtures\/bad\/[a-z0-9-]+\.yaml$/,
    );
  });

  test('sarif: a read error is a tool notification and the log stays valid', async () => {
    const r = await check(['--format', 'sarif', '-'], 'kind: [unclosed');
    expect(r.code).toBe(2);
    const log = JSON.parse(r.out);
    const ajv = new Ajv({ strict: false, validateSchema: false, unicodeRegExp: false });
    expect(ajv.validate(SARIF_SCHEMA, log)).toBe(true);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(1);
  });

  test('junit: parses back, a test case per object, a failure per failing object', async () => {
    const r = await check(['--format', 'junit', LATEST, HOUR_25, GOOD]);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.out);
    const suites = [parsed.testsuites.testsuite].flat();
    expect(parsed.testsuites.tests).toBe('3');
    expect(parsed.testsuites.failures).toBe('2');
    expect(suites.map((s: { name: string }) => s.name)).toEqual([LATEST, HOUR_25, GOOD]);
    const latest = suites[0].testcase;
    expect(latest.name).toBe('Job/ai-agents/ingest');
    expect(latest.failure.type).toBe('image-tag');
    expect(suites[2].testcase.failure).toBeUndefined();
  });

  test('junit: control characters and markup in values stay well-formed XML', async () => {
    const yaml = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: "a<b>&\\u0001"}',
      'spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: "x:1"}]}}}',
    ].join('\n');
    const r = await check(['--format', 'junit', '-'], yaml);
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
    expect(r.out).not.toMatch(/[\x00-\x08]/);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(r.out);
    expect(parsed.testsuites).toBeDefined();
  });

  test('github: one workflow command per finding, escaped', async () => {
    const r = await check(['--format', 'github', LATEST]);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=test\/fixtures\/bad\/image-latest\.yaml(,line=\d+,col=\d+)?,title=image-tag \(family 3\)::Job\/ingest spec\.template\.spec\.containers\[0\]\.image: "ghcr\.io\/acme\/ingest:latest": uses :latest/,
    );
    expect(r.err).toMatch(/1 Job\/CronJob object\(s\) checked/);
  });

  test('an unknown format is a usage error', async () => {
    const r = await check(['--format', 'xml', LATEST]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected one of text, json, sarif, junit, github/);
  });
});

describe('relaxing reviewer rules', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(ROOT));
  afterAll(() => process.chdir(cwd));

  test('--allow relaxes a reviewer rule for the run', async () => {
    expect((await check([LATEST])).code).toBe(1);
    const r = await check(['--allow', 'image-tag', LATEST]);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  test('--allow refuses rules that cannot be relaxed, and names the ones that can', async () => {
    const r = await check(['--allow', 'cronjob-schedule', HOUR_25]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cronjob-schedule cannot be relaxed.*relaxable: .*image-tag/);
    expect((await check(['--allow', 'no-such-rule', HOUR_25])).err).toMatch(
      /no rule is called no-such-rule/,
    );
  });

  test('the cdk8s-batch/allow annotation relaxes a rule for one object', async () => {
    const yaml = readFileSync(join(ROOT, LATEST), 'utf8').replace(
      '  namespace: ai-agents',
      '  namespace: ai-agents\n  annotations:\n    cdk8s-batch/allow: "image-tag, secret-literal"',
    );
    const r = await check(['-'], yaml);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  test('an annotation naming a rule that cannot be relaxed is a warning, and relaxes nothing', async () => {
    const yaml = readFileSync(join(ROOT, LATEST), 'utf8').replace(
      '  namespace: ai-agents',
      '  namespace: ai-agents\n  annotations:\n    cdk8s-batch/allow: job-restart-policy',
    );
    const r = await check(['-'], yaml.replace('restartPolicy: Never', 'restartPolicy: Always'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /metadata\.annotations\.cdk8s-batch\/allow: "job-restart-policy": names a rule that cannot be relaxed/,
    );
    expect(r.out).toMatch(/restartPolicy: "Always"/);
  });
});

describe('pod security', () => {
  const job = (namespace: string) =>
    [
      'apiVersion: batch/v1',
      'kind: Job',
      `metadata: {name: root-job, namespace: ${namespace}}`,
      'spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: "busybox:1.36"}]}}}',
    ].join('\n');
  const namespace = (name: string, level: string) =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`;

  test('is not checked unless asked', async () => {
    const r = await check(['-'], job('batch'));
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  test('--pod-security restricted warns on every object', async () => {
    const r = await check(['--pod-security', 'restricted', '-'], job('batch'));
    expect(r.out).toMatch(/misses the restricted profile.*\[pod-security\] \(warning\)$/);
    expect(r.code).toBe(0);
  });

  test('a Namespace in the input that enforces restricted makes it an error for its Jobs, before or after', async () => {
    for (const yaml of [
      `${namespace('batch', 'restricted')}---\n${job('batch')}`,
      `${job('batch')}\n---\n${namespace('batch', 'restricted')}`,
    ]) {
      const r = await check(['-'], yaml);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        /the namespace enforces the restricted profile, so the Job's pods are refused; set the fields the profile requires.*\[pod-security\]$/,
      );
    }
    const baseline = await check(['-'], `${namespace('batch', 'baseline')}---\n${job('batch')}`);
    expect(baseline.out).toBe('');
    const other = await check(['-'], `${namespace('other', 'restricted')}---\n${job('batch')}`);
    expect(other.out).toBe('');
  });
});
