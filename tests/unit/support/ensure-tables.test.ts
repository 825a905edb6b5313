// Tables kept in .data from an earlier run get the indexes the manifest added since, as a
// deployment would add them; their items stay.
import { DescribeTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../../../cdk/artifacts/tables';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';
import { ensureTables } from '../../../local/dynamodb/tables';

let db: DynamoDbLocal;
let client: DynamoDBClient;

beforeAll(async () => {
  db = await startDynamoDbLocal();
  client = new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

test('an existing table gets a new index, backfilled from its items', async () => {
  const before: TableDefinition = {
    id: 'trackingEvents',
    purpose: 'test',
    partitionKey: { name: 'reference', type: 'S' },
    sortKey: { name: 'sequence', type: 'N' },
    indexes: [],
  };
  const after: TableDefinition = { ...before, indexes: [{ name: 'byCourier', partitionKey: { name: 'courierId', type: 'S' }, sortKey: { name: 'at', type: 'S' } }] };
  expect(await ensureTables(client, [before], () => 'events')).toEqual(['events']);
  await client.send(new PutItemCommand({ TableName: 'events', Item: { reference: { S: 'CB1' }, sequence: { N: '1' }, courierId: { S: 'C1' }, at: { S: '2026-01-01T00:00:00Z' } } }));

  expect(await ensureTables(client, [after], () => 'events')).toEqual([]);
  const described = await client.send(new DescribeTableCommand({ TableName: 'events' }));
  expect(described.Table!.GlobalSecondaryIndexes!.map((index) => index.IndexName)).toEqual(['byCourier']);
  const found = await client.send(
    new QueryCommand({ TableName: 'events', IndexName: 'byCourier', KeyConditionExpression: 'courierId = :c', ExpressionAttributeValues: { ':c': { S: 'C1' } } }),
  );
  expect(found.Items).toHaveLength(1);
  // Running again finds nothing to do.
  expect(await ensureTables(client, [after], () => 'events')).toEqual([]);
});
