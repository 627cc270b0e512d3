/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): a signed decimal
 * number with an optional binary (Ki…Ei), decimal (n u m k M G T P E) or exponent suffix.
 * `1GB` is not a quantity; `1G` and `1Gi` are.
 */
const QUANTITY =
  /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The quantity's value as a number, or undefined when it does not parse. */
export function parseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix === undefined) return n;
  if (suffix[0] === 'e' || suffix[0] === 'E') return n * 10 ** Number(suffix.slice(1));
  return n * SUFFIX[suffix];
}

export function quantityProblem(text: unknown): string | undefined {
  if (typeof text !== 'string' && typeof text !== 'number')
    return 'must be a quantity string such as "500m" or "1Gi"';
  if (parseQuantity(text) === undefined) {
    return 'is not a Kubernetes quantity: use a number with an optional suffix (m, k, M, G, T, Ki, Mi, Gi, Ti), e.g. "1Gi" or "1G", not "1GB"';
  }
  if (typeof text === 'string' && text.startsWith('-')) return 'must not be negative';
  return undefined;
}
