// AMAZON_DYNAMODB data source: turns AppSync DynamoDB request objects (as built by
// @aws-appsync/utils/dynamodb, with typed attribute values) into DynamoDB API calls and
// shapes the answers as AppSync does (see "JavaScript resolver function reference for
// DynamoDB"): items come back as plain JSON, lists as { items, nextToken, scannedCount },
// errors as ctx.error { message, type: 'DynamoDB:<ExceptionName>' }.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { toDynamoDBWireFormat } from '../runtime';
import type { DataSource, DataSourceResponse } from './types';

type Typed = Record<string, AttributeValue>;

interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Typed;
}

interface DynamoDbRequest {
  operation: string;
  key?: Typed;
  attributeValues?: Typed;
  condition?: Expression & { equalsIgnore?: string[]; consistentRead?: boolean };
  update?: Expression;
  query?: Expression;
  filter?: Expression;
  projection?: { expression: string; expressionNames?: Record<string, string> };
  index?: string;
  nextToken?: string;
  limit?: number;
  scanIndexForward?: boolean;
  consistentRead?: boolean;
  select?: string;
  segment?: number;
  totalSegments?: number;
  tables?: Record<string, unknown>;
  transactItems?: Record<string, unknown>[];
  _version?: number;
}

/** AppSync's pagination tokens are opaque; ours are the encoded LastEvaluatedKey. */
export function encodeNextToken(key: Typed | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

function decodeNextToken(token: string | undefined | null): Typed | undefined {
  if (!token) return undefined;
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Typed;
  } catch {
    throw Object.assign(new Error('Invalid pagination token'), { name: 'ValidationException' });
  }
}

/** Combines the names/values of several expressions into one request's maps. */
function merge(...expressions: (Partial<Expression> | undefined)[]) {
  const names: Record<string, string> = {};
  const values: Typed = {};
  for (const e of expressions) {
    Object.assign(names, e?.expressionNames ?? {});
    Object.assign(values, e?.expressionValues ?? {});
  }
  return {
    ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
    ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
  };
}

const plain = (item: Typed | undefined | null) => (item ? unmarshall(item) : null);

export class DynamoDbDataSource implements DataSource {
  readonly kind = 'AMAZON_DYNAMODB' as const;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async invoke(raw: unknown): Promise<DataSourceResponse> {
    // AppSync's helpers write { N: 12 } and { NULL: null }; the DynamoDB API wants { N: "12" }, { NULL: true }.
    const request = toDynamoDBWireFormat(raw) as DynamoDbRequest;
    try {
      return { result: await this.run(request) };
    } catch (error) {
      const name = (error as Error).name ?? 'InternalFailure';
      return { error: { message: (error as Error).message, type: `DynamoDB:${name}` } };
    }
  }

