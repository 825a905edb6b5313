// Typed business errors. `name` doubles as the Lambda errorType, the Step Functions
// error name (Retry/Catch match on it) and the GraphQL errorType, so one code travels
// unchanged from the domain to the caller.

export interface FieldIssue {
  /** Dotted path of the offending input field, e.g. "customer.phone". */
  field: string;
  /** Stable machine-readable code, e.g. "INVALID_PHONE". */
  code: string;
  /** Sentence a person can act on. */
  message: string;
}

export abstract class DomainError extends Error {
  /** Extra structured facts for the caller (GraphQL errorInfo). */
  readonly info: Record<string, unknown>;
  /** True when trying again later may succeed (the saga retries these). */
  readonly transient: boolean = false;
  constructor(name: string, message: string, info: Record<string, unknown> = {}) {
    super(message);
    this.name = name;
    this.info = info;
  }
}

export class InvalidBookingRequest extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super(
      'InvalidBookingRequest',
      issues.length === 1 ? issues[0].message : `${issues.length} problems: ${issues.map((i) => i.message).join(' ')}`,
      { issues },
    );
  }
}

export class AddressNotFound extends DomainError {
  constructor(which: 'pickup' | 'delivery', reason: string, message: string) {
    super('AddressNotFound', `The ${which} address could not be found: ${message}`, { which, reason });
  }
}

export class AddressAmbiguous extends DomainError {
  constructor(which: 'pickup' | 'delivery', candidates: string[]) {
    super('AddressAmbiguous', `The ${which} address matches several places: ${candidates.join('; ')}. Please add the state or ZIP code.`, {
      which,
      candidates,
    });
  }
}

export class PickupWindowFull extends DomainError {
  constructor(windowId: string, alternatives: string[] = []) {
    super('PickupWindowFull', `The pickup window ${windowId} is fully booked.`, { windowId, alternatives });
  }
}

export class PaymentDeclined extends DomainError {
  constructor(reason: string) {
    super('PaymentDeclined', `The payment was declined: ${reason}.`, { reason });
  }
}

/** Transient: the gateway did not answer. The saga retries these before giving up. */
export class PaymentGatewayUnavailable extends DomainError {
  override readonly transient = true;
  constructor(message = 'The payment gateway is not responding.') {
    super('PaymentGatewayUnavailable', message);
  }
}

export class InvalidCapacity extends DomainError {
  constructor(message: string, info: Record<string, unknown> = {}) {
    super('InvalidCapacity', message, info);
  }
}

export class OutsideServiceArea extends DomainError {
  /** `distanceKm` is Infinity when no road connects the two addresses. */
  constructor(distanceKm: number, maxKm: number) {
    super(
      'OutsideServiceArea',
      Number.isFinite(distanceKm)
        ? `The delivery is ${Math.round(distanceKm)} km by road from the pickup; we deliver up to ${maxKm} km.`
        : 'There is no road route between the pickup and delivery addresses.',
      { distanceKm: Number.isFinite(distanceKm) ? distanceKm : null, maxKm },
    );
  }
}

/** The booking saga is still running; asking again with the same idempotency key returns its outcome. */
export class BookingInProgress extends DomainError {
  override readonly transient = true;
  constructor(reference: string) {
    super('BookingInProgress', `Booking ${reference} is still being processed; retry with the same idempotency key.`, { reference });
  }
}

export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super('IdempotencyKeyReused', 'This idempotency key was already used for a different booking request.');
  }
}

export class BookingNotFound extends DomainError {
  constructor(reference: string) {
    super('BookingNotFound', `No booking ${reference} exists.`, { reference });
  }
}

export class IllegalStatusTransition extends DomainError {
  constructor(from: string, to: string) {
    super('IllegalStatusTransition', `A booking cannot go from ${from} to ${to}.`, { from, to });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A refusal reported by the booking saga, carrying the saga's error name unchanged. */
export class BookingRejected extends DomainError {
  constructor(errorName: string, message: string, info: Record<string, unknown> = {}) {
    super(errorName, message, info);
  }
}
