/**
 * Every kind of kubeconfig kubectl accepts works with apply, wait and run-now, proven with
 * the real kubectl on the same kubeconfig against the same double: plain http (as
 * `kubectl proxy` serves), a bearer token (inline, tokenFile, exec plugin) and a client
 * certificate over https. A broken kubeconfig is one message and exit 2 before any object.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { useApiDouble } from '../support/api-double';
import {
  certificates,
  cli,
  job,
  kubeconfigFor,
  kubectlWith,
  manifests,
  writeKubeconfig,
} from '../support/apply-cli';

const certs = certificates();
const TOKEN = 's3cret-token';

/** A run that ended as the brief demands of a broken kubeconfig. */
function expectOneMessage(r: { code: number; stdout: string; stderr: string }, says: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toMatch(says);
}

describe('plain http, as kubectl proxy serves it (no insecure-skip-tls-verify)', () => {
  const double = useApiDouble({ shared: true });
  let env: Record<string, string>;
  beforeAll(() => {
    env = {
      KUBECONFIG: writeKubeconfig(kubeconfigFor({ server: double.server }, {}, 'ai-agents')),
    };
  });

  test('apply --wait, wait and kubectl all work with the same kubeconfig', async () => {
    const file = manifests(job('via-proxy', { completions: 2 }));
    const r = await cli(['apply', '--wait', file], env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^Job\/ai-agents\/via-proxy created\n[^]*Job\/ai-agents\/via-proxy: Complete\n$/,
    );
    const waited = await cli(['wait', file], env);
    expect(waited).toEqual({ code: 0, stdout: 'Job/ai-agents/via-proxy: Complete\n', stderr: '' });
    expect(
      (
        await kubectlWith(env.KUBECONFIG, [
          'get',
          'job',
          'via-proxy',
          '-n',
          'ai-agents',
          '-o',
          'name',
        ])
      ).trim(),
    ).toBe('job.batch/via-proxy');
  }, 60_000);

  test('run-now -n: the namespace by its short flag, as kubectl spells it', async () => {
    await cli(
      ['apply', '-n', 'ai-agents', 'test/fixtures/good/seed-weekly-report-agent.yaml'],
      env,
    );
    const r = await cli(['run-now', 'weekly-report-agent', '-n', 'ai-agents'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Job\/ai-agents\/weekly-report-agent-manual-\w+ created from CronJob\/ai-agents\/weekly-report-agent\n$/,
    );
  }, 60_000);

  const server = () => ({ server: double.server });
  test.each<[string, () => object | string, RegExp]>([
    [
      'no current-context',
      () => ({ ...kubeconfigFor(server()), 'current-context': undefined }),
      /sets no current-context: pass --context \(it has ctx\)/,
    ],
    ['an empty file', () => '', /is empty: it names no cluster/],
    [
      'a server that is not a URL',
      () => kubeconfigFor({ server: 'not a url' }),
      /"not a url", is not a URL/,
    ],
    [
      'a missing CA file',
      () =>
        kubeconfigFor({
          server: double.server.replace('http:', 'https:'),
          'certificate-authority': '/nowhere/ca.crt',
        }),
      /certificate-authority of cluster "c", \/nowhere\/ca\.crt cannot be read: no such file/,
    ],
  ])(
    '%s: one message, exit 2, before any object; kubectl refuses it too',
    async (_name, config, says) => {
      const kubeconfig = writeKubeconfig(config());
      const before = double.api.requests.length;
      const file = manifests(job('never-a'), job('never-b'));
      expectOneMessage(await cli(['apply', file], { KUBECONFIG: kubeconfig }), says);
      expect(double.api.requests.length).toBe(before);
      await expect(
        kubectlWith(kubeconfig, ['get', 'jobs', '-n', 'ai-agents', '--request-timeout', '2s']),
      ).rejects.toThrow();
    },
    60_000,
  );

  test('a user whose credentials cannot be used does not matter over http, as with kubectl', async () => {
    // client-go sends no credentials to a plain-http server and never runs the plugin.
    const KUBECONFIG = writeKubeconfig(
      kubeconfigFor(
        server(),
        {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: 'no-such-plugin-xyz',
            interactiveMode: 'Never',
          },
          token: 'x',
        },
        'ai-agents',
      ),
    );
    const r = await cli(['apply', manifests(job('anonymous'))], { KUBECONFIG });
    expect(r).toEqual({ code: 0, stdout: 'Job/ai-agents/anonymous created\n', stderr: '' });
    expect((await kubectlWith(KUBECONFIG, ['get', 'job', 'anonymous', '-o', 'name'])).trim()).toBe(
      'job.batch/anonymous',
    );
  }, 60_000);

  test('wait and run-now with a broken kubeconfig: the same one message, no stack trace', async () => {
    const KUBECONFIG = writeKubeconfig({
      ...kubeconfigFor(server()),
      'current-context': undefined,
    });
    const file = manifests(job('never-c'));
    expectOneMessage(await cli(['wait', file], { KUBECONFIG }), /sets no current-context/);
    expectOneMessage(
      await cli(['run-now', 'x', '-n', 'ai-agents'], { KUBECONFIG }),
      /sets no current-context/,
    );
  }, 60_000);
});

