/**
 * goyaml.v2's resolve and decode tests, transcribed as data: each case is the YAML input, the
 * Go type goyaml.v2 decodes it to in interface{}, and the value (after sigs.k8s.io/yaml's
 * conversion to JSON for whole documents).
 *
 * Sources (sigs.k8s.io/yaml's fork of goyaml.v2, which the API server and kubectl use):
 * - goyaml.v2/resolve.go: the resolve table (bools, nulls, .inf/.nan, `<<`), the int/float
 *   rules (strconv.ParseInt(x, 0, 64) after removing `_`, ParseUint, yamlStyleFloat, 0b/-0b,
 *   big.Int), timestamps (a string in interface{}).
 * - goyaml.v2/decode_test.go: unmarshalTests (the cases decoded into interface{},
 *   map[string]interface{} or map[interface{}]interface{}), decoderTests,
 *   unmarshalErrorTests, mergeTests.
 * - sigs.k8s.io/yaml yaml.go convertToJSONableObject: key spelling (FormatFloat(f, 'g', -1, 32),
 *   .inf/-.inf/.nan, true/false) and the keys it refuses (nil, uint64).
 * - issue 13: e2, E1, -e3, 1:30, 0777, yes.
 */
import { decodeYaml, resolvePlain, resolveTagged } from '../../src/manifests';
import { GoBigInt, GoFloat, GoMerge, GoNull, TAG } from '../../src/manifests/go-scalars';

type GoType =
  'string' | 'bool' | 'null' | 'int' | 'int64' | 'uint64' | '*big.Int' | 'float64' | 'merge';

/** A plain scalar's Go type and value as goyaml.v2's resolve() gives it into interface{}. */
interface ResolveCase {
  readonly plain: string;
  readonly type: GoType;
  /** The value; a bigint for integers beyond 2^53. */
  readonly value: unknown;
  readonly source: string;
}

const R = 'resolve.go';
const D = 'decode_test.go unmarshalTests';
const I = 'issue 13';

