/**
 * The fast path of the YAML reader (block-decode.ts) must give exactly what the general path
 * (js-yaml, then goyaml.v2's conversion) gives, for every document it reads, and leave every
 * other document to it: generated manifests in many styles, and real manifests mutated at random
 * (characters, indentation, lines), which is where a lenient reader would accept what YAML
 * refuses or reads another way.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'util';
import { decodeBlockYaml } from '../../src/manifests/block-decode';
import { decodeAnyYaml } from '../../src/manifests/decode';
import { CORPUS, edit, manifest, styles } from '../support/yaml-styles';

/** The general path's value of a one-document text, or what it says is wrong. */
function general(text: string): unknown {
  try {
    const docs = decodeAnyYaml(text);
    return docs.length === 1 ? docs[0] : { documents: docs };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Whether the fast path read `text`; fails the test when it read it differently. */
function agrees(text: string): boolean {
  const fast = decodeBlockYaml(text);
  if (fast === undefined) return false;
  const slow = general(text);
  // key order, -0 and types count: JSON text and a strict comparison together
  if (JSON.stringify(fast) !== JSON.stringify(slow) || !isDeepStrictEqual(fast, slow)) {
    expect({ text, fast }).toEqual({ text, fast: slow });
  }
  return true;
}

/** Documents in the shapes the fast path reads, each with something to get wrong. */
const SHAPES = [
  'a: |\n  line one\n\n  line three\n    indented\nb: 1\n',
  'a: |-\n  x\n  # not a comment\nb: |\n\n  after an empty line\n',
  'args: ["--items", "10", --shard, \'it\'\'s\', -1, 0x1F, 1e3, ~]\nenv: {a: 1, "b": two, c: [x, {d: e}]}\n',
  'a:\n- x\n- y\nb:\n  - z\n  -   w: 1\n      v: 2\n',
  'key: value # comment\n# comment\nother: "# not a comment"\nthird: a#b\n',
  '---\n# leading\nkind: Job\n',
  '--- # a marker with a comment\nkind: Job\n',
  "quoted: 'a ''b'' c'\ndouble: \"it's\"\nempty: ''\nnone: \n",
  'a: 012\nb: 0o12\nc: 1_000\nd: .5\ne: 1e400\nf: 2001-12-14\ng: 1:30\nh: e2\ni: <<\n',
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
  'a: 1\na: 2\nb: {x: 1, x: 2}\n',
  'toString: 1\nconstructor: {valueOf: 2}\n',
];

test('generated manifests: the fast path reads most styles, always as the general path does', () => {
  let read = 0;
  let total = 0;
  fc.assert(
    fc.property(manifest, fc.nat(), (o, commentAt) => {
      for (const text of styles(o, commentAt)) {
        total++;
        if (agrees(text)) read++;
      }
    }),
    { numRuns: 300 },
  );
  // the generated scalars are odd on purpose (escapes, `|2`, `|+`): a third is enough
  expect(read / total).toBeGreaterThan(0.3);
});

test('the corpus and the shapes: read by the fast path, as the general path reads them', () => {
  const unread = [...CORPUS, ...SHAPES].filter((text) => !agrees(text));
  // a manifest the fast path leaves alone costs speed, not correctness; keep it rare
  expect(unread.length).toBeLessThanOrEqual(CORPUS.length / 20);
  expect(SHAPES.filter((text) => !decodeBlockYaml(text))).toEqual([]);
});

test('mutated manifests: whatever the fast path reads, it reads as the general path does', () => {
  let read = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...CORPUS, ...SHAPES),
      fc.array(edit, { minLength: 1, maxLength: 3 }),
      (base, edits) => {
        if (agrees(edits.reduce((t, e) => e(t), base))) read++;
      },
    ),
    { numRuns: 20_000 },
  );
  // most edits leave a readable document: the fast path must still be reading them
  expect(read).toBeGreaterThan(3_000);
});

test('what the fast path leaves to the general path', () => {
  for (const text of [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    '? a\n: 1\n',
    '<<: {a: 1}\n',
    'a: "multi\n  line"\n',
    'a: "esc\\taped"\n',
    'a: [1,\n  2]\n',
    'a: plain\n  continued\n',
    'a: plain\n  # a comment inside its indentation\n',
    '- - a\n',
    'a: 1\n---\nb: 2\n',
    'a: 1\n...\n',
    'yes: 1\n',
    '1: a\n',
    '~: a\n',
    '__proto__: {}\n',
    'a: 1\rb: 2\r',
    'a:\tb\n',
    'a: >\n  folded\n',
    'a: |+\n  kept\n',
    'a: |2\n   x\n',
    'a: |\n  no final line break',
    'a:\n  plain text\n',
    'a: -.inf\n',
    '- not: a mapping\n',
    'a: b: c\n',
    '  a: 1\n',
    '',
    '# only a comment\n',
    'a:\n-\n- b\n',
    'a: [b, ]\n',
    'a: {b}\n',
    'a: [http://x]\n',
  ]) {
    expect({ text, fast: decodeBlockYaml(text) }).toEqual({ text, fast: undefined });
  }
});
