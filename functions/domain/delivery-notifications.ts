// What customers are told as their parcel moves (courier updates) and after a failed attempt.
// Plain text that reads well as SMS and as email.
import { DateTime } from 'luxon';
import type { Booking, BookingStatus, TrackingEvent } from './booking';
import type { BusinessRules } from './business-rules';
import { FAILURE_REASON_TEXT, type DeliveryFailureReason, type DeliveryPin } from './delivery';
import type { RenderedNotification } from './notification-templates';

function localTime(iso: string, rules: BusinessRules, format: string): string {
  return DateTime.fromISO(iso, { zone: rules.serviceTimeZone }).toFormat(format);
}

function email(booking: Booking, subject: string, lines: string[]): RenderedNotification['email'] {
  return { subject: `${booking.displayReference}: ${subject}`, body: [`Hello ${booking.customer.name},`, '', ...lines, '', 'Quote your booking reference whenever you call us.'].join('\n') };
}

/** Statuses whose message carries the tracking link (the caller mints one only for these). */
const WITH_TRACKING_LINK: readonly BookingStatus[] = ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'];

export function statusMessageHasTrackingLink(status: BookingStatus): boolean {
  return WITH_TRACKING_LINK.includes(status);
}

/** The message for a courier's status update; null for FAILED_DELIVERY, whose message is the options offer. */
export function deliveryStatusMessage(
  booking: Booking,
  event: TrackingEvent,
  context: { trackingUrl: string; rules: BusinessRules; pin?: DeliveryPin },
): RenderedNotification | null {
  const ref = booking.displayReference;
  const { trackingUrl, rules, pin } = context;
  switch (event.status) {
    case 'COLLECTED':
      return { sms: `${ref}: your parcel has been collected. Track it: ${trackingUrl}`, email: email(booking, 'parcel collected', [`we collected your parcel at ${localTime(event.at, rules, 'h:mm a')}.`, '', `Follow it: ${trackingUrl}`]) };
    case 'IN_TRANSIT':
      return { sms: `${ref}: ${event.description}. Track it: ${trackingUrl}`, email: email(booking, event.description.toLowerCase(), [`${event.description}.`, '', `Follow it: ${trackingUrl}`]) };
    case 'OUT_FOR_DELIVERY': {
      const pinLine = pin ? ` Your delivery PIN is ${pin.code}: give it to the courier only when you have the parcel.` : '';
      return {
        sms: `${ref} is out for delivery today.${pinLine} Track it: ${trackingUrl}`,
        email: email(booking, 'out for delivery', [
          `your parcel is out for delivery to ${booking.delivery.label} today.`,
          ...(pin ? ['', `Delivery PIN: ${pin.code} — give it to the courier only when you have the parcel.`] : []),
          '',
          `Follow it: ${trackingUrl}`,
        ]),
      };
    }
    case 'DELIVERED':
      return {
        sms: `${ref} was delivered at ${localTime(event.at, rules, 'h:mm a')}: ${event.description}. Thank you!`,
        email: email(booking, 'delivered', [`${event.description} at ${localTime(event.at, rules, 'h:mm a, cccc d LLLL')}.`, '', 'Thank you for choosing us.']),
      };
    case 'RETURNED':
      return { sms: `${ref} has been returned to the sender.`, email: email(booking, 'returned to sender', ['your parcel has been returned to the sender.']) };
    default:
      return null;
  }
}

/** Sent after a failed attempt: why, and the link where the customer chooses what happens next. */
export function failedDeliveryOptionsMessage(
  booking: Booking,
  context: { attempt: number; reason: DeliveryFailureReason; link: string; expiresAt: string; rules: BusinessRules; note?: string },
): RenderedNotification {
  const { attempt, reason, link, expiresAt, rules, note } = context;
  const deadline = localTime(expiresAt, rules, 'cccc h:mm a');
  const why = FAILURE_REASON_TEXT[reason];
  const intro = note ?? `We could not deliver ${booking.displayReference} (attempt ${attempt}): ${why}.`;
  return {
    sms: `${intro} Choose a new delivery time, a neighbour, a safe place, depot collection or return to sender by ${deadline}: ${link} — otherwise we try again on the next working day.`,
    email: email(booking, 'we could not deliver your parcel', [
      intro,
      '',
      'Tell us what you would like us to do:',
      '  • deliver again in a window you choose',
      '  • leave it with a neighbour or in a safe place',
      '  • keep it at our depot for you to collect',
      '  • return it to the sender',
      '',
      `Choose here by ${deadline}: ${link}`,
      '',
      'If we do not hear from you by then, we will try again on the next working day.',
    ]),
  };
}

/** Sent once the process has settled what happens after a failed attempt. */
export function failedDeliveryDecisionMessage(booking: Booking, event: TrackingEvent, trackingUrl: string): RenderedNotification {
  return {
    sms: `${booking.displayReference}: ${event.description}. Track it: ${trackingUrl}`,
    email: email(booking, 'next delivery step', [`${event.description}.`, '', `Follow your parcel: ${trackingUrl}`]),
  };
}
