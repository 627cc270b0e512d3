import { memoByPair, memoByText } from '../../src/validation/memo';

test('memoByText answers each text once, undefined answers included, and starts over at its bound', () => {
  const asked: string[] = [];
  const f = memoByText((t: string) => (asked.push(t), t === 'none' ? undefined : t.length), 2);
  expect([f('ab'), f('ab'), f('none'), f('none')]).toEqual([2, 2, undefined, undefined]);
  expect(asked).toEqual(['ab', 'none']);
  f('third'); // the bound: the memory starts over
  f('ab');
  expect(asked).toEqual(['ab', 'none', 'third', 'ab']);
});

test('memoByPair answers each pair once, by identity for objects, undefined answers included', () => {
  const asked: string[] = [];
  const list = ['a'];
  const f = memoByPair((l: readonly string[], v: string) => {
    asked.push(`${l.join()}|${v}`);
    return v === 'none' ? undefined : `${l.join()}${v}`;
  });
  expect([f(list, '1'), f(list, '1'), f(list, 'none'), f(list, 'none')]).toEqual([
    'a1',
    'a1',
    undefined,
    undefined,
  ]);
  expect(f(['a'], '1')).toBe('a1'); // an equal list that is another array is asked again
  expect(asked).toEqual(['a|1', 'a|none', 'a|1']);
});
