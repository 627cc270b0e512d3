/**
 * DocumentSplitter: however the text arrives in chunks, the same documents come out, with the
 * same first lines, as when the whole text is pushed at once.
 */
import fc from 'fast-check';
import { DocumentSplitter, RawDocument } from '../../src/manifests/split';

function split(chunks: readonly string[], max = Infinity): RawDocument[] {
  const splitter = new DocumentSplitter(max);
  const out: RawDocument[] = [];
  for (const chunk of chunks) out.push(...splitter.push(chunk));
  out.push(...splitter.end());
  return out;
}

/** `text` cut at the given offsets (sorted, deduplicated, inside the text). */
function cut(text: string, offsets: readonly number[]): string[] {
  const at = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const o of at) {
    chunks.push(text.slice(from, o));
    from = o;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const LINES = [
  'kind: Job',
  'metadata:',
  '  name: a',
  '---',
  '--- # a comment',
  '...',
  '---x',
  ' ---',
  '%YAML 1.1',
  '# comment',
  '',
  'data: |',
  '  ---',
  'k: v\r',
  '---\r',
  'text: "a\rb"',
  'é: ñ',
];

describe('DocumentSplitter', () => {
  test('chunks cut anywhere give the documents of the whole text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (lines, finalNewline, offsets) => {
          const text = lines.join('\n') + (finalNewline ? '\n' : '');
          expect(split(cut(text, offsets))).toEqual(split([text]));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a chunk that completes the carried line and holds whole documents', () => {
    const docs = split(['kind: A\nme', 'tadata: {}\n---\nkind: B\n---\nkind: C\nx', ': 1\n']);
    expect(docs).toEqual([
      { text: 'kind: A\nmetadata: {}\n', startLine: 1 },
      { text: '---\nkind: B\n', startLine: 3 },
      { text: '---\nkind: C\nx: 1\n', startLine: 5 },
    ]);
  });

  test('a line longer than the limit without a line break is dropped as too large', () => {
    const docs = split(['kind: A\n---\n', 'x'.repeat(30), 'y'.repeat(30), '\n---\nkind: B\n'], 40);
    expect(docs.map((d) => [d.tooLarge ?? false, d.text, d.startLine])).toEqual([
      [false, 'kind: A\n', 1],
      [true, '', 2],
      [false, '---\nkind: B\n', 4],
    ]);
  });
});
