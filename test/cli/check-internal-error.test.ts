/** A bug in a rule never looks like a problem in the user's manifest: its own line, exit 70. */
import * as validate from '../../src/validation/validate-manifest';
import { EXIT_INTERNAL, run } from '../../src/cli/main';

const JOB = [
  'apiVersion: batch/v1',
  'kind: Job',
  'metadata: {name: a}',
  'spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: "x:1"}]}}}',
].join('\n');

test('an exception inside the rules is reported as an internal error, and the other objects are still checked', async () => {
  const real = validate.validateManifest;
  const spy = jest.spyOn(validate, 'validateManifest').mockImplementation((m, o) => {
    if ((m as { metadata: { name: string } }).metadata.name === 'boom')
      throw new TypeError('x is not a function');
    return real(m, o);
  });
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['check', '-'], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stdin: () => `${JOB.replace('name: a', 'name: boom')}\n---\n${JOB.replace('x:1', 'x:latest')}`,
  });
  spy.mockRestore();
  expect(code).toBe(EXIT_INTERNAL);
  expect(err[0]).toMatch(
    /^-: Job\/boom: internal error in cdk8s-batch, not in your manifest \(please report it\): TypeError: x is not a function/,
  );
  expect(out).toEqual([expect.stringMatching(/Job\/a .*uses :latest/)]);
  expect(err.at(-1)).toMatch(
    /2 Job\/CronJob object\(s\) checked.*1 object\(s\) not checked \(internal error\)$/,
  );
});
