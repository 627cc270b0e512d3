/**
 * @kubernetes/client-node, loaded only when apply or wait runs. It is an ES module, so it
 * is imported with a real dynamic import (TypeScript's CommonJS output would turn
 * `import()` into `require()`, which cannot load it).
 */
import type * as k8s from '@kubernetes/client-node';
import type { Agent } from 'http';
import type { Socket } from 'net';
import { statusCodeOf, statusMessageOf } from './api-error';
import { formatDuration } from './duration';
import { ClusterConfigError, inCluster, resolveKubeconfig } from './kubeconfig';
import { REQUEST_TIMEOUT_MS, TIMEOUT_ATTEMPTS, networkErrorCode, withRetry } from './retry';

export { ClusterConfigError } from './kubeconfig';

export type ClientNode = typeof k8s;

const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

let loaded: Promise<ClientNode> | undefined;

export function loadClientNode(): Promise<ClientNode> {
  loaded ??= importEsm('@kubernetes/client-node') as Promise<ClientNode>;
  return loaded;
}

/** Where the cluster is: the standard kubeconfig resolution, or an explicit server (tests). */
export interface ClusterOptions {
  /** The kubeconfig context. @default the current context */
  readonly context?: string;
  /** A server URL instead of the kubeconfig (no credentials), e.g. a local API double. @default none */
  readonly server?: string;
  /** How long one request may go without an answer before it is retried. @default 30 s */
  readonly requestTimeoutMs?: number;
}

type AgentFactory = { createAgent(cluster: unknown, options: unknown): Agent };

/**
 * Wraps `kc`'s agents: a plain-http server gets an http agent (as kubectl talks to
 * `kubectl proxy`, with no insecure-skip-tls-verify needed), and every socket gives up after
 * `idleMs` without traffic, so a request the server never answers fails (and is retried)
 * instead of hanging the process.
 */
function adaptAgents(kc: k8s.KubeConfig, idleMs: number): void {
  const target = kc as unknown as AgentFactory;
  const createAgent = target.createAgent.bind(kc);
  target.createAgent = (cluster, options) => {
    const c = cluster as { server?: string; proxyUrl?: string } | null;
    // client-node refuses http unless skipTLSVerify is set; TLS settings mean nothing there.
    const plain = c && !c.proxyUrl && c.server?.startsWith('http:');
    const agent = createAgent(plain ? { ...c, skipTLSVerify: true } : cluster, options) as Agent & {
      createConnection(...args: unknown[]): Socket | undefined;
    };
    const connect = agent.createConnection?.bind(agent);
    if (!connect) return agent;
    agent.createConnection = (...args: unknown[]) => {
      const socket = connect(...args);
      socket?.setTimeout?.(idleMs, () =>
        socket.destroy(
          Object.assign(new Error(`no answer within ${formatDuration(idleMs)}`), {
            code: 'ETIMEDOUT',
          }),
        ),
      );
      return socket;
    };
    return agent;
  };
}

const NO_CLUSTER =
  'no cluster to talk to: set KUBECONFIG or write ~/.kube/config, pass --context, or run in a pod with a service account';

/**
 * A KubeConfig from KUBECONFIG, ~/.kube/config or the in-cluster service account, resolved
 * and checked as kubectl does it (see kubeconfig.ts), whose sockets time out after `idleMs`
 * (the request timeout unless a watch needs longer). Anything wrong with it, credentials
 * included (an exec plugin that fails), is a ClusterConfigError before any request.
 */
export async function kubeConfig(
  options: ClusterOptions,
  idleMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
): Promise<k8s.KubeConfig> {
  const client = await loadClientNode();
  const kc = new client.KubeConfig();
  let userName = '';
  if (options.server) {
    let url: URL | undefined;
    try {
      url = new URL(options.server);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new ClusterConfigError(
        `--server ${JSON.stringify(options.server)} is not an http or https URL`,
      );
    }
    kc.loadFromOptions({
      clusters: [
        { name: 'direct', server: options.server.replace(/\/+$/, ''), skipTLSVerify: true },
      ],
      users: [],
      contexts: [{ name: 'direct', cluster: 'direct' }],
      currentContext: 'direct',
    });
  } else {
    const resolved = resolveKubeconfig({ context: options.context });
    if (resolved) {
      const { cluster, user, context } = resolved;
      userName = user.name;
      kc.loadFromOptions({
        clusters: [cluster],
        users: user.name ? [user] : [],
        contexts: [
          {
            name: context.name,
            cluster: cluster.name,
            ...(user.name ? { user: user.name } : {}),
            ...(context.namespace ? { namespace: context.namespace } : {}),
          },
        ],
        currentContext: context.name,
      } as Parameters<k8s.KubeConfig['loadFromOptions']>[0]);
    } else if (inCluster()) {
      kc.loadFromCluster();
    } else {
      throw new ClusterConfigError(NO_CLUSTER, 'none');
    }
  }
  adaptAgents(kc, idleMs);
  // Obtain the credentials once now (an exec plugin runs here, and its token is cached), so
  // a plugin that fails is one message before any object is tried.
  try {
    await kc.applyToFetchOptions({});
  } catch (e) {
    const message = String((e as Error).message ?? e)
      .trim()
      .split('\n')[0];
    throw new ClusterConfigError(
      `cannot get the credentials of user "${userName}": ${message || 'the exec plugin failed'}`,
    );
  }
  return kc;
}

