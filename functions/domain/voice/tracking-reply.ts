// What a caller tracking a parcel hears (R4.2–R4.5): its status, where it is as a place name
// (never coordinates), when it should arrive when we can tell, and — while it is on its way —
// the courier's contact when they ask. The facts come from the track-delivery use case; this
// module only words them.
import { DateTime } from 'luxon';
import type { Booking, BookingStatus } from '../booking';
import type { PickupWindow } from '../pickup-windows';
import { spokenPlace } from './place-names';
import { pause, speak, spellOut, spokenDate, spokenPhone, spokenTimeOfDay, spokenWindow, escapeSsml, type Utterance } from './speech';

export interface NamedPlace {
  locality?: string;
  region?: string;
  country?: string;
}

export type DeliveryEstimate =
  /** Not collected yet: it is collected in its pickup window. */
  | { kind: 'collection'; window: PickupWindow }
  /** On its way: an arrival time estimated from the courier's position. */
  | { kind: 'arrival'; at: string }
  /** A new attempt is planned, in a window or on a day. */
  | { kind: 'next_attempt'; window?: PickupWindow; date?: string }
  | { kind: 'delivered'; at: string };

export interface DeliveryWhereabouts {
  booking: Pick<Booking, 'reference' | 'status' | 'pickup' | 'delivery' | 'pickupWindow'>;
  /** Where the parcel is now, when a position for it is known. */
  place?: NamedPlace;
  estimate?: DeliveryEstimate;
  courier?: { firstName: string; phone: string };
}

/** Statuses in which a courier has the parcel: the caller may ask for their contact (R4.5). */
export const IN_PROGRESS_STATUSES: readonly BookingStatus[] = ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'];

export function isDeliveryInProgress(status: BookingStatus): boolean {
  return IN_PROGRESS_STATUSES.includes(status);
}

function where(facts: DeliveryWhereabouts): string {
  const { booking, place } = facts;
  const here = place?.locality ? spokenPlace(place) : undefined;
  switch (booking.status) {
    case 'BOOKED':
    case 'ASSIGNED':
      return `It's waiting to be collected in ${spokenPlace(booking.pickup)}.`;
    case 'COLLECTED':
    case 'IN_TRANSIT':
      return here ? `It has been collected and is on its way. It's currently near ${here}.` : `It has been collected and is on its way from ${booking.pickup.city} to ${booking.delivery.city}.`;
    case 'OUT_FOR_DELIVERY':
      return here ? `It's out for delivery, and the courier is currently near ${here}.` : `It's out for delivery to ${spokenPlace(booking.delivery)}.`;
    case 'FAILED_DELIVERY':
      return `We tried to deliver it${here ? ` in ${here}` : ''}, but the delivery didn't work out, so it's back with us.`;
    case 'DELIVERED':
      return `It has been delivered to ${booking.delivery.line1} in ${spokenPlace(booking.delivery)}.`;
    case 'RETURNED':
      return 'It has been returned to the sender.';
    case 'CANCELLED':
      return 'That booking was cancelled, so nothing is on its way.';
  }
}

const localDate = (instant: string, timeZone: string) => DateTime.fromISO(instant, { zone: timeZone }).toFormat('yyyy-MM-dd');

function when(facts: DeliveryWhereabouts, localeId: string, timeZone: string, today: string): string {
  const estimate = facts.estimate;
  if (!estimate) return '';
  switch (estimate.kind) {
    case 'collection':
      return `The courier is due to collect it ${spokenWindow(estimate.window, localeId)}.`;
    case 'arrival': {
      const date = localDate(estimate.at, timeZone);
      const dayWords = date === today ? 'today' : `on ${spokenDate(date, localeId)}`;
      return `It should arrive around ${spokenTimeOfDay(estimate.at, timeZone)} ${dayWords}.`;
    }
    case 'next_attempt':
      if (estimate.window) return `We'll try again ${spokenWindow(estimate.window, localeId)}.`;
      return estimate.date ? `We'll try again on ${spokenDate(estimate.date, localeId)}.` : '';
    case 'delivered':
      return `That was at ${spokenTimeOfDay(estimate.at, timeZone)} on ${spokenDate(localDate(estimate.at, timeZone), localeId)}.`;
  }
}

export interface TrackingReplyOptions {
  localeId: string;
  /** Zone times are spoken in (the depot's). */
  timeZone: string;
  /** Local date today in that zone, to say "today" rather than a date. */
  today: string;
  /** The caller asked for the courier's contact. */
  includeCourierContact: boolean;
  /** Ask whether they want the courier's contact (it is on its way and they have not asked). */
  offerCourierContact: boolean;
}

/** The spoken status report for a found booking. */
export function trackingReply(facts: DeliveryWhereabouts, options: TrackingReplyOptions): Utterance {
  const parts = [
    `Booking ${spellOut(facts.booking.reference)}.`,
    escapeSsml(where(facts)),
    escapeSsml(when(facts, options.localeId, options.timeZone, options.today)),
  ];
  if (options.includeCourierContact) parts.push(courierContactSsml(facts));
  else if (options.offerCourierContact && facts.courier) parts.push(pause(300), "Would you like the courier's phone number?");
  return speak(...parts);
}

function courierContactSsml(facts: DeliveryWhereabouts): string {
  if (!facts.courier) return escapeSsml("I don't have a courier's contact for it yet.");
  return `Your courier is ${escapeSsml(facts.courier.firstName)}, and you can reach them on ${spokenPhone(facts.courier.phone)}.`;
}

/** Just the courier's contact, after the caller said yes to the offer. */
export function courierContactReply(facts: DeliveryWhereabouts): Utterance {
  return speak(courierContactSsml(facts), pause(200), escapeSsml("I'll say that again:"), facts.courier ? spokenPhone(facts.courier.phone) : '');
}

/** Whether the caller's words ask for the courier's contact ("what's the driver's number?"). */
export function asksForCourierContact(words: string): boolean {
  const text = words.toLowerCase();
  const person = /\b(courier|driver|delivery (guy|man|person|woman))'?s?\b/.test(text);
  const contact = /\b(phone|number|contact|call|ring|reach|text)\b/.test(text);
  return person && contact;
}
