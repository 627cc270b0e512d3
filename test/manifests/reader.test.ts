import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  ReadItem,
  decodeYaml,
  parseText,
  positionOf,
  readObjects,
  readObjectsSync,
} from '../../src/manifests';
import { parseManifests, readManifests } from '../../src/cli/read-manifests';

const dir = () => mkdtempSync(join(tmpdir(), 'manifests-'));
const items = (file: string, text: string) => [...parseText(file, text)];
const objects = (list: ReadItem[]) => list.flatMap((i) => (i.kind === 'object' ? [i.object] : []));
const errors = (list: ReadItem[]) => list.flatMap((i) => (i.kind === 'error' ? [i] : []));

describe('documents: split, numbered, located', () => {
  test("--- and ... at column 0 split documents; lines and indexes are the file's", () => {
    const text = [
      '# leading comment',
      '---',
      'kind: A',
      '---',
      '# only a comment',
      '---',
      'kind: B',
      'data: |',
      '  --- not a marker (indented)',
      '...',
      '%YAML 1.1',
      '---',
      'kind: C',
    ].join('\n');
    const got = items('f.yaml', text);
    expect(got.map((i) => (i.kind === 'object' ? [i.object.kind, i.line, i.docIndex] : i))).toEqual(
      [
        ['A', 3, 0],
        ['B', 7, 1],
        ['C', 13, 2],
      ],
    );
  });

  test('a syntax error is one line with line and column, and other documents still read', () => {
    const text = 'kind: A\n---\nkind: B\nspec:\n  - a\n b: c\n---\nkind: C\n';
    const got = items('f.yaml', text);
    expect(objects(got).map((o) => o.kind)).toEqual(['A', 'C']);
    const [e] = errors(got);
    expect(e).toMatchObject({ file: 'f.yaml', line: 6, column: 2, docIndex: 1 });
    expect(e.message).not.toMatch(/[:\n]$/);
    expect(e.message).not.toContain('\n');
  });

  test('List items are expanded; null items are skipped; other non-objects are errors', () => {
    const got = items(
      'l.yaml',
      'apiVersion: v1\nkind: List\nitems:\n- null\n- {kind: Job}\n- 3\n-\n',
    );
    expect(objects(got)).toEqual([{ kind: 'Job' }]);
    expect(errors(got).map((e) => [e.message, e.line])).toEqual([
      ['items[2] is a number, not a Kubernetes object (a mapping)', 6],
    ]);
  });

  test('a document that is not a mapping is an error; an empty one is nothing', () => {
    const got = items('f.yaml', '- a\n---\n~\n---\n"text"\n');
    expect(errors(got).map((e) => e.message)).toEqual([
      'the document is a sequence, not a Kubernetes object (a mapping)',
      'the document is a string, not a Kubernetes object (a mapping)',
    ]);
  });

  test('positionOf finds a field, a dotted label key, and the nearest ancestor of a missing one', () => {
    const text = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  labels:',
      '    app.kubernetes.io/name: x',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: main',
      '          image: busybox',
    ].join('\n');
    const [item] = items('f.yaml', `# c\n---\n${text}`);
    if (item.kind !== 'object') throw new Error('no object');
    expect(positionOf(item.source, 'spec.template.spec.containers[0].image')).toEqual({
      line: 13,
      column: 11,
      path: 'spec.template.spec.containers[0].image',
      exact: true,
    });
    expect(positionOf(item.source, 'metadata.labels.app.kubernetes.io/name')).toMatchObject({
      line: 7,
      column: 5,
      exact: true,
    });
    expect(positionOf(item.source, 'spec.template.spec.restartPolicy')).toMatchObject({
      line: 10,
      path: 'spec.template.spec',
      exact: false,
    });
  });

  test('positionOf inside a List item', () => {
    const got = items('l.yaml', 'kind: List\nitems:\n- kind: Job\n  spec:\n    parallelism: 2\n');
    const item = got[0];
    if (item.kind !== 'object') throw new Error('no object');
    expect(positionOf(item.source, 'spec.parallelism')).toMatchObject({ line: 5, column: 5 });
  });

  test('a conversion error says where (cycle, bad merge, NaN)', () => {
    const [e] = errors(items('f.yaml', 'kind: Job\nspec:\n  a: &n [*n]\n'));
    expect(e.message).toMatch(/cycle/);
    expect(e.line).toBe(3);
    const [nan] = errors(items('f.yaml', 'kind: Job\nspec:\n  x: .nan\n'));
    expect(nan).toMatchObject({ line: 3, column: 3 });
  });

  test('__proto__, constructor and toString keys are own data properties', () => {
    const [o] = decodeYaml(
      '__proto__: {polluted: 1}\nconstructor: x\ntoString: 1\nlist: [&a {__proto__: 2}, *a]',
    ) as Record<string, any>[];
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.keys(o)).toEqual(['__proto__', 'constructor', 'toString', 'list']);
    expect(Object.getOwnPropertyDescriptor(o.list[1], '__proto__')?.value).toBe(2);
  });

  test('aliases become independent copies', () => {
    const [o] = decodeYaml('a: &x {b: [1]}\nc: *x') as Record<string, any>[];
    expect(o.a).toEqual(o.c);
    expect(o.a).not.toBe(o.c);
  });

  test('deep nesting is a read error, not a stack overflow', () => {
    const [e] = errors(items('f.yaml', `a: ${'['.repeat(5000)}${']'.repeat(5000)}`));
    expect(e.message).toMatch(/nesting/);
  });
});

