/**
 * quantity.ts against apimachinery's own tables (staging/src/k8s.io/apimachinery/pkg/api/resource/
 * quantity_test.go: TestQuantityParse, its invalid list, TestQuantityParseEmit,
 * TestQuantityRoundUp, TestQuantityCmp), plus Quantity.UnmarshalJSON's handling of manifest values.
 */
import fc from 'fast-check';
import {
  QuantityFormat,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  parseQuantityString,
  quantityProblem,
  readQuantity,
  roundUp,
} from '../../src/validation/quantity';

const MAX = '9223372036854775807';

/** TestQuantityParse: input, exact value, format. */
const PARSES: ReadonlyArray<[string, string, QuantityFormat]> = [
  ['0', '0', 'DecimalSI'],
  ['0n', '0', 'DecimalSI'],
  ['0u', '0', 'DecimalSI'],
  ['0m', '0', 'DecimalSI'],
  ['0Ki', '0', 'BinarySI'],
  ['0k', '0', 'DecimalSI'],
  ['0Mi', '0', 'BinarySI'],
  ['0M', '0', 'DecimalSI'],
  ['0Gi', '0', 'BinarySI'],
  ['0G', '0', 'DecimalSI'],
  ['0Ti', '0', 'BinarySI'],
  ['0T', '0', 'DecimalSI'],
  // Quantity less numbers are allowed
  ['1', '1', 'DecimalSI'],
  // Binary suffixes
  ['1Ki', '1024', 'BinarySI'],
  ['8Ki', '8192', 'BinarySI'],
  ['7Mi', '7340032', 'BinarySI'],
  ['6Gi', '6442450944', 'BinarySI'],
  ['5Ti', '5497558138880', 'BinarySI'],
  ['4Pi', '4503599627370496', 'BinarySI'],
  ['3Ei', '3458764513820540928', 'BinarySI'],
  ['10Ti', '10995116277760', 'BinarySI'],
  ['100Ti', '109951162777600', 'BinarySI'],
  // Decimal suffixes
  ['5n', '0.000000005', 'DecimalSI'],
  ['4u', '0.000004', 'DecimalSI'],
  ['3m', '0.003', 'DecimalSI'],
  ['9', '9', 'DecimalSI'],
  ['8k', '8000', 'DecimalSI'],
  ['50k', '50000', 'DecimalSI'],
  ['7M', '7000000', 'DecimalSI'],
  ['6G', '6000000000', 'DecimalSI'],
  ['5T', '5000000000000', 'DecimalSI'],
  ['40T', '40000000000000', 'DecimalSI'],
  ['300T', '300000000000000', 'DecimalSI'],
  ['2P', '2000000000000000', 'DecimalSI'],
  ['1E', '1000000000000000000', 'DecimalSI'],
  // Decimal exponents
  ['1E-3', '0.001', 'DecimalExponent'],
  ['1e3', '1000', 'DecimalExponent'],
  ['1E6', '1000000', 'DecimalExponent'],
  ['1e9', '1000000000', 'DecimalExponent'],
  ['1E12', '1000000000000', 'DecimalExponent'],
  ['1e15', '1000000000000000', 'DecimalExponent'],
  ['1E18', '1000000000000000000', 'DecimalExponent'],
  // Nonstandard but still parsable
  ['1e14', '100000000000000', 'DecimalExponent'],
  ['1e13', '10000000000000', 'DecimalExponent'],
  ['100.035k', '100035', 'DecimalSI'],
  // Things that look like floating point
  ['0.001', '0.001', 'DecimalSI'],
  ['0.0005k', '0.5', 'DecimalSI'],
  ['0.005', '0.005', 'DecimalSI'],
  ['0.05', '0.05', 'DecimalSI'],
  ['0.5', '0.5', 'DecimalSI'],
  ['0.00050k', '0.5', 'DecimalSI'],
  ['0.00500', '0.005', 'DecimalSI'],
  ['0.05000', '0.05', 'DecimalSI'],
  ['0.50000', '0.5', 'DecimalSI'],
  ['0.5e0', '0.5', 'DecimalExponent'],
  ['0.5e-1', '0.05', 'DecimalExponent'],
  ['0.5e-2', '0.005', 'DecimalExponent'],
  ['10.035M', '10035000', 'DecimalSI'],
  ['1.2e3', '1200', 'DecimalExponent'],
  ['1.3E+6', '1300000', 'DecimalExponent'],
  ['1.40e9', '1400000000', 'DecimalExponent'],
  ['1.53E12', '1530000000000', 'DecimalExponent'],
  ['1.6e15', '1600000000000000', 'DecimalExponent'],
  ['1.7E18', '1700000000000000000', 'DecimalExponent'],
  ['9.01', '9.01', 'DecimalSI'],
  ['8.1k', '8100', 'DecimalSI'],
  ['7.123456M', '7123456', 'DecimalSI'],
  ['6.987654321G', '6987654321', 'DecimalSI'],
  ['5.444T', '5444000000000', 'DecimalSI'],
  ['40.1T', '40100000000000', 'DecimalSI'],
  ['300.2T', '300200000000000', 'DecimalSI'],
  ['2.5P', '2500000000000000', 'DecimalSI'],
  ['1.01E', '1010000000000000000', 'DecimalSI'],
  // Things that saturate/round
  ['3.001n', '0.000000004', 'DecimalSI'],
  ['1.1E-9', '0.000000002', 'DecimalExponent'],
  ['0.0000000001', '0.000000001', 'DecimalSI'],
  ['0.0000000005', '0.000000001', 'DecimalSI'],
  ['0.00000000050', '0.000000001', 'DecimalSI'],
  ['0.5e-9', '0.000000001', 'DecimalExponent'],
  ['0.9n', '0.000000001', 'DecimalSI'],
  ['0.00000012345', '0.000000124', 'DecimalSI'],
  ['0.00000012354', '0.000000124', 'DecimalSI'],
  ['9Ei', MAX, 'BinarySI'],
  ['9223372036854775807Ki', MAX, 'BinarySI'],
  ['12E', '12000000000000000000', 'DecimalSI'],
  // We'll accept fractional binary stuff, too.
  ['100.035Ki', '102435.84', 'BinarySI'],
  ['0.5Mi', '524288', 'BinarySI'],
  ['0.05Gi', '53687091.2', 'BinarySI'],
  ['0.025Ti', '27487790694.4', 'BinarySI'],
  // Things written by trolls
  ['0.000000000001Ki', '0.000000002', 'DecimalSI'], // rounds up, changes format
  ['.001', '0.001', 'DecimalSI'],
  ['.0001k', '0.1', 'DecimalSI'],
  ['1.', '1', 'DecimalSI'],
  ['1.G', '1000000000', 'DecimalSI'],
];

