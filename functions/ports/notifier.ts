export type NotificationChannel = 'EMAIL' | 'SMS';

export interface OutgoingMessage {
  channel: NotificationChannel;
  /** E.164 phone number for SMS, address for email. */
  to: string;
  subject?: string;
  body: string;
  /** Which template produced it, e.g. "booking-confirmed". */
  template: string;
  reference?: string;
  /** Same key → sent once, however often a retried step asks. */
  idempotencyKey: string;
}

export interface SentMessage {
  messageId: string;
  /** False when the same idempotency key had already been sent. */
  firstSend: boolean;
}

/** Sends emails and SMS (SES/SNS on AWS, the outbox locally); every message is kept in the outbox log. */
export interface Notifier {
  send(message: OutgoingMessage): Promise<SentMessage>;
}
