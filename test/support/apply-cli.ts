/** Runs the cdk8s-batch bin (and kubectl) in child processes, for the apply tests. */
import { execFile, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { stringify } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const exec = promisify(execFile);

/** The compiled bin (test/support/global-setup.js builds lib/ before the suites). */
export const BIN = [join(ROOT, 'lib', 'cli', 'main.js')];

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The bin in a child process: client-node is an ES module, which jest's CommonJS runtime
 * cannot import. `env` is added to the child's environment (KUBECONFIG, HOME).
 */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  try {
    const r = await exec(process.execPath, [...BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** The real kubectl on PATH; fails loudly (never skips) when there is none. */
export function requireKubectl(): void {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      'kubectl is required to check the API double against the real client and was not found on PATH; install it (https://kubernetes.io/docs/tasks/tools/)',
    );
  }
}

/**
 * The bin under a pseudo-terminal (util-linux `script`), as a user at a terminal runs it;
 * returns the exit code and the screen without escape sequences.
 */
export async function onTerminal(
  args: string[],
  whileRunning?: () => Promise<void>,
): Promise<{ code: number; screen: string; raw: string }> {
  const command = [process.execPath, ...BIN, ...args].join(' ');
  let code = 0;
  let stdout: string;
  const running = exec('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, TERM: 'xterm' },
  });
  await whileRunning?.();
  try {
    ({ stdout } = await running);
  } catch (e) {
    ({ code, stdout } = e as { code: number; stdout: string });
  }
  // eslint-disable-next-line no-control-regex -- stripping the terminal's escape sequences
  return { code, raw: stdout, screen: stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') };
}

/** The real kubectl against `server`, with no kubeconfig. */
export async function kubectl(server: string, args: string[]): Promise<string> {
  requireKubectl();
  const r = await exec('kubectl', ['--server', server, ...args], {
    env: { ...process.env, KUBECONFIG: '/dev/null' },
  });
  return r.stdout;
}

/** A Job in ai-agents; the double's controller reads the `test.cdk8s-batch/*` annotations. */
export function job(
  name: string,
  spec: Record<string, unknown> = {},
  image = 'busybox:1.36',
  annotations?: Record<string, string>,
) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'ai-agents', ...(annotations ? { annotations } : {}) },
    spec: {
      ...spec,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } },
    },
  };
}

/** Writes `objects` as one multi-document YAML file; returns its path. */
export function manifests(...objects: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'apply-'));
  const file = join(dir, 'app.k8s.yaml');
  writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  return file;
}

/** Writes `config` (a kubeconfig as an object, or raw text) to a fresh file; returns its path. */
export function writeKubeconfig(config: object | string, name = 'config'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), name);
  writeFileSync(file, typeof config === 'string' ? config : stringify(config));
  return file;
}

/** A kubeconfig with one context `ctx` for `cluster` and `user` (kubeconfig field names). */
export function kubeconfigFor(
  cluster: Record<string, unknown>,
  user: Record<string, unknown> = {},
  namespace?: string,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster }],
    users: [{ name: 'u', user }],
    contexts: [
      { name: 'ctx', context: { cluster: 'c', user: 'u', ...(namespace ? { namespace } : {}) } },
    ],
    'current-context': 'ctx',
  };
}

/** PEM files of a test CA, a server certificate for 127.0.0.1 and a client certificate, by openssl. */
export interface Certificates {
  readonly dir: string;
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

export function certificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'certs-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  const openssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr || r.error}`);
  };
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=test-ca']);
  const signed = (name: string, subject: string, extra: string[] = []) =>
    openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-subj',
      subject,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      ...extra,
    ]);
  signed('server', '/CN=127.0.0.1', ['-addext', 'subjectAltName=IP:127.0.0.1']);
  signed('client', '/CN=ci/O=batch-admins');
  const file = (name: string) => join(dir, name);
  return {
    dir,
    caCert: file('ca.crt'),
    serverKey: file('server.key'),
    serverCert: file('server.crt'),
    clientKey: file('client.key'),
    clientCert: file('client.crt'),
  };
}

/** The real kubectl with the kubeconfig `file` (its current context); rejects when kubectl fails. */
export async function kubectlWith(file: string, args: string[]): Promise<string> {
  requireKubectl();
  const r = await exec('kubectl', args, { env: { ...process.env, KUBECONFIG: file } });
  return r.stdout;
}
