// CustomerLinkStore on DynamoDB: one item per link, keyed by the token's hash. Settling a link
// (answered or expired) is a conditional update on status = OPEN, so exactly one settlement wins.
// Tracking links share the table, told apart by `kind`: a token of one kind never opens the other.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerLink, CustomerLinkAnswer, CustomerLinkStore, TrackingLink } from '../../ports/customer-link-store';

/** Kept this long after their deadline so a late visitor is told "expired" rather than "unknown link". */
const RETENTION_DAYS = 30;

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export class DynamoDbCustomerLinkStore implements CustomerLinkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(link: CustomerLink): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        // expiresAt is the table's TTL attribute in epoch seconds; the link's own deadline stays readable as deadline.
        Item: { ...link, expiresAt: Math.floor(Date.parse(link.expiresAt) / 1000) + RETENTION_DAYS * 86_400, deadline: link.expiresAt },
        ConditionExpression: 'attribute_not_exists(tokenHash)',
      }),
    );
  }

  async get(tokenHash: string): Promise<CustomerLink | null> {
    const item = await this.item(tokenHash);
    return item && item.kind !== 'TRACKING' ? fromStored(item) : null;
  }

  async createTrackingLink(link: TrackingLink): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        // Removed by TTL once it expires: an expired tracking link opens nothing, so nothing needs keeping.
        Item: { ...link, expiresAt: Math.floor(Date.parse(link.expiresAt) / 1000), deadline: link.expiresAt },
        ConditionExpression: 'attribute_not_exists(tokenHash)',
      }),
    );
  }

  async getTrackingLink(tokenHash: string): Promise<TrackingLink | null> {
    const item = await this.item(tokenHash);
    return item && item.kind === 'TRACKING' ? (fromStored(item) as unknown as TrackingLink) : null;
  }

  private async item(tokenHash: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tokenHash }, ConsistentRead: true }));
    return result.Item;
  }

  async claim(tokenHash: string, answer: CustomerLinkAnswer): Promise<{ claimed: true } | { claimed: false; link: CustomerLink | null }> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tokenHash },
          UpdateExpression: 'SET #status = :answered, answer = :answer',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':answered': 'ANSWERED', ':open': 'OPEN', ':answer': answer },
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { claimed: false, link: await this.get(tokenHash) };
    }
  }

  async expire(tokenHash: string, reason: string, from: 'OPEN' | 'ANSWERED' = 'OPEN'): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tokenHash },
          UpdateExpression: 'SET #status = :expired, closedReason = :reason',
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':expired': 'EXPIRED', ':from': from, ':reason': reason },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function fromStored(item: Record<string, unknown>): CustomerLink {
  const { expiresAt: _ttl, deadline, ...rest } = item;
  return { ...rest, expiresAt: deadline } as unknown as CustomerLink;
}
