// The `@aws-appsync/utils/dynamodb` built-in module: functions that build the request objects
// AppSync's DynamoDB data source consumes ("Built-in modules",
// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html, with the request
// shapes of "AWS AppSync JavaScript resolver function reference for DynamoDB",
// https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html).
//
// Rendering details the docs leave implicit follow outputs recorded from AppSync's EvaluateCode
// API (published with localstack/appsync-utils' conformance tests):
//  * update expressions name every attribute `#expName_<n>` and every value `:expValue_<n>`, put all
//    SET clauses before the REMOVE clauses, and number both in the order the clauses come out;
//    an attribute mentioned twice keeps one alias;
//  * increment/decrement render `SET #a = #a + :v` / `#a - :v` (step 1 when none is given),
//    append/prepend use list_append, add and replace both SET the attribute;
//  * condition, filter and key-condition objects use the util.transform renderer but drop
//    `expressionValues` when nothing is bound; optional arguments that are null or absent are left out.
import { UtilArgumentError } from './errors';
import { toRequestExpression } from './util/expressions';
import { toDynamoDB, toMapValues, type AttributeValue } from './util/dynamodb';

// ---------------------------------------------------------------------------------------------
// Update operations

/** The markers `operations.*` return, in the form AppSync itself returns them. */
export type UpdateOperation =
  | { type: 'OPERATION_ADD'; value: unknown }
  | { type: 'OPERATION_REPLACE'; value: unknown }
  | { type: 'OPERATION_REMOVE' }
  | { type: 'OPERATION_INCREMENT'; by: number | undefined }
  | { type: 'OPERATION_DECREMENT'; by: number | undefined }
  | { type: 'OPERATION_APPEND'; items: unknown[] }
  | { type: 'OPERATION_PREPEND'; items: unknown[] }
  | { type: 'OPERATION_UPDATE_LIST_ITEM'; value: unknown; index: number };

export const operations = {
  add: (value: unknown): UpdateOperation => ({ type: 'OPERATION_ADD', value }),
  remove: (): UpdateOperation => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown): UpdateOperation => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by?: number): UpdateOperation => ({ type: 'OPERATION_INCREMENT', by }),
  decrement: (by?: number): UpdateOperation => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown[]): UpdateOperation => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown[]): UpdateOperation => ({ type: 'OPERATION_PREPEND', items }),
  updateListItem: (value: unknown, index: number): UpdateOperation => {
    if (!Number.isInteger(index) || index < 0) {
      throw new UtilArgumentError('operations.updateListItem', 'the index must be a non-negative integer');
    }
    return { type: 'OPERATION_UPDATE_LIST_ITEM', value, index };
  },
};

const OPERATION_TYPES = new Set([
  'OPERATION_ADD',
  'OPERATION_REPLACE',
  'OPERATION_REMOVE',
  'OPERATION_INCREMENT',
  'OPERATION_DECREMENT',
  'OPERATION_APPEND',
  'OPERATION_PREPEND',
  'OPERATION_UPDATE_LIST_ITEM',
]);

function isOperation(value: unknown): value is UpdateOperation {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    OPERATION_TYPES.has((value as { type?: unknown }).type as string)
  );
}

const isListItemUpdates = (value: unknown): value is UpdateOperation[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => isOperation(item) && item.type === 'OPERATION_UPDATE_LIST_ITEM');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export interface UpdateExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

type PathRenderer = (name: (path: readonly string[]) => string, value: (operand: unknown) => string) => string;

/**
 * Builds the update expression of `update` and `transactWrite`'s updateItem.
 * A plain object updates only the keys it names, as nested document paths (`#address.#city`):
 * that is what lets the module's types accept operations on nested keys, and why the docs offer
 * `replace` for "when you want to update entire object or sub object in the attribute and not just
 * the keys in the payload". Any other bare value (string, number, list, null) sets the attribute.
 */
