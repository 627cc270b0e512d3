/**
 * The kubeconfig, found, merged and checked the way kubectl (client-go's clientcmd) does it,
 * so that every kubeconfig kubectl accepts works here and a broken one is one clear message
 * before any object is tried. Plain Node only (no client-node): it hands client-node the
 * resolved cluster, user and context.
 *
 * What kubectl does and client-node alone does not: missing KUBECONFIG files are skipped and
 * empty ones are empty; the first file to define a name wins, as does the first
 * current-context; relative paths are relative to the file that names them; `tokenFile` is
 * read (trimmed); a server without a scheme gets one; plain http needs no
 * insecure-skip-tls-verify.
 */
import { X509Certificate, createPrivateKey } from 'crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'path';
import { parse } from 'yaml';

/** The kubeconfig cannot be used: no cluster, an unknown context, or an unreachable server. */
export class ClusterConfigError extends Error {
  public override readonly name = 'ClusterConfigError';
  /**
   * `none`: nothing configured at all (no kubeconfig, no service account); `invalid`: the
   * kubeconfig is broken; `unreachable`: the server does not answer; `refused`: it refused
   * the credentials or their permissions.
   */
  public readonly reason: 'none' | 'invalid' | 'unreachable' | 'refused';
  public constructor(message: string, reason: ClusterConfigError['reason'] = 'invalid') {
    super(message);
    this.reason = reason;
  }
}

/**
 * A cluster as client-node takes it.
 * @internal
 */
export interface ResolvedCluster {
  readonly name: string;
  readonly server: string;
  readonly caData?: string;
  readonly caFile?: string;
  readonly skipTLSVerify: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
}

/**
 * A user as client-node takes it.
 * @internal
 */
export interface ResolvedUser {
  readonly name: string;
  readonly token?: string;
  readonly certData?: string;
  readonly certFile?: string;
  readonly keyData?: string;
  readonly keyFile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly impersonateUser?: string;
  readonly exec?: Record<string, unknown>;
  readonly authProvider?: { name: string; config: Record<string, unknown> };
}

/**
 * What to connect to: the current (or chosen) context of the merged kubeconfig.
 * @internal
 */
export interface ResolvedConfig {
  readonly cluster: ResolvedCluster;
  readonly user: ResolvedUser;
  readonly context: { readonly name: string; readonly namespace?: string };
  /** The files it came from, for messages. */
  readonly files: readonly string[];
}

type Raw = Record<string, unknown>;

interface Named {
  readonly name: string;
  readonly body: Raw;
  /** The folder of the file that defined it, for relative paths. */
  readonly dir: string;
  readonly file: string;
}

interface Merged {
  readonly clusters: Map<string, Named>;
  readonly users: Map<string, Named>;
  readonly contexts: Map<string, Named>;
  currentContext?: string;
  readonly files: string[];
}

/** Where the kubeconfig comes from: KUBECONFIG's files, else ~/.kube/config. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): {
  files: string[];
  fromEnv: boolean;
} {
  if (env.KUBECONFIG) {
    return { files: env.KUBECONFIG.split(delimiter).filter((f) => f !== ''), fromEnv: true };
  }
  const home = env.HOME ?? env.USERPROFILE;
  return { files: home ? [join(home, '.kube', 'config')] : [], fromEnv: false };
}

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function readKubeconfigFile(file: string, merged: Merged): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ClusterConfigError(
      `cannot read the kubeconfig ${file}: ${(e as Error).message.replace(/^\w+: /, '')}`,
    );
  }
  let doc: unknown;
  try {
    // sigs.k8s.io/yaml reads it as YAML 1.1, as it reads manifests.
    doc = parse(text, { version: '1.1' });
  } catch (e) {
    throw new ClusterConfigError(
      `the kubeconfig ${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  merged.files.push(file);
  if (doc === null || doc === undefined) return; // an empty file is an empty kubeconfig
  if (!isObject(doc)) throw new ClusterConfigError(`the kubeconfig ${file} is not a mapping`);
  const dir = dirname(resolve(file));
  for (const [list, key, into] of [
    ['clusters', 'cluster', merged.clusters],
    ['users', 'user', merged.users],
    ['contexts', 'context', merged.contexts],
  ] as const) {
    const entries = doc[list] ?? [];
    if (!Array.isArray(entries)) throw new ClusterConfigError(`${file}: ${list} is not a list`);
    entries.forEach((entry: unknown, i) => {
      if (!isObject(entry) || typeof entry.name !== 'string' || entry.name === '') {
        throw new ClusterConfigError(`${file}: ${list}[${i}] has no name`);
      }
      const body = entry[key] ?? {};
      if (!isObject(body))
        throw new ClusterConfigError(`${file}: ${list}[${i}].${key} is not a mapping`);
      // clientcmd's merge: the first file to define a name wins.
      if (!into.has(entry.name)) into.set(entry.name, { name: entry.name, body, dir, file });
    });
  }
  const current = doc['current-context'];
  if (!merged.currentContext && typeof current === 'string' && current !== '') {
    merged.currentContext = current;
  }
}

const IN_CLUSTER = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Whether this process runs in a pod with a service account, as client-go's InClusterConfig checks. */
export function inCluster(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) &&
    existsSync(`${IN_CLUSTER}/token`)
  );
}