  private async run(request: DynamoDbRequest): Promise<unknown> {
    const TableName = this.tableName;
    switch (request?.operation) {
      case 'GetItem': {
        const out = await this.client.send(
          new GetItemCommand({
            TableName,
            Key: request.key,
            ConsistentRead: request.consistentRead,
            ProjectionExpression: request.projection?.expression,
            ExpressionAttributeNames: request.projection?.expressionNames,
          }),
        );
        return plain(out.Item);
      }
      case 'PutItem': {
        await this.client.send(
          new PutItemCommand({
            TableName,
            Item: { ...request.attributeValues, ...request.key },
            ConditionExpression: request.condition?.expression,
            ...merge(request.condition),
          }),
        );
        return unmarshall({ ...request.attributeValues, ...request.key } as Typed);
      }
      case 'UpdateItem': {
        const out = await this.client.send(
          new UpdateItemCommand({
            TableName,
            Key: request.key,
            UpdateExpression: request.update?.expression,
            ConditionExpression: request.condition?.expression,
            ReturnValues: 'ALL_NEW',
            ...merge(request.update, request.condition),
          }),
        );
        return plain(out.Attributes);
      }
      case 'DeleteItem': {
        const out = await this.client.send(
          new DeleteItemCommand({
            TableName,
            Key: request.key,
            ConditionExpression: request.condition?.expression,
            ReturnValues: 'ALL_OLD',
            ...merge(request.condition),
          }),
        );
        return plain(out.Attributes);
      }
      case 'Query': {
        const out = await this.client.send(
          new QueryCommand({
            TableName,
            IndexName: request.index,
            KeyConditionExpression: request.query?.expression,
            FilterExpression: request.filter?.expression,
            ProjectionExpression: request.projection?.expression,
            Limit: request.limit,
            ScanIndexForward: request.scanIndexForward,
            ConsistentRead: request.consistentRead,
            Select: request.select as never,
            ExclusiveStartKey: decodeNextToken(request.nextToken),
            ...merge(request.query, request.filter, { expressionNames: request.projection?.expressionNames }),
          }),
        );
        return { items: (out.Items ?? []).map((i) => unmarshall(i)), nextToken: encodeNextToken(out.LastEvaluatedKey), scannedCount: out.ScannedCount ?? 0 };
      }
      case 'Scan': {
        const out = await this.client.send(
          new ScanCommand({
            TableName,
            IndexName: request.index,
            FilterExpression: request.filter?.expression,
            ProjectionExpression: request.projection?.expression,
            Limit: request.limit,
            ConsistentRead: request.consistentRead,
            Select: request.select as never,
            Segment: request.segment,
            TotalSegments: request.totalSegments,
            ExclusiveStartKey: decodeNextToken(request.nextToken),
            ...merge(request.filter, { expressionNames: request.projection?.expressionNames }),
          }),
        );
        return { items: (out.Items ?? []).map((i) => unmarshall(i)), nextToken: encodeNextToken(out.LastEvaluatedKey), scannedCount: out.ScannedCount ?? 0 };
      }
      case 'BatchGetItem': {
        const tables = (request.tables ?? {}) as Record<string, { keys: Typed[]; consistentRead?: boolean; projection?: Expression }>;
        const out = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: Object.fromEntries(
              Object.entries(tables).map(([table, spec]) => [table, { Keys: spec.keys, ConsistentRead: spec.consistentRead, ProjectionExpression: spec.projection?.expression, ExpressionAttributeNames: spec.projection?.expressionNames }]),
            ),
          }),
        );
        // AppSync keeps the order of the requested keys, with null where an item is missing.
        const data: Record<string, (Record<string, unknown> | null)[]> = {};
        for (const [table, spec] of Object.entries(tables)) {
          const found = (out.Responses?.[table] ?? []).map((item) => ({ item, plain: unmarshall(item) }));
          data[table] = spec.keys.map((key) => {
            const match = found.find(({ item }) => Object.entries(key).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v)));
            return match ? match.plain : null;
          });
        }
        const unprocessedKeys = Object.fromEntries(Object.entries(out.UnprocessedKeys ?? {}).map(([t, v]) => [t, (v.Keys ?? []).map((k) => unmarshall(k))]));
        return { data, unprocessedKeys };
      }
      case 'BatchPutItem':
      case 'BatchDeleteItem': {
        const tables = (request.tables ?? {}) as Record<string, Typed[]>;
        const put = request.operation === 'BatchPutItem';
        const out = await this.client.send(
          new BatchWriteItemCommand({
            RequestItems: Object.fromEntries(
              Object.entries(tables).map(([table, items]) => [table, items.map((item) => (put ? { PutRequest: { Item: item } } : { DeleteRequest: { Key: item } }))]),
            ),
          }),
        );
        const data = Object.fromEntries(Object.entries(tables).map(([t, items]) => [t, items.map((i) => unmarshall(i))]));
        const unprocessed = Object.fromEntries(
          Object.entries(out.UnprocessedItems ?? {}).map(([t, reqs]) => [t, reqs.map((r) => unmarshall((r.PutRequest?.Item ?? r.DeleteRequest?.Key) as Typed))]),
        );
        return put ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed };
      }
      case 'TransactGetItems': {
        const items = (request.transactItems ?? []) as { table: string; key: Typed; projection?: Expression }[];
        const out = await this.client.send(
          new TransactGetItemsCommand({
            TransactItems: items.map((i) => ({ Get: { TableName: i.table, Key: i.key, ProjectionExpression: i.projection?.expression, ExpressionAttributeNames: i.projection?.expressionNames } })),
          }),
        );
        return { items: (out.Responses ?? []).map((r) => plain(r.Item)), cancellationReasons: null };
      }
      case 'TransactWriteItems': {
        const items = (request.transactItems ?? []) as unknown as (DynamoDbRequest & { table: string })[];
        try {
          await this.client.send(
            new TransactWriteItemsCommand({
              TransactItems: items.map((i) => {
                const base = { TableName: i.table, ConditionExpression: i.condition?.expression };
                switch (i.operation) {
                  case 'PutItem':
                    return { Put: { ...base, Item: { ...i.attributeValues, ...i.key }, ...merge(i.condition) } };
                  case 'UpdateItem':
                    return { Update: { ...base, Key: i.key, UpdateExpression: i.update!.expression, ...merge(i.update, i.condition) } };
                  case 'DeleteItem':
                    return { Delete: { ...base, Key: i.key, ...merge(i.condition) } };
                  case 'ConditionCheck':
                    return { ConditionCheck: { ...base, Key: i.key!, ConditionExpression: i.condition!.expression, ...merge(i.condition) } };
                  default:
                    throw Object.assign(new Error(`Unsupported transaction operation ${i.operation}`), { name: 'ValidationException' });
                }
              }),
            }),
          );
          return { keys: items.map((i) => (i.key ? unmarshall(i.key) : null)), cancellationReasons: null };
        } catch (error) {
          const reasons = (error as { CancellationReasons?: { Code?: string; Message?: string }[] }).CancellationReasons;
          if (!reasons) throw error;
          throw Object.assign(new Error('Transaction cancelled'), {
            name: 'TransactionCanceledException',
            cancellationReasons: reasons.map((r) => ({ type: r.Code ?? 'None', message: r.Message ?? null })),
          });
        }
      }
      default:
        throw Object.assign(new Error(`Unsupported DynamoDB operation: ${String(request?.operation)}`), { name: 'ValidationException' });
    }
  }
}
