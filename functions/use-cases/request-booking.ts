// Flow: caller's request → validate → choose the reference (derived from the idempotency
// key, so a retry finds the first attempt) → run the booking saga → booking or typed error.
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Booking, BookingChannel } from '../domain/booking';
import { newBookingReference, referenceForIdempotencyKey } from '../domain/booking-reference';
import { validateBookingRequest, type BookingRequestInput } from '../domain/booking-request';
import type { BusinessRules } from '../domain/business-rules';
import { BookingInProgress, BookingRejected, IdempotencyKeyReused, InvalidBookingRequest } from '../domain/errors';
import type { BookingSagaOutcome, Workflows } from '../ports/workflows';

export interface BookingRequester {
  /** Stable id of who asks ("admin:alice", "iam:<arn>", "partner:acme"): idempotency keys are scoped to it. */
  principal: string;
  channel: BookingChannel;
}

export interface RequestBookingDependencies {
  workflows: Workflows;
  clock: () => Date;
  rules: BusinessRules;
}

/** A reference can be taken by another request only by a 1-in-2-billion chance; a few tries settle it. */
const MAX_REFERENCE_ATTEMPTS = 5;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

export function requestHashOf(input: BookingRequestInput): string {
  return createHash('sha256').update(stringify(input) ?? '').digest('hex');
}

function settle(outcome: Exclude<BookingSagaOutcome, { status: 'reference_taken' }>): Booking {
  switch (outcome.status) {
    case 'confirmed':
      return outcome.booking;
    case 'rejected':
      throw new BookingRejected(outcome.error, outcome.message, outcome.info);
    case 'pending':
      throw new BookingInProgress(outcome.reference);
  }
}

export async function requestBooking(
  input: BookingRequestInput & { idempotencyKey?: string | null },
  requester: BookingRequester,
  deps: RequestBookingDependencies,
): Promise<Booking> {
  const { idempotencyKey, ...request } = input;
  if (idempotencyKey != null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidBookingRequest([
      { field: 'idempotencyKey', code: 'INVALID_IDEMPOTENCY_KEY', message: 'The idempotency key must be 1 to 128 printable characters without spaces.' },
    ]);
  }
  const requestHash = requestHashOf(request);

  for (let attempt = 0; attempt < MAX_REFERENCE_ATTEMPTS; attempt++) {
    const reference = idempotencyKey != null ? referenceForIdempotencyKey(requester.principal, idempotencyKey, attempt) : newBookingReference();

    if (idempotencyKey != null) {
      const earlier = await deps.workflows.findBookingSaga(reference);
      if (earlier) {
        const sameCaller = earlier.idempotencyKey === idempotencyKey && earlier.requestedBy === requester.principal;
        if (!sameCaller) continue; // another request owns this reference: derive the next one
        if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReused();
        // A retry: answer with what the first attempt did, even if its window has passed since.
        const outcome = await deps.workflows.awaitBooking(reference);
        if (outcome.status === 'reference_taken') continue;
        return settle(outcome);
      }
    }

    const valid = validateBookingRequest(request, { now: deps.clock(), rules: deps.rules, channel: requester.channel });
    const outcome = await deps.workflows.runBooking({
      reference,
      ...(idempotencyKey != null ? { idempotencyKey } : {}),
      requestHash,
      requestedBy: requester.principal,
      request: valid,
    });
    if (outcome.status !== 'reference_taken') return settle(outcome);
    const existing = outcome.existing;
    if (idempotencyKey != null && existing.idempotencyKey === idempotencyKey && existing.requestedBy === requester.principal) {
      // The same request raced us to the start; its outcome is ours.
      if (existing.requestHash !== requestHash) throw new IdempotencyKeyReused();
      const raced = await deps.workflows.awaitBooking(reference);
      if (raced.status !== 'reference_taken') return settle(raced);
    }
  }
  throw new Error(`could not find a free booking reference in ${MAX_REFERENCE_ATTEMPTS} attempts`);
}
