// Notifier that records every message in the outbox table. Locally that is the whole
// job (the admin app shows the outbox); on AWS, SesSnsNotifier records here and sends.
import { createHash } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Notifier, OutgoingMessage, SentMessage } from '../ports/notifier';

const RETENTION_DAYS = 90;

export function messageIdFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
}

export class OutboxNotifier implements Notifier {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores the message once per idempotency key; `firstSend` says whether this call stored it. */
  async record(message: OutgoingMessage, delivery: 'outbox' | 'ses' | 'sns'): Promise<SentMessage> {
    const messageId = messageIdFor(message.idempotencyKey);
    const createdAt = this.now().toISOString();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            messageId,
            channel: message.channel,
            to: message.to,
            subject: message.subject,
            body: message.body,
            template: message.template,
            reference: message.reference,
            delivery,
            createdAt,
            day: createdAt.slice(0, 10),
            expiresAt: Math.floor(this.now().getTime() / 1000) + RETENTION_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(messageId)',
        }),
      );
      return { messageId, firstSend: true };
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return { messageId, firstSend: false };
      throw error;
    }
  }

  send(message: OutgoingMessage): Promise<SentMessage> {
    return this.record(message, 'outbox');
  }
}
