/**
 * The line-by-line locator of block YAML (block-locate.ts) must give the very position the
 * `yaml` package's parse gives, for every document it accepts: generated manifests written in
 * many styles, with comments, block scalars and dotted keys, and paths that exist or do not.
 */
import fc from 'fast-check';
import { load } from 'js-yaml';
import { decodeBlockYaml } from '../../src/manifests/block-decode';
import { blockPositionOf } from '../../src/manifests/block-locate';
import { pathOf, positionOf } from '../../src/manifests/position';
import { yamlPositionOf } from '../../src/manifests/yaml-position';
import { CORPUS, edit, manifest, styles } from '../support/yaml-styles';

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

/** Whether the locator was used for `text`; fails the test where it differs from the yaml package. */
function agrees(text: string, decoded: unknown): boolean {
  const source = { file: 'f.yaml', line: 5, text };
  for (const path of paths(decoded)) {
    const fast = positionOf(source, path);
    const slow = yamlPositionOf(source, pathOf(source, path));
    // expect() only on a difference: it costs more than both readers together
    if (JSON.stringify(fast) !== JSON.stringify(slow)) {
      expect({ path, text, at: fast }).toEqual({ path, text, at: slow });
    }
  }
  return decodeBlockYaml(text) !== undefined;
}

test('generated manifests: the locator agrees with the yaml package', () => {
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
        if (agrees(text, decoded)) read++;
      }
    }),
    { numRuns: 150 },
  );
  // the locator must carry a good part of the documents, or this test proves nothing
  expect(read / total).toBeGreaterThan(0.3);
});

test('mutated manifests: the locator agrees with the yaml package', () => {
  let read = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...CORPUS),
      fc.array(edit, { minLength: 1, maxLength: 2 }),
      (base, edits) => {
        const text = edits.reduce((t, e) => e(t), base);
        const decoded = decodeBlockYaml(text);
        if (decoded !== undefined && agrees(text, decoded)) read++;
      },
    ),
    { numRuns: 1_500 },
  );
  expect(read).toBeGreaterThan(300);
});

test('quoted keys, flow collections and documents outside the block shape: the yaml package', () => {
  for (const [text, path] of [
    ['a: 1\n"quoted": {b: 1}\n', 'quoted.b'],
    ['a:\n  - "k": 1\n    b: 2\n', 'a[0].b'],
    ['a: {b: [1, {c: 2}]}\n', 'a.b[1].c'],
    ['a: [x, y]\nb: 1\n', 'a[1]'],
    ['a: &x {b: 1}\nc: *x\n', 'c.b'],
    ['a: >\n  folded\nb:\n  c: 1\n', 'b.c'],
    ['a: "multi\n  line"\nb: 1\n', 'b'],
  ]) {
    const source = { file: 'f.yaml', line: 3, text };
    const at = positionOf(source, path);
    expect({ text, at }).toEqual({ text, at: yamlPositionOf(source, pathOf(source, path)) });
    expect(at.exact).toBe(true);
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
    '          restartPolicy: Never',
    '',
  ].join('\n');
  // line by line, without the yaml package
  const at = (path: string) => blockPositionOf(text, 10, path);
  expect(at('spec.schedule')).toEqual({ line: 15, column: 3, path: 'spec.schedule', exact: true });
  expect(at('spec.jobTemplate.spec.template.spec.containers[1].image')).toEqual({
    line: 25,
    column: 13,
    path: 'spec.jobTemplate.spec.template.spec.containers[1]',
    exact: false,
  });
  expect(at('spec.jobTemplate.spec.template.spec.restartPolicy')).toEqual({
    line: 26,
    column: 11,
    path: 'spec.jobTemplate.spec.template.spec.restartPolicy',
    exact: true,
  });
  expect(positionOf({ file: 'f.yaml', line: 10, text }, 'spec.schedule')).toEqual(
    at('spec.schedule'),
  );
});
