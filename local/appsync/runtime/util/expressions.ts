// Filter objects ({ field: { operator: operand }, and: [...], or: [...], not: {...} }) turned into
// the two shapes AppSync consumes:
//  * a DynamoDB expression { expression, expressionNames, expressionValues } - for
//    util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression (as a JSON string)
//    and for the condition/filter/query arguments of the DynamoDB built-in module (as an object);
//  * a subscription filter { filterGroup: [{ filters: [...] }] } - for util.transform.toSubscriptionFilter.
//
// Documentation followed: "Transformation helpers in util.transform"
// (https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html),
// "Built-in modules" (https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html) and
// "Enhanced subscription filters" (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html).
// The docs give one example per function; the exact rendering below (parenthesising, placeholder
// names such as `:and_0_content_eq`, `(NOT ...)`, `IN (:v_in_0, :v_in_1)`, `null` for filters that
// cannot be rendered, the groups of a subscription filter multiplying out) matches outputs recorded
// from AppSync's EvaluateCode API and published with localstack/appsync-utils' conformance tests.
import { toDynamoDB, type AttributeValue } from './dynamodb';

export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** AppSync answers `null` rather than raising for a filter it cannot render; this unwinds the builder to say so. */
class UnrenderableFilter extends Error {}

const COMPARISONS: Readonly<Record<string, string>> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Readonly<Record<string, string>> = { contains: 'contains', notContains: 'NOT contains', beginsWith: 'begins_with' };
/** `attributeType` takes a friendly type name, not the DynamoDB type code. */
const ATTRIBUTE_TYPE_CODES: Readonly<Record<string, string>> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const has = (table: Readonly<Record<string, string>>, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** Builds the expression, or answers null for a filter AppSync cannot render. */
export function buildDynamoDBExpression(filter: unknown): DynamoDBExpression | null {
  try {
    return buildFilter(filter, [], false);
  } catch (error) {
    if (error instanceof UnrenderableFilter) return null;
    throw error;
  }
}

/** util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression: the expression as a JSON string, or null. */
export function toDynamoDBExpressionJson(filter: unknown): string | null {
  const built = buildDynamoDBExpression(filter);
  return built === null ? null : JSON.stringify(built);
}

/**
 * The expression object the DynamoDB built-in module embeds in a request (condition, filter, key
 * condition). Unlike util.transform's output it carries no `expressionValues` when nothing is bound.
 */
export function toRequestExpression(filter: unknown): Partial<DynamoDBExpression> & { expression: string } | undefined {
  if (filter === null || filter === undefined) return undefined;
  const built = buildDynamoDBExpression(filter);
  if (built === null) return undefined;
  const { expression, expressionNames, expressionValues } = built;
  return Object.keys(expressionValues).length > 0
    ? { expression, expressionNames, expressionValues }
    : { expression, expressionNames };
}

/**
 * Members that render to nothing are joined all the same, which is why AppSync leaves a dangling
 * joiner for `{ a: { eq: 1 }, b: {} }`. `wrap` parenthesises a group of more than one member; the
 * filter as a whole is never wrapped.
 */
function join(nodes: DynamoDBExpression[], joiner: 'AND' | 'OR', wrap: boolean): DynamoDBExpression {
  const expression = nodes.map((node) => node.expression).join(` ${joiner} `);
  return {
    expression: wrap && nodes.length > 1 ? `(${expression})` : expression,
    expressionNames: Object.assign({}, ...nodes.map((node) => node.expressionNames)),
    expressionValues: Object.assign({}, ...nodes.map((node) => node.expressionValues)),
  };
}

/** `path` names the value placeholders: the enclosing and/or groups with their index, `not`, the field, then the operator. */
function buildFilter(filter: unknown, path: readonly (string | number)[], wrap: boolean): DynamoDBExpression {
  if (!isPlainObject(filter)) throw new UnrenderableFilter();
  const nodes = Object.entries(filter).map(([key, value]) => {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new UnrenderableFilter();
      const members = value.map((member, index) => buildFilter(member, [...path, key, index], false));
      return join(members, key === 'or' ? 'OR' : 'AND', true);
    }
    if (key === 'not') {
      const negated = buildFilter(value, [...path, 'not'], true);
      return { ...negated, expression: `(NOT ${negated.expression})` };
    }
    return buildField(key, value, [...path, key], false);
  });
  return join(nodes, 'AND', wrap);
}

function buildField(field: string, operators: unknown, path: readonly (string | number)[], sized: boolean): DynamoDBExpression {
  if (!isPlainObject(operators)) throw new UnrenderableFilter();
  const name = `#${field}`;
  const target = sized ? `size(${name})` : name;
  const nodes = Object.entries(operators).map(([operator, operand]) =>
    operator === 'size'
      ? // a nested size deepens the placeholder name but never nests the size() call
        buildField(field, operand, [...path, operator], true)
      : buildOperator(target, operator, operand, `:${[...path, operator].join('_')}`),
  );
  const joined = join(nodes, 'AND', true);
  // a field contributes its name even when it carries no operator
  return { ...joined, expressionNames: { [name]: field, ...joined.expressionNames } };
}