/**
 * The merged kubeconfig's chosen context, checked as kubectl checks it before it connects;
 * undefined when there is no kubeconfig at all (the caller may then use the in-cluster
 * service account). Throws a ClusterConfigError naming the one thing to fix.
 */
export function resolveKubeconfig(
  options: { readonly context?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig | undefined {
  const { files, fromEnv } = kubeconfigFiles(env);
  const merged: Merged = {
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    files: [],
  };
  // clientcmd skips KUBECONFIG entries that do not exist.
  for (const file of files) if (existsSync(file)) readKubeconfigFile(file, merged);
  const where =
    merged.files.length > 0
      ? `the kubeconfig ${merged.files.join(', ')}`
      : fromEnv
        ? `KUBECONFIG (${files.join(delimiter)}: no such file)`
        : 'the kubeconfig';
  const empty = merged.contexts.size === 0 && merged.clusters.size === 0;
  if (empty && !options.context) {
    if (merged.files.length > 0 && !inCluster(env)) {
      throw new ClusterConfigError(
        `${where} is empty: it names no cluster; write one with kubectl config set-cluster and set-context, or point KUBECONFIG at another file`,
      );
    }
    if (fromEnv && merged.files.length === 0 && !inCluster(env)) {
      throw new ClusterConfigError(
        `no cluster to talk to: KUBECONFIG names ${files.join(delimiter)}, which does not exist`,
        'none',
      );
    }
    return undefined;
  }
  const known = [...merged.contexts.keys()];
  const list = known.length > 0 ? `it has ${known.join(', ')}` : 'it has none';
  const contextName = options.context ?? merged.currentContext;
  if (!contextName) {
    throw new ClusterConfigError(
      `${where} sets no current-context: pass --context (${list}), or choose one with kubectl config use-context NAME`,
    );
  }
  const context = merged.contexts.get(contextName);
  if (!context) {
    throw new ClusterConfigError(
      options.context
        ? `context "${contextName}" is not in the kubeconfig (${list})`
        : `${where} has current-context "${contextName}", which is not one of its contexts (${list}): choose one with kubectl config use-context NAME`,
    );
  }
  const clusterName = context.body.cluster;
  if (typeof clusterName !== 'string' || clusterName === '') {
    throw new ClusterConfigError(`context "${contextName}" names no cluster`);
  }
  const cluster = merged.clusters.get(clusterName);
  if (!cluster) {
    throw new ClusterConfigError(
      `context "${contextName}" uses cluster "${clusterName}", which ${where} does not define`,
    );
  }
  const userName = context.body.user;
  const user =
    typeof userName === 'string' && userName !== '' ? merged.users.get(userName) : undefined;
  if (typeof userName === 'string' && userName !== '' && !user) {
    throw new ClusterConfigError(
      `context "${contextName}" uses user "${userName}", which ${where} does not define`,
    );
  }
  const namespace = context.body.namespace;
  const clientCert = Boolean(
    user?.body['client-certificate'] ?? user?.body['client-certificate-data'],
  );
  const resolvedCluster = checkCluster(cluster, clientCert);
  // client-go sends no credentials to a plain-http server (kubectl proxy needs none), so
  // kubectl accepts any user there, even one whose plugin or certificate it could not use.
  const plain = resolvedCluster.server.startsWith('http:') && !resolvedCluster.proxyUrl;
  if (user) checkExecShape(user);
  const resolvedUser = user && !plain ? checkUser(user, env) : { name: '' };
  return {
    cluster: resolvedCluster,
    user: resolvedUser,
    context: {
      name: contextName,
      ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    },
    files: merged.files,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function pathIn(entry: Named, value: unknown): string | undefined {
  const p = str(value);
  return p === undefined ? undefined : isAbsolute(p) ? p : join(entry.dir, p);
}

/** The bytes of a `-data` field (base64) or a file, or a message saying why there are none. */
function material(
  what: string,
  file: string | undefined,
  data: string | undefined,
): Buffer | undefined {
  if (file !== undefined) {
    try {
      return readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ClusterConfigError(
        `${what} ${file} cannot be read${code === 'ENOENT' ? ': no such file' : ` (${code})`}`,
      );
    }
  }
  return data === undefined ? undefined : Buffer.from(data, 'base64');
}

function parseCertificate(what: string, pem: Buffer): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new ClusterConfigError(`${what} is not a PEM certificate`);
  }
}

function checkCluster(entry: Named, clientCert: boolean): ResolvedCluster {
  const c = entry.body;
  const label = `cluster "${entry.name}"`;
  const caFile = pathIn(entry, c['certificate-authority']);
  const caData = str(c['certificate-authority-data']);
  const skipTLSVerify = c['insecure-skip-tls-verify'] === true;
  if (caFile && caData) {
    throw new ClusterConfigError(
      `${label} sets both certificate-authority and certificate-authority-data: keep one`,
    );
  }
  if (skipTLSVerify && (caFile || caData)) {
    throw new ClusterConfigError(
      `${label} sets insecure-skip-tls-verify together with a certificate authority, which kubectl refuses too: keep one`,
    );
  }
  const ca = material(`the certificate-authority of ${label},`, caFile, caData);
  if (ca) parseCertificate(`the certificate authority of ${label}`, ca);
  const raw = str(c.server);
  if (!raw) throw new ClusterConfigError(`${label} has no server`);
  // client-go's DefaultServerURL: a server without a scheme is https when TLS is configured.
  const tls = Boolean(ca) || skipTLSVerify || Boolean(str(c['tls-server-name']));
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)
    ? raw
    : `${tls || clientCert ? 'https' : 'http'}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ClusterConfigError(
      `the server of ${label}, ${JSON.stringify(raw)}, is not a URL: expected e.g. https://203.0.113.10:6443`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ClusterConfigError(
      `the server of ${label}, ${JSON.stringify(raw)}, is not http or https`,
    );
  }
  const proxyUrl = str(c['proxy-url']);
  if (proxyUrl !== undefined) {
    let proxy: URL | undefined;
    try {
      proxy = new URL(proxyUrl);
    } catch {
      proxy = undefined;
    }
    if (!proxy || !['http:', 'https:', 'socks5:', 'socks:', 'socks4:'].includes(proxy.protocol)) {
      throw new ClusterConfigError(
        `the proxy-url of ${label}, ${JSON.stringify(proxyUrl)}, is not an http, https or socks5 URL`,
      );
    }
  }
  const tlsServerName = str(c['tls-server-name']);
  return {
    name: entry.name,
    server: withScheme.replace(/\/+$/, ''),
    skipTLSVerify,
    ...(caFile ? { caFile } : {}),
    ...(caData ? { caData } : {}),
    ...(tlsServerName ? { tlsServerName } : {}),
    ...(proxyUrl ? { proxyUrl } : {}),
  };
}

