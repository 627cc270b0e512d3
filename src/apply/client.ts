/**
 * @kubernetes/client-node, loaded only when apply or wait runs. It is an ES module, so it
 * is imported with a real dynamic import (TypeScript's CommonJS output would turn
 * `import()` into `require()`, which cannot load it).
 */
import type * as k8s from '@kubernetes/client-node';
import type { Agent } from 'http';
import type { Socket } from 'net';
import { REQUEST_TIMEOUT_MS, networkErrorCode, withRetry } from './retry';

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

/** The kubeconfig cannot be used: no cluster, an unknown context, or an unreachable server. */
export class ClusterConfigError extends Error {
  public override readonly name = 'ClusterConfigError';
}

/**
 * Makes every socket of `kc`'s agents give up after `idleMs` without traffic, so a request
 * the server never answers fails (and is retried) instead of hanging the process.
 */
function withIdleTimeout(kc: k8s.KubeConfig, idleMs: number): void {
  const target = kc as unknown as { createAgent(cluster: unknown, options: unknown): Agent };
  const createAgent = target.createAgent.bind(kc);
  target.createAgent = (cluster, options) => {
    const agent = createAgent(cluster, options) as Agent & {
      createConnection(...args: unknown[]): Socket | undefined;
    };
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = (...args: unknown[]) => {
      const socket = connect(...args);
      socket?.setTimeout?.(idleMs, () =>
        socket.destroy(
          Object.assign(new Error(`no answer within ${idleMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      return socket;
    };
    return agent;
  };
}

/**
 * A KubeConfig from KUBECONFIG, ~/.kube/config or the in-cluster service account, whose
 * sockets time out after `idleMs` (the request timeout unless a watch needs longer).
 */
export async function kubeConfig(
  options: ClusterOptions,
  idleMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
): Promise<k8s.KubeConfig> {
  const client = await loadClientNode();
  const kc = new client.KubeConfig();
  if (options.server) {
    kc.loadFromOptions({
      clusters: [{ name: 'direct', server: options.server, skipTLSVerify: true }],
      users: [{ name: 'direct' }],
      contexts: [{ name: 'direct', cluster: 'direct', user: 'direct' }],
      currentContext: 'direct',
    });
  } else {
    try {
      kc.loadFromDefault();
    } catch (e) {
      throw new ClusterConfigError(`cannot read the kubeconfig: ${(e as Error).message}`);
    }
    if (options.context) {
      if (!kc.getContextObject(options.context)) {
        const known = kc.getContexts().map((c) => c.name);
        throw new ClusterConfigError(
          `context "${options.context}" is not in the kubeconfig (${known.length > 0 ? `it has ${known.join(', ')}` : 'it has none'})`,
        );
      }
      kc.setCurrentContext(options.context);
    }
  }
  const cluster = kc.getCurrentCluster();
  // With no kubeconfig and no service account, client-node falls back to localhost:8080.
  const fallback = cluster?.name === 'cluster' && cluster.server === 'http://localhost:8080';
  if (!cluster || (fallback && !options.server)) {
    throw new ClusterConfigError(
      'no cluster to talk to: set KUBECONFIG or write ~/.kube/config, pass --context, or run in a pod with a service account',
    );
  }
  withIdleTimeout(kc, idleMs);
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

/**
 * `withRetry` with this cluster's request timeout; a server that never answers ends the
 * whole run with a ClusterConfigError rather than failing object by object.
 */
export function retrying(kc: k8s.KubeConfig, options: ClusterOptions) {
  return <T>(request: () => Promise<T>): Promise<T> =>
    withRetry(request, undefined, options.requestTimeoutMs).catch((e: unknown) => {
      const network = networkErrorCode(e);
      if (network) {
        throw new ClusterConfigError(
          `cannot reach the API server at ${serverOf(kc)} (${network}): check the kubeconfig context, or --server`,
        );
      }
      throw e;
    });
}
