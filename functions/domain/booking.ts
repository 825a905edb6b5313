// The booking entity, its lifecycle and its audit trail. Every status change goes
// through `changeStatus`, which refuses illegal moves and produces the tracking
// event that records it, so the audit trail cannot drift from the status.
import type { ParcelSize, SpecialHandling } from './business-rules';
import { displayReference } from './booking-reference';
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
 */
const NEXT_STATUSES: Record<BookingStatus, readonly BookingStatus[]> = {
  BOOKED: ['ASSIGNED', 'CANCELLED'],
  ASSIGNED: ['BOOKED', 'ASSIGNED', 'COLLECTED', 'CANCELLED'],
  COLLECTED: ['IN_TRANSIT', 'OUT_FOR_DELIVERY'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'FAILED_DELIVERY'],
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

export interface BookingAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postcode?: string;
  country: string;
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
}

/**
 * Applies a status change: the new booking (version + 1) and the tracking event with
 * that version as its sequence. Throws IllegalStatusTransition.
 */
export function changeStatus(booking: Booking, change: StatusChange): { booking: Booking; event: TrackingEvent } {
  if (!canChangeStatus(booking.status, change.to)) throw new IllegalStatusTransition(booking.status, change.to);
  const next: Booking = {
    ...booking,
    status: change.to,
    updatedAt: change.at,
    version: booking.version + 1,
    ...(change.courierId !== undefined ? { courierId: change.courierId } : {}),
  };
  if (change.to === 'BOOKED') delete next.courierId;
  const event: TrackingEvent = {
    reference: booking.reference,
    sequence: next.version,
    status: change.to,
    at: change.at,
    description: change.description ?? STATUS_DESCRIPTIONS[change.to],
    actor: change.actor,
    ...(change.location ? { location: change.location } : {}),
    ...(change.notes ? { notes: change.notes } : {}),
  };
  return { booking: next, event };
}
