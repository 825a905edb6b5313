// The booking entity, its lifecycle and its audit trail. Every status change goes
// through `changeStatus`, which refuses illegal moves and produces the tracking
// event that records it, so the audit trail cannot drift from the status.
import type { PostalAddress } from './address';
import type { ParcelSize, SpecialHandling } from './business-rules';
import { displayReference } from './booking-reference';
import type { DeliveryAttempt, DeliveryFailureReason, DeliveryProof, DeliveryPin, LocationSource, ReturnToSender } from './delivery';
import { IllegalStatusTransition } from './errors';
import type { PickupWindow } from './pickup-windows';
import type { Quote } from './pricing';

export type BookingStatus =
  | 'BOOKED'
  | 'ASSIGNED'
  | 'COLLECTED'
  | 'IN_TRANSIT'
  | 'OUT_FOR_DELIVERY'
  | 'DELIVERED'
  | 'FAILED_DELIVERY'
  | 'RETURNED'
  | 'CANCELLED';

export const BOOKING_STATUSES: readonly BookingStatus[] = [
  'BOOKED',
  'ASSIGNED',
  'COLLECTED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'FAILED_DELIVERY',
  'RETURNED',
  'CANCELLED',
];

export type BookingChannel = 'ADMIN' | 'VOICE' | 'PARTNER' | 'API';

/**
 * Legal moves. A failed delivery goes out again (reattempt), back to the depot
 * (in transit) or back to the sender; assignment can be undone before collection.
 * A parcel on its way back to the sender travels IN_TRANSIT and ends RETURNED when
 * handed over (whether a move is allowed *now* — e.g. RETURNED only once a return was
 * decided — is up to functions/domain/delivery.ts, which knows the booking's context).
 */
const NEXT_STATUSES: Record<BookingStatus, readonly BookingStatus[]> = {
  BOOKED: ['ASSIGNED', 'CANCELLED'],
  ASSIGNED: ['BOOKED', 'ASSIGNED', 'COLLECTED', 'CANCELLED'],
  COLLECTED: ['IN_TRANSIT', 'OUT_FOR_DELIVERY'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'FAILED_DELIVERY', 'RETURNED'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'FAILED_DELIVERY', 'IN_TRANSIT'],
  FAILED_DELIVERY: ['OUT_FOR_DELIVERY', 'IN_TRANSIT', 'RETURNED'],
  DELIVERED: [],
  RETURNED: [],
  CANCELLED: [],
};

export function allowedNextStatuses(from: BookingStatus): readonly BookingStatus[] {
  return NEXT_STATUSES[from];
}

