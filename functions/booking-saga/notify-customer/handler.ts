// Booking saga step: tell the customer (SMS, and email when we have one). Idempotency
// keys per booking and channel make a retried step send nothing twice.
import { bookingConfirmed, trackingLink } from '../../domain/notification-templates';
import { publicBaseUrl } from '../../shared/config';
import { notifier } from '../../shared/container';
import type { BookingStepInput } from '../types';

export const handler = async ({ booking }: BookingStepInput) => {
  const message = bookingConfirmed(booking, trackingLink(publicBaseUrl(), booking.reference));
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
