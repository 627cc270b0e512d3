import { RuleContext } from '../rule';
import { Obj, arr, isObj, obj } from '../read';

/**
 * Visits every init container and container of the pod with its field path. An entry that
 * is not an object is skipped (the decoding rule reports it) but keeps its index, so the
 * paths of the containers after it stay right.
 */
export function eachContainer(
  ctx: RuleContext,
  visit: (container: Obj, path: string) => void,
): void {
  const init = arr(ctx.podSpec.initContainers);
  for (let i = 0; i < init.length; i++) {
    const c = init[i];
    if (isObj(c)) visit(c, `${ctx.podPath}.initContainers[${i}]`);
  }
  const regular = arr(ctx.podSpec.containers);
  for (let i = 0; i < regular.length; i++) {
    const c = regular[i];
    if (isObj(c)) visit(c, `${ctx.podPath}.containers[${i}]`);
  }
}

/** A security setting as it applies to a container: its own, else the pod's. */
export function effective(ctx: RuleContext, container: Obj, key: string): unknown {
  const own = obj(container.securityContext)?.[key];
  return own !== undefined ? own : obj(ctx.podSpec.securityContext)?.[key];
}

/** Where the effective value of a security setting is written: the container's, else the pod's. */
export function effectivePath(
  ctx: RuleContext,
  container: Obj,
  cPath: string,
  key: string,
): string {
  return obj(container.securityContext)?.[key] !== undefined
    ? `${cPath}.securityContext.${key}`
    : `${ctx.podPath}.securityContext.${key}`;
}