function buildOperator(target: string, operator: string, operand: unknown, placeholder: string): DynamoDBExpression {
  const leaf = (expression: string, expressionValues: Record<string, AttributeValue> = {}): DynamoDBExpression => ({
    expression,
    expressionNames: {},
    expressionValues,
  });
  if (has(COMPARISONS, operator)) {
    return leaf(`(${target} ${COMPARISONS[operator]} ${placeholder})`, { [placeholder]: toDynamoDB(operand) });
  }
  if (has(FUNCTIONS, operator)) {
    // no space after the comma, unlike IN below
    return leaf(`(${FUNCTIONS[operator]}(${target},${placeholder}))`, { [placeholder]: toDynamoDB(operand) });
  }
  switch (operator) {
    case 'between': {
      // anything past the second bound is ignored, but both bounds are required
      if (!Array.isArray(operand) || operand.length < 2) throw new UnrenderableFilter();
      return leaf(`(${target} BETWEEN ${placeholder}_start AND ${placeholder}_end)`, {
        [`${placeholder}_start`]: toDynamoDB(operand[0]),
        [`${placeholder}_end`]: toDynamoDB(operand[1]),
      });
    }
    case 'in': {
      if (!Array.isArray(operand)) throw new UnrenderableFilter();
      // with no operand to render AppSync emits this literal
      if (operand.length === 0) return leaf('(null)');
      const names = operand.map((_, index) => `${placeholder}_${index}`);
      return leaf(
        `(${target} IN (${names.join(', ')}))`,
        Object.fromEntries(names.map((name, index) => [name, toDynamoDB(operand[index])])),
      );
    }
    case 'attributeExists': {
      if (typeof operand !== 'boolean') throw new UnrenderableFilter();
      return leaf(`(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${target}))`);
    }
    case 'attributeType': {
      if (typeof operand !== 'string' || !has(ATTRIBUTE_TYPE_CODES, operand)) throw new UnrenderableFilter();
      return leaf(`(attribute_type(${target},${placeholder}))`, { [placeholder]: toDynamoDB(ATTRIBUTE_TYPE_CODES[operand]) });
    }
    default:
      throw new UnrenderableFilter();
  }
}

// ---------------------------------------------------------------------------------------------
// Subscription filters

export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}
export interface SubscriptionFilter {
  filterGroup: Array<{ filters: SubscriptionFilterEntry[] }>;
}

type Alternatives = SubscriptionFilterEntry[][];

/** Every group of `groups` combined with every alternative: AND within a group, OR across groups. */
const cross = (groups: Alternatives, alternatives: Alternatives): Alternatives =>
  groups.flatMap((group) => alternatives.map((alternative) => [...group, ...alternative]));

/**
 * util.transform.toSubscriptionFilter(filter, ignoredFields?, rules?).
 * The result is the disjunctive normal form AppSync evaluates: each operator of a field, each member
 * of an `or` and each rule is an alternative, so the groups multiply out (the docs' example with
 * `percentageUp: { lte: 50, gte: 20 }` and a two-member `or` yields four groups). Operators are
 * passed through unvalidated, `not` is an ordinary field name here, groups left empty are dropped,
 * and input that is not a filter object answers null.
 */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  if (!isPlainObject(filter)) return null;
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.map(String) : []);
  let groups: Alternatives;
  try {
    groups = expand(filter, ignored);
    if (isPlainObject(rules) && Object.keys(rules).length > 0) {
      // "at least one of the rules will be satisfied": each rule entry is one more alternative
      const ruleAlternatives = Object.entries(rules).flatMap(([field, operators]) => fieldAlternatives(field, operators));
      groups = cross(groups, ruleAlternatives);
    }
  } catch (error) {
    if (error instanceof UnrenderableFilter) return null;
    throw error;
  }
  return { filterGroup: groups.filter((filters) => filters.length > 0).map((filters) => ({ filters })) };
}

function fieldAlternatives(field: string, operators: unknown): Alternatives {
  if (!isPlainObject(operators)) throw new UnrenderableFilter();
  return Object.entries(operators).map(([operator, value]) => [{ fieldName: field, operator, value }]);
}

function expand(filter: unknown, ignored: ReadonlySet<string>): Alternatives {
  if (!isPlainObject(filter)) throw new UnrenderableFilter();
  let groups: Alternatives = [[]];
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new UnrenderableFilter();
      const members = value.map((member) => expand(member, ignored));
      const alternatives =
        key === 'and' ? members.reduce<Alternatives>((combined, member) => cross(combined, member), [[]]) : members.flat();
      groups = cross(groups, alternatives);
    } else if (!ignored.has(key)) {
      groups = cross(groups, fieldAlternatives(key, value));
    }
  }
  return groups;
}
