/**
 * Quantity fields the API server stores in canonical form: `cpu: 0.5` comes back as `500m` and
 * `memory: 1024Mi` as `1Gi`, and a resource list is rounded up to milli units
 * (SetDefaults_ResourceList). Such a value read back is no change.
 */
import { compareQuantities, parseQuantityString, roundUp } from '../validation/quantity';

/**
 * Paths whose value is a resource.Quantity: resource lists (their keys, such as
 * `nvidia.com/gpu`, may hold dots), sizeLimit, a quota's hard limits.
 */
const QUANTITY_PATH =
  /(?:^|\.)(?:resources\.(?:requests|limits)|overhead|hard)\.[^[\]]+$|(?:^|\.)sizeLimit$/;

/** Whether `live` is the server's spelling of the quantity `manifest` writes at `path`. */
export function sameQuantity(path: string, live: unknown, manifest: unknown): boolean {
  if (typeof live !== 'string' || !QUANTITY_PATH.test(path)) return false;
  if (typeof manifest !== 'string' && typeof manifest !== 'number') return false;
  const want = parseQuantityString(String(manifest));
  const have = parseQuantityString(live);
  if (!want || !have) return false;
  return compareQuantities(want, have) === 0 || compareQuantities(roundUp(want, -3), have) === 0;
}
