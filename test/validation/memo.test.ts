import { memoByText } from '../../src/validation/memo';

test('memoByText answers each text once, undefined answers included, and starts over at its bound', () => {
  const asked: string[] = [];
  const f = memoByText((t: string) => (asked.push(t), t === 'none' ? undefined : t.length), 2);
  expect([f('ab'), f('ab'), f('none'), f('none')]).toEqual([2, 2, undefined, undefined]);
  expect(asked).toEqual(['ab', 'none']);
  f('third'); // the bound: the memory starts over
  f('ab');
  expect(asked).toEqual(['ab', 'none', 'third', 'ab']);
});