/** The namespace for objects that set none: the option, else the context's, else `default`. */
export async function defaultNamespace(
  options: ClusterOptions & { readonly namespace?: string },
): Promise<string> {
  return options.namespace ?? namespaceOf(await kubeConfig(options));
}

/** The current context's namespace, else `default`, as kubectl resolves it. */
export function namespaceOf(kc: k8s.KubeConfig): string {
  return kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
}

/** The server URL, for messages. */
export function serverOf(kc: k8s.KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? '(none)';
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|EPROTO|ERR_SSL/;

/**
 * Asks the server for its version, as kubectl's first request does: a server that does not
 * answer, refuses the credentials or whose certificate cannot be verified is one
 * ClusterConfigError before any object is tried. Other answers (403 included) mean it is there.
 */
export async function checkServer(
  kc: k8s.KubeConfig,
  options: ClusterOptions,
  attempts = 3,
): Promise<void> {
  const client = await loadClientNode();
  const version = kc.makeApiClient(client.VersionApi);
  const server = serverOf(kc);
  try {
    await withRetry(() => version.getCode(), attempts, options.requestTimeoutMs);
  } catch (e) {
    const status = statusCodeOf(e);
    if (status === 401) {
      const user = kc.getCurrentUser()?.name;
      throw new ClusterConfigError(
        `the API server at ${server} refused the credentials${user ? ` of user "${user}"` : ''} (401 Unauthorized): check the kubeconfig's user, or log in again`,
        'refused',
      );
    }
    if (status !== undefined && status < 500) return;
    const code = String(
      (e as { code?: unknown; cause?: { code?: unknown } }).cause?.code ??
        (e as { code?: unknown }).code ??
        '',
    );
    if (TLS_CODES.test(code)) {
      throw new ClusterConfigError(
        `cannot verify the API server at ${server} (${code}): set the cluster's certificate-authority to the CA that signed it`,
      );
    }
    const why =
      status !== undefined
        ? `it answers ${status}: ${statusMessageOf(e)}`
        : code || (e as Error).message;
    throw new ClusterConfigError(
      `cannot reach the API server at ${server} (${why}): check the kubeconfig context, or --server`,
      'unreachable',
    );
  }
}

/** `withRetry` with this cluster's request timeout. */
export function retrying(_kc: k8s.KubeConfig, options: ClusterOptions) {
  return <T>(request: () => Promise<T>): Promise<T> =>
    withRetry(request, undefined, options.requestTimeoutMs);
}

/**
 * What apply, diff and delete share for object requests, after the kubeconfig and the server
 * were checked (a ClusterConfigError otherwise): the object API with retries, the namespace
 * for objects that set none, and whether the server went away during the run.
 */
export async function objectSession(options: ClusterOptions & { readonly namespace?: string }) {
  const client = await loadClientNode();
  const kc = await kubeConfig(options);
  await checkServer(kc, options);
  let gone: string | undefined;
  let checking: Promise<void> | undefined;
  return {
    client,
    api: client.KubernetesObjectApi.makeApiClient(kc),
    retry: retrying(kc, options),
    namespace: options.namespace ?? namespaceOf(kc),
    /** Why the server is gone, once a check after an unanswered request found it so. */
    gone: () => gone,
    /** After a request got no answer: is the server still there? Asked once at a time. */
    stillThere: (): Promise<void> =>
      (checking ??= checkServer(kc, options, 2)
        .catch((e: unknown) => {
          gone ??= (e as Error).message;
        })
        .finally(() => (checking = undefined))),
  };
}

/** Why a request failed, in one line: the server's message, or that it did not answer. */
export function failureOf(e: unknown, options: ClusterOptions): string {
  const network = networkErrorCode(e);
  if (network === 'ETIMEDOUT') {
    return `the API server did not answer within ${formatDuration(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS)} (tried ${TIMEOUT_ATTEMPTS} times)`;
  }
  if (network) return `the API server could not be reached (${network})`;
  return statusMessageOf(e);
}
