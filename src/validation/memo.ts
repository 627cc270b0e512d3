/** The stored answer of a function that answered undefined. */
const UNDEFINED = Symbol('undefined');

/**
 * A pure function of a string, remembered: manifests repeat a few values (`500m`, an image),
 * and the answer is immutable. At most `max` answers are kept; then the memory starts over.
 */
export function memoByText<T>(fn: (text: string) => T, max = 10_000): (text: string) => T {
  const answers = new Map<string, T | typeof UNDEFINED>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined) return (known === UNDEFINED ? undefined : known) as T;
    const answer = fn(text);
    if (answers.size >= max) answers.clear();
    answers.set(text, answer === undefined ? UNDEFINED : answer);
    return answer;
  };
}

/**
 * A pure function of two keys, remembered by the first key, then the second (by identity for
 * objects). For keys from small sets, such as a feature gate or a shared list and the target
 * version of a run: nothing is ever forgotten.
 */
export function memoByPair<A, B, T>(fn: (a: A, b: B) => T): (a: A, b: B) => T {
  const answers = new Map<A, Map<B, T>>();
  return (a, b) => {
    let byB = answers.get(a);
    if (!byB) answers.set(a, (byB = new Map()));
    if (byB.has(b)) return byB.get(b) as T;
    const answer = fn(a, b);
    byB.set(b, answer);
    return answer;
  };
}
