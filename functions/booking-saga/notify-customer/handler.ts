// Booking saga step: tell the customer (SMS, and email when we have one). Idempotency
// keys per booking and channel make a retried step send nothing twice.
//
// The tracking link is minted here rather than in PersistBooking: its plain token must reach the
// message and nothing else (only its hash is stored), and PersistBooking's retry after a lost
// response returns the stored booking, which cannot carry the token. Here a retry mints a fresh
// link, and the notifier's idempotency keys decide what is sent: a channel already sent keeps its
// first link (both stay valid), a channel not sent yet gets the new one. An unsent link is
// known to nobody and expires like the rest (functions/use-cases/tracking-links.ts).
import { businessRules, publicBaseUrl } from '../../shared/config';
import { bookingConfirmed } from '../../domain/notification-templates';
import { customerLinkStore, notifier } from '../../shared/container';
import { mintTrackingLink } from '../../use-cases/tracking-links';
import type { BookingStepInput } from '../types';

export const handler = async ({ booking, startedAt }: BookingStepInput) => {
  const link = await mintTrackingLink(booking, {
    links: customerLinkStore(),
    // The saga's "now", stable across retries.
    clock: () => new Date(startedAt),
    rules: businessRules(),
    publicBaseUrl: publicBaseUrl(),
  });
  const message = bookingConfirmed(booking, link);
  const sent = [
    await notifier().send({
      channel: 'SMS',
      to: booking.customer.phone,
      body: message.sms,
      template: 'booking-confirmed',
      reference: booking.reference,
      idempotencyKey: `${booking.reference}:booking-confirmed:sms`,
    }),
  ];
  if (booking.customer.email) {
    sent.push(
      await notifier().send({
        channel: 'EMAIL',
        to: booking.customer.email,
        subject: message.email.subject,
        body: message.email.body,
        template: 'booking-confirmed',
        reference: booking.reference,
        idempotencyKey: `${booking.reference}:booking-confirmed:email`,
      }),
    );
  }
  return { messageIds: sent.map((s) => s.messageId) };
};
