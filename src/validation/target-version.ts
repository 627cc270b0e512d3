import { IConstruct } from 'constructs';
import { KubernetesVersion, NEWEST_KNOWN_VERSION } from './versions';

const KEY = Symbol.for('cdk8s-batch.targetVersion');
/** Context key read when no scope has a target set, e.g. `new App({ ... })` + `node.setContext`. */
export const TARGET_VERSION_CONTEXT = 'cdk8s-batch:targetVersion';

/** The Kubernetes release that a chart (or any scope) synthesizes for. */
export class TargetVersion {
  /** Sets the target for everything under `scope`, e.g. `TargetVersion.set(chart, '1.30')`. */
  public static set(scope: IConstruct, version: KubernetesVersion): void {
    (scope as unknown as Record<symbol, KubernetesVersion>)[KEY] = version;
  }

  /** The target of the nearest scope that has one, else the context value, else the newest known. */
  public static of(scope: IConstruct): KubernetesVersion {
    for (const s of [...scope.node.scopes].reverse()) {
      const v = (s as unknown as Record<symbol, KubernetesVersion | undefined>)[KEY];
      if (v) return v;
    }
    const fromContext = scope.node.tryGetContext(TARGET_VERSION_CONTEXT);
    return typeof fromContext === 'string'
      ? (fromContext as KubernetesVersion)
      : NEWEST_KNOWN_VERSION;
  }
}