const tls = () => ({
  key: readFileSync(certs.serverKey, 'utf8'),
  cert: readFileSync(certs.serverCert, 'utf8'),
  ca: readFileSync(certs.caCert, 'utf8'),
});

describe('a bearer token over https: inline, from tokenFile, or from an exec plugin', () => {
  const double = useApiDouble({ shared: true, token: TOKEN, tls: tls() });
  const cluster = () => ({ server: double.server, 'certificate-authority': certs.caCert });

  /** An exec plugin that prints an ExecCredential with the token, as aws/gcloud plugins do. */
  function plugin(): string {
    const file = join(mkdtempSync(join(tmpdir(), 'plugin-')), 'get-token');
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: TOKEN },
    };
    writeFileSync(file, `#!/bin/sh\necho '${JSON.stringify(credential)}'\n`);
    chmodSync(file, 0o755);
    return file;
  }

  test.each<[string, () => Record<string, unknown>]>([
    ['token', () => ({ token: TOKEN })],
    [
      'tokenFile',
      () => {
        const file = join(mkdtempSync(join(tmpdir(), 'token-')), 'token');
        writeFileSync(file, `${TOKEN}\n`); // kubectl trims the newline; so must we
        return { tokenFile: file };
      },
    ],
    [
      'exec',
      () => ({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: plugin(),
          interactiveMode: 'Never',
        },
      }),
    ],
  ])(
    '%s: apply works, and kubectl reads what it applied',
    async (kind, user) => {
      const KUBECONFIG = writeKubeconfig(kubeconfigFor(cluster(), user(), 'ai-agents'));
      const name = `by-${kind.toLowerCase()}`;
      const r = await cli(['apply', manifests(job(name))], { KUBECONFIG });
      expect(r).toEqual({ code: 0, stdout: `Job/ai-agents/${name} created\n`, stderr: '' });
      expect((await kubectlWith(KUBECONFIG, ['get', 'job', name, '-o', 'name'])).trim()).toBe(
        `job.batch/${name}`,
      );
    },
    60_000,
  );

  test('a token the server refuses: exit 2 before any object is tried', async () => {
    const KUBECONFIG = writeKubeconfig(kubeconfigFor(cluster(), { token: 'wrong' }));
    const before = double.api.requests.length;
    expectOneMessage(
      await cli(['apply', manifests(job('refused'))], { KUBECONFIG }),
      /the API server at https:\/\/127\.0\.0\.1:\d+ refused the credentials of user "u" \(401 Unauthorized\)/,
    );
    expect(double.api.requests.slice(before)).toEqual(['GET /version']);
  }, 60_000);
});

