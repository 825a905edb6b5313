// util conformance: encoding, identifiers, type helpers, util.authType, util.math, util.str.
// Documented behaviour: "Built-in utilities" https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html
// (encoding, ID generation, util.matches, util.authType), "Utility helpers in $util"
// https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html (null/default/type
// helpers, escapeJavaScript), "Math helpers in util.math" and "String helpers in util.str".
import fc from 'fast-check';
import type { AuthTypeName } from '../../../local/appsync/runtime';
import { ksuidTimestampSeconds, ulidTimestamp } from '../../../local/appsync/runtime/util/ids';
import { compileValue, contextInit, evaluate, evaluateAll, expressionResolver, FIXED_NOW, newRuntime, bundle } from './helpers';

const catchMessage = (call: string) => `(() => { try { ${call}; return null; } catch (e) { return e.message; } })()`;

describe('encoding utils', () => {
  test('urlEncode is application/x-www-form-urlencoded: space to +, unreserved kept, UTF-8 percent-escaped', () => {
    expect(evaluateAll(['util.urlEncode("a b&c=d/é*._-~")', 'util.urlDecode("a+b%26c%3Dd%2F%C3%A9")'])).toEqual([
      'a+b%26c%3Dd%2F%C3%A9*._-%7E',
      'a b&c=d/é',
    ]);
  });

  test('base64Encode encodes the UTF-8 bytes of the string', () => {
    expect(evaluateAll(['util.base64Encode("Hello, 世界")', 'util.base64Decode("SGVsbG8sIOS4lueVjA==")'])).toEqual(['SGVsbG8sIOS4lueVjA==', 'Hello, 世界']);
  });

  test('escapeJavaScript escapes quotes, backslash, slash, control and non-ASCII characters', () => {
    expect(evaluate(`util.escapeJavaScript(${JSON.stringify('He said "it\'s" \\ </x>\n\té😀')})`)).toBe(
      'He said \\"it\\\'s\\" \\\\ <\\/x>\\n\\t\\u00E9\\uD83D\\uDE00',
    );
  });

  test('urlEncode/urlDecode and base64Encode/base64Decode are inverse for any string (property)', () => {
    const roundTrip = compileValue(expressionResolver('[util.urlDecode(util.urlEncode(args.text)), util.base64Decode(util.base64Encode(args.text))]'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(roundTrip({ text })).toEqual([text, text]);
      }),
      { numRuns: 200 },
    );
  });

  test('urlDecode of a broken escape is an error', () => {
    expect(evaluate(catchMessage('util.urlDecode("%G1")'))).toBe('util.urlDecode: incomplete or invalid escape sequence at index 0');
  });
});

