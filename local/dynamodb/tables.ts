// Creates the tables of cdk/artifacts/tables.ts in DynamoDB Local: the same keys, indexes,
// TTL and streams CDK declares on AWS. Existing tables (a persistent .data directory) are kept,
// and get the indexes added to the manifest since they were created, as a deployment would add them.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../cdk/artifacts/tables';

export function createTableInput(table: TableDefinition, tableName: string) {
  const attributes = new Map<string, AttributeDefinition>();
  const add = (key?: { name: string; type: 'S' | 'N' }) => key && attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  add(table.partitionKey);
  add(table.sortKey);
  for (const index of table.indexes) {
    add(index.partitionKey);
    add(index.sortKey);
  }
  return new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()],
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    GlobalSecondaryIndexes: table.indexes.length
      ? table.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
            ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
          ],
          Projection: { ProjectionType: 'ALL' as const },
        }))
      : undefined,
    StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: table.stream } : undefined,
  });
}

export async function ensureTables(client: DynamoDBClient, tables: readonly TableDefinition[], nameOf: (table: TableDefinition) => string): Promise<string[]> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    (page.TableNames ?? []).forEach((name) => existing.add(name));
    start = page.LastEvaluatedTableName;
  } while (start);

  const created: string[] = [];
  await Promise.all(
    tables.map(async (table) => {
      const name = nameOf(table);
      if (!existing.has(name)) {
        await client.send(createTableInput(table, name));
        created.push(name);
      } else {
        await addMissingIndexes(client, table, name);
      }
      if (table.ttlAttribute) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
          await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } }));
        }
      }
    }),
  );
  return created;
}

/**
 * One UpdateTable per index, as DynamoDB allows, each awaited until ACTIVE: DynamoDB Local backfills
 * in the background and fails queries on an index still CREATING.
 */
async function addMissingIndexes(client: DynamoDBClient, table: TableDefinition, name: string): Promise<void> {
  const described = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.indexes) {
    if (present.has(index.name)) continue;
    const keys = [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])];
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
    await indexActive(client, name, index.name);
  }
}

async function indexActive(client: DynamoDBClient, tableName: string, indexName: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const status = described.Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.IndexStatus;
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`index ${indexName} of ${tableName} still ${status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