describe('a client certificate over https', () => {
  const double = useApiDouble({ shared: true, tls: tls() });
  const user = () => ({ 'client-certificate': certs.clientCert, 'client-key': certs.clientKey });

  test('apply --wait works, and kubectl reads what it applied', async () => {
    const KUBECONFIG = writeKubeconfig(
      kubeconfigFor(
        { server: double.server, 'certificate-authority': certs.caCert },
        user(),
        'ai-agents',
      ),
    );
    const r = await cli(['apply', '--wait', manifests(job('by-cert'))], { KUBECONFIG });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Job\/ai-agents\/by-cert created\n[^]*: Complete\n$/);
    expect((await kubectlWith(KUBECONFIG, ['get', 'job', 'by-cert', '-o', 'name'])).trim()).toBe(
      'job.batch/by-cert',
    );
  }, 60_000);

  const cluster = () => ({ server: double.server, 'certificate-authority': certs.caCert });
  test.each<[string, () => Record<string, unknown>, RegExp]>([
    [
      'a missing exec plugin',
      () => ({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'no-such-plugin-xyz',
          interactiveMode: 'Never',
        },
      }),
      /exec plugin of user "u", "no-such-plugin-xyz", is not on PATH/,
    ],
    [
      'a bad client certificate',
      () => ({
        'client-certificate-data': Buffer.from('not a certificate').toString('base64'),
        'client-key': certs.clientKey,
      }),
      /client certificate of user "u" is not a PEM certificate/,
    ],
  ])(
    '%s: one message, exit 2, before any object; kubectl refuses it too',
    async (_name, user, says) => {
      const kubeconfig = writeKubeconfig(kubeconfigFor(cluster(), user()));
      const before = double.api.requests.length;
      expectOneMessage(
        await cli(['apply', manifests(job('never-d'))], { KUBECONFIG: kubeconfig }),
        says,
      );
      expect(double.api.requests.length).toBe(before);
      await expect(kubectlWith(kubeconfig, ['get', 'jobs', '-n', 'ai-agents'])).rejects.toThrow();
    },
    60_000,
  );

  test('a server certificate no configured CA signed: exit 2, and what to set', async () => {
    const KUBECONFIG = writeKubeconfig(kubeconfigFor({ server: double.server }, user()));
    expectOneMessage(
      await cli(['apply', manifests(job('untrusted'))], { KUBECONFIG }),
      /cannot verify the API server at https:\/\/127\.0\.0\.1:\d+ \(\w+\): set the cluster's certificate-authority/,
    );
  }, 60_000);
});

describe('--dry-run=client with no cluster configured at all', () => {
  const none = () => ({ KUBECONFIG: '', HOME: mkdtempSync(join(tmpdir(), 'home-')) });

  test("runs the library's rules and says that nothing was compared with a cluster", async () => {
    const r = await cli(
      [
        'apply',
        '--dry-run=client',
        '-n',
        'team-a',
        manifests(job('offline'), { ...job('elsewhere'), metadata: { name: 'elsewhere' } }),
      ],
      none(),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Job/ai-agents/offline checked (client dry run, no cluster)\nJob/team-a/elsewhere checked (client dry run, no cluster)\n',
    );
    expect(r.stderr).toMatch(
      /^no cluster configured: checked with the cdk8s-batch rules only, not compared with live objects/,
    );
  }, 60_000);

  test('a rule broken: the finding and exit 1; a real apply still needs a cluster (exit 2)', async () => {
    const bad = manifests(job('bad', { backoffLimit: -1 }));
    const r = await cli(['apply', '--dry-run=client', bad], none());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/spec\.backoffLimit/);
    const real = await cli(['apply', manifests(job('fine'))], none());
    expectOneMessage(real, /no cluster to talk to/);
  }, 60_000);
});
