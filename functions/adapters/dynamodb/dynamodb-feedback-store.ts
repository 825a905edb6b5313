// FeedbackStore on DynamoDB: one item per feedback, keyed by its reference. The byDay index
// (day, triageKey) lists a day's feedback flagged first for the admin app; byBooking finds the
// feedback about one booking; byCourier (courierId, createdAt) the feedback about one courier's
// deliveries, for their personal report.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Feedback } from '../../domain/feedback';
import type { FeedbackStore } from '../../ports/feedback-store';
import { queryAll } from './read-all';

export class DynamoDbFeedbackStore implements FeedbackStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(feedback: Feedback): Promise<'created' | 'already_exists'> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: feedback, ConditionExpression: 'attribute_not_exists(feedbackReference)' }));
      return 'created';
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return 'already_exists';
      throw error;
    }
  }

  async get(feedbackReference: string): Promise<Feedback | null> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { feedbackReference }, ConsistentRead: true }));
    return (out.Item as Feedback | undefined) ?? null;
  }

  async markOnCallNotified(feedbackReference: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { feedbackReference },
        UpdateExpression: 'SET onCallNotifiedAt = if_not_exists(onCallNotifiedAt, :at)',
        ConditionExpression: 'attribute_exists(feedbackReference)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async listForCourier(courierId: string, from: string, to: string): Promise<Feedback[]> {
    const items = await queryAll<Feedback>(this.client, {
      TableName: this.tableName,
      IndexName: 'byCourier',
      // createdAt is an ISO instant, so string order is time order; "to" is exclusive.
      KeyConditionExpression: 'courierId = :courier AND createdAt BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':courier': courierId, ':from': from, ':to': to },
    });
    return items.filter((item) => item.createdAt < to);
  }
}
