// @aws-appsync/utils/dynamodb conformance.
// Documented behaviour: "Built-in modules" https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html
// (functions, inputs and the update operations) and the request shapes in "AWS AppSync JavaScript
// resolver function reference for DynamoDB"
// https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html
// (operation, key, attributeValues, condition/update/query/filter expressions, index, limit, ...).
// Placeholder naming (#expName_n / :expValue_n) and clause order are AppSync's EvaluateCode output
// for the same calls.
import fc from 'fast-check';
import { compileValue, evaluate, evaluateAll, expressionResolver } from './helpers';

describe('request builders', () => {
  test('get: GetItem with the key in DynamoDB form; consistentRead and a projection when given', () => {
    expect(evaluate('ddb.get({ key: { id: "id" } })')).toEqual({ operation: 'GetItem', key: { id: { S: 'id' } } });
    expect(evaluate('ddb.get({ key: { id: "1" }, consistentRead: true, projection: ["id", "a.b", "a.c", "list[1]"] })')).toEqual({
      operation: 'GetItem',
      key: { id: { S: '1' } },
      consistentRead: true,
      projection: {
        expression: '#expName_1, #expName_2.#expName_3, #expName_2.#expName_4, #expName_5[1]',
        expressionNames: { '#expName_1': 'id', '#expName_2': 'a', '#expName_3': 'b', '#expName_4': 'c', '#expName_5': 'list' },
      },
    });
  });

  test('put: PutItem with attributeValues for the item and the key kept apart', () => {
    expect(evaluate('ddb.put({ key: { id: "abc" }, item: { value: 10 } })')).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
    });
  });

  test('put with a condition carries a condition expression; one that binds no value has no expressionValues', () => {
    expect(evaluate('ddb.put({ key: { id: "1" }, item: { v: 1 }, condition: { version: { eq: 1 } }, _version: 3 })')).toEqual({
      operation: 'PutItem',
      key: { id: { S: '1' } },
      attributeValues: { v: { N: 1 } },
      condition: { expression: '(#version = :version_eq)', expressionNames: { '#version': 'version' }, expressionValues: { ':version_eq': { N: 1 } } },
      _version: 3,
    });
    expect((evaluate('ddb.put({ key: { id: "1" }, item: {}, condition: { id: { attributeExists: false } } })') as Record<string, unknown>).condition).toEqual({
      expression: '(attribute_not_exists(#id))',
      expressionNames: { '#id': 'id' },
    });
  });

  test('remove: DeleteItem, with an optional condition', () => {
    expect(evaluate('ddb.remove({ key: { id: "test" }, condition: { owner: { eq: "me" } } })')).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'test' } },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'me' } } },
    });
  });

  test('query: key condition as an expression plus every optional argument that was given, null ones left out', () => {
    expect(
      evaluate(
        'ddb.query({ query: { pk: { eq: "a" }, sk: { beginsWith: "2024" } }, index: "gsi1", limit: 5, nextToken: "t", consistentRead: false, scanIndexForward: false, select: "ALL_ATTRIBUTES", filter: { done: { eq: true } }, projection: ["id"] })',
      ),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'a' }, ':sk_beginsWith': { S: '2024' } },
      },
      index: 'gsi1',
      limit: 5,
      nextToken: 't',
      consistentRead: false,
      scanIndexForward: false,
      select: 'ALL_ATTRIBUTES',
      filter: { expression: '(#done = :done_eq)', expressionNames: { '#done': 'done' }, expressionValues: { ':done_eq': { BOOL: true } } },
      projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'id' } },
    });
    expect(evaluate('ddb.query({ query: { id: { eq: 1 } }, limit: null, nextToken: undefined })')).toEqual({
      operation: 'Query',
      query: { expression: '(#id = :id_eq)', expressionNames: { '#id': 'id' }, expressionValues: { ':id_eq': { N: 1 } } },
    });
  });

  test('scan and sync carry only the arguments given', () => {
    expect(evaluateAll(['ddb.scan({ limit: 10, nextToken: "abc" })', 'ddb.scan({ totalSegments: 4, segment: 1, index: "gsi" })', 'ddb.sync({ limit: 10, lastSync: 1 })'])).toEqual([
      { operation: 'Scan', limit: 10, nextToken: 'abc' },
      { operation: 'Scan', totalSegments: 4, segment: 1, index: 'gsi' },
      { operation: 'Sync', limit: 10, lastSync: 1 },
    ]);
  });

  test('batch and transaction builders name tables and convert every key and item', () => {
    expect(evaluate('ddb.batchGet({ tables: { post: { keys: [{ id: "1" }, { id: "2" }], consistentRead: true } } })')).toEqual({
      operation: 'BatchGetItem',
      tables: { post: { keys: [{ id: { S: '1' } }, { id: { S: '2' } }], consistentRead: true } },
    });
    expect(evaluate('ddb.batchPut({ tables: { post: [{ id: "one", value: "x" }] } })')).toEqual({
      operation: 'BatchPutItem',
      tables: { post: [{ id: { S: 'one' }, value: { S: 'x' } }] },
    });
    expect(evaluate('ddb.batchDelete({ tables: { post: [{ id: "one" }] } })')).toEqual({ operation: 'BatchDeleteItem', tables: { post: [{ id: { S: 'one' } }] } });
    expect(
      evaluate(
        'ddb.transactWrite({ items: [{ putItem: { table: "t", key: { id: "1" }, item: { a: 1 } } }, { updateItem: { table: "t", key: { id: "2" }, update: { n: ddb.operations.increment(2) } } }, { deleteItem: { table: "t", key: { id: "3" } } }, { conditionCheck: { table: "t", key: { id: "4" }, condition: { v: { eq: 1 } } } }] })',
      ),
    ).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 't', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { a: { N: 1 } } },
        {
          table: 't',
          operation: 'UpdateItem',
          key: { id: { S: '2' } },
          update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'n' }, expressionValues: { ':expValue_1': { N: 2 } } },
        },
        { table: 't', operation: 'DeleteItem', key: { id: { S: '3' } } },
        { table: 't', operation: 'ConditionCheck', key: { id: { S: '4' } }, condition: { expression: '(#v = :v_eq)', expressionNames: { '#v': 'v' }, expressionValues: { ':v_eq': { N: 1 } } } },
      ],
    });
    expect(evaluate('ddb.transactGet({ items: [{ table: "post", key: { id: "1" }, projection: ["name"] }] })')).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'post', key: { id: { S: '1' } }, projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'name' } } }],
    });
  });

  test('the module set helpers', () => {
    expect(evaluateAll(['ddb.toStringSet(["a", "b"])', 'ddb.toNumberSet([1, 2, 3])', 'ddb.toBinarySet(["SGVsbG8="])'])).toEqual([
      { SS: ['a', 'b'] },
      { NS: [1, 2, 3] },
      { BS: ['SGVsbG8='] },
    ]);
  });

  test('a query without a usable key condition is refused with a clear message', () => {
    const [message] = evaluateAll(['(() => { try { ddb.query({ query: null }); return null; } catch (e) { return e.message; } })()']);
    expect(message).toMatch(/^query: the query argument must be a key condition/);
  });
});

