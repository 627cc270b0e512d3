import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { useApiDouble } from '../support/api-double';
import { cli, job, manifests } from '../support/apply-cli';

/** A kubeconfig whose current context `team` is the double, namespace team-a. */
function kubeconfig(server: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), 'config');
  const cluster = (name: string, url: string) => ({
    name,
    cluster: { server: url, 'insecure-skip-tls-verify': true },
  });
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [cluster('double', server), cluster('gone', 'http://127.0.0.1:1')],
      users: [{ name: 'me', user: {} }],
      contexts: [
        { name: 'team', context: { cluster: 'double', user: 'me', namespace: 'team-a' } },
        { name: 'other', context: { cluster: 'gone', user: 'me' } },
      ],
      'current-context': 'team',
    }),
  );
  return file;
}

function unnamespaced(name: string) {
  const j = job(name, { completions: 2 });
  return { ...j, metadata: { name } };
}

describe('the kubeconfig, as kubectl resolves it', () => {
  const double = useApiDouble();
  let env: Record<string, string>;
  beforeEach(() => {
    double.api.namespaces.add('team-a');
    env = { KUBECONFIG: kubeconfig(double.server) };
  });

  test('apply and wait use the current context and its namespace, as kubectl does', async () => {
    const r = await cli(['apply', '--wait', manifests(unnamespaced('embed'))], env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'Job/team-a/embed created',
        'Job/team-a/embed: 0/2 succeeded, 0 active, 0 failed',
        'Job/team-a/embed: 1/2 succeeded, 1 active, 0 failed',
        'Job/team-a/embed: Complete',
        '',
      ].join('\n'),
    );
    expect(double.api.objects.has('jobs/team-a/embed')).toBe(true);
  }, 60_000);

  test('--namespace wins over the context', async () => {
    const r = await cli(['apply', '--namespace', 'ai-agents', manifests(unnamespaced('x'))], env);
    expect(r.stdout).toBe('Job/ai-agents/x created\n');
  }, 60_000);

  test('an unknown --context is a usage error naming the contexts there are', async () => {
    const r = await cli(['apply', '--context', 'prod', manifests(unnamespaced('x'))], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: context "prod" is not in the kubeconfig (it has team, other)\n');
    expect(double.api.requests).toEqual([]);
  }, 60_000);

  test('a server that does not answer ends the run with exit 2, once, not per object', async () => {
    const file = manifests(unnamespaced('a'), unnamespaced('b'), unnamespaced('c'));
    const r = await cli(['apply', '--context', 'other', file], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: cannot reach the API server at http://127.0.0.1:1 (ECONNREFUSED): check the kubeconfig context, or --server\n',
    );
    const waited = await cli(['wait', '--context', 'other', file], env);
    expect(waited.code).toBe(2);
    expect(waited.stderr).toContain('cannot reach the API server at http://127.0.0.1:1');
  }, 60_000);

  test('no kubeconfig and no service account: exit 2 and where a kubeconfig comes from', async () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    const r = await cli(['apply', manifests(unnamespaced('x'))], { KUBECONFIG: '', HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: no cluster to talk to: set KUBECONFIG or write ~/.kube/config, pass --context, or run in a pod with a service account\n',
    );
  }, 60_000);

  test('a request the server never answers is given up after --request-timeout and retried', async () => {
    double.api.faults.push({ method: 'PATCH', hang: true, status: 0, times: 1 });
    const started = Date.now();
    const r = await cli(['apply', '--request-timeout', '1s', manifests(unnamespaced('slow'))], env);
    expect(r).toMatchObject({ code: 0, stdout: 'Job/team-a/slow created\n', stderr: '' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(double.api.requests.filter((q) => q.startsWith('PATCH'))).toHaveLength(2);
    expect(double.api.objects.size).toBe(1);
  }, 60_000);
});
