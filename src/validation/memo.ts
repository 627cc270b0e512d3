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
