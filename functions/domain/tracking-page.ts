// The customer's public tracking page (/track/<token>, API key, no account): what it may show and
// how long its links last. The link may be forwarded, so the page shows only what following a
// parcel needs: the booking's display reference, its status and a timeline of status changes
// with times and place names, the pickup window, an arrival estimate, the delivery area on a map
// and whether the customer has a failed-delivery choice to make. Never a phone number, an email
// address, a street line, a person's name (the courier's first name only, while they have the
// parcel), a courier's notes or a proof of delivery. Timeline texts are made here from the
// structured fields, never copied from stored descriptions ("Courier Maria Garcia assigned",
// "Delivered: signed for by …" carry names).
import { DateTime } from 'luxon';
import { describeStatus, type Booking, type BookingStatus, type GeoPoint, type TrackingEvent } from './booking';
import type { BusinessRules } from './business-rules';
import { FAILURE_REASON_TEXT } from './delivery';
import type { PickupWindow } from './pickup-windows';
import type { DeliveryWhereabouts, NamedPlace } from './voice/tracking-reply';

/** A tracking link stays valid this many days after the pickup date (or after the day it was sent, if later). */
export const TRACKING_LINK_DAYS = 30;

/** Decimal places kept of the delivery point: about 100 m, the area rather than the door. */
const AREA_DECIMALS = 3;