describe('files', () => {
  test('folders are read recursively and sorted; JSON files are one document; Lists expand', () => {
    const d = dir();
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'b.yaml'), 'kind: B\n');
    writeFileSync(join(d, 'a.yml'), 'kind: A\n');
    writeFileSync(join(d, 'notes.txt'), 'kind: X\n');
    writeFileSync(
      join(d, 'sub', 'c.json'),
      JSON.stringify({ kind: 'List', items: [{ kind: 'C' }, null] }),
    );
    const got = [...readObjectsSync([d])];
    expect(objects(got).map((o) => o.kind)).toEqual(['A', 'B', 'C']);
  });

  test('a JSON syntax error has a line and a column', () => {
    const d = dir();
    writeFileSync(join(d, 'x.json'), '{\n  "kind": "Job",\n  "spec": x\n}\n');
    const [e] = errors([...readObjectsSync([join(d, 'x.json')])]);
    expect(e.message).toMatch(/^invalid JSON/);
    expect(e.line).toBe(3);
  });

  test('a FIFO named *.yaml in a folder is skipped without being opened', () => {
    const d = dir();
    if (spawnSync('mkfifo', [join(d, 'pipe.yaml')]).status !== 0) return;
    writeFileSync(join(d, 'ok.yaml'), 'kind: A\n');
    const got = [...readObjectsSync([d])];
    expect(got.map((i) => i.kind)).toEqual(['object', 'skipped']);
    expect(got[1]).toMatchObject({
      kind: 'skipped',
      message: 'skipped: a FIFO, not a regular file',
    });
  });

  test('symlink loops, missing paths and folders end with a one-line error', () => {
    const d = dir();
    symlinkSync(join(d, 'loop.yaml'), join(d, 'loop.yaml'));
    mkdirSync(join(d, 'sub'));
    symlinkSync(d, join(d, 'sub', 'up')); // a folder loop
    writeFileSync(join(d, 'sub', 'x.yaml'), 'kind: A\n');
    const got = [...readObjectsSync([d, join(d, 'missing.yaml')])];
    expect(objects(got).map((o) => o.kind)).toEqual(['A']);
    expect(errors(got).map((e) => e.message)).toEqual([
      'cannot read: too many levels of symbolic links (a symlink loop)',
      'cannot read: no such file or directory',
    ]);
  });

  test('binary junk and NUL bytes are a read error with a line', () => {
    const d = dir();
    writeFileSync(
      join(d, 'bin.yaml'),
      Buffer.from([0x6b, 0x3a, 0x20, 0x76, 0x0a, 0xff, 0xfe, 0x00, 0x01]),
    );
    writeFileSync(join(d, 'nul.yaml'), 'kind: A\n\0\n');
    // past the first read chunk, in YAML and in JSON: the lines before it still count
    const lines = 'kind: Job\n'.repeat(150_000);
    writeFileSync(join(d, 'nul-late.yaml'), `${lines}a: \0\n`);
    writeFileSync(join(d, 'nul-late.json'), `{\n${' "a": 1,\n'.repeat(150_000)}"b": "\0"}\n`);
    const got = errors([...readObjectsSync([d])]);
    expect(got.map((e) => [e.file.split('/').pop(), e.line])).toEqual([
      ['bin.yaml', 2],
      ['nul-late.json', 150_002],
      ['nul-late.yaml', 150_001],
      ['nul.yaml', 2],
    ]);
  });

  test('UTF-16 with a byte order mark is read (as libyaml reads it)', () => {
    const d = dir();
    writeFileSync(
      join(d, 'u16.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: ñ\n', 'utf16le')]),
    );
    expect(objects([...readObjectsSync([d])])).toEqual([{ kind: 'ñ' }]);
  });

  test('a document over the size limit is reported and skipped, the rest still read', () => {
    const d = dir();
    writeFileSync(
      join(d, 'big.yaml'),
      `kind: A\n---\nkind: B\ndata: ${'x'.repeat(5000)}\n---\nkind: C\n`,
    );
    const got = [...readObjectsSync([d], { maxDocumentChars: 1000 })];
    expect(objects(got).map((o) => o.kind)).toEqual(['A', 'C']);
    expect(errors(got)[0]).toMatchObject({ line: 2 }); // the document's `---` line
  });

  test('a document split across read chunks (and a multi-byte character across them) reads whole', () => {
    const d = dir();
    const docs = Array.from(
      { length: 3000 },
      (_, i) => `kind: Job\nmetadata:\n  name: ñ-${i}-${'é'.repeat(300)}\n`,
    );
    writeFileSync(join(d, 'many.yaml'), docs.join('---\n'));
    const got = [...readObjectsSync([d])];
    expect(errors(got)).toEqual([]);
    expect(objects(got)).toHaveLength(3000);
    const last = got[2999];
    expect(last).toMatchObject({ line: 3 * 2999 + 2999 + 1, docIndex: 2999 });
  });

  test('a directive and the `---` it belongs to in different read chunks make one document', () => {
    const d = dir();
    const head = 'kind: A\nx: ';
    const tail = '\n...\n%YAML 1.1\n';
    // the first read chunk (64 KiB) ends right after the directive
    const pad = 'p'.repeat(64 * 1024 - head.length - tail.length);
    writeFileSync(join(d, 'directive.yaml'), `${head}${pad}${tail}---\nkind: B\n`);
    const got = [...readObjectsSync([d])];
    expect(errors(got)).toEqual([]);
    expect(objects(got).map((o) => o.kind)).toEqual(['A', 'B']);
  });

  test('readObjects streams the same items asynchronously', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.yaml'), 'kind: A\n---\nkind: B\n');
    const got: ReadItem[] = [];
    for await (const item of readObjects([d])) got.push(item);
    expect(objects(got).map((o) => o.kind)).toEqual(['A', 'B']);
  });
});

describe('the CLI adapter keeps its signatures', () => {
  test('parseManifests throws the first read error as one line', () => {
    expect(() => parseManifests('f.yaml', 'a: [1')).toThrow(/^line 2, column 1: /);
    expect(parseManifests('f.yaml', 'kind: Job\nmetadata: {name: e2}\n')[0].object).toEqual({
      kind: 'Job',
      metadata: { name: 'e2' },
    });
  });

  test('readManifests returns objects and errors; a bad document does not hide the others', () => {
    const d = dir();
    writeFileSync(join(d, 'a.yaml'), 'kind: A\n---\nkind: [\n---\nkind: C\n');
    const { objects: got, errors: errs } = readManifests([d]);
    expect(got.map((o) => o.object.kind)).toEqual(['A', 'C']);
    expect(errs).toHaveLength(1);
    expect(errs[0].message).toMatch(/^line \d+, column \d+: /);
  });

  test('standard input through readStdin', () => {
    const { objects: got } = readManifests(['-'], () => 'kind: A\nx: 1:30\n');
    expect(got[0]).toMatchObject({ file: '-', object: { kind: 'A', x: '1:30' } });
  });
});
