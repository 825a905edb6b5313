import type { Booking, TrackingEvent } from '../domain/booking';

export interface BookingPage {
  items: Booking[];
  nextToken?: string;
}

/** Where bookings and their audit trail live (DynamoDB on both clouds). */
export interface BookingStore {
  /**
   * Stores a new booking with its first tracking event, atomically. Returns
   * 'already_exists' when the reference is taken, so a retried saga step is harmless.
   */
  createBooking(booking: Booking, firstEvent: TrackingEvent): Promise<'created' | 'already_exists'>;
  getBooking(reference: string): Promise<Booking | null>;
  /**
   * Stores a changed booking and the tracking event recording the change, atomically,
   * only if the stored version is still `expectedVersion` (else ConcurrentBookingChange).
   */
  saveChange(expectedVersion: number, booking: Booking, event: TrackingEvent): Promise<void>;
  trackingHistory(reference: string): Promise<TrackingEvent[]>;
  /** How many bookings each courier has on a pickup date. */
  jobsPerCourierOn(date: string, courierIds: string[]): Promise<Map<string, number>>;
}

export class ConcurrentBookingChange extends Error {
  constructor(reference: string) {
    super(`Booking ${reference} was changed by someone else; reload and try again.`);
    this.name = 'ConcurrentBookingChange';
  }
}
