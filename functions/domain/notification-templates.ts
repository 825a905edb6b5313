// What customers are told, in one place. Plain text that reads well as SMS and email.
import type { Booking } from './booking';
import { formatMoney } from './pricing';

export interface RenderedNotification {
  sms: string;
  email: { subject: string; body: string };
}

/**
 * The customer's tracking page. The token (functions/use-cases/tracking-links.ts) is the only key:
 * a booking reference is read out on the phone and printed on labels, so it must open nothing.
 */
export function trackingLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/track/${token}`;
}

export function bookingConfirmed(booking: Booking, trackingUrl: string): RenderedNotification {
  const price = formatMoney(booking.price.totalMinor, booking.price.currency);
  return {
    sms: `Your courier is booked: ${booking.displayReference}. Pickup ${booking.pickupWindow.label} from ${booking.pickup.line1}, ${booking.pickup.city}. Track: ${trackingUrl}`,
    email: {
      subject: `Courier booked: ${booking.displayReference}`,
      body: [
        `Hello ${booking.customer.name},`,
        '',
        `your courier booking ${booking.displayReference} is confirmed.`,
        '',
        `Pickup:   ${booking.pickupWindow.label}`,
        `From:     ${booking.pickup.label}`,
        `To:       ${booking.delivery.label}`,
        `Parcel:   ${booking.parcel.size.replace('_', ' ').toLowerCase()}, ${booking.parcel.weightKg} kg`,
        `Price:    ${price}`,
        '',
        `Follow your parcel: ${trackingUrl}`,
        '',
        'Quote your booking reference whenever you call us.',
      ].join('\n'),
    },
  };
}