/** clientcmd's validation of an exec plugin's settings, which kubectl applies to every user. */
function checkExecShape(entry: Named): void {
  const exec = entry.body.exec;
  if (exec === undefined || exec === null) return;
  const label = `the exec plugin of user "${entry.name}"`;
  if (!isObject(exec)) throw new ClusterConfigError(`${label} is not a mapping`);
  if (!str(exec.command)) throw new ClusterConfigError(`${label} names no command`);
  const apiVersion = str(exec.apiVersion);
  if (!apiVersion) {
    throw new ClusterConfigError(
      `${label} has no apiVersion: set client.authentication.k8s.io/v1 (or the version the plugin documents)`,
    );
  }
  const mode = exec.interactiveMode;
  if (apiVersion === 'client.authentication.k8s.io/v1' && mode === undefined) {
    throw new ClusterConfigError(
      `${label} has no interactiveMode: set Never, IfAvailable or Always`,
    );
  }
  if (mode !== undefined && !['Never', 'IfAvailable', 'Always'].includes(String(mode))) {
    throw new ClusterConfigError(
      `${label} has interactiveMode ${JSON.stringify(mode)}: expected Never, IfAvailable or Always`,
    );
  }
}

/** Where `command` is, as exec.LookPath finds it, or undefined. */
function lookPath(command: string, dir: string, env: NodeJS.ProcessEnv): string | undefined {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/')) {
    const p = isAbsolute(command) ? command : join(dir, command);
    return executable(p) ? p : undefined;
  }
  for (const d of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (executable(join(d, command))) return join(d, command);
  }
  return undefined;
}

