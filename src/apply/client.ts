/**
 * @kubernetes/client-node, loaded only when apply or wait runs. It is an ES module, so it
 * is imported with a real dynamic import (TypeScript's CommonJS output would turn
 * `import()` into `require()`, which cannot load it).
 */
import type * as k8s from '@kubernetes/client-node';

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
}

/** A KubeConfig from KUBECONFIG, ~/.kube/config or the in-cluster service account. */
export async function kubeConfig(options: ClusterOptions): Promise<k8s.KubeConfig> {
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
    kc.loadFromDefault();
    if (options.context) kc.setCurrentContext(options.context);
  }
  return kc;
}