export function canChangeStatus(from: BookingStatus, to: BookingStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function isTerminalStatus(status: BookingStatus): boolean {
  return NEXT_STATUSES[status].length === 0;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface BookingAddress extends PostalAddress {
  location: GeoPoint;
  precision: 'STREET' | 'POSTCODE' | 'CITY';
  approximate: boolean;
  label: string;
}

export interface Customer {
  name: string;
  /** E.164 */
  phone: string;
  email?: string;
}

export interface Parcel {
  size: ParcelSize;
  weightKg: number;
  handling: SpecialHandling[];
  description?: string;
}

export interface Booking {
  reference: string;
  /** The reference as people read it, CB-XXXXXX. */
  displayReference: string;
  status: BookingStatus;
  channel: BookingChannel;
  customer: Customer;
  pickup: BookingAddress;
  delivery: BookingAddress;
  parcel: Parcel;
  pickupWindow: PickupWindow;
  /** Local pickup date at the depot (the window's date): bookings are listed per day. */
  pickupDate: string;
  price: Quote;
  paymentId?: string;
  courierId?: string;
  partnerId?: string;
  notes?: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-locking counter: every stored change increments it. */
  version: number;
  /** Delivery attempts made or planned, oldest first; the last one is the current one. */
  attempts?: DeliveryAttempt[];
  /** How the parcel was handed over (set when DELIVERED). */
  proof?: DeliveryProof;
  /** The PIN the customer got by SMS for the current attempt. Never exposed through the API. */
  deliveryPin?: DeliveryPin;
  /** Set once the parcel is to go back to the sender. */
  returnToSender?: ReturnToSender;
  /** Set when the customer chose to collect the parcel at the depot. */
  depotCollection?: { decidedAt: string };
  collectedAt?: string;
  deliveredAt?: string;
  returnedAt?: string;
}

export interface TrackingEvent {
  reference: string;
  /**
   * The booking version this event produced: 1 for the booking itself, then +1 per
   * change. Orders the trail without clock ties and makes a lost update impossible.
   */
  sequence: number;
  status: BookingStatus;
  at: string;
  description: string;
  /** Who caused it: "system", "courier:<id>", "admin:<username>", "customer". */
  actor: string;
  location?: GeoPoint;
  notes?: string;
  /** Set on events a courier caused: the couriers' own history and reports are read by it. */
  courierId?: string;
  /** How sure the confirmed location is, and where it came from (courier updates). */
  locationAccuracyMeters?: number;
  locationSource?: LocationSource;
  /** The delivery attempt the event belongs to. */
  attempt?: number;
  failureReason?: DeliveryFailureReason;
  /** The courier app's id for the update; a replay of it changes nothing. */
  clientUpdateId?: string;
  /** When the server stored it; `at` is when it happened (earlier for updates queued offline). */
  recordedAt?: string;
}

const STATUS_DESCRIPTIONS: Record<BookingStatus, string> = {
  BOOKED: 'Booking confirmed',
  ASSIGNED: 'Courier assigned',
  COLLECTED: 'Parcel collected',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  FAILED_DELIVERY: 'Delivery attempt failed',
  RETURNED: 'Returned to sender',
  CANCELLED: 'Booking cancelled',
};

export function describeStatus(status: BookingStatus): string {
  return STATUS_DESCRIPTIONS[status];
}

export interface NewBooking {
  reference: string;
  channel: BookingChannel;
  customer: Customer;
  pickup: BookingAddress;
  delivery: BookingAddress;
  parcel: Parcel;
  pickupWindow: PickupWindow;
  price: Quote;
  paymentId?: string;
  partnerId?: string;
  notes?: string;
}

/** A confirmed booking and the first entry of its audit trail. */
export function confirmBooking(input: NewBooking, at: string): { booking: Booking; event: TrackingEvent } {
  const booking: Booking = {
    ...input,
    displayReference: displayReference(input.reference),
    pickupDate: input.pickupWindow.date,
    status: 'BOOKED',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return {
    booking,
    event: {
      reference: input.reference,
      sequence: 1,
      status: 'BOOKED',
      at,
      description: `${STATUS_DESCRIPTIONS.BOOKED} for pickup ${input.pickupWindow.label}`,
      actor: input.channel === 'PARTNER' && input.partnerId ? `partner:${input.partnerId}` : 'system',
      location: input.pickup.location,
    },
  };
}

export interface StatusChange {
  to: BookingStatus;
  at: string;
  actor: string;
  location?: GeoPoint;
  notes?: string;
  courierId?: string;
  description?: string;
  /** Other booking fields the change sets (delivery attempts, proof, …). */
  patch?: Partial<Omit<Booking, 'reference' | 'status' | 'version' | 'updatedAt'>>;
  /** Extra facts for the tracking event. */
  eventDetails?: Partial<Omit<TrackingEvent, 'reference' | 'sequence' | 'status' | 'at' | 'description' | 'actor'>>;
  /** When the change was stored, if later than `at`. */
  recordedAt?: string;
}

/**
 * Applies a status change: the new booking (version + 1) and the tracking event with
 * that version as its sequence. Throws IllegalStatusTransition.
 */
export function changeStatus(booking: Booking, change: StatusChange): { booking: Booking; event: TrackingEvent } {
  if (!canChangeStatus(booking.status, change.to)) throw new IllegalStatusTransition(booking.status, change.to);
  const next: Booking = {
    ...booking,
    ...change.patch,
    status: change.to,
    updatedAt: change.recordedAt ?? change.at,
    version: booking.version + 1,
    ...(change.courierId !== undefined ? { courierId: change.courierId } : {}),
  };
  if (change.to === 'BOOKED') delete next.courierId;
  return { booking: next, event: trackingEventFor(booking, next, change) };
}

export interface BookingNote {
  at: string;
  actor: string;
  description: string;
  notes?: string;
  patch?: StatusChange['patch'];
  eventDetails?: StatusChange['eventDetails'];
  /** Set to hand the booking to another courier (or to nobody, with null) without a status change. */
  courierId?: string | null;
}

/**
 * Records a step that changes no status — "options sent to the customer", "redelivery booked" —
 * as an audit event of the current status, with the same version discipline as a status change.
 */
export function recordBookingStep(booking: Booking, note: BookingNote): { booking: Booking; event: TrackingEvent } {
  const next: Booking = { ...booking, ...note.patch, updatedAt: note.at, version: booking.version + 1 };
  if (note.courierId === null) delete next.courierId;
  else if (note.courierId !== undefined) next.courierId = note.courierId;
  const { courierId: _courierId, ...facts } = note;
  return { booking: next, event: trackingEventFor(booking, next, { ...facts, to: booking.status }) };
}

function trackingEventFor(before: Booking, after: Booking, change: StatusChange): TrackingEvent {
  const event: TrackingEvent = {
    reference: before.reference,
    sequence: after.version,
    status: after.status,
    at: change.at,
    description: change.description ?? STATUS_DESCRIPTIONS[change.to],
    actor: change.actor,
    ...(change.location ? { location: change.location } : {}),
    ...(change.notes ? { notes: change.notes } : {}),
    ...change.eventDetails,
    ...(change.recordedAt ? { recordedAt: change.recordedAt } : {}),
  };
  for (const key of Object.keys(event) as (keyof TrackingEvent)[]) if (event[key] === undefined) delete event[key];
  return event;
}
