/**
 * No input crashes the reader: 10,000 mutations of valid manifests (wrong types, nulls,
 * aliases including self-referencing ones, prototype names as keys and values, huge numbers,
 * binary junk, truncation) each give objects or read errors, never a thrown error; every
 * object is a plain, acyclic, JSON-encodable tree, and Object.prototype stays clean.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { ReadItem, parseBytes, parseText } from '../../src/manifests';
import { jsonErrorAt } from '../../src/manifests/json-error';

const GOOD = join(__dirname, '..', 'fixtures', 'good');
const BASES = readdirSync(GOOD)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(GOOD, f), 'utf8'))
  .filter((t) => t.length < 20_000);

BASES.push(`apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: Job
    metadata: {name: a, labels: {tier: e2}}
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: main, image: "busybox:1.36", resources: {requests: {cpu: 500m}}}]
`);

const HOSTILE_VALUES = [
  'null',
  '~',
  '',
  '&n [*n]',
  '&m {a: *m}',
  '*undefined_anchor',
  '{toString: 1}',
  '{valueOf: 1, toString: x}',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '{__proto__: {polluted: 1}}',
  '{constructor: {prototype: {polluted: 1}}}',
  '99999999999999999999999999999',
  '18446744073709551615',
  '9223372036854775808',
  '-9223372036854775809',
  '0x1ffffffffffffffffffffffffffff',
  '1e400',
  '.nan',
  '-.inf',
  '.inf',
  'e2',
  '0777',
  '1:30',
  'yes',
  '!!binary ==',
  '!!binary aGVsbG8=',
  '!!int x',
  '!!int "a\\nb\\tc"',
  '{"a\\nb": &x [*x]}',
  '!!float 1',
  '!!timestamp 2020-13-01',
  '!custom {a: 1}',
  '[1, [2, [3, [4]]]]',
  '[',
  '{',
  '"unterminated',
  "'",
  '|',
  '>-',
  '? [a, b]',
  '{? {a: 1}: x}',
  '<<',
  '{<<: 1}',
  '{<<: [1, 2]}',
  '"\\x00\\uffff"',
  '- a',
  '@at',
  '`tick',
  '%YAML 1.1',
  '--- x',
  '...',
  '\t',
  '"\\ud800"',
];

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'prototype',
  '~',
  'null',
  '1.5',
  '<<',
  '? a',
  '"k"',
  '[a]',
  '{a: 1}',
  '18446744073709551615',
  'yes',
  '&k key',
  '*k',
];

/** An alias bomb in the style of goyaml.v2's excessive-aliasing test. */
const BOMB = [
  'a: &a [x,x,x,x,x,x,x,x,x]',
  ...'bcdefghij'
    .split('')
    .map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`),
].join('\n');

type Mutation = (text: string) => string | Uint8Array;

const lineAt = (text: string, n: number) => {
  const lines = text.split('\n');
  return { lines, i: n % Math.max(lines.length, 1) };
};

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // a value becomes something hostile
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_VALUES)).map(([n, v]) => (t: string) => {
    const { lines, i } = lineAt(t, n);
    lines[i] = lines[i].replace(/:( .*)?$/, `: ${v}`);
    return lines.join('\n');
  }),
  // a key becomes a prototype name or a non-string key
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_KEYS)).map(([n, k]) => (t: string) => {
    const { lines, i } = lineAt(t, n);
    lines[i] = lines[i].replace(/^(\s*(?:- )?)[^:#\s][^:]*:/, `$1${k}:`);
    return lines.join('\n');
  }),
  // a line is anchored, then aliased elsewhere (maybe inside itself)
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const { lines, i } = lineAt(t, a);
    const j = b % lines.length;
    lines[i] = lines[i].replace(/:\s*$/, ': &anc').replace(/: ([^&*].*)$/, ': &anc $1');
    lines[j] = lines[j].replace(/: .*$/, ': *anc');
    return lines.join('\n');
  }),
  // a line's indentation changes (types swap: maps, lists, scalars)
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([n, d]) => (t: string) => {
    const { lines, i } = lineAt(t, n);
    lines[i] = d > 0 ? ' '.repeat(d) + lines[i] : lines[i].slice(-d);
    return lines.join('\n');
  }),
  // truncation
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  // binary junk at a random place, as bytes
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([n, junk]) => (t: string) => {
      const bytes = Buffer.from(t, 'utf8');
      const at = n % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(junk), bytes.subarray(at)]);
    }),
  // random unicode text spliced in
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(([n, s]) => (t: string) => {
    const at = n % (t.length + 1);
    return t.slice(0, at) + s + t.slice(at);
  }),
  // a List whose items hold nulls and scalars
  fc
    .constantFrom(
      'kind: List\nitems: [null, 1, "x", [], {kind: Job}]\n',
      `kind: List\nitems:\n- ${BOMB.split('\n').join('\n  ')}\n`,
    )
    .map((s) => () => s),
  // an alias bomb
  fc.constant(() => BOMB),
  // huge numbers and deep nesting
  fc.nat({ max: 3000 }).map((d) => () => `kind: Job\nspec: ${'['.repeat(d)}${']'.repeat(d)}\n`),
  fc.nat({ max: 400 }).map((d) => () => `kind: Job\nspec: ${'9'.repeat(d)}\n`),
);

function check(items: ReadItem[]): void {
  for (const item of items) {
    if (item.kind === 'object') {
      expect(Object.getPrototypeOf(item.object)).toBe(Object.prototype);
      JSON.stringify(item.object); // acyclic, no BigInt
    } else {
      expect(typeof item.message).toBe('string');
      expect(item.message).not.toContain('\n');
      expect(item.message).not.toMatch(/:\s*$/);
    }
  }
}

test('10,000 hostile inputs: objects or read errors, never a thrown error', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...BASES),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (base, ms) => {
        let input: string | Uint8Array = base;
        for (const m of ms)
          input = m(typeof input === 'string' ? input : Buffer.from(input).toString('latin1'));
        const items =
          typeof input === 'string'
            ? [...parseText('h.yaml', input)]
            : [...parseBytes('h.yaml', input)];
        check(items);
        const json = typeof input === 'string' ? [...parseText('h.json', input)] : [];
        check(json);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
    ),
    { numRuns: 10_000, seed: 13 },
  );
}, 300_000);

test('the JSON error locator agrees with JSON.parse', () => {
  fc.assert(
    fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, n, junk) => {
      const at = n % (json.length + 1);
      const text = json.slice(0, at) + junk + json.slice(at);
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorAt(text) === undefined).toBe(valid);
    }),
    { numRuns: 2000, seed: 13 },
  );
});
