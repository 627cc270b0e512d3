import { RuleContext } from '../rule';
import { Obj, obj } from '../read';
import { containerVisits } from './container-walk';

/**
 * Visits every init container and container of the pod with its field path. An entry that
 * is not an object is skipped (the decoding rule reports it) but keeps its index, so the
 * paths of the containers after it stay right.
 */
export function eachContainer(
  ctx: RuleContext,
  visit: (container: Obj, path: string) => void,
): void {
  const visits = containerVisits(ctx);
  for (let i = 0; i < visits.length; i++) visit(visits[i].container, visits[i].path);
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
