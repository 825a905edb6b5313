import type { Booking, TrackingEvent } from '../domain/booking';

/** What was done for one clientUpdateId, so a replay of it answers the same and changes nothing. */
export interface ClientUpdateRecord {
  /** Who sent it: "courier:C001" or "admin:alice"; ids are unique per sender. */
  principal: string;
  clientUpdateId: string;
  reference: string;
  /** Hash of the update as sent: the same id with different content is refused. */
  requestHash: string;
  /** The tracking event the update produced. */
  sequence: number;
  recordedAt: string;
}

export interface EventPage {
  items: TrackingEvent[];
  /** Opaque: pass back to continue after the last item returned. */
  nextKey?: Record<string, unknown>;
}

/** Courier-facing reads and writes of bookings and their audit trail (DynamoDB on both clouds). */
export interface DeliveryStore {
  /** A courier's bookings for a local date, in the order of their day. */
  jobsOf(courierId: string, date: string): Promise<Booking[]>;
  /** The bookings that exist among `references` (any order). */
  getBookings(references: string[]): Promise<Booking[]>;
  findClientUpdate(principal: string, clientUpdateId: string): Promise<ClientUpdateRecord | null>;
  /**
   * Stores the changed booking, its tracking event and the client update record atomically, if the
   * stored version is still `expectedVersion` (else ConcurrentBookingChange). 'duplicate' when the
   * same clientUpdateId was stored meanwhile (a replay racing the original): nothing was written.
   */
  saveDeliveryUpdate(expectedVersion: number, booking: Booking, event: TrackingEvent, record: ClientUpdateRecord): Promise<'saved' | 'duplicate'>;
  /**
   * Counts a wrong PIN against the booking's current PIN. Outside the version discipline on purpose:
   * it is a security counter, not a change of the delivery, and leaves no tracking event.
   */
  recordPinFailure(reference: string, attempt: number): Promise<void>;
  /** Events a courier caused with `at` in [from, to), oldest first. */
  courierEvents(courierId: string, from: string, to: string): Promise<TrackingEvent[]>;
  /** Events a courier caused, newest first, a page at a time. */
  courierEventsPage(courierId: string, options: { limit: number; startKey?: Record<string, unknown> }): Promise<EventPage>;
}
