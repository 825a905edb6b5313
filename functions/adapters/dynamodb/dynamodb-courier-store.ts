import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CourierProfile, CourierStore } from '../../ports/courier-store';
import { scanAll } from './read-all';

export class DynamoDbCourierStore implements CourierStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listCouriers(): Promise<CourierProfile[]> {
    return scanAll<CourierProfile>(this.client, { TableName: this.tableName });
  }

  async getCourier(courierId: string): Promise<CourierProfile | null> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { courierId } }));
    return (result.Item as CourierProfile | undefined) ?? null;
  }

  async findByUsername(username: string): Promise<CourierProfile | null> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byUsername',
        KeyConditionExpression: 'username = :username',
        ExpressionAttributeValues: { ':username': username },
        Limit: 1,
      }),
    );
    return (result.Items?.[0] as CourierProfile | undefined) ?? null;
  }

  async putCourier(courier: CourierProfile): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: courier }));
  }
}