export const RESOLVE_CASES: readonly ResolveCase[] = [
  // resolve.go's resolveMapList
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((plain) => ({
    plain,
    type: 'bool' as const,
    value: true,
    source: R,
  })),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((plain) => ({
    plain,
    type: 'bool' as const,
    value: false,
    source: R,
  })),
  ...['~', 'null', 'Null', 'NULL'].map((plain) => ({
    plain,
    type: 'null' as const,
    value: null,
    source: R,
  })),
  ...['.nan', '.NaN', '.NAN'].map((plain) => ({
    plain,
    type: 'float64' as const,
    value: NaN,
    source: R,
  })),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((plain) => ({
    plain,
    type: 'float64' as const,
    value: Infinity,
    source: R,
  })),
  ...['-.inf', '-.Inf', '-.INF'].map((plain) => ({
    plain,
    type: 'float64' as const,
    value: -Infinity,
    source: R,
  })),
  { plain: '<<', type: 'merge', value: '<<', source: R },
  // Other spellings are strings: the map holds only these.
  ...['yES', 'tRUE', 'nULL', 'oN', 'NaN', 'nan', 'inf', 'Infinity', '.iNf', 'YeS'].map((plain) => ({
    plain,
    type: 'string' as const,
    value: plain,
    source: R,
  })),
  // decode_test.go unmarshalTests, decoded into interface{}
  { plain: 'hi', type: 'string', value: 'hi', source: D },
  { plain: '10', type: 'int', value: 10, source: D },
  { plain: '0b10', type: 'int', value: 2, source: D },
  { plain: '0xA', type: 'int', value: 10, source: D },
  { plain: '4294967296', type: 'int', value: 4294967296, source: D },
  { plain: '0.1', type: 'float64', value: 0.1, source: D },
  { plain: '.1', type: 'float64', value: 0.1, source: D },
  { plain: '-10', type: 'int', value: -10, source: D },
  { plain: '-.1', type: 'float64', value: -0.1, source: D },
  { plain: '6.8523e+5', type: 'float64', value: 6.8523e5, source: D },
  { plain: '685.230_15e+03', type: 'float64', value: 685.23015e3, source: D },
  { plain: '685_230.15', type: 'float64', value: 685230.15, source: D },
  { plain: '685230', type: 'int', value: 685230, source: D },
  { plain: '+685_230', type: 'int', value: 685230, source: D },
  { plain: '02472256', type: 'int', value: 685230, source: D },
  { plain: '0x_0A_74_AE', type: 'int', value: 685230, source: D },
  { plain: '0b1010_0111_0100_1010_1110', type: 'int', value: 685230, source: D },
  { plain: '-0b101010', type: 'int', value: -42, source: D },
  {
    plain: '-0b1000000000000000000000000000000000000000000000000000000000000000',
    type: 'int64',
    value: -9223372036854775808n,
    source: D,
  },
  { plain: '2147483647', type: 'int', value: 2147483647, source: D },
  { plain: '-2147483648', type: 'int', value: -2147483648, source: D },
  { plain: '9223372036854775807', type: 'int64', value: 9223372036854775807n, source: D },
  {
    plain: '0b111111111111111111111111111111111111111111111111111111111111111',
    type: 'int64',
    value: 9223372036854775807n,
    source: D,
  },
  { plain: '-9223372036854775808', type: 'int64', value: -9223372036854775808n, source: D },
  { plain: '9223372036854775808', type: 'uint64', value: 9223372036854775808n, source: D },
  { plain: '18446744073709551615', type: 'uint64', value: 18446744073709551615n, source: D },
  {
    plain: '0b1111111111111111111111111111111111111111111111111111111111111111',
    type: 'uint64',
    value: 18446744073709551615n,
    source: D,
  },
  // beyond uint64: yamlStyleFloat matches, so a float64
  { plain: '18446744073709551616', type: 'float64', value: 2 ** 64, source: D },
  {
    plain: '3.40282346638528859811704183484516925440e+38',
    type: 'float64',
    value: 3.4028234663852886e38,
    source: D,
  },
  {
    plain: '1.797693134862315708145274237317043567981e+308',
    type: 'float64',
    value: Number.MAX_VALUE,
    source: D,
  },
  {
    plain: '4.940656458412465441765687928682213723651e-324',
    type: 'float64',
    value: Number.MIN_VALUE,
    source: D,
  },
  { plain: '-b_c', type: 'string', value: '-b_c', source: D },
  { plain: '+b_c', type: 'string', value: '+b_c', source: D },
  { plain: '50cent_of_dollar', type: 'string', value: '50cent_of_dollar', source: D },
  { plain: '3s', type: 'string', value: '3s', source: D },
  { plain: '<foo>', type: 'string', value: '<foo>', source: D },
  { plain: '1:1', type: 'string', value: '1:1', source: D },
  { plain: '1.2.3.4', type: 'string', value: '1.2.3.4', source: D },
  { plain: '123456e1', type: 'float64', value: 1234560, source: D },
  { plain: '123456E1', type: 'float64', value: 1234560, source: D },
  // timestamps decode to their text in interface{}
  { plain: '2015-01-01', type: 'string', value: '2015-01-01', source: D },
  { plain: '2015-02-24T18:19:39Z', type: 'string', value: '2015-02-24T18:19:39Z', source: D },
  { plain: '2015-02-24T18:19:39.12Z', type: 'string', value: '2015-02-24T18:19:39.12Z', source: D },
  { plain: '2015-2-3T3:4:5Z', type: 'string', value: '2015-2-3T3:4:5Z', source: D },
  { plain: '2015-02-24 18:19:39', type: 'string', value: '2015-02-24 18:19:39', source: D },
  {
    plain: '2001-12-14 21:59:43.10 -5',
    type: 'string',
    value: '2001-12-14 21:59:43.10 -5',
    source: D,
  },
  // issue 13: what the server reads and the yaml package's 1.1 schema did not
  { plain: 'e2', type: 'string', value: 'e2', source: I },
  { plain: 'E1', type: 'string', value: 'E1', source: I },
  { plain: '-e3', type: 'string', value: '-e3', source: I },
  { plain: '1:30', type: 'string', value: '1:30', source: I },
  { plain: '190:20:30', type: 'string', value: '190:20:30', source: I },
  { plain: '0777', type: 'int', value: 511, source: I },
  { plain: 'yes', type: 'bool', value: true, source: I },
  // Go's strconv with base 0, as resolve.go calls it
  { plain: '0o17', type: 'int', value: 15, source: R },
  { plain: '0O17', type: 'int', value: 15, source: R },
  { plain: '0X1f', type: 'int', value: 31, source: R },
  { plain: '0B11', type: 'int', value: 3, source: R },
  { plain: '-0x10', type: 'int', value: -16, source: R },
  { plain: '+0b11', type: 'int', value: 3, source: R },
  { plain: '0', type: 'int', value: 0, source: R },
  { plain: '-0', type: 'int', value: 0, source: R },
  { plain: '00', type: 'int', value: 0, source: R },
  { plain: '1_000', type: 'int', value: 1000, source: R },
  { plain: '0_1', type: 'int', value: 1, source: R },
  { plain: '09', type: 'float64', value: 9, source: R }, // not octal: ParseFloat reads it
  { plain: '0778', type: 'float64', value: 778, source: R },
  { plain: '0x', type: 'string', value: '0x', source: R },
  { plain: '0b', type: 'string', value: '0b', source: R },
  { plain: '0b2', type: 'string', value: '0b2', source: R },
  { plain: '0x1G', type: 'string', value: '0x1G', source: R },
  { plain: '+', type: 'string', value: '+', source: R },
  { plain: '-', type: 'string', value: '-', source: R },
  { plain: '+-1', type: 'string', value: '+-1', source: R },
  { plain: '1e3', type: 'float64', value: 1000, source: R },
  { plain: '1E3', type: 'float64', value: 1000, source: R },
  { plain: '1.', type: 'float64', value: 1, source: R },
  { plain: '+.5', type: 'float64', value: 0.5, source: R },
  { plain: '1e400', type: 'string', value: '1e400', source: R }, // ParseFloat: out of range
  { plain: '1e-400', type: 'float64', value: 0, source: R },
  { plain: '.5e400', type: 'string', value: '.5e400', source: R },
  { plain: '.5_0', type: 'float64', value: 0.5, source: R }, // ParseFloat's underscoreOK
  { plain: '._5', type: 'string', value: '._5', source: R },
  { plain: '.5_', type: 'string', value: '.5_', source: R },
  { plain: '.', type: 'string', value: '.', source: R },
  { plain: '.e3', type: 'string', value: '.e3', source: R },
  { plain: '1_2.5', type: 'float64', value: 12.5, source: R },
  { plain: '1__2', type: 'int', value: 12, source: R },
  { plain: '_1', type: 'string', value: '_1', source: R },
  {
    plain: '+18446744073709551615',
    type: 'float64',
    value: Number('18446744073709551615'),
    source: R,
  },
  { plain: '0x1ffffffffffffffffff', type: '*big.Int', value: 0x1ffffffffffffffffffn, source: R },
  // ParseUint refuses the sign (a syntax error, not a range error), so no big.Int: a string
  { plain: '-0x1ffffffffffffffffff', type: 'string', value: '-0x1ffffffffffffffffff', source: R },
  { plain: '99999999999999999999x', type: 'string', value: '99999999999999999999x', source: R },
  { plain: '1e', type: 'string', value: '1e', source: R },
  { plain: '0x1p-2', type: 'string', value: '0x1p-2', source: R },
  { plain: 'ñ', type: 'string', value: 'ñ', source: R },
];

