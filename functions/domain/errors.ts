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

/** A courier's (or admin's) status update that cannot be accepted as sent; one issue per field. */
export class InvalidDeliveryUpdate extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super(
      'InvalidDeliveryUpdate',
      issues.length === 1 ? issues[0].message : `${issues.length} problems: ${issues.map((i) => i.message).join(' ')}`,
      { issues },
    );
  }
}

/**
 * No delivery with this reference is yours to see. Deliberately the same answer whether the booking
 * does not exist or belongs to another courier, so references cannot be probed.
 */
export class DeliveryNotFound extends DomainError {
  constructor(reference: string) {
    super('DeliveryNotFound', `You have no delivery ${reference}.`, { reference });
  }
}

/** A signed-in user of the courier group without a courier profile. */
export class NotACourier extends DomainError {
  constructor(username: string) {
    super('NotACourier', `The account ${username} has no courier profile; ask dispatch to set one up.`, { username });
  }
}

/** After a failed attempt the failed-delivery process decides what happens next, not the courier. */
export class AwaitingCustomerDecision extends DomainError {
  constructor(reference: string) {
    super('AwaitingCustomerDecision', `Delivery ${reference} failed and is waiting for the customer's choice; its next step will appear in your list.`, {
      reference,
    });
  }
}

/** A status the booking's situation does not allow now, although the status graph has the move. */
export class DeliveryUpdateRefused extends DomainError {
  constructor(code: 'RETURN_NOT_REQUESTED' | 'RETURN_IN_PROGRESS' | 'NOT_A_DELIVERY_STATUS', message: string, info: Record<string, unknown> = {}) {
    super('DeliveryUpdateRefused', message, { code, ...info });
  }
}

/** The same clientUpdateId came back with a different update: the app must use a new id per update. */
export class ClientUpdateIdReused extends DomainError {
  constructor(clientUpdateId: string) {
    super('ClientUpdateIdReused', `The update id ${clientUpdateId} was already used for a different update.`, { clientUpdateId });
  }
}

export class DeliveryPinMismatch extends DomainError {
  constructor(triesLeft: number) {
    super('DeliveryPinMismatch', `That is not the PIN the customer received. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`, { triesLeft });
  }
}

export class DeliveryPinLocked extends DomainError {
  constructor() {
    super('DeliveryPinLocked', 'Too many wrong PINs for this delivery: call dispatch, or record the attempt as failed.');
  }
}

/** A customer link that does not exist (mistyped, made up). */
export class FailedDeliveryLinkNotFound extends DomainError {
  constructor() {
    super('FailedDeliveryLinkNotFound', 'This link is not valid. Please use the latest link we sent you, or call us.');
  }
}

/**
 * A tracking link that opens nothing: made up, mistyped, expired, or a token of another kind. One
 * answer for all of them, so a caller learns nothing about which bookings or links exist.
 */
export class TrackingLinkInvalid extends DomainError {
  constructor() {
    super('TrackingLinkInvalid', 'This tracking link is not valid or has expired. Please use the latest link we sent you, or call us.');
  }
}

/** A customer link whose question has been settled without an answer through it (timed out, superseded). */
export class FailedDeliveryLinkExpired extends DomainError {
  constructor(reason: string) {
    super('FailedDeliveryLinkExpired', `This link has expired: ${reason}`, { reason });
  }
}

export class FailedDeliveryAlreadyAnswered extends DomainError {
  constructor(option: string, at: string) {
    super('FailedDeliveryAlreadyAnswered', 'You have already told us what to do with this delivery; nothing was changed.', { option, at });
  }
}

export class InvalidFailedDeliveryChoice extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super('InvalidFailedDeliveryChoice', issues.map((i) => i.message).join(' '), { issues });
  }
}

/** A paging token that this caller's query did not hand out. */
export class InvalidNextToken extends DomainError {
  constructor() {
    super('InvalidNextToken', 'The nextToken is not one this query returned; start again without it.');
  }
}

/** Someone changed the delivery at the same moment; sending the same update again is safe. */
export class ConcurrentDeliveryUpdate extends DomainError {
  override readonly transient = true;
  constructor(reference: string) {
    super('ConcurrentDeliveryUpdate', `Delivery ${reference} changed at the same moment; send the update again (same clientUpdateId).`, { reference });
  }
}

/** A query argument out of range (a malformed date, a page size too large). */
export class InvalidArgument extends DomainError {
  constructor(field: string, message: string) {
    super('InvalidArgument', message, { field });
  }
}
