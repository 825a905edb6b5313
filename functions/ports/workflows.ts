import type { Booking } from '../domain/booking';
import type { ValidBookingRequest } from '../domain/booking-request';

export interface BookingSagaInput {
  reference: string;
  /** Present when the caller gave one; the execution name (the reference) is derived from it. */
  idempotencyKey?: string;
  /** Hash of the caller's raw request: tells a true retry from a reused key. */
  requestHash: string;
  requestedBy: string;
  request: ValidBookingRequest;
}

export type BookingSagaOutcome =
  | { status: 'confirmed'; booking: Booking }
  | { status: 'rejected'; error: string; message: string; info: Record<string, unknown> }
  | { status: 'pending'; reference: string }
  /** A saga with this reference exists and was started with different input. */
  | { status: 'reference_taken'; existing: BookingSagaInput };

/** Starts and follows the durable business processes (Step Functions on both clouds). */
export interface Workflows {
  /**
   * Runs the booking saga for `input` and waits for its outcome. Starting the same
   * reference twice never starts a second execution. Returns 'pending' if it is still
   * running when the wait ends.
   */
  runBooking(input: BookingSagaInput): Promise<BookingSagaOutcome>;
  /** Waits for the saga of `reference` (already started) and returns its outcome. */
  awaitBooking(reference: string): Promise<BookingSagaOutcome>;
  /** The input of the saga run for `reference`, or null when none ran. */
  findBookingSaga(reference: string): Promise<BookingSagaInput | null>;
}
