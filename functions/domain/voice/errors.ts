// Refusals only the phone channel meets: a caller asks about a booking by reference, where the
// link page already knows which question it answers.
import { DomainError } from '../errors';

/** The booking has no failed attempt waiting for the customer's choice. */
export class NoFailedDeliveryPending extends DomainError {
  constructor(reference: string, status: string) {
    super('NoFailedDeliveryPending', `Booking ${reference} is not waiting for a decision after a failed delivery (it is ${status.toLowerCase().replace(/_/g, ' ')}).`, { reference, status });
  }
}

/** The attempt failed moments ago and the process has not put the question to the customer yet. */
export class OptionsNotOfferedYet extends DomainError {
  override readonly transient = true;
  constructor(reference: string) {
    super('OptionsNotOfferedYet', `The options for booking ${reference} are still being prepared; they arrive by text shortly.`, { reference });
  }
}
