// Notifier for AWS: email through SES v2, SMS through SNS. Each message is first
// recorded in the outbox (once per idempotency key), so a retried step never sends twice.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, OutgoingMessage, SentMessage } from '../ports/notifier';
import type { OutboxNotifier } from './outbox-notifier';

export class SesSnsNotifier implements Notifier {
  constructor(
    private readonly outbox: OutboxNotifier,
    private readonly senderEmail: string,
    private readonly ses: SESv2Client = new SESv2Client({}),
    private readonly sns: SNSClient = new SNSClient({}),
  ) {}

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const recorded = await this.outbox.record(message, message.channel === 'EMAIL' ? 'ses' : 'sns');
    if (!recorded.firstSend) return recorded;
    if (message.channel === 'EMAIL') {
      await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.senderEmail,
          Destination: { ToAddresses: [message.to] },
          Content: { Simple: { Subject: { Data: message.subject ?? '' }, Body: { Text: { Data: message.body } } } },
        }),
      );
    } else {
      await this.sns.send(
        new PublishCommand({ PhoneNumber: message.to, Message: message.body, MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } } }),
      );
    }
    return recorded;
  }
}
