/**
 * Generated manifests-like documents and the styles they are written in, for the property tests
 * of the block YAML readers (positions and values).
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'fs';
import { dump } from 'js-yaml';
import { join } from 'path';
import { stringify } from 'yaml';
import { DocumentSplitter } from '../../src/manifests/split';

// A key that resolves to another type (`on`, `yes`, `1`) is left to the general readers.
const KEYS = ['name', 'image', 'spec', 'a', 'b', 'app.kubernetes.io/name', 'a.b', 'x-y', 'k8s'];

const scalar = fc.oneof(
  fc.constantFrom('busybox:1.36', 'a: b', '#x', "it's", 'say "hi"', 'e2', '', ' lead', '- x'),
  fc.constantFrom(
    'line one\nline two\n',
    'ends\n\n',
    '  indented\nfirst\n',
    'x\n# not a comment\n',
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
);

// Sequences of sequences are rare in manifests and left to the general readers: one in ten here.
const { value } = fc.letrec<{ value: unknown; map: object }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(fc.oneof({ arbitrary: tie('map'), weight: 9 }, tie('value')), { maxLength: 3 }),
    tie('map'),
  ),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
}));

export const manifest = fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 5 });

/** Serialisations in the styles manifests are written in, some with comments between lines. */
export function styles(o: object, commentAt: number): string[] {
  const out = [
    dump(o),
    dump(o, { noArrayIndent: true }),
    dump(o, { flowLevel: 2 }),
    dump(o, { indent: 4, lineWidth: 20 }),
    stringify(o),
    stringify(o, { indentSeq: false }),
    `---\n# leading comment\n${dump(o)}`,
  ];
  const lines = dump(o).split('\n');
  lines.splice(commentAt % (lines.length + 1), 0, '# a comment line');
  out.push(lines.join('\n'));
  return out;
}

function documentsOf(file: string): string[] {
  const splitter = new DocumentSplitter();
  return [...splitter.push(readFileSync(file, 'utf8')), ...splitter.end()].map((d) => d.text);
}

const ROOT = join(__dirname, '..');
/** The documents of the manifests the tests keep (public-style corpus and fixtures). */
export const CORPUS: readonly string[] = ['corpus/accepted', 'fixtures/good', 'fixtures/bad']
  .map((dir) => join(ROOT, dir))
  .flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)))
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap(documentsOf)
  .filter((text) => /\S/.test(text));

const EDIT_CHARS = [' ', ' ', '\n', '-', ':', '#', '"', "'", '|', '>', '[', ']', '{', '}', ','];
const MORE_CHARS = ['&', '*', '!', '?', '%', '@', '`', '\\', '~', '.', 'a', '0', '\t', '\r'];

export type Edit = (text: string) => string;

/** Random edits of a document: characters, indentation, lines. */
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  // a character inserted, deleted or replaced
  fc
    .tuple(fc.nat(), fc.constantFrom(...EDIT_CHARS, ...MORE_CHARS), fc.nat(2))
    .map(([n, c, how]) => (t: string) => {
      const at = n % (t.length + 1);
      if (how === 0) return t.slice(0, at) + c + t.slice(at);
      if (how === 1) return t.slice(0, at) + t.slice(at + 1);
      return t.slice(0, at) + c + t.slice(at + 1);
    }),
  // a line indented or outdented
  fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 })).map(([n, d]) => (t: string) => {
    const lines = t.split('\n');
    const i = n % lines.length;
    lines[i] = d > 0 ? ' '.repeat(d) + lines[i] : lines[i].slice(-d);
    return lines.join('\n');
  }),
  // a line repeated or moved
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([a, b, move]) => (t: string) => {
    const lines = t.split('\n');
    const [line] = move ? lines.splice(a % lines.length, 1) : [lines[a % lines.length]];
    lines.splice(b % (lines.length + 1), 0, line);
    return lines.join('\n');
  }),
);
