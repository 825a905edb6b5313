// Shapes passed between booking-saga states (see state-machines/booking.asl.json).
import type { Booking, BookingAddress } from '../domain/booking';
import type { ValidBookingRequest } from '../domain/booking-request';
import type { Quote } from '../domain/pricing';

export interface SagaStepInput {
  reference: string;
  /** $$.Execution.StartTime: the saga's notion of "now", stable across retries. */
  startedAt: string;
}

export interface ValidateStepInput extends SagaStepInput {
  request: ValidBookingRequest;
}

export interface QuoteStepInput {
  parcel: ValidBookingRequest['parcel'];
  distanceKm: number;
}

export interface CapacityStepInput extends SagaStepInput {
  windowId: string;
}

export interface ChargeStepInput extends SagaStepInput {
  quote: Quote;
  customerPhone: string;
}

export interface RefundStepInput extends SagaStepInput {
  paymentId: string;
}

export interface PersistStepInput extends SagaStepInput {
  request: ValidBookingRequest;
  requestedBy: string;
  pickup: BookingAddress;
  delivery: BookingAddress;
  quote: Quote;
  paymentId: string;
}

export interface BookingStepInput extends SagaStepInput {
  booking: Booking;
}