function checkUser(entry: Named, env: NodeJS.ProcessEnv = process.env): ResolvedUser {
  const u = entry.body;
  const label = `user "${entry.name}"`;
  const certFile = pathIn(entry, u['client-certificate']);
  const keyFile = pathIn(entry, u['client-key']);
  const certData = str(u['client-certificate-data']);
  const keyData = str(u['client-key-data']);
  const cert = material(`the client-certificate of ${label},`, certFile, certData);
  const key = material(`the client-key of ${label},`, keyFile, keyData);
  if (cert && !key) {
    throw new ClusterConfigError(`${label} has a client certificate but no client-key`);
  }
  if (key && !cert) {
    throw new ClusterConfigError(`${label} has a client-key but no client certificate`);
  }
  if (cert && key) {
    const x509 = parseCertificate(`the client certificate of ${label}`, cert);
    let privateKey;
    try {
      privateKey = createPrivateKey(key);
    } catch {
      throw new ClusterConfigError(`the client-key of ${label} is not a PEM private key`);
    }
    if (!x509.checkPrivateKey(privateKey)) {
      throw new ClusterConfigError(
        `the client-key of ${label} does not belong to its client certificate`,
      );
    }
  }
  let token = str(u.token);
  const tokenFile = pathIn(entry, u.tokenFile ?? u['token-file']);
  if (!token && tokenFile) {
    const bytes = material(`the tokenFile of ${label},`, tokenFile, undefined);
    token = bytes?.toString('utf8').trim();
  }
  const username = str(u.username);
  const password = str(u.password);
  if (token && username) {
    throw new ClusterConfigError(
      `${label} sets both a token and a username/password; kubectl allows only one`,
    );
  }
  const exec = isObject(u.exec) ? u.exec : undefined;
  if (exec) {
    const command = String(exec.command);
    const found = lookPath(command, entry.dir, env);
    if (!found) {
      const hint = str(exec.installHint);
      throw new ClusterConfigError(
        `the exec plugin of ${label}, ${JSON.stringify(command)}, is not ${command.includes('/') ? 'an executable file' : 'on PATH'}${hint ? `: ${hint.trim()}` : ''}`,
      );
    }
  }
  const authProvider = isObject(u['auth-provider'])
    ? (u['auth-provider'] as { name: string; config: Record<string, unknown> })
    : undefined;
  const impersonateUser = str(u.as);
  return {
    name: entry.name,
    ...(token ? { token } : {}),
    ...(certFile ? { certFile } : {}),
    ...(certData ? { certData } : {}),
    ...(keyFile ? { keyFile } : {}),
    ...(keyData ? { keyData } : {}),
    ...(username ? { username, password: password ?? '' } : {}),
    ...(impersonateUser ? { impersonateUser } : {}),
    ...(exec ? { exec: execWithInfo(exec, entry.dir, env) } : {}),
    ...(authProvider
      ? { authProvider: { ...authProvider, config: authProvider.config ?? {} } }
      : {}),
  };
}

/**
 * The exec plugin as kubectl runs it: a relative command is relative to the kubeconfig, and
 * KUBERNETES_EXEC_INFO tells the plugin that no one is there to answer a prompt.
 */
function execWithInfo(exec: Raw, dir: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const command = String(exec.command);
  const info = {
    apiVersion: str(exec.apiVersion) ?? 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive: false },
  };
  const extra = Array.isArray(exec.env) ? (exec.env as { name: string; value: string }[]) : [];
  return {
    ...exec,
    command: command.includes('/') && !isAbsolute(command) ? join(dir, command) : command,
    args: Array.isArray(exec.args) ? exec.args.map(String) : [],
    env: [
      ...extra,
      ...(env.KUBERNETES_EXEC_INFO === undefined
        ? [{ name: 'KUBERNETES_EXEC_INFO', value: JSON.stringify(info) }]
        : []),
    ],
  };
}
