import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const APP = join(__dirname, '..', 'plugin-app');
const CDK8S = join(__dirname, '..', '..', 'node_modules', '.bin', 'cdk8s');

describe('BatchValidation as a cdk8s validation plugin', () => {
  test('cdk8s synth fails on a raw ApiObject CronJob and a cdk8s-plus Job that break the rules', () => {
    const out = mkdtempSync(join(tmpdir(), 'plugin-app-'));
    const r = spawnSync(CDK8S, ['synth', '--no-check-upgrade', '--output', out], {
      cwd: APP,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(output).toContain('Validation failed');
    expect(output).toContain('cronjob-schedule (family 1)');
    expect(output).toContain(
      'Recommendation: spec.schedule: "0 25 * * *": hour 25 is outside 0-23',
    );
    expect(output).toContain('Construct Path: plain/nightly');
    // cdk8s-plus-27 sets runAsNonRoot without runAsUser: python:3.11-slim would not start.
    expect(output).toContain('run-as-non-root-user (family 2)');
    expect(output).toContain('Construct Path: plain/plus-job');
    expect(output).not.toContain('ConfigMap');
  }, 120_000);
});