export function buildUpdateExpression(update: unknown): UpdateExpression {
  if (!isPlainObject(update)) throw new UtilArgumentError('update', 'the update argument must be an object');
  const sets: Array<{ path: string[]; render: PathRenderer }> = [];
  const removes: string[][] = [];

  const visit = (path: string[], operation: unknown): void => {
    if (operation === undefined) return;
    if (isListItemUpdates(operation)) {
      for (const item of operation) visit(path, item);
      return;
    }
    if (!isOperation(operation)) {
      if (isPlainObject(operation)) {
        for (const [key, member] of Object.entries(operation)) visit([...path, key], member);
        return;
      }
      sets.push({ path, render: (name, value) => `${name(path)} = ${value(operation)}` });
      return;
    }
    switch (operation.type) {
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        sets.push({ path, render: (name, value) => `${name(path)} = ${value(operation.value)}` });
        return;
      case 'OPERATION_APPEND':
        sets.push({ path, render: (name, value) => `${name(path)} = list_append(${name(path)}, ${value(operation.items)})` });
        return;
      case 'OPERATION_PREPEND':
        sets.push({ path, render: (name, value) => `${name(path)} = list_append(${value(operation.items)}, ${name(path)})` });
        return;
      case 'OPERATION_INCREMENT':
        sets.push({ path, render: (name, value) => `${name(path)} = ${name(path)} + ${value(operation.by ?? 1)}` });
        return;
      case 'OPERATION_DECREMENT':
        sets.push({ path, render: (name, value) => `${name(path)} = ${name(path)} - ${value(operation.by ?? 1)}` });
        return;
      case 'OPERATION_UPDATE_LIST_ITEM':
        sets.push({ path, render: (name, value) => `${name(path)}[${operation.index}] = ${value(operation.value)}` });
        return;
      case 'OPERATION_REMOVE':
        removes.push(path);
        return;
    }
  };
  for (const [field, operation] of Object.entries(update)) visit([field], operation);

  const aliases = new Map<string, string>();
  const name = (path: readonly string[]) =>
    path
      .map((segment) => {
        let alias = aliases.get(segment);
        if (alias === undefined) {
          alias = `#expName_${aliases.size + 1}`;
          aliases.set(segment, alias);
        }
        return alias;
      })
      .join('.');
  const expressionValues: Record<string, AttributeValue> = {};
  const value = (operand: unknown) => {
    const placeholder = `:expValue_${Object.keys(expressionValues).length + 1}`;
    expressionValues[placeholder] = toDynamoDB(operand);
    return placeholder;
  };

  const clauses: string[] = [];
  if (sets.length > 0) clauses.push(`SET ${sets.map(({ render }) => render(name, value)).join(', ')}`);
  if (removes.length > 0) clauses.push(`REMOVE ${removes.map((path) => name(path)).join(', ')}`);
  const expressionNames: Record<string, string> = {};
  for (const [segment, alias] of aliases) expressionNames[alias] = segment;
  return { expression: clauses.join(' '), expressionNames, expressionValues };
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Adds the optional arguments that were given; null counts as not given. */
function withOptional<T extends Record<string, unknown>>(request: T, optional: Record<string, unknown>): T {
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined && value !== null) (request as Record<string, unknown>)[field] = value;
  }
  return request;
}

function toKey(key: unknown, helper: string): Record<string, AttributeValue> {
  if (!isPlainObject(key)) throw new UtilArgumentError(helper, 'a key object is required');
  return toMapValues(key);
}

/**
 * Every segment of every projected path gets an alias, so `nested.field` is `#expName_2.#expName_3`
 * and a segment used twice keeps its alias; list indexes (`list[1]`) stay as written.
 */