function goTypeOf(v: unknown): { type: GoType; value: unknown } {
  if (v instanceof GoFloat) return { type: 'float64', value: v.value };
  if (v instanceof GoBigInt) return { type: v.goType, value: v.value };
  if (v instanceof GoNull) return { type: 'null', value: null };
  if (v instanceof GoMerge) return { type: 'merge', value: '<<' };
  if (typeof v === 'number') return { type: 'int', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  return { type: 'string', value: v };
}

describe("goyaml.v2's resolve(): plain scalars", () => {
  test.each(RESOLVE_CASES.map((c) => [c.plain, c.type, c.source, c] as const))(
    '%s is %s (%s)',
    (_plain, _type, _source, c) => {
      expect(goTypeOf(resolvePlain(c.plain))).toEqual({ type: c.type, value: c.value });
    },
  );
});

/** A whole document, as sigs.k8s.io/yaml.YAMLToJSON gives it (or its error). */
interface DecodeCase {
  readonly yaml: string;
  readonly json?: unknown;
  readonly error?: RegExp;
  readonly source: string;
}

const E = 'decode_test.go unmarshalErrorTests';
const S = 'sigs.k8s.io/yaml convertToJSONableObject';

export const DECODE_CASES: readonly DecodeCase[] = [
  { yaml: 'v: hi', json: { v: 'hi' }, source: D },
  { yaml: 'v: true', json: { v: true }, source: D },
  { yaml: 'v: 10', json: { v: 10 }, source: D },
  { yaml: 'empty:', json: { empty: null }, source: D },
  { yaml: 'canonical: ~', json: { canonical: null }, source: D },
  { yaml: 'english: null', json: { english: null }, source: D },
  { yaml: 'seq: [A,B]', json: { seq: ['A', 'B'] }, source: D },
  { yaml: 'seq: [A,1,C]', json: { seq: ['A', 1, 'C'] }, source: D },
  { yaml: 'seq:\n - A\n - 1\n - C', json: { seq: ['A', 1, 'C'] }, source: D },
  {
    yaml: 'scalar: | # Comment\n\n literal\n\n \ttext\n\n',
    json: { scalar: '\nliteral\n\n\ttext\n' },
    source: D,
  },
  {
    yaml: 'scalar: > # Comment\n\n folded\n line\n \n next\n line\n  * one\n  * two\n\n last\n line\n\n',
    json: { scalar: '\nfolded line\nnext line\n * one\n * two\n\nlast line\n' },
    source: D,
  },
  { yaml: 'a: {b: c}', json: { a: { b: 'c' } }, source: D },
  { yaml: "'1': '\"2\"'", json: { '1': '"2"' }, source: D },
  { yaml: "v:\n- A\n- 'B\n\n  C'\n", json: { v: ['A', 'B\nC'] }, source: D },
  { yaml: "v: !!float '1.1'", json: { v: 1.1 }, source: D },
  { yaml: 'v: !!float 0', json: { v: 0 }, source: D },
  { yaml: 'v: !!float -1', json: { v: -1 }, source: D },
  { yaml: "v: !!null ''", json: { v: null }, source: D },
  { yaml: "%TAG !y! tag:yaml.org,2002:\n---\nv: !y!int '1'", json: { v: 1 }, source: D },
  { yaml: 'v: ! test', json: { v: 'test' }, source: D },
  { yaml: 'a: &x 1\nb: &y 2\nc: *x\nd: *y\n', json: { a: 1, b: 2, c: 1, d: 2 }, source: D },
  { yaml: 'a: &a {c: 1}\nb: *a', json: { a: { c: 1 }, b: { c: 1 } }, source: D },
  { yaml: 'a: &a [1, 2]\nb: *a', json: { a: [1, 2], b: [1, 2] }, source: D },
  { yaml: "foo: ''", json: { foo: '' }, source: D },
  { yaml: 'foo: null', json: { foo: null }, source: D },
  {
    yaml: '%YAML 1.1\n--- !!str\n"Generic line break (no glyph)\\n\\\n Generic line break (glyphed)\\n\\\n Line separator\\u2028\\\n Paragraph separator\\u2029"\n',
    json: 'Generic line break (no glyph)\nGeneric line break (glyphed)\nLine separator\u2028Paragraph separator\u2029',
    source: D,
  },
  {
    yaml: 'a: {b: https://github.com/go-yaml/yaml}',
    json: { a: { b: 'https://github.com/go-yaml/yaml' } },
    source: D,
  },
  {
    yaml: 'a: [https://github.com/go-yaml/yaml]',
    json: { a: ['https://github.com/go-yaml/yaml'] },
    source: D,
  },
  // !!binary decodes to a Go string; encoding/json writes each invalid UTF-8 byte as U+FFFD
  { yaml: 'a: !!binary gIGC\n', json: { a: '\ufffd\ufffd\ufffd' }, source: D },
  {
    yaml: `a: !!binary |\n  ${'kJCQ'.repeat(17)}kJ\n  CQ\n`,
    json: { a: '\ufffd'.repeat(54) },
    source: D,
  },
  {
    yaml: `a: !!binary |\n  ${'A'.repeat(70)}\n  ==\n`,
    json: { a: '\u0000'.repeat(52) },
    source: D,
  },
  { yaml: 'a: !!binary aGVsbG8=', json: { a: 'hello' }, source: D },
  {
    yaml: '{b: 2, a: 1, d: 4, c: 3, sub: {e: 5}}',
    json: { b: 2, a: 1, d: 4, c: 3, sub: { e: 5 } },
    source: D,
  },
  { yaml: 'a:\n b:\n  c: d\n', json: { a: { b: { c: 'd' } } }, source: D },
  { yaml: 'a: !!str 2015-01-01', json: { a: '2015-01-01' }, source: D },
  { yaml: 'a: !!timestamp "2015-01-01"', json: { a: '2015-01-01' }, source: D },
  { yaml: 'a: "2015-01-01"', json: { a: '2015-01-01' }, source: D },
  { yaml: 'a: 2015-01-01', json: { a: '2015-01-01' }, source: D },
  {
    yaml: 'First occurrence: &anchor Foo\nSecond occurrence: *anchor\nOverride anchor: &anchor Bar\nReuse anchor: *anchor\n',
    json: {
      'First occurrence': 'Foo',
      'Second occurrence': 'Foo',
      'Override anchor': 'Bar',
      'Reuse anchor': 'Bar',
    },
    source: D,
  },
  { yaml: '\na:\n  b\nb:\n  ? a\n  : a', json: { a: 'b', b: { a: 'a' } }, source: D },
  {
    yaml: 'a: 1\n9: 2\nnull: 3\n9: 4',
    error: /unsupported key <nil>/,
    source: `${D} (unmarshalStrictTests: a nil key, which ${S} refuses)`,
  },
  {
    yaml: 'a: 1\nb: 2\na: 3\n',
    json: { a: 3, b: 2 },
    source: 'decode_test.go unmarshalStrictTests (non-strict keeps the last)',
  },
  // decoderTests: documents in a stream
  { yaml: '---\na: b\n...\n', json: { a: 'b' }, source: 'decode_test.go decoderTests' },
  {
    yaml: "---\n'hello'\n...\n---\ngoodbye\n...\n",
    json: ['hello', 'goodbye'],
    source: 'decode_test.go decoderTests',
  },
  // unmarshalErrorTests
  { yaml: "v: !!float 'error'", error: /^cannot decode !!str `error` as a !!float$/, source: E },
  { yaml: 'v: [A,', error: /./, source: E },
  { yaml: 'v:\n- [A,', error: /./, source: E },
  { yaml: 'a:\n- b: *,', error: /./, source: E },
  { yaml: 'a: *b\n', error: /unidentified alias "b"/, source: E },
  { yaml: 'a: &a\n  b: *a\n', error: /contains it \(a cycle\)/, source: E },
  {
    yaml: 'a: &x null\n<<:\n- *x\nb: &x {}\n',
    error: /^map merge requires map or sequence of maps as the value$/,
    source: E,
  },
  { yaml: 'value: -', error: /./, source: E },
  { yaml: 'a: !!binary ==', error: /^!!binary value contains invalid base64 data$/, source: E },
  { yaml: 'b: *a\na: &a {c: 1}', error: /unidentified alias "a"/, source: E },
  { yaml: "%TAG !%79! tag:yaml.org,2002:\n---\nv: !%79!int '1'", error: /./, source: E },
  { yaml: 'a:\n  1:\nb\n  2:', error: /./, source: E },
  {
    yaml:
      'a: &a [00,00,00,00,00,00,00,00,00]\n' +
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n' +
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n' +
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' +
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n' +
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' +
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n' +
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n',
    error: /^document contains excessive aliasing$/,
    source: E,
  },
  // sigs.k8s.io/yaml: keys become strings as it spells them; JSON holds no NaN or infinity
  {
    yaml: '1: a\n1.5: b\n1e7: c\n0.1: d\ntrue: e\nno: f\n-0.0: g\n1e300: h\n.nan: i\n-.inf: j',
    json: {
      '1': 'a',
      '1.5': 'b',
      '1e+07': 'c',
      '0.1': 'd',
      true: 'e',
      false: 'f',
      '-0': 'g',
      '.inf': 'h',
      '.nan': 'i',
      '-.inf': 'j',
    },
    source: S,
  },
  {
    yaml: '3.14159265358979: pi\n100000: i\n100000.0: f\n0.0001: s\n0.00001: t',
    json: { '3.1415927': 'pi', '100000': 'f', '0.0001': 's', '1e-05': 't' },
    source: S,
  },
  { yaml: '18446744073709551615: x', error: /unsupported key uint64/, source: S },
  { yaml: '~: x', error: /unsupported key <nil>/, source: S },
  { yaml: 'v: .inf', error: /cannot be encoded as JSON/, source: S },
  { yaml: 'v: .NaN', error: /cannot be encoded as JSON/, source: S },
  {
    yaml: 'v: 9007199254740993',
    json: { v: 9007199254740992 },
    source: `${S} (JSON numbers in JavaScript)`,
  },
  // mergeTests (http://yaml.org/type/merge.html)
];

const MERGE_TESTS = `
anchors:
  list:
    - &CENTER { "x": 1, "y": 2 }
    - &LEFT   { "x": 0, "y": 2 }
    - &BIG    { "r": 10 }
    - &SMALL  { "r": 1 }

# All the following maps are equal:

plain:
  # Explicit keys
  "x": 1
  "y": 2
  "r": 10
  label: center/big

mergeOne:
  # Merge one map
  << : *CENTER
  "r": 10
  label: center/big

mergeMultiple:
  # Merge multiple maps
  << : [ *CENTER, *BIG ]
  label: center/big

override:
  # Override
  << : [ *BIG, *LEFT, *SMALL ]
  "x": 1
  label: center/big

shortTag:
  # Explicit short merge tag
  !!merge "<<" : [ *CENTER, *BIG ]
  label: center/big

longTag:
  # Explicit merge long tag
  !<tag:yaml.org,2002:merge> "<<" : [ *CENTER, *BIG ]
  label: center/big

inlineMap:
  # Inlined map 
  << : {"x": 1, "y": 2, "r": 10}
  label: center/big

inlineSequenceMap:
  # Inlined map in sequence
  << : [ *CENTER, {"r": 10} ]
  label: center/big
`;

describe('goyaml.v2 decode tests, then sigs.k8s.io/yaml to JSON', () => {
  test.each(DECODE_CASES.map((c) => [JSON.stringify(c.yaml).slice(0, 60), c.source, c] as const))(
    '%s (%s)',
    (_name, _source, c) => {
      if (c.error) {
        expect(() => decodeYaml(c.yaml)).toThrow(c.error);
      } else {
        const docs = decodeYaml(c.yaml).filter((d) => d !== null);
        expect(docs.length === 1 ? docs[0] : docs).toEqual(c.json);
      }
    },
  );

  test('mergeTests: every map equals the plain one (decode_test.go TestMerge)', () => {
    const [m] = decodeYaml(MERGE_TESTS) as Record<string, unknown>[];
    const want = { x: 1, y: 2, r: 10, label: 'center/big' };
    for (const [name, value] of Object.entries(m)) {
      if (name !== 'anchors') expect({ name, value }).toEqual({ name, value: want });
    }
  });

  test('a merge applies in order: it overwrites keys before it, keys after it win (decoder.mapping)', () => {
    expect(decodeYaml('a: 1\n<<: {a: 2, b: 2}\nb: 3')).toEqual([{ a: 2, b: 3 }]);
    expect(decodeYaml('"<<": 1\nv: <<')).toEqual([{ '<<': 1, v: '<<' }]);
    expect(() => decodeYaml('x: &s [{a: 1}]\n<<: *s')).toThrow(/map merge requires/);
  });

  test('explicit tags resolve as resolve(tag, value) does, or fail as it fails', () => {
    expect(resolveTagged(TAG.int, '12')).toBe(12);
    expect(resolveTagged(TAG.str, '12')).toBe('12');
    expect(resolveTagged(TAG.bool, 'yes')).toBe(true);
    expect(resolveTagged('!custom', '12')).toBe('12');
    expect(() => resolveTagged(TAG.int, '1.5')).toThrow('cannot decode !!float `1.5` as a !!int');
    expect(() => resolveTagged(TAG.float, '18446744073709551615')).toThrow(
      'cannot decode !!int `18446744073709551615` as a !!float',
    );
    expect(() => resolveTagged(TAG.timestamp, '2015-13-01')).toThrow(
      'cannot decode !!str `2015-13-01` as a !!timestamp',
    );
    expect(decodeYaml('a: !!str\nb: !!int "0x10"\nc: !foo {d: 1}\ne: !!map\n')).toEqual([
      { a: '', b: 16, c: { d: 1 }, e: '' },
    ]);
  });
});

describe('known differences from goyaml.v2 (documented, not crashes)', () => {
  test('a complex key (a sequence or mapping) is an error in goyaml.v2; js-yaml makes it a string', () => {
    // goyaml.v2: "invalid map key: []interface {}{"."}" (decode_test.go unmarshalErrorTests)
    expect(decodeYaml('{[.]}')).toEqual([{ '.': null }]);
  });
});
