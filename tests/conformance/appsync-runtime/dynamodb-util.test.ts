// util.dynamodb conformance. Documented behaviour: "DynamoDB helpers in util.dynamodb"
// https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html
// (each example below is the doc's input and output; numbers stay numbers inside "N", as shown there).
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { toDynamoDBWireFormat } from '../../../local/appsync/runtime';
import { compileValue, evaluate, evaluateAll, expressionResolver } from './helpers';

describe('util.dynamodb helpers (dynamodb-helpers-in-util-dynamodb-js)', () => {
  test('toDynamoDB maps a string, a number, a boolean and null to S, N, BOOL and NULL', () => {
    expect(evaluateAll(['util.dynamodb.toDynamoDB("foo")', 'util.dynamodb.toDynamoDB(12345)', 'util.dynamodb.toDynamoDB(true)', 'util.dynamodb.toDynamoDB(null)'])).toEqual([
      { S: 'foo' },
      { N: 12345 },
      { BOOL: true },
      { NULL: null },
    ]);
  });

  test('toDynamoDB of an object is a map whose lists stay lists (the doc example)', () => {
    expect(evaluate('util.dynamodb.toDynamoDB({ foo: "bar", baz: 1234, beep: ["boop"] })')).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
  });

  test('toMapValues answers only the contents of the map (the doc example)', () => {
    expect(evaluate('util.dynamodb.toMapValues({ foo: "bar", baz: 1234, beep: ["boop"] })')).toEqual({
      foo: { S: 'bar' },
      baz: { N: 1234 },
      beep: { L: [{ S: 'boop' }] },
    });
  });

  test('toList converts each element, nested maps included (the doc example)', () => {
    expect(evaluate('util.dynamodb.toList(["foo", 123, { bar: "baz" }])')).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
  });

  test('the single-type helpers wrap their value under the documented type key', () => {
    expect(
      evaluateAll([
        'util.dynamodb.toString("foo")',
        'util.dynamodb.toStringSet(["foo", "bar", "baz"])',
        'util.dynamodb.toNumber(12345)',
        'util.dynamodb.toNumberSet([1, 23, 4.56])',
        'util.dynamodb.toBinary("foo")',
        'util.dynamodb.toBinarySet(["foo", "bar", "baz"])',
        'util.dynamodb.toBoolean(true)',
        'util.dynamodb.toNull()',
      ]),
    ).toEqual([
      { S: 'foo' },
      { SS: ['foo', 'bar', 'baz'] },
      { N: 12345 },
      { NS: [1, 23, 4.56] },
      { B: 'foo' },
      { BS: ['foo', 'bar', 'baz'] },
      { BOOL: true },
      { NULL: null },
    ]);
  });

  test('the single-type helpers answer null for a null input (OptionalInputType in, "| null" out)', () => {
    expect(
      evaluateAll([
        'util.dynamodb.toString(null)',
        'util.dynamodb.toNumber(undefined)',
        'util.dynamodb.toStringSet(null)',
        'util.dynamodb.toBoolean(null)',
        'util.dynamodb.toList(null)',
        'util.dynamodb.toMap(null)',
      ]),
    ).toEqual([null, null, null, null, null, null]);
  });

  test('toS3Object stores the S3 link as a JSON string, with the version only when given', () => {
    const [three, four] = evaluateAll(['util.dynamodb.toS3Object("foo", "bar", "baz")', 'util.dynamodb.toS3Object("foo", "bar", "baz", "beep")']) as Array<{ S: string }>;
    expect(JSON.parse(three.S)).toEqual({ s3: { key: 'foo', bucket: 'bar', region: 'baz' } });
    expect(JSON.parse(four.S)).toEqual({ s3: { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' } });
  });

  test('fromS3ObjectJson reads the parts back out of the stored string', () => {
    expect(
      evaluateAll([
        `util.dynamodb.fromS3ObjectJson(util.dynamodb.toS3Object("k", "b", "r", "v").S)`,
        `util.dynamodb.fromS3ObjectJson('not json')`,
      ]),
    ).toEqual([{ key: 'k', bucket: 'b', region: 'r', version: 'v' }, null]);
  });

  test('an attribute named __proto__ stays an ordinary attribute', () => {
    expect(evaluate('util.dynamodb.toMapValues(JSON.parse(\'{"__proto__": "x"}\'))')).toEqual(
      JSON.parse('{"__proto__": {"S": "x"}}'),
    );
  });
});

// Numbers limited to the safe-integer range and finite doubles: DynamoDB numbers beyond that are
// unmarshalled to BigInt by the SDK, which is a different value on purpose. No "__proto__" keys:
// the SDK's unmarshall assigns map entries, which turns that key into a prototype (the runtime's
// own handling of it is checked above).
const attributeName = fc.string().filter((name) => name !== '__proto__');
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.string(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(attributeName, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const jsonObject = fc.dictionary(attributeName, jsonValue, { maxKeys: 6 });
const normalised = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('util.dynamodb round trips (property)', () => {
  const toMapValues = compileValue(expressionResolver('util.dynamodb.toMapValues(args.item)'));
  const mapAndValues = compileValue(expressionResolver('[util.dynamodb.toMap(args.item).M, util.dynamodb.toMapValues(args.item)]'));
  const toDynamoDB = compileValue(expressionResolver('util.dynamodb.toDynamoDB(args.value)'));

  test('toMapValues output unmarshalls (@aws-sdk/util-dynamodb) back to the input item', () => {
    fc.assert(
      fc.property(jsonObject, (item) => {
        const attributes = toMapValues({ item }) as Parameters<typeof unmarshall>[0];
        expect(unmarshall(attributes)).toEqual(normalised(item));
      }),
      { numRuns: 150 },
    );
  });

  test('toDynamoDB of any JSON value unmarshalls back to that value', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const attribute = toDynamoDB({ value });
        expect(unmarshall({ v: attribute } as Parameters<typeof unmarshall>[0]).v).toEqual(normalised(value));
      }),
      { numRuns: 150 },
    );
  });

  test('"util.dynamodb.toMapValues(obj)" and "util.dynamodb.toMap(obj)["M"]" are exactly the same (the doc statement)', () => {
    fc.assert(
      fc.property(jsonObject, (item) => {
        const [fromMap, values] = mapAndValues({ item }) as [unknown, unknown];
        expect(fromMap).toEqual(values);
      }),
      { numRuns: 100 },
    );
  });

  test('toDynamoDB never produces a set: arrays are always lists', () => {
    const typeKeys = (attribute: unknown): string[] => {
      const [key, member] = Object.entries(attribute as Record<string, unknown>)[0];
      if (key === 'L') return [key, ...(member as unknown[]).flatMap(typeKeys)];
      if (key === 'M') return [key, ...Object.values(member as Record<string, unknown>).flatMap(typeKeys)];
      return [key];
    };
    fc.assert(
      fc.property(jsonValue, (value) => {
        const keys = typeKeys(toDynamoDB({ value }));
        expect(keys.filter((key) => key === 'SS' || key === 'NS' || key === 'BS')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('toDynamoDBWireFormat (for data sources that forward requests to the DynamoDB API)', () => {
  const toMapValues = compileValue(expressionResolver('util.dynamodb.toMapValues(args.item)'));

  test('numbers become the strings DynamoDB takes and NULL becomes true, wherever they are; an attribute named N is left alone', () => {
    expect(
      toDynamoDBWireFormat({
        key: { id: { N: 1 } },
        update: { expressionValues: { ':v': { NS: [1, 2.5] }, ':m': { M: { N: { S: 'named N' }, n: { N: -3 }, gone: { NULL: null } } } } },
      }),
    ).toEqual({
      key: { id: { N: '1' } },
      update: { expressionValues: { ':v': { NS: ['1', '2.5'] }, ':m': { M: { N: { S: 'named N' }, n: { N: '-3' }, gone: { NULL: true } } } } },
    });
  });

  test('toMapValues in wire format is what @aws-sdk/util-dynamodb marshall produces (property)', () => {
    fc.assert(
      fc.property(jsonObject, (item) => {
        expect(toDynamoDBWireFormat(toMapValues({ item }))).toEqual(marshall(normalised(item) as Record<string, unknown>));
      }),
      { numRuns: 150 },
    );
  });
});