/** TestQuantityParse's invalid list, and the empty string. */
const INVALID = [
  '',
  '1.1.M',
  '1+1.0M',
  '0.1mi',
  '0.1am',
  'aoeu',
  '.5i',
  '1i',
  '-3.01i',
  '-3.01e-',
  // an exponent outside the int32 scale is rejected rather than truncated
  '1e4294967297',
  // trailing whitespace is forbidden
  ' 1',
  '1 ',
];

function value(text: string): string | undefined {
  const q = parseQuantityString(text);
  return q ? formatQuantity(q) : undefined;
}

describe('ParseQuantity (quantity_test.go TestQuantityParse)', () => {
  test.each(PARSES)('%s = %s (%s)', (input, expected, format) => {
    const q = parseQuantityString(input);
    expect(q && formatQuantity(q)).toBe(expected);
    expect(q?.format).toBe(format);
  });

  test.each(PARSES)('-%s is the negative, in the same format', (input, expected, format) => {
    const q = parseQuantityString(`-${input}`);
    expect(q && formatQuantity(q)).toBe(expected === '0' ? '0' : `-${expected}`);
    expect(q?.format).toBe(format);
  });

  test.each(PARSES)('+%s is the same value', (input, expected, format) => {
    const q = parseQuantityString(`+${input}`);
    expect(q && formatQuantity(q)).toBe(expected);
    expect(q?.format).toBe(format);
  });

  test.each(INVALID)('%j is refused', (input) => {
    expect(parseQuantityString(input)).toBeUndefined();
  });

  test('quirks of the scanner: "." and a bare suffix are zero, "-0" is zero', () => {
    expect(value('.')).toBe('0');
    expect(value('-.')).toBe('0');
    expect(value('Gi')).toBe('0');
    expect(value('m')).toBe('0');
    expect(value('-0')).toBe('0');
    expect(value('1e')).toBeUndefined();
    expect(value('1GB')).toBeUndefined();
    expect(value('1K')).toBeUndefined();
  });
});