/** The end of the local day TRACKING_LINK_DAYS after the pickup date, or after `now`'s date when that is later. */
export function trackingLinkExpiry(booking: Pick<Booking, 'pickupDate'>, now: Date, rules: Pick<BusinessRules, 'serviceTimeZone'>): string {
  const zone = rules.serviceTimeZone;
  const pickup = DateTime.fromISO(booking.pickupDate, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const from = pickup.isValid && pickup > today ? pickup : today;
  return from.plus({ days: TRACKING_LINK_DAYS }).endOf('day').toUTC().toISO()!;
}

export type TrackingEstimateKind = 'COLLECTION' | 'ARRIVAL' | 'NEXT_ATTEMPT' | 'DELIVERED';

export interface TrackingEstimate {
  kind: TrackingEstimateKind;
  /** ARRIVAL: the estimated arrival; DELIVERED: when it was delivered. */
  at: string | null;
  /** COLLECTION: the pickup window; NEXT_ATTEMPT: the chosen redelivery window. */
  window: PickupWindow | null;
  /** NEXT_ATTEMPT without a window: the day of the next attempt. */
  date: string | null;
}

export interface TrackingStep {
  status: BookingStatus;
  title: string;
  detail: string | null;
  at: string;
  place: string | null;
}

export interface TrackingPageView {
  displayReference: string;
  status: BookingStatus;
  statusText: string;
  pickupWindow: PickupWindow;
  /** City and region the parcel is collected from. */
  pickupArea: string;
  /** City, region and postcode of the delivery address. */
  deliverTo: string;
  /** The delivery point, rounded to the area (about 100 m). */
  location: GeoPoint;
  /** Where the parcel is now, as a place name, when a position is known. */
  currentPlace: string | null;
  eta: TrackingEstimate | null;
  courierFirstName: string | null;
  /** Status changes, oldest first. */
  timeline: TrackingStep[];
  /** True while a failed-delivery question is open: the options page takes this page's token. */
  deliveryOptionsOpen: boolean;
  deliveryOptionsDeadline: string | null;
  linkExpiresAt: string;
  updatedAt: string;
}

export interface TrackingPageFacts {
  booking: Booking;
  events: readonly TrackingEvent[];
  whereabouts: DeliveryWhereabouts;
  /** Place names of event positions, by event sequence (from the GeoPort). */
  eventPlaces: ReadonlyMap<number, NamedPlace>;
  /** The open failed-delivery question, if any. */
  openOptions: { deadline: string } | null;
  linkExpiresAt: string;
}

const joined = (...parts: (string | undefined)[]) => parts.filter((p) => p && p.trim()).join(', ');

export function placeName(place: NamedPlace | undefined): string | null {
  if (!place) return null;
  return joined(place.locality, place.region) || joined(place.country) || null;
}

const round = (value: number) => Math.round(value * 10 ** AREA_DECIMALS) / 10 ** AREA_DECIMALS;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function stepDetail(event: TrackingEvent): string | null {
  switch (event.status) {
    case 'FAILED_DELIVERY':
      return event.failureReason ? capitalised(FAILURE_REASON_TEXT[event.failureReason]) : null;
    case 'OUT_FOR_DELIVERY':
      return event.attempt && event.attempt > 1 ? `Attempt ${event.attempt}` : null;
    default:
      return null;
  }
}

/** Where a step happened when the event has no position of its own: the ends of the journey. */
function fallbackPlace(status: BookingStatus, booking: Booking): string | null {
  switch (status) {
    case 'BOOKED':
    case 'ASSIGNED':
    case 'COLLECTED':
    case 'RETURNED':
      return joined(booking.pickup.city, booking.pickup.region) || null;
    case 'DELIVERED':
      return joined(booking.delivery.city, booking.delivery.region) || null;
    default:
      return null;
  }
}

/**
 * One step per status change. Steps that only record something about the same status (options
 * sent after a failure, a courier reassigned) add nothing for the customer; a new delivery
 * attempt is a step of its own.
 */
export function trackingTimeline(booking: Booking, events: readonly TrackingEvent[], eventPlaces: ReadonlyMap<number, NamedPlace>): TrackingStep[] {
  const steps: TrackingStep[] = [];
  let last: TrackingEvent | undefined;
  for (const event of [...events].sort((a, b) => a.sequence - b.sequence)) {
    const repeat = last && last.status === event.status && !(event.status === 'OUT_FOR_DELIVERY' && event.attempt !== last.attempt);
    if (!repeat) {
      steps.push({
        status: event.status,
        title: describeStatus(event.status),
        detail: stepDetail(event),
        at: event.at,
        place: placeName(eventPlaces.get(event.sequence)) ?? fallbackPlace(event.status, booking),
      });
    }
    last = event;
  }
  return steps;
}

function estimate(whereabouts: DeliveryWhereabouts): TrackingEstimate | null {
  const e = whereabouts.estimate;
  if (!e) return null;
  switch (e.kind) {
    case 'collection':
      return { kind: 'COLLECTION', at: null, window: e.window, date: null };
    case 'arrival':
      return { kind: 'ARRIVAL', at: e.at, window: null, date: null };
    case 'next_attempt':
      return { kind: 'NEXT_ATTEMPT', at: null, window: e.window ?? null, date: e.window ? e.window.date : (e.date ?? null) };
    case 'delivered':
      return { kind: 'DELIVERED', at: e.at, window: null, date: null };
  }
}

const STATUS_TEXT: Record<BookingStatus, string> = {
  BOOKED: 'Booked: waiting for a courier',
  ASSIGNED: 'A courier will collect your parcel',
  COLLECTED: 'Collected',
  IN_TRANSIT: 'On its way',
  OUT_FOR_DELIVERY: 'Out for delivery today',
  DELIVERED: 'Delivered',
  FAILED_DELIVERY: 'We could not deliver it',
  RETURNED: 'Returned to the sender',
  CANCELLED: 'Cancelled',
};

/** The page's view of a booking. Pure: every fact comes in, nothing else goes out. */
export function trackingPageView(facts: TrackingPageFacts): TrackingPageView {
  const { booking, whereabouts } = facts;
  return {
    displayReference: booking.displayReference,
    status: booking.status,
    statusText: STATUS_TEXT[booking.status],
    pickupWindow: booking.pickupWindow,
    pickupArea: joined(booking.pickup.city, booking.pickup.region),
    deliverTo: joined(booking.delivery.city, booking.delivery.region, booking.delivery.postcode),
    location: { lat: round(booking.delivery.location.lat), lon: round(booking.delivery.location.lon) },
    currentPlace: placeName(whereabouts.place),
    eta: estimate(whereabouts),
    courierFirstName: whereabouts.courier?.firstName || null,
    timeline: trackingTimeline(booking, facts.events, facts.eventPlaces),
    deliveryOptionsOpen: facts.openOptions !== null,
    deliveryOptionsDeadline: facts.openOptions?.deadline ?? null,
    linkExpiresAt: facts.linkExpiresAt,
    updatedAt: booking.updatedAt,
  };
}