describe('ID generation', () => {
  const bytes = (seed: number) => (length: number) => Uint8Array.from({ length }, (_, index) => (seed * 31 + index * 7) % 256);

  test('autoId is the UUID the runtime is given (random v4 by default)', () => {
    expect(evaluate('util.autoId()', {}, newRuntime({ randomUUID: () => '00000000-0000-4000-8000-000000000000' }))).toBe(
      '00000000-0000-4000-8000-000000000000',
    );
    expect(evaluate('util.autoId()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('autoUlid is 26 Crockford base32 characters whose timestamp is the clock', () => {
    const id = evaluate('util.autoUlid()', {}, newRuntime({ randomBytes: bytes(1) })) as string;
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ulidTimestamp(id)).toBe(FIXED_NOW);
  });

  test('autoKsuid is 27 base62 characters whose timestamp is the clock, in seconds', () => {
    const id = evaluate('util.autoKsuid()', {}, newRuntime({ randomBytes: bytes(2) })) as string;
    expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(ksuidTimestampSeconds(id)).toBe(Math.floor(FIXED_NOW / 1000));
  });

  test('ULIDs and KSUIDs sort in creation order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 1000, max: 10 ** 10 }),
        fc.integer({ min: 0, max: 255 }),
        (earlier, gap, seed) => {
          const first = evaluateAll(['util.autoUlid()', 'util.autoKsuid()'], {}, newRuntime({ now: () => earlier, randomBytes: bytes(seed) })) as string[];
          const second = evaluateAll(['util.autoUlid()', 'util.autoKsuid()'], {}, newRuntime({ now: () => earlier + gap, randomBytes: bytes(seed + 1) })) as string[];
          expect(first[0] < second[0]).toBe(true);
          expect(first[1] < second[1]).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('null, default and type helpers', () => {
  test('isNull / isNullOrEmpty / isNullOrBlank', () => {
    expect(
      evaluateAll(['util.isNull(null)', 'util.isNull(undefined)', 'util.isNull("")', 'util.isNullOrEmpty("")', 'util.isNullOrEmpty(" ")', 'util.isNullOrBlank(" \\t")', 'util.isNullOrBlank(" x ")']),
    ).toEqual([true, true, false, true, false, true, false]);
  });

  test('defaultIfNull / defaultIfNullOrEmpty / defaultIfNullOrBlank answer the fallback only when the test holds', () => {
    expect(
      evaluateAll([
        'util.defaultIfNull(null, "d")',
        'util.defaultIfNull(0, "d")',
        'util.defaultIfNullOrEmpty("", "d")',
        'util.defaultIfNullOrEmpty("x", "d")',
        'util.defaultIfNullOrBlank("  ", "d")',
        'util.defaultIfNullOrBlank({ a: 1 }, "d")',
      ]),
    ).toEqual(['d', 0, 'd', 'x', 'd', { a: 1 }]);
  });

  test('typeOf answers Null, Number, String, Map, List or Boolean', () => {
    expect(evaluateAll(['util.typeOf(null)', 'util.typeOf(1.5)', 'util.typeOf("s")', 'util.typeOf({})', 'util.typeOf([])', 'util.typeOf(false)'])).toEqual([
      'Null',
      'Number',
      'String',
      'Map',
      'List',
      'Boolean',
    ]);
  });

  test('matches requires the whole value to match, as java.util.regex.Pattern.matches does (the doc example "a*b")', () => {
    expect(evaluateAll(['util.matches("a*b", "aaaaab")', 'util.matches("a*b", "aaaaabc")', 'util.matches("(?i)ABC", "abc")', 'util.matches("[0-9]{5}", "98101")'])).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  test.each<AuthTypeName>(['API Key Authorization', 'IAM Authorization', 'User Pool Authorization', 'Open ID Connect Authorization', 'Lambda Authorization'])(
    'authType answers "%s" for that authorization mode',
    (authType) => {
      expect(evaluateAll(['util.authType()'], { authType })).toEqual([authType]);
    },
  );
});

describe('util.math and util.str', () => {
  test('roundNum rounds halves up like Java Math.round; minVal and maxVal', () => {
    expect(evaluateAll(['util.math.roundNum(2.5)', 'util.math.roundNum(-2.5)', 'util.math.roundNum(1.49)', 'util.math.minVal(3, -1)', 'util.math.maxVal(3, -1)'])).toEqual([
      3, -2, 1, -1, 3,
    ]);
  });

  test('randomDouble is in [0, 1) and randomWithinRange stays within both bounds (property)', () => {
    const random = compileValue(expressionResolver('[util.math.randomDouble(), util.math.randomWithinRange(args.low, args.high)]'));
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (low, span) => {
        const [double, integer] = random({ low, high: low + span }) as [number, number];
        expect(double).toBeGreaterThanOrEqual(0);
        expect(double).toBeLessThan(1);
        expect(Number.isInteger(integer)).toBe(true);
        expect(integer).toBeGreaterThanOrEqual(low);
        expect(integer).toBeLessThanOrEqual(low + span);
      }),
      { numRuns: 200 },
    );
  });

  test('str.normalize applies the named Unicode normalization form', () => {
    expect(evaluateAll(['util.str.normalize("e\\u0301", "nfc")', 'util.str.normalize("\\u00e9", "nfd")', 'util.str.normalize("ﬁ", "nfkc")'])).toEqual([
      '\u00e9',
      'e\u0301',
      'fi',
    ]);
  });
});

describe('documented utilities the local runtime does not implement fail loudly', () => {
  test.each([
    ['util.rds.toJsonObject("{}")', 'not supported by the local AppSync runtime: util.rds.toJsonObject'],
    ['util.xml.toMap("<a/>")', 'not supported by the local AppSync runtime: util.xml.toMap'],
    ['util.http.copyHeaders({})', 'not supported by the local AppSync runtime: util.http.copyHeaders'],
  ])('%s', (call, message) => {
    expect(evaluate(catchMessage(call))).toBe(message);
  });

  test('utilities that need a handler call refuse to run in top-level module code', () => {
    const runtime = newRuntime();
    expect(() => runtime.load(bundle(`import { util } from '@aws-appsync/utils'; util.appendError('x'); export function request() { return {}; }`), 'top-level')).toThrow(
      'top-level: top-level code failed: UtilArgumentError: util.appendError: can only be called inside a request or response handler, not at module load',
    );
    // pure utilities are fine there
    const code = runtime.load(bundle(`import { util } from '@aws-appsync/utils'; const id = util.autoId(); export function request() { return { id }; }`), 'ok');
    expect(runtime.beginRequest(contextInit()).runRequest(code).kind).toBe('value');
  });
});
