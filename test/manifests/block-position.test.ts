/**
 * The line-by-line reader of block YAML (block-position.ts) must give the very position the
 * `yaml` package's parse gives, for every document it accepts: generated manifests written in
 * many styles, with comments, block scalars and dotted keys, and paths that exist or do not.
 */
import fc from 'fast-check';
import { load } from 'js-yaml';
import { blockTree } from '../../src/manifests/block-position';
import { pathOf, positionOf } from '../../src/manifests/position';
import { yamlPositionOf } from '../../src/manifests/yaml-position';
import { manifest, styles } from '../support/yaml-styles';

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
