/**
 * Generated manifests-like documents and the styles they are written in, for the property tests
 * of the block YAML readers (positions and values).
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { stringify } from 'yaml';

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
