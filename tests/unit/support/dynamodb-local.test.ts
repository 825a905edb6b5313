import { CreateTableCommand, DynamoDBClient, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';

describe('DynamoDB Local launcher', () => {
  let db: DynamoDbLocal;
  beforeAll(async () => {
    db = await startDynamoDbLocal();
  }, 60_000);
  afterAll(async () => db?.stop());

  it('answers the real DynamoDB API on the port it reports', async () => {
    const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    await client.send(
      new CreateTableCommand({
        TableName: 'probe',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'probe', Item: { pk: { S: 'a' }, n: { N: '1' } } }));
    const got = await client.send(new GetItemCommand({ TableName: 'probe', Key: { pk: { S: 'a' } } }));
    expect(got.Item?.n).toEqual({ N: '1' });
    client.destroy();
  });
});