export function toProjection(projection: unknown): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (!Array.isArray(projection) || projection.length === 0) return undefined;
  const aliases = new Map<string, string>();
  const alias = (segment: string) => {
    const [, attribute, indexes] = /^([^[]*)(.*)$/.exec(segment) as RegExpExecArray;
    let name = aliases.get(attribute);
    if (name === undefined) {
      name = `#expName_${aliases.size + 1}`;
      aliases.set(attribute, name);
    }
    return name + indexes;
  };
  const expression = projection.map((path) => String(path).split('.').map(alias).join('.')).join(', ');
  const expressionNames: Record<string, string> = {};
  for (const [attribute, name] of aliases) expressionNames[name] = attribute;
  return { expression, expressionNames };
}

type Payload = Record<string, unknown>;

function payloadOf(helper: string, payload: unknown): Payload {
  if (!isPlainObject(payload)) throw new UtilArgumentError(helper, 'expects an object argument');
  return payload;
}

export function get(input: unknown) {
  const payload = payloadOf('get', input);
  return withOptional(
    { operation: 'GetItem', key: toKey(payload.key, 'get') },
    { consistentRead: payload.consistentRead, projection: toProjection(payload.projection) },
  );
}

export function put(input: unknown) {
  const payload = payloadOf('put', input);
  if (!isPlainObject(payload.item)) throw new UtilArgumentError('put', 'an item object is required');
  return withOptional(
    { operation: 'PutItem', key: toKey(payload.key, 'put'), attributeValues: toMapValues(payload.item) },
    {
      condition: toRequestExpression(payload.condition),
      customPartitionKey: payload.customPartitionKey,
      populateIndexFields: payload.populateIndexFields,
      _version: payload._version,
    },
  );
}

export function remove(input: unknown) {
  const payload = payloadOf('remove', input);
  return withOptional(
    { operation: 'DeleteItem', key: toKey(payload.key, 'remove') },
    {
      condition: toRequestExpression(payload.condition),
      customPartitionKey: payload.customPartitionKey,
      populateIndexFields: payload.populateIndexFields,
      _version: payload._version,
    },
  );
}

export function update(input: unknown) {
  const payload = payloadOf('update', input);
  return withOptional(
    { operation: 'UpdateItem', key: toKey(payload.key, 'update'), update: buildUpdateExpression(payload.update) },
    {
      condition: toRequestExpression(payload.condition),
      customPartitionKey: payload.customPartitionKey,
      populateIndexFields: payload.populateIndexFields,
      _version: payload._version,
    },
  );
}

export function query(input: unknown) {
  const payload = payloadOf('query', input);
  const keyCondition = toRequestExpression(payload.query);
  if (keyCondition === undefined) {
    throw new UtilArgumentError('query', 'the query argument must be a key condition such as { id: { eq: value } }');
  }
  return withOptional(
    { operation: 'Query', query: keyCondition },
    {
      index: payload.index,
      nextToken: payload.nextToken,
      limit: payload.limit,
      scanIndexForward: payload.scanIndexForward,
      consistentRead: payload.consistentRead,
      select: payload.select,
      filter: toRequestExpression(payload.filter),
      projection: toProjection(payload.projection),
    },
  );
}

export function scan(input: unknown) {
  const payload = payloadOf('scan', input ?? {});
  return withOptional(
    { operation: 'Scan' },
    {
      index: payload.index,
      limit: payload.limit,
      consistentRead: payload.consistentRead,
      nextToken: payload.nextToken,
      totalSegments: payload.totalSegments,
      segment: payload.segment,
      select: payload.select,
      filter: toRequestExpression(payload.filter),
      projection: toProjection(payload.projection),
    },
  );
}

export function sync(input: unknown) {
  const payload = payloadOf('sync', input ?? {});
  return withOptional(
    { operation: 'Sync' },
    {
      basePartitionKey: payload.basePartitionKey,
      deltaIndexName: payload.deltaIndexName,
      limit: payload.limit,
      nextToken: payload.nextToken,
      lastSync: payload.lastSync,
      filter: toRequestExpression(payload.filter),
    },
  );
}

