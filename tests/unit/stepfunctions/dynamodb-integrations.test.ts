// dynamodb:* (optimized) and aws-sdk:dynamodb:* task integrations against DynamoDB Local, driven
// through @aws-sdk/client-sfn.
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { definition, historyOf, startHarness, uniqueName, waitForExecution, type Harness } from './support';

let harness: Harness;
let dynamo: DynamoDBClient;
const table = 'capacity';

beforeAll(async () => {
  harness = await startHarness({ withDynamoDb: true, timeScale: 0.001 });
  dynamo = new DynamoDBClient({
    endpoint: harness.dynamoDb!.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    })
  );
}, 60_000);
afterAll(async () => {
  dynamo?.destroy();
  await harness?.stop();
});

function register(states: Record<string, unknown>, startAt: string): string {
  return harness.stepFunctions.registerStateMachine({ name: uniqueName('ddb'), definition: definition(states, startAt), type: 'STANDARD' });
}

async function run(stateMachineArn: string, input: unknown) {
  const { executionArn } = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return waitForExecution(harness.sfn, executionArn!);
}

describe('optimized dynamodb integration', () => {
  const putThenGet = {
    Put: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: {
        TableName: table,
        Item: { pk: { 'S.$': '$.id' }, blob: { 'B.$': '$.blob' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      ResultPath: '$.put',
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.duplicate', Next: 'AlreadyBooked' }],
      Next: 'Get',
    },
    Get: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Parameters: { TableName: table, Key: { pk: { 'S.$': '$.id' } } },
      ResultSelector: { 'item.$': '$.Item' },
      ResultPath: '$.got',
      End: true,
    },
    AlreadyBooked: { Type: 'Pass', Result: true, ResultPath: '$.alreadyBooked', End: true },
  };

  it('writes and reads items, with SdkHttpMetadata on results and base64 binary values', async () => {
    const stateMachineArn = register(putThenGet, 'Put');
    const blob = Buffer.from('proof-of-delivery').toString('base64');
    const execution = await run(stateMachineArn, { id: uniqueName('BK'), blob });
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    expect(Object.keys(output.put).sort()).toEqual(['SdkHttpMetadata', 'SdkResponseMetadata']);
    expect(output.got.item).toEqual({ pk: { S: output.id }, blob: { B: blob } });
  });

  it('fails a conditional put with DynamoDB.ConditionalCheckFailedException, which Catch matches by name', async () => {
    const stateMachineArn = register(putThenGet, 'Put');
    const id = uniqueName('BK');
    await dynamo.send(new PutItemCommand({ TableName: table, Item: { pk: { S: id } } }));
    const execution = await run(stateMachineArn, { id, blob: '' });
    const output = JSON.parse(execution.output!);
    expect(output.alreadyBooked).toBe(true);
    expect(output.duplicate.Error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(output.duplicate.Cause).toMatch(
      /\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: .+; Proxy: null\)$/
    );
    const failed = (await historyOf(harness.sfn, execution.executionArn!)).find((event) => event.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({
      resourceType: 'dynamodb',
      resource: 'putItem',
      error: 'DynamoDB.ConditionalCheckFailedException',
    });
  });

  it('reports validation errors as DynamoDB.AmazonDynamoDBException and a missing table by its exception name', async () => {
    const stateMachineArn = register(
      {
        Update: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:updateItem',
          Parameters: {
            'TableName.$': '$.table',
            Key: { pk: { S: 'x' } },
            UpdateExpression: 'SET #a = :v',
            ExpressionAttributeValues: { ':v': { N: '1' } },
          },
          End: true,
        },
      },
      'Update'
    );
    // '#a' is not defined in ExpressionAttributeNames: DynamoDB answers with a ValidationException.
    const invalid = await run(stateMachineArn, { table });
    expect(invalid).toMatchObject({ status: 'FAILED', error: 'DynamoDB.AmazonDynamoDBException' });
    expect(invalid.cause).toMatch(/Error Code: ValidationException/);
    const missing = await run(stateMachineArn, { table: 'no-such-table' });
    expect(missing).toMatchObject({ status: 'FAILED', error: 'DynamoDB.ResourceNotFoundException' });
  });

  it('never overbooks a window: conditional increments admit exactly `capacity` of any number of concurrent executions', async () => {
    const stateMachineArn = register(
      {
        Reserve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:updateItem',
          Parameters: {
            TableName: table,
            Key: { pk: { 'S.$': '$.windowId' } },
            UpdateExpression: 'ADD booked :one',
            ConditionExpression: 'attribute_not_exists(booked) OR booked < :capacity',
            ExpressionAttributeValues: { ':one': { N: '1' }, ':capacity': { 'N.$': "States.Format('{}', $.capacity)" } },
            ReturnValues: 'UPDATED_NEW',
          },
          ResultSelector: { 'booked.$': '$.Attributes.booked.N' },
          Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'Full' }],
          End: true,
        },
        Full: { Type: 'Fail', Error: 'WindowFull' },
      },
      'Reserve'
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), async (capacity, callers) => {
        const windowId = uniqueName('W');
        const executions = await Promise.all(Array.from({ length: callers }, () => run(stateMachineArn, { windowId, capacity })));
        const admitted = executions.filter((execution) => execution.status === 'SUCCEEDED');
        expect(admitted).toHaveLength(Math.min(capacity, callers));
        expect(executions.filter((execution) => execution.status === 'FAILED').every((execution) => execution.error === 'WindowFull')).toBe(true);
        expect(admitted.map((execution) => Number(JSON.parse(execution.output!).booked)).sort((a, b) => a - b)).toEqual(
          Array.from({ length: admitted.length }, (_, i) => i + 1)
        );
        const stored = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: windowId } } }));
        expect(stored.Item?.booked).toEqual({ N: String(Math.min(capacity, callers)) });
      }),
      { numRuns: 8 }
    );
  });
});

