/**
 * The parts of apply and wait that need no server, tested in-process (fast): the kubeconfig
 * as kubectl resolves it, durations, the immutable-Job diff, the timeout message and the
 * command line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { templateChanges } from '../../src/apply/apply';
import { formatDuration, parseDuration } from '../../src/apply/duration';
import { ClusterConfigError, resolveKubeconfig } from '../../src/apply/kubeconfig';
import { timeoutMessage } from '../../src/cli/apply-command';
import { run } from '../../src/cli/main';
import { certificates, kubeconfigFor, writeKubeconfig } from '../support/apply-cli';

const certs = certificates();
const env = (KUBECONFIG: string) => ({ KUBECONFIG, PATH: process.env.PATH });
const resolved = (config: object | string, context?: string) =>
  resolveKubeconfig({ context }, env(writeKubeconfig(config)));
const refusal = (config: object | string, context?: string): string => {
  try {
    resolved(config, context);
  } catch (e) {
    expect(e).toBeInstanceOf(ClusterConfigError);
    return (e as Error).message;
  }
  throw new Error('the kubeconfig was accepted');
};

describe('the kubeconfig, resolved as kubectl (clientcmd) resolves it', () => {
  test('plain http needs no insecure-skip-tls-verify, and a server without a scheme gets one', () => {
    expect(resolved(kubeconfigFor({ server: 'http://127.0.0.1:8001' }))?.cluster).toEqual({
      name: 'c',
      server: 'http://127.0.0.1:8001',
      skipTLSVerify: false,
    });
    // client-go's DefaultServerURL: https when TLS is configured, else http.
    const ca = { server: '10.0.0.1:6443', 'certificate-authority': certs.caCert };
    expect(resolved(kubeconfigFor(ca))?.cluster.server).toBe('https://10.0.0.1:6443');
    expect(resolved(kubeconfigFor({ server: 'localhost:8001' }))?.cluster.server).toBe(
      'http://localhost:8001',
    );
  });

  test('KUBECONFIG: missing files are skipped, the first file to name a thing wins', () => {
    const first = writeKubeconfig({
      clusters: [{ name: 'c', cluster: { server: 'http://first:1' } }],
      contexts: [{ name: 'a', context: { cluster: 'c', namespace: 'team-a' } }],
      'current-context': 'a',
    });
    const second = writeKubeconfig({
      clusters: [
        { name: 'c', cluster: { server: 'http://second:2' } },
        { name: 'd', cluster: { server: 'http://d:4' } },
      ],
      contexts: [{ name: 'b', context: { cluster: 'd' } }],
      'current-context': 'b',
    });
    const list = ['/nowhere/config', first, '', second].join(delimiter);
    const r = resolveKubeconfig({}, env(list));
    expect(r?.cluster.server).toBe('http://first:1');
    expect(r?.context).toEqual({ name: 'a', namespace: 'team-a' });
    expect(r?.files).toEqual([first, second]);
    expect(resolveKubeconfig({ context: 'b' }, env(list))?.cluster.server).toBe('http://d:4');
  });

  test('relative paths are relative to the kubeconfig; tokenFile is read and trimmed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rel-'));
    writeFileSync(join(dir, 'token'), 'sekret\n');
    writeFileSync(join(dir, 'ca.crt'), readFileSync(certs.caCert));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      JSON.stringify(
        kubeconfigFor(
          { server: 'https://127.0.0.1:6443', 'certificate-authority': 'ca.crt' },
          { tokenFile: 'token' },
        ),
      ),
    );
    const r = resolveKubeconfig({}, env(file));
    expect(r?.cluster.caFile).toBe(join(dir, 'ca.crt'));
    expect(r?.user.token).toBe('sekret');
  });

  test('an exec plugin is found on PATH and told it cannot prompt', () => {
    const r = resolved(
      kubeconfigFor(
        { server: 'https://127.0.0.1:6443', 'insecure-skip-tls-verify': true },
        {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: 'sh',
            args: ['-c', 'x'],
            interactiveMode: 'Never',
          },
        },
      ),
    );
    expect(r?.user.exec).toMatchObject({ command: 'sh', args: ['-c', 'x'] });
    const info = (r?.user.exec?.env as { name: string; value: string }[]).find(
      (e) => e.name === 'KUBERNETES_EXEC_INFO',
    );
    expect(JSON.parse(info!.value)).toMatchObject({ spec: { interactive: false } });
  });

  test('no kubeconfig at all is not an error here (the caller may be in a pod)', () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    expect(resolveKubeconfig({}, { HOME: home })).toBeUndefined();
  });

  const server = { server: 'http://127.0.0.1:8001' };
  const tls = { server: 'https://127.0.0.1:6443', 'certificate-authority': certs.caCert };
  test.each<[string, object | string, RegExp]>([
    [
      'no current-context',
      { ...kubeconfigFor(server), 'current-context': undefined },
      /sets no current-context: pass --context \(it has ctx\), or choose one with kubectl config use-context NAME$/,
    ],
    ['an empty file', '', /^the kubeconfig \S+ is empty: it names no cluster; /],
    [
      'a current-context that is not there',
      { ...kubeconfigFor(server), 'current-context': 'prod' },
      /has current-context "prod", which is not one of its contexts \(it has ctx\)/,
    ],
    [
      'a server that is not a URL',
      kubeconfigFor({ server: 'not a url' }),
      /^the server of cluster "c", "not a url", is not a URL: expected e\.g\. https:/,
    ],
    [
      'a server that is not http',
      kubeconfigFor({ server: 'ftp://127.0.0.1' }),
      /^the server of cluster "c", "ftp:\/\/127\.0\.0\.1", is not http or https$/,
    ],
    [
      'a missing CA file',
      kubeconfigFor({ server: 'https://x:6443', 'certificate-authority': '/nowhere/ca.crt' }),
      /^the certificate-authority of cluster "c", \/nowhere\/ca\.crt cannot be read: no such file$/,
    ],
    [
      'CA data that is not a certificate',
      kubeconfigFor({
        server: 'https://x:6443',
        'certificate-authority-data': Buffer.from('hello').toString('base64'),
      }),
      /^the certificate authority of cluster "c" is not a PEM certificate$/,
    ],
    [
      'a CA with insecure-skip-tls-verify',
      kubeconfigFor({
        server: 'https://x:6443',
        'certificate-authority': certs.caCert,
        'insecure-skip-tls-verify': true,
      }),
      /together with a certificate authority, which kubectl refuses too/,
    ],
    [
      'an exec plugin that is not installed',
      kubeconfigFor(tls, {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'no-such-plugin-xyz',
          interactiveMode: 'Never',
          installHint: 'install it with brew install no-such-plugin',
        },
      }),
      /^the exec plugin of user "u", "no-such-plugin-xyz", is not on PATH: install it with brew install no-such-plugin$/,
    ],
    [
      'a client certificate that is not PEM',
      kubeconfigFor(tls, {
        'client-certificate-data': Buffer.from('garbage').toString('base64'),
        'client-key': certs.clientKey,
      }),
      /^the client certificate of user "u" is not a PEM certificate$/,
    ],
    [
      'a client key that belongs to another certificate',
      kubeconfigFor(tls, {
        'client-certificate': certs.clientCert,
        'client-key': certs.serverKey,
      }),
      /^the client-key of user "u" does not belong to its client certificate$/,
    ],
    [
      'a client certificate without its key',
      kubeconfigFor(tls, { 'client-certificate': certs.clientCert }),
      /^user "u" has a client certificate but no client-key$/,
    ],
    [
      'a missing token file',
      kubeconfigFor(tls, { tokenFile: '/nowhere/token' }),
      /^the tokenFile of user "u", \/nowhere\/token cannot be read: no such file$/,
    ],
    [
      'a context whose user is not defined',
      { ...kubeconfigFor(server), users: [] },
      /^context "ctx" uses user "u", which the kubeconfig \S+ does not define$/,
    ],
    [
      'a context whose cluster is not defined',
      { ...kubeconfigFor(server), clusters: [] },
      /^context "ctx" uses cluster "c", which the kubeconfig \S+ does not define$/,
    ],
    ['YAML that does not parse', 'clusters: [\n', /^the kubeconfig \S+ is not valid YAML: /],
  ])('%s: one message naming what to fix', (_name, config, says) => {
    expect(refusal(config)).toMatch(says);
  });

  test('over plain http no credentials are sent, so a user kubectl could not use is no matter', () => {
    // client-go sends no token and runs no exec plugin for an http server (kubectl proxy).
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'no-such-plugin-xyz',
    };
    const user = { exec, token: 'x', 'client-key': '/nowhere' };
    expect(resolved(kubeconfigFor(server, user))?.user).toEqual({ name: '' });
    expect(refusal(kubeconfigFor(tls, user))).toMatch(/^the client-key of user "u", \/nowhere/);
  });

  test('an exec plugin without apiVersion or interactiveMode is refused, over http too, as kubectl does', () => {
    const exec = (more: object) => kubeconfigFor(server, { exec: { command: 'sh', ...more } });
    expect(refusal(exec({}))).toMatch(/^the exec plugin of user "u" has no apiVersion: /);
    expect(refusal(exec({ apiVersion: 'client.authentication.k8s.io/v1' }))).toMatch(
      /has no interactiveMode: set Never, IfAvailable or Always$/,
    );
  });

  test('an unknown --context names the contexts there are', () => {
    expect(refusal(kubeconfigFor(server), 'prod')).toBe(
      'context "prod" is not in the kubeconfig (it has ctx)',
    );
  });
});

describe('durations, as kubectl users write them', () => {
  test.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['2m5s', 125_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', '90', 's', '1x', '1h 30m', '-5s', '5S'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  test.each([
    [60_000, '1m'],
    [1_800_000, '30m'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
    [90_000, '1m30s'],
    [2000, '2s'],
    [1500, '1.5s'],
    [250, '250ms'],
  ])('%d ms prints as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('the immutable-Job diff', () => {
  const manifest = {
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.37' }] },
  };
  // What the API server stores: the controller's labels and the pod defaults added.
  const live = {
    metadata: {
      labels: {
        'batch.kubernetes.io/controller-uid': 'u-1',
        'batch.kubernetes.io/job-name': 'migrate',
        'controller-uid': 'u-1',
        'job-name': 'migrate',
      },
    },
    spec: {
      restartPolicy: 'Never',
      dnsPolicy: 'ClusterFirst',
      containers: [
        { name: 'main', image: 'busybox:1.36', terminationMessagePath: '/dev/termination-log' },
      ],
    },
  };

  test('names what the manifest changes, not the labels or defaults the server added', () => {
    expect(templateChanges(live, manifest)).toEqual([
      'spec.template.spec.containers[0].image: "busybox:1.36" → "busybox:1.37"',
    ]);
  });

  test('a label the manifest itself sets is compared like any other field', () => {
    const own = { ...manifest, metadata: { labels: { 'job-name': 'renamed' } } };
    expect(templateChanges(live, own)).toContain(
      'spec.template.metadata.labels.job-name: "migrate" → "renamed"',
    );
  });

  test('a field the manifest no longer sets is named when nothing else differs', () => {
    const before = {
      spec: { containers: [{ name: 'main', image: 'busybox:1.37', args: ['--all'] }] },
    };
    const after = { spec: { containers: [{ name: 'main', image: 'busybox:1.37' }] } };
    expect(templateChanges(before, after)).toEqual([
      'spec.template.spec.containers[0].args: ["--all"] → (unset)',
    ]);
  });
});

describe('the timeout message says where each Job stands', () => {
  const jobs = ['run', 'stuck', 'queued', 'held', 'later', 'done', 'broken'].map((name) => ({
    name,
    namespace: 'ns',
  }));
  test('running, stuck, waiting for Kueue, suspended, not created and failed are told apart', () => {
    const message = timeoutMessage(
      jobs,
      {
        states: {
          'Job/ns/run': { state: 'running' },
          'Job/ns/stuck': { state: 'running' },
          'Job/ns/queued': { state: 'suspended', queue: 'gpu' },
          'Job/ns/held': { state: 'suspended' },
          'Job/ns/later': { state: 'missing' },
          'Job/ns/done': { state: 'complete' },
          'Job/ns/broken': { state: 'failed' },
        },
        stuck: { 'Job/ns/stuck': 'pod stuck-1: ImagePullBackOff' },
      },
      60_000,
    );
    expect(message).toBe(
      'timed out after 1m; still running: Job/ns/run, Job/ns/stuck (pod stuck-1: ImagePullBackOff); ' +
        'waiting for Kueue to admit them from queue gpu: Job/ns/queued; ' +
        'suspended (spec.suspend is true): Job/ns/held; not created: Job/ns/later; failed: Job/ns/broken',
    );
  });
});

describe('the command line', () => {
  const help = async (command: string) => {
    const out: string[] = [];
    await run([command, '--help'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    return out.join('\n').replace(/\s+/g, ' '); // help wraps at the terminal's width
  };

  test.each(['apply', 'wait', 'run-now'])(
    '%s: -n is --namespace; defaults read as durations',
    async (command) => {
      const text = await help(command);
      expect(text).toContain('-n, --namespace <name>');
      expect(text).toContain('(default: 30m)');
      expect(text).toContain('(default: 30s)');
      expect(text).not.toMatch(/1800000|30000\b/);
    },
  );

  test.each(['diff', 'delete'])(
    '%s waits for no Job, so it offers no --timeout',
    async (command) => {
      const text = await help(command);
      expect(text).toContain('--request-timeout <duration>');
      expect(text).not.toContain('--timeout');
    },
  );

  test('a --timeout that is not a duration is a usage error', async () => {
    const err: string[] = [];
    const code = await run(['wait', '--timeout', '10', 'x.yaml'], {
      out: () => undefined,
      err: (l) => err.push(l),
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('expected a duration such as 90s, 30m, 2h or 1h30m');
  });
});