function tablesOf(helper: string, payload: Payload): Record<string, unknown> {
  if (!isPlainObject(payload.tables)) throw new UtilArgumentError(helper, 'a tables object is required');
  return payload.tables;
}

function listOf(helper: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new UtilArgumentError(helper, 'expects a list');
  return value;
}

export function batchGet(input: unknown) {
  const payload = payloadOf('batchGet', input);
  const tables: Record<string, unknown> = {};
  for (const [table, request] of Object.entries(tablesOf('batchGet', payload))) {
    const options = payloadOf('batchGet', request);
    tables[table] = withOptional(
      { keys: listOf('batchGet', options.keys).map((key) => toKey(key, 'batchGet')) },
      { consistentRead: options.consistentRead, projection: toProjection(options.projection) },
    );
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(input: unknown) {
  const payload = payloadOf('batchPut', input);
  const tables: Record<string, unknown> = {};
  for (const [table, items] of Object.entries(tablesOf('batchPut', payload))) {
    tables[table] = listOf('batchPut', items).map((item) => {
      if (!isPlainObject(item)) throw new UtilArgumentError('batchPut', 'each item must be an object');
      return toMapValues(item);
    });
  }
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(input: unknown) {
  const payload = payloadOf('batchDelete', input);
  const tables: Record<string, unknown> = {};
  for (const [table, keys] of Object.entries(tablesOf('batchDelete', payload))) {
    tables[table] = listOf('batchDelete', keys).map((key) => toKey(key, 'batchDelete'));
  }
  return { operation: 'BatchDeleteItem', tables };
}

export function transactGet(input: unknown) {
  const payload = payloadOf('transactGet', input);
  const transactItems = listOf('transactGet', payload.items).map((entry) => {
    const item = payloadOf('transactGet', entry);
    return withOptional({ table: item.table, key: toKey(item.key, 'transactGet') }, { projection: toProjection(item.projection) });
  });
  return { operation: 'TransactGetItems', transactItems };
}

export function transactWrite(input: unknown) {
  const payload = payloadOf('transactWrite', input);
  const transactItems = listOf('transactWrite', payload.items).map((entry) => {
    const item = payloadOf('transactWrite', entry);
    if (isPlainObject(item.putItem)) {
      const { table, key, item: attributes, condition } = item.putItem;
      if (!isPlainObject(attributes)) throw new UtilArgumentError('transactWrite', 'putItem needs an item object');
      return withOptional(
        { table, operation: 'PutItem', key: toKey(key, 'transactWrite'), attributeValues: toMapValues(attributes) },
        { condition: toRequestExpression(condition) },
      );
    }
    if (isPlainObject(item.updateItem)) {
      const { table, key, update: changes, condition } = item.updateItem;
      return withOptional(
        { table, operation: 'UpdateItem', key: toKey(key, 'transactWrite'), update: buildUpdateExpression(changes) },
        { condition: toRequestExpression(condition) },
      );
    }
    if (isPlainObject(item.deleteItem)) {
      const { table, key, condition } = item.deleteItem;
      return withOptional({ table, operation: 'DeleteItem', key: toKey(key, 'transactWrite') }, { condition: toRequestExpression(condition) });
    }
    if (isPlainObject(item.conditionCheck)) {
      const { table, key, condition } = item.conditionCheck;
      return withOptional({ table, operation: 'ConditionCheck', key: toKey(key, 'transactWrite') }, { condition: toRequestExpression(condition) });
    }
    throw new UtilArgumentError('transactWrite', 'each item needs one of putItem, updateItem, deleteItem or conditionCheck');
  });
  return { operation: 'TransactWriteItems', transactItems };
}

// The module's own set helpers take a list, not null, and keep numbers as numbers like util.dynamodb.
export const toStringSet = (list: unknown) => ({ SS: listOf('toStringSet', list) });
export const toNumberSet = (list: unknown) => ({ NS: listOf('toNumberSet', list) });
export const toBinarySet = (list: unknown) => ({ BS: listOf('toBinarySet', list) });
