/** templates/worker-torchrun: every pod of a synthesized DistributedTrainingJob knows its place. */
import { spawnSync } from 'child_process';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { DistributedTrainingJob } from '../../src';
import { ExitCode } from '../../src/runtime';
import { newChart } from '../support/harness';
import { pythonWithRuntime } from './twin';

const ROOT = join(__dirname, '..', '..');

function contractOf(index: number): Record<string, string> {
  const chart = newChart();
  new DistributedTrainingJob(chart, 'finetune', {
    image: 'ghcr.io/acme/train:1.0.0',
    nodes: 2,
    gpusPerNode: 4,
  });
  const job = Testing.synth(chart).find((o) => o.kind === 'Job');
  const env: Record<string, string> = {};
  for (const e of job.spec.template.spec.containers[0].env) {
    env[e.name] = e.value ?? String(index); // the completion index, from the downward API
  }
  return env;
}

function run(env: Record<string, string>) {
  const result = spawnSync(
    pythonWithRuntime(),
    ['templates/worker-torchrun/train.py', '--contract'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        PYTHONDONTWRITEBYTECODE: '1',
        ...env,
      },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('each pod prints its rank and the leader it will meet', () => {
  for (const index of [0, 1]) {
    const r = run(contractOf(index));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      rank: index,
      nodes: 2,
      procs_per_node: 4,
      master_addr: expect.stringMatching(
        /^agents-finetune-[0-9a-f]+-0\.agents-finetune-[0-9a-f]+$/,
      ),
      master_port: 29500,
    });
  }
}, 30_000);

test('a broken contract fails the Job at once with the reason', () => {
  const env = contractOf(0);
  delete env.MASTER_ADDR;
  const r = run(env);
  expect(r.code).toBe(ExitCode.FAIL_JOB);
  expect(r.stderr).toContain('MASTER_ADDR is not set: DistributedTrainingJob sets it');
}, 30_000);