describe('AWS SDK dynamodb integration', () => {
  const transfer = {
    Book: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:transactWriteItems',
      Parameters: {
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { pk: { 'S.$': '$.bookingId' }, status: { S: 'BOOKED' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table,
              Key: { pk: { 'S.$': '$.windowId' } },
              UpdateExpression: 'ADD booked :one',
              ExpressionAttributeValues: { ':one': { N: '1' } },
            },
          },
        ],
      },
      ResultPath: '$.transaction',
      Catch: [{ ErrorEquals: ['DynamoDb.TransactionCanceledException'], ResultPath: '$.cancelled', Next: 'Rejected' }],
      End: true,
    },
    Rejected: { Type: 'Pass', Result: 'rejected', ResultPath: '$.outcome', End: true },
  };

  it('commits transactWriteItems and returns the bare API response', async () => {
    const stateMachineArn = register(transfer, 'Book');
    const bookingId = uniqueName('BK');
    const windowId = uniqueName('W');
    const execution = await run(stateMachineArn, { bookingId, windowId });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).transaction).toEqual({});
    const window = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: windowId } } }));
    expect(window.Item?.booked).toEqual({ N: '1' });
    const events = await historyOf(harness.sfn, execution.executionArn!);
    expect(events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'aws-sdk:dynamodb',
      resource: 'transactWriteItems',
    });
  });

  it('cancels the whole transaction on a failed condition with DynamoDb.TransactionCanceledException', async () => {
    const stateMachineArn = register(transfer, 'Book');
    const bookingId = uniqueName('BK');
    const windowId = uniqueName('W');
    await dynamo.send(new PutItemCommand({ TableName: table, Item: { pk: { S: bookingId } } }));
    const execution = await run(stateMachineArn, { bookingId, windowId });
    const output = JSON.parse(execution.output!);
    expect(output.outcome).toBe('rejected');
    expect(output.cancelled.Error).toBe('DynamoDb.TransactionCanceledException');
    expect(output.cancelled.Cause).toMatch(/ConditionalCheckFailed.*\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    const window = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: windowId } } }));
    expect(window.Item).toBeUndefined();
  });

  it('names unmodelled SDK errors DynamoDb.DynamoDbException and modelled ones by their exception', async () => {
    const stateMachineArn = register(
      {
        Get: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem',
          Parameters: { 'TableName.$': '$.table', Key: { nope: { S: 'x' } } },
          End: true,
        },
      },
      'Get'
    );
    const invalid = await run(stateMachineArn, { table });
    expect(invalid).toMatchObject({ status: 'FAILED', error: 'DynamoDb.DynamoDbException' });
    const missing = await run(stateMachineArn, { table: 'no-such-table' });
    expect(missing).toMatchObject({ status: 'FAILED', error: 'DynamoDb.ResourceNotFoundException' });
  });

  it('refuses an action DynamoDB does not have', () => {
    const body = definition({ X: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:dropEverything', Parameters: {}, End: true } }, 'X');
    expect(() => harness.stepFunctions.registerStateMachine({ name: uniqueName('bad'), definition: body, type: 'STANDARD' })).toThrow(
      /'dropEverything' is not a DynamoDB API action/
    );
  });
});