describe('TestQuantityParseEmit values', () => {
  test.each([
    ['1Ki', '1024'],
    ['1Mi', '1048576'],
    ['1Gi', '1073741824'],
    ['1024Mi', '1073741824'],
    ['1000M', '1000000000'],
    ['.001Ki', '1.024'],
    ['.000001Ki', '0.001024'],
    ['.000000001Ki', '0.000001024'],
    ['.000000000001Ki', '0.000000002'],
  ])('%s = %s', (input, expected) => expect(value(input)).toBe(expected));
});

describe('RoundUp (TestQuantityRoundUp)', () => {
  test.each([
    ['9.01', -3, '9.01'],
    ['9.01', -2, '9.01'],
    ['9.01', -1, '9.1'],
    ['9.01', 0, '10'],
    ['9.01', 1, '10'],
    ['9.01', 2, '100'],
    ['-9.01', -3, '-9.01'],
    ['-9.01', -2, '-9.01'],
    ['-9.01', -1, '-9.1'],
    ['-9.01', 0, '-10'],
    ['-9.01', 1, '-10'],
    ['-9.01', 2, '-100'],
  ] as const)('%s at scale %d is %s', (input, scale, expected) => {
    const q = parseQuantityString(input);
    expect(q && formatQuantity(roundUp(q, scale))).toBe(expected);
  });
});

describe('Cmp (TestQuantityCmp)', () => {
  test.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['1500u', '2m', -1],
    ['1Gi', '1073741824', 0],
    ['1e400', '1e399', 1],
    ['-1e400', '1n', -1],
  ] as const)('%s vs %s is %d', (x, y, expected) => {
    const a = parseQuantityString(x);
    const b = parseQuantityString(y);
    expect(a && b && compareQuantities(a, b)).toBe(expected);
  });
});

describe('manifest values (Quantity.UnmarshalJSON)', () => {
  test('surrounding whitespace is trimmed, as strings.TrimSpace does', () => {
    const read = readQuantity(' 1Gi\t\n');
    expect(read.ok && formatQuantity(read.quantity)).toBe('1073741824');
    expect(readQuantity('\u00a0500m ').ok).toBe(true);
    expect(readQuantity('\ufeff500m').ok).toBe(false); // not Unicode White_Space
  });

  test('a YAML number is parsed from its JSON text', () => {
    const half = readQuantity(0.5);
    expect(half.ok && formatQuantity(half.quantity)).toBe('0.5');
    const negative = readQuantity(-1);
    expect(negative.ok && formatQuantity(negative.quantity)).toBe('-1');
    const tiny = readQuantity(1e-7);
    expect(tiny.ok && formatQuantity(tiny.quantity)).toBe('0.0000001');
    const huge = readQuantity(1.5e21);
    expect(huge.ok && formatQuantity(huge.quantity)).toBe('1500000000000000000000');
  });

  test('null is zero; other JSON types are a decoding problem, not a quantity problem', () => {
    expect(readQuantity(null)).toMatchObject({ ok: true });
    expect(readQuantity(true)).toEqual({ ok: false, reason: 'type' });
    expect(readQuantity({})).toEqual({ ok: false, reason: 'type' });
    expect(readQuantity('1GB')).toEqual({ ok: false, reason: 'format' });
  });

  test('quantityProblem: negative values and non-quantities, nothing for other types', () => {
    expect(quantityProblem('-1')).toMatch(/greater than or equal to 0/);
    expect(quantityProblem('-0')).toBeUndefined();
    expect(quantityProblem('1GB')).toMatch(/not a Kubernetes quantity/);
    expect(quantityProblem(false)).toBeUndefined();
    expect(parseQuantity('2Gi')).toBe(2 ** 31);
  });

  test('never throws on any string or number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null)), (v) => {
        readQuantity(v);
        const q = typeof v === 'string' ? parseQuantityString(v) : undefined;
        if (q) formatQuantity(roundUp(q, -3));
      }),
    );
  });

  test('parses every string of the quantity grammar', () => {
    const grammar = fc
      .tuple(
        fc.constantFrom('', '+', '-'),
        fc.stringMatching(/^[0-9]{0,6}$/),
        fc.constantFrom('', '.'),
        fc.stringMatching(/^[0-9]{0,6}$/),
        fc.constantFrom(
          '',
          'n',
          'u',
          'm',
          'k',
          'M',
          'G',
          'T',
          'P',
          'E',
          'Ki',
          'Mi',
          'Gi',
          'Ti',
          'Pi',
          'Ei',
          'e3',
          'E-2',
          'e+9',
        ),
      )
      .filter(([, a, , b]) => a.length + b.length > 0)
      .map((parts) => parts.join(''));
    fc.assert(fc.property(grammar, (text) => parseQuantityString(text) !== undefined));
  });
});