const updateOf = (update: string) => (evaluate(`ddb.update({ key: { id: "1" }, update: ${update} })`) as { update: unknown }).update;

describe('update operations', () => {
  test('a bare value SETs the attribute; null is stored as NULL', () => {
    expect(updateOf('{ isVerified: true, bio: null }')).toEqual({
      expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2',
      expressionNames: { '#expName_1': 'isVerified', '#expName_2': 'bio' },
      expressionValues: { ':expValue_1': { BOOL: true }, ':expValue_2': { NULL: null } },
    });
  });

  test('add and replace SET the whole value', () => {
    expect(updateOf('{ address: ddb.operations.add({ city: "NYC" }), values: ddb.operations.replace({ a: 10 }) }')).toEqual({
      expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2',
      expressionNames: { '#expName_1': 'address', '#expName_2': 'values' },
      expressionValues: { ':expValue_1': { M: { city: { S: 'NYC' } } }, ':expValue_2': { M: { a: { N: 10 } } } },
    });
  });

  test('increment and decrement step by the given amount, by 1 without one', () => {
    expect(updateOf('{ a: ddb.operations.increment(10), b: ddb.operations.decrement(), c: ddb.operations.increment() }')).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1, #expName_2 = #expName_2 - :expValue_2, #expName_3 = #expName_3 + :expValue_3',
      expressionNames: { '#expName_1': 'a', '#expName_2': 'b', '#expName_3': 'c' },
      expressionValues: { ':expValue_1': { N: 10 }, ':expValue_2': { N: 1 }, ':expValue_3': { N: 1 } },
    });
  });

  test('append and prepend use list_append on the appropriate side', () => {
    expect(updateOf('{ tail: ddb.operations.append([1, 2]), head: ddb.operations.prepend([0]) }')).toEqual({
      expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1), #expName_2 = list_append(:expValue_2, #expName_2)',
      expressionNames: { '#expName_1': 'tail', '#expName_2': 'head' },
      expressionValues: { ':expValue_1': { L: [{ N: 1 }, { N: 2 }] }, ':expValue_2': { L: [{ N: 0 }] } },
    });
  });

  test('remove goes in a REMOVE clause after SET, aliases numbered in output order', () => {
    expect(updateOf('{ gone: ddb.operations.remove(), kept: ddb.operations.increment(1) }')).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1 REMOVE #expName_2',
      expressionNames: { '#expName_1': 'kept', '#expName_2': 'gone' },
      expressionValues: { ':expValue_1': { N: 1 } },
    });
  });

  test('updateListItem sets list elements by index, sharing one alias for the list', () => {
    expect(updateOf('{ friends: [ddb.operations.updateListItem("102", 1), ddb.operations.updateListItem("112", 2)] }')).toEqual({
      expression: 'SET #expName_1[1] = :expValue_1, #expName_1[2] = :expValue_2',
      expressionNames: { '#expName_1': 'friends' },
      expressionValues: { ':expValue_1': { S: '102' }, ':expValue_2': { S: '112' } },
    });
  });

  test('a plain nested object updates only the keys it names, as document paths (replace is for whole objects)', () => {
    expect(updateOf('{ address: { city: "Seattle", street2: ddb.operations.remove() } }')).toEqual({
      expression: 'SET #expName_1.#expName_2 = :expValue_1 REMOVE #expName_1.#expName_3',
      expressionNames: { '#expName_1': 'address', '#expName_2': 'city', '#expName_3': 'street2' },
      expressionValues: { ':expValue_1': { S: 'Seattle' } },
    });
  });

  test('operations markers have the shape AppSync returns for them', () => {
    expect(evaluateAll(['ddb.operations.add(10)', 'ddb.operations.increment(10)', 'ddb.operations.append([1, 2, 3])', 'ddb.operations.remove()'])).toEqual([
      { type: 'OPERATION_ADD', value: 10 },
      { type: 'OPERATION_INCREMENT', by: 10 },
      { type: 'OPERATION_APPEND', items: [1, 2, 3] },
      { type: 'OPERATION_REMOVE' },
    ]);
  });

  test('update with a condition and a version', () => {
    expect(evaluate('ddb.update({ key: { id: "1" }, update: { a: ddb.operations.increment(1) }, condition: { b: { eq: 2 } }, _version: 5 })')).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: '1' } },
      update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'a' }, expressionValues: { ':expValue_1': { N: 1 } } },
      condition: { expression: '(#b = :b_eq)', expressionNames: { '#b': 'b' }, expressionValues: { ':b_eq': { N: 2 } } },
      _version: 5,
    });
  });
});

