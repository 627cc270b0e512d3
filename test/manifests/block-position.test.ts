/**
 * The line-by-line reader of block YAML (block-position.ts) must give the very position the
 * `yaml` package's parse gives, for every document it accepts: generated manifests written in
 * many styles, with comments, block scalars and dotted keys, and paths that exist or do not.
 */
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { stringify } from 'yaml';
import { blockTree } from '../../src/manifests/block-position';
import { pathOf, positionOf } from '../../src/manifests/position';
import { yamlPositionOf } from '../../src/manifests/yaml-position';

// A key that resolves to another type (`on`, `yes`, `1`) goes to the yaml package: see below.
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

// Sequences of sequences are rare in manifests and left to the yaml package: one in ten here.
const { value } = fc.letrec<{ value: unknown; map: object }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(fc.oneof({ arbitrary: tie('map'), weight: 9 }, tie('value')), { maxLength: 3 }),
    tie('map'),
  ),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
}));

const manifest = fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 5 });

/** Serialisations in the styles manifests are written in, some with comments between lines. */
function styles(o: object, commentAt: number): string[] {
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

/** Every path of `v` and, for each, a child that is not there. */
function paths(v: unknown, prefix = ''): string[] {
  const out = [prefix, `${prefix}${prefix ? '.' : ''}missing`, `${prefix}[7]`];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, `${prefix}[${i}]`)));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v))
      out.push(...paths(x, `${prefix}${prefix ? '.' : ''}${k}`));
  }
  return out;
}

test('the block reader agrees with the yaml package on every document it reads', () => {
  let read = 0;
  let total = 0;
  fc.assert(
    fc.property(manifest, fc.nat(), (o, commentAt) => {
      for (const text of styles(o, commentAt)) {
        let decoded: unknown;
        try {
          decoded = load(text);
        } catch {
          continue; // positions are asked only of documents that were read
        }
        total++;
        if (!blockTree(text)) continue;
        read++;
        const source = { file: 'f.yaml', line: 5, text };
        for (const path of paths(decoded)) {
          const fast = positionOf(source, path);
          const slow = yamlPositionOf(source, pathOf(source, path));
          // expect() only on a difference: it costs more than both readers together
          if (JSON.stringify(fast) !== JSON.stringify(slow)) {
            expect({ path, text, at: fast }).toEqual({ path, text, at: slow });
          }
        }
      }
    }),
    { numRuns: 150 },
  );
  // the fast path must carry most documents, or this test proves nothing
  expect(read / total).toBeGreaterThan(0.5);
});

test('documents outside the block shape go to the yaml package', () => {
  for (const text of [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    '"quoted": 1\n',
    '? a\n: 1\n',
    '<<: {a: 1}\n',
    'a: "multi\n  line"\n',
    'a: [1,\n  2]\n',
    '- - a\n',
    'a: 1\n---\nb: 2\n',
    'yes: 1\n',
    'on: 1\n',
    'a: 1\rb: 2\r',
    '1: a\n',
    'a:\n  plain text\n',
  ]) {
    expect({ text, tree: blockTree(text) }).toEqual({ text, tree: undefined });
  }
});

test('a manifest position, read line by line', () => {
  const text = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    '  name: nightly # the name',
    'spec:',
    '  schedule: "0 2 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          containers:',
    '          - name: main',
    '            image: busybox',
    '            args: |',
    '              spec: not a key',
    '          - name: side',
  ].join('\n');
  expect(blockTree(text)).toBeDefined();
  const source = { file: 'f.yaml', line: 10, text };
  expect(positionOf(source, 'spec.schedule')).toEqual({
    line: 15,
    column: 3,
    path: 'spec.schedule',
    exact: true,
  });
  expect(positionOf(source, 'spec.jobTemplate.spec.template.spec.containers[1].image')).toEqual({
    line: 25,
    column: 13,
    path: 'spec.jobTemplate.spec.template.spec.containers[1]',
    exact: false,
  });
});
