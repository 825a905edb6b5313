// util.transform conformance.
// Documented behaviour: "Transformation helpers in util.transform"
// https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html
// and "Enhanced subscription filters"
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html.
// The docs show one example per function; the finer rendering checked here (parentheses, placeholder
// names, what counts as unrenderable) is what AppSync's EvaluateCode API answers for the same
// input, as recorded in localstack/appsync-utils' conformance snapshots.
import fc from 'fast-check';
import { compileValue, evaluate, evaluateAll, expressionResolver } from './helpers';

const filterOf = (filter: string) => JSON.parse(evaluate(`util.transform.toDynamoDBFilterExpression(${filter})`) as string);

describe('util.transform.toDynamoDBFilterExpression', () => {
  test('answers a JSON string of { expression, expressionNames, expressionValues } (the doc example: contains on title)', () => {
    const result = evaluate('util.transform.toDynamoDBFilterExpression({ title: { contains: "Hello World" } })');
    expect(typeof result).toBe('string');
    expect(JSON.parse(result as string)).toEqual({
      expression: '(contains(#title,:title_contains))',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
  });

  test.each([
    ['eq', '='],
    ['ne', '<>'],
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ])('comparison %s renders as "%s" with a :field_operator placeholder', (operator, symbol) => {
    expect(filterOf(`{ v: { ${operator}: "x" } }`)).toEqual({
      expression: `(#v ${symbol} :v_${operator})`,
      expressionNames: { '#v': 'v' },
      expressionValues: { [`:v_${operator}`]: { S: 'x' } },
    });
  });

  test('beginsWith and notContains map to begins_with and NOT contains', () => {
    expect(filterOf('{ v: { beginsWith: "x" } }').expression).toBe('(begins_with(#v,:v_beginsWith))');
    expect(filterOf('{ v: { notContains: "x" } }').expression).toBe('(NOT contains(#v,:v_notContains))');
  });

  test('between names its bounds _start and _end; in lists one placeholder per value', () => {
    expect(filterOf('{ v: { between: [1, 9] } }')).toEqual({
      expression: '(#v BETWEEN :v_between_start AND :v_between_end)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_between_start': { N: 1 }, ':v_between_end': { N: 9 } },
    });
    expect(filterOf('{ v: { in: ["a", "b"] } }')).toEqual({
      expression: '(#v IN (:v_in_0, :v_in_1))',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } },
    });
  });

  test('attributeExists, attributeType (friendly names to type codes) and size', () => {
    expect(filterOf('{ v: { attributeExists: false } }')).toEqual({
      expression: '(attribute_not_exists(#v))',
      expressionNames: { '#v': 'v' },
      expressionValues: {},
    });
    expect(filterOf('{ v: { attributeType: "stringSet" } }').expressionValues).toEqual({ ':v_attributeType': { S: 'SS' } });
    expect(filterOf('{ v: { size: { gt: 2 } } }')).toEqual({
      expression: '(size(#v) > :v_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_gt': { N: 2 } },
    });
  });

  test('and/or groups are parenthesised and their placeholders carry the group path; top-level fields are ANDed unwrapped', () => {
    expect(filterOf('{ or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }')).toEqual({
      expression: '(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))',
      expressionNames: { '#a': 'a', '#b': 'b', '#c': 'c' },
      expressionValues: { ':or_0_and_0_a_eq': { N: 1 }, ':or_0_and_1_b_eq': { N: 2 }, ':or_1_c_eq': { N: 3 } },
    });
    expect(filterOf('{ a: { eq: 1 }, b: { eq: 2 } }').expression).toBe('(#a = :a_eq) AND (#b = :b_eq)');
    expect(filterOf('{ v: { ge: 1, le: 5 } }').expression).toBe('((#v >= :v_ge) AND (#v <= :v_le))');
    expect(filterOf('{ not: { a: { eq: 1 } } }').expression).toBe('(NOT (#a = :not_a_eq))');
  });

  test('toDynamoDBConditionExpression renders the same way (Amplify-style update guard)', () => {
    const condition = evaluate('util.transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] })');
    expect(JSON.parse(condition as string)).toEqual({
      expression: '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
      expressionNames: { '#id': 'id', '#_version': '_version' },
      expressionValues: { ':and_1__version_eq': { N: 1 } },
    });
  });

  test('a filter that cannot be rendered answers null rather than failing', () => {
    expect(
      evaluateAll([
        'util.transform.toDynamoDBFilterExpression(null)',
        'util.transform.toDynamoDBFilterExpression({ v: { foo: 1 } })',
        'util.transform.toDynamoDBFilterExpression({ v: "x" })',
        'util.transform.toDynamoDBFilterExpression({ and: { a: { eq: 1 } } })',
        'util.transform.toDynamoDBFilterExpression({ v: { between: [1] } })',
        'util.transform.toDynamoDBFilterExpression({ v: { attributeType: "S" } })',
      ]),
    ).toEqual([null, null, null, null, null, null]);
  });
});

// Filters built from a few fields and the renderable operators, nested through and/or/not.
const fieldName = fc.constantFrom('id', 'title', 'status', 'count', 'owner');
const operand = fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -100, max: 100 }), fc.boolean());
const operators = fc.dictionary(
  fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'notContains', 'beginsWith'),
  operand,
  { minKeys: 1, maxKeys: 3 },
);
const filterObject = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', maxDepth: 4, withCrossShrink: true },
    fc.dictionary(fieldName, operators, { minKeys: 1, maxKeys: 3 }),
    fc.record({ and: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('filter') }),
  ),
})).filter;