describe('update expressions (property)', () => {
  const build = compileValue(
    expressionResolver(`(() => {
      const ops = { add: ddb.operations.add, replace: ddb.operations.replace, remove: ddb.operations.remove,
        increment: ddb.operations.increment, decrement: ddb.operations.decrement,
        append: ddb.operations.append, prepend: ddb.operations.prepend };
      const update = {};
      for (const [field, [op, value]] of Object.entries(args.changes)) {
        update[field] = op === 'bare' ? value : ops[op](value);
      }
      return ddb.update({ key: { id: 'k' }, update }).update;
    })()`),
  );
  const change = fc.oneof(
    fc.tuple(fc.constantFrom('bare', 'add', 'replace'), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
    fc.tuple(fc.constantFrom('increment', 'decrement'), fc.integer({ min: 1, max: 50 })),
    fc.tuple(fc.constantFrom('append', 'prepend'), fc.array(fc.integer(), { minLength: 1, maxLength: 3 })),
    fc.tuple(fc.constant('remove'), fc.constant(null)),
  );

  test('every attribute gets one alias, every alias and value placeholder is used, and removals follow all SETs', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/), change, { minKeys: 1, maxKeys: 6 }), (changes) => {
        const { expression, expressionNames, expressionValues } = build({ changes }) as {
          expression: string;
          expressionNames: Record<string, string>;
          expressionValues: Record<string, unknown>;
        };
        expect(Object.values(expressionNames).sort()).toEqual(Object.keys(changes).sort());
        for (const name of Object.keys(expressionNames)) expect(expression).toContain(name);
        const usedValues = expression.match(/:expValue_\d+/g) ?? [];
        expect([...new Set(usedValues)].sort()).toEqual(Object.keys(expressionValues).sort());
        const removals = Object.values(changes).filter(([op]) => op === 'remove').length;
        expect(expression.includes('REMOVE')).toBe(removals > 0);
        if (removals > 0 && removals < Object.keys(changes).length) {
          expect(expression.indexOf('SET')).toBeLessThan(expression.indexOf('REMOVE'));
        }
      }),
      { numRuns: 200 },
    );
  });
});