describe('util.transform.toDynamoDBFilterExpression placeholders (property)', () => {
  const render = compileValue(expressionResolver('JSON.parse(util.transform.toDynamoDBFilterExpression(args.filter))'));

  test('every #name and :value placeholder used in the expression is defined, and every definition is used', () => {
    fc.assert(
      fc.property(filterObject, (filter) => {
        const { expression, expressionNames, expressionValues } = render({ filter }) as {
          expression: string;
          expressionNames: Record<string, string>;
          expressionValues: Record<string, unknown>;
        };
        const usedNames = new Set(expression.match(/#[A-Za-z0-9_]+/g) ?? []);
        const usedValues = new Set(expression.match(/:[A-Za-z0-9_]+/g) ?? []);
        expect([...usedNames].sort()).toEqual(Object.keys(expressionNames).sort());
        expect([...usedValues].sort()).toEqual(Object.keys(expressionValues).sort());
        for (const [placeholder, attribute] of Object.entries(expressionNames)) expect(placeholder).toBe(`#${attribute}`);
      }),
      { numRuns: 200 },
    );
  });

  test('parentheses always balance', () => {
    fc.assert(
      fc.property(filterObject, (filter) => {
        const { expression } = render({ filter }) as { expression: string };
        let depth = 0;
        let lowest = 0;
        for (const character of expression) {
          depth += character === '(' ? 1 : character === ')' ? -1 : 0;
          lowest = Math.min(lowest, depth);
        }
        expect({ lowest, final: depth }).toEqual({ lowest: 0, final: 0 });
      }),
      { numRuns: 200 },
    );
  });
});

describe('util.transform.toSubscriptionFilter (enhanced subscription filters)', () => {
  test('the doc example: operators of one field and members of an "or" are alternatives, "and" members combine', () => {
    const result = evaluate(`util.transform.toSubscriptionFilter({
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    })`);
    const common = [
      { fieldName: 'title', operator: 'ne', value: 'Book1' },
      { fieldName: 'downvotes', operator: 'gt', value: 2000 },
    ];
    expect(result).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'percentageUp', operator: 'lte', value: 50 }, ...common, { fieldName: 'author', operator: 'eq', value: 'Admin' }] },
        { filters: [{ fieldName: 'percentageUp', operator: 'lte', value: 50 }, ...common, { fieldName: 'isPublished', operator: 'eq', value: false }] },
        { filters: [{ fieldName: 'percentageUp', operator: 'gte', value: 20 }, ...common, { fieldName: 'author', operator: 'eq', value: 'Admin' }] },
        { filters: [{ fieldName: 'percentageUp', operator: 'gte', value: 20 }, ...common, { fieldName: 'isPublished', operator: 'eq', value: false }] },
      ],
    });
  });

  test('ignoredFields drops fields, nested ones too; rules add "at least one of" alternatives to every group', () => {
    expect(evaluate('util.transform.toSubscriptionFilter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ["b"])')).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }] }],
    });
    expect(evaluate('util.transform.toSubscriptionFilter({ a: { eq: 1 } }, [], { r1: { ge: 250 }, r2: { eq: "p" } })')).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'r1', operator: 'ge', value: 250 }] },
        { filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'r2', operator: 'eq', value: 'p' }] },
      ],
    });
  });

  test('an empty filter has no groups; something that is not a filter object answers null', () => {
    expect(evaluateAll(['util.transform.toSubscriptionFilter({})', 'util.transform.toSubscriptionFilter(null)', 'util.transform.toSubscriptionFilter([])'])).toEqual([
      { filterGroup: [] },
      null,
      null,
    ]);
  });

  test('the number of groups is the product of the alternatives (property)', () => {
    const expand = compileValue(expressionResolver('util.transform.toSubscriptionFilter(args.filter)'));
    const fieldOperators = fc.dictionary(fc.constantFrom('eq', 'ne', 'gt'), fc.integer(), { minKeys: 1, maxKeys: 3 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), fieldOperators, { minKeys: 1, maxKeys: 3 }),
        fc.array(fc.dictionary(fc.constantFrom('x', 'y'), fieldOperators, { minKeys: 1, maxKeys: 2 }), { minLength: 1, maxLength: 3 }),
        (fields, orMembers) => {
          const result = expand({ filter: { ...fields, or: orMembers } }) as { filterGroup: Array<{ filters: unknown[] }> };
          const fieldProduct = Object.values(fields).reduce((product, ops) => product * Object.keys(ops).length, 1);
          const orAlternatives = orMembers.reduce(
            (sum, member) => sum + Object.values(member).reduce((product, ops) => product * Object.keys(ops).length, 1),
            0,
          );
          expect(result.filterGroup).toHaveLength(fieldProduct * orAlternatives);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('util.transform functions the local runtime does not implement', () => {
  test('toElasticsearchQueryDSL fails with a clear "not supported" error', () => {
    const [error] = evaluateAll([
      '(() => { try { util.transform.toElasticsearchQueryDSL({ a: { eq: 1 } }); return null; } catch (e) { return String(e.message); } })()',
    ]);
    expect(error).toBe('not supported by the local AppSync runtime: util.transform.toElasticsearchQueryDSL');
  });
});
