// The steps of state-machines/failed-delivery.asl.json:
//   check the failed attempt → (no attempts left: return to sender) → offer the customer options
//   through a link, parking the task token behind it → act on the answer, or on the silence.
// Each step is safe to retry: a repeated offer supersedes the earlier link, a repeated decision
// finds the attempt already decided and only repeats the (idempotent) notification.
import type { Booking } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { chooseCourier } from '../domain/courier-assignment';
import { lastFailedAttempt, type FailedDeliveryOption } from '../domain/delivery';
import { failedDeliveryDecisionMessage, failedDeliveryOptionsMessage } from '../domain/delivery-notifications';
import { straightLineKm } from '../domain/distance';
import { BookingNotFound } from '../domain/errors';
import {
  decideAfterFailure,
  failedAttemptFacts,
  failedDeliveryLink,
  linkTokenHash,
  newLinkToken,
  nextWorkingDay,
  recordOptionsOffered,
  type FailedDeliveryPlan,
} from '../domain/failed-delivery';
import { parsePickupWindowId, serviceDateOf } from '../domain/pickup-windows';
import type { BookingStore } from '../ports/booking-store';
import type { CourierStore } from '../ports/courier-store';
import type { CustomerLinkStore } from '../ports/customer-link-store';
import type { Notifier, OutgoingMessage } from '../ports/notifier';
import { mintTrackingLink } from './tracking-links';

export interface FailedDeliveryDependencies {
  bookings: BookingStore;
  links: CustomerLinkStore;
  couriers: CourierStore;
  notifier: Notifier;
  clock: () => Date;
  rules: BusinessRules;
  publicBaseUrl: string;
}

export type CheckOutcome =
  | { ok: true; attempt: number; failedAttempts: number; maxAttempts: number; final: boolean; redeliveryReservation: string }
  | { ok: false; reason: string };

/** Is the booking still waiting on this failed attempt? (An admin may have moved it on by hand.) */
export async function checkFailedAttempt(reference: string, attempt: number, deps: Pick<FailedDeliveryDependencies, 'bookings' | 'rules'>): Promise<CheckOutcome> {
  const booking = await deps.bookings.getBooking(reference);
  if (!booking) throw new BookingNotFound(reference);
  const facts = failedAttemptFacts(booking, attempt, deps.rules);
  if (!facts) return { ok: false, reason: `Booking ${reference} is ${booking.status} and no longer waits on attempt ${attempt}.` };
  if (lastFailedAttempt(booking)?.decision) return { ok: false, reason: `Attempt ${attempt} of ${reference} was already decided.` };
  // A capacity reservation per attempt, so a redelivery never collides with the pickup's own place.
  return { ok: true, ...facts, redeliveryReservation: `${reference}#A${attempt + 1}` };
}

async function sendBoth(deps: Pick<FailedDeliveryDependencies, 'notifier'>, booking: Booking, base: Omit<OutgoingMessage, 'channel' | 'to' | 'body' | 'subject' | 'idempotencyKey'>, key: string, message: { sms: string; email: { subject: string; body: string } }) {
  await deps.notifier.send({ ...base, channel: 'SMS', to: booking.customer.phone, body: message.sms, idempotencyKey: `${key}:sms` });
  if (booking.customer.email) {
    await deps.notifier.send({ ...base, channel: 'EMAIL', to: booking.customer.email, subject: message.email.subject, body: message.email.body, idempotencyKey: `${key}:email` });
  }
}

/**
 * Creates the customer's link for this wait (its task token stored behind the token's hash),
 * retires the attempt's earlier link, records the offer and sends it.
 */
export async function offerOptions(
  input: { reference: string; attempt: number; taskToken: string; responseTimeoutSeconds: number; note?: string },
  deps: FailedDeliveryDependencies,
): Promise<{ offered: boolean; expiresAt?: string }> {
  const booking = await deps.bookings.getBooking(input.reference);
  if (!booking) throw new BookingNotFound(input.reference);
  const failed = lastFailedAttempt(booking);
  // Nothing to ask any more; the wait then ends by its timeout and the decision step finds it decided.
  if (!failed || failed.number !== input.attempt || failed.decision) return { offered: false };

  const now = deps.clock();
  const token = newLinkToken();
  const tokenHash = linkTokenHash(token);
  const expiresAt = new Date(now.getTime() + input.responseTimeoutSeconds * 1000).toISOString();
  await deps.links.create({ tokenHash, reference: booking.reference, attempt: input.attempt, taskToken: input.taskToken, status: 'OPEN', createdAt: now.toISOString(), expiresAt });
  if (failed.offer) await deps.links.expire(failed.offer.linkHash, 'A newer link was sent.');

  const note = input.note?.trim() || undefined;
  const { booking: changed, event } = recordOptionsOffered(booking, input.attempt, { linkHash: tokenHash, sentAt: now.toISOString(), expiresAt, ...(note ? { note } : {}) });
  await deps.bookings.saveChange(booking.version, changed, event);

  const message = failedDeliveryOptionsMessage(changed, {
    attempt: input.attempt,
    reason: failed.failure?.reason ?? 'OTHER',
    link: failedDeliveryLink(deps.publicBaseUrl, token),
    expiresAt,
    rules: deps.rules,
    ...(note ? { note } : {}),
  });
  await sendBoth(deps, changed, { template: 'failed-delivery-options', reference: booking.reference }, `${booking.reference}:failed-options:${tokenHash.slice(0, 24)}`, message);
  return { offered: true, expiresAt };
}

export type ProcessChoice =
  | { option: FailedDeliveryOption; windowId?: string; instructions?: string; answeredAt?: string }
  | { option: 'NO_ANSWER' | 'MAX_ATTEMPTS' };

/** Picks who takes the next trip on `date`: the nearest courier on duty with room, else nobody (dispatch). */
async function courierFor(date: string, near: { lat: number; lon: number }, deps: FailedDeliveryDependencies): Promise<string | undefined> {
  const couriers = await deps.couriers.listCouriers();
  const load = await deps.bookings.jobsPerCourierOn(
    date,
    couriers.map((c) => c.courierId),
  );
  const chosen = chooseCourier(
    couriers.map((c) => ({ courierId: c.courierId, onDuty: c.onDuty, position: c.position ?? c.homeBase, jobsOnDate: load.get(c.courierId) ?? 0 })),
    near,
    straightLineKm,
    deps.rules.maxJobsPerCourierPerDay,
  );
  return chosen?.courierId;
}

/** Carries out what happens after failed attempt `attempt`, tells the customer, and closes the attempt's link. */
export async function actOnDecision(input: { reference: string; attempt: number; choice: ProcessChoice }, deps: FailedDeliveryDependencies): Promise<{ reference: string; status: string; decided: boolean }> {
  const booking = await deps.bookings.getBooking(input.reference);
  if (!booking) throw new BookingNotFound(input.reference);
  const now = deps.clock();
  const at = now.toISOString();
  const { choice } = input;
  const nextDay = nextWorkingDay(serviceDateOf(now, deps.rules), deps.rules);

  let plan: FailedDeliveryPlan;
  switch (choice.option) {
    case 'REDELIVER': {
      const window = parsePickupWindowId(choice.windowId ?? '', deps.rules);
      if ('problem' in window) throw new Error(`the process was resumed with an invalid window ${choice.windowId}`);
      plan = { option: 'REDELIVER', window, courierId: await courierFor(window.date, booking.delivery.location, deps) };
      break;
    }
    case 'NEIGHBOUR':
    case 'SAFE_PLACE':
      plan = { option: choice.option, instructions: choice.instructions ?? '', date: nextDay, courierId: await courierFor(nextDay, booking.delivery.location, deps) };
      break;
    case 'NO_ANSWER':
      plan = { option: 'NO_ANSWER', date: nextDay, courierId: await courierFor(nextDay, booking.delivery.location, deps) };
      break;
    case 'DEPOT_COLLECTION':
      plan = { option: 'DEPOT_COLLECTION' };
      break;
    case 'RETURN_TO_SENDER':
    case 'MAX_ATTEMPTS':
      // The return trip starts from wherever the parcel is and ends at the pickup address.
      plan = { option: choice.option, date: nextDay, courierId: await courierFor(nextDay, booking.pickup.location, deps) };
      break;
  }

  const decided = decideAfterFailure(booking, input.attempt, plan, { at, by: choice.option === 'NO_ANSWER' || choice.option === 'MAX_ATTEMPTS' ? 'system' : 'customer', rules: deps.rules });
  const current = decided ? decided.booking : booking;
  if (decided) await deps.bookings.saveChange(booking.version, decided.booking, decided.event);

  const offer = current.attempts?.find((a) => a.number === input.attempt)?.offer;
  if (offer) await deps.links.expire(offer.linkHash, choice.option === 'NO_ANSWER' ? 'We did not hear back in time and booked another attempt.' : 'This question has been settled.');

  const event = decided?.event ?? (await deps.bookings.trackingHistory(current.reference)).filter((e) => e.attempt === input.attempt).at(-1);
  if (event) {
    await sendBoth(
      deps,
      current,
      { template: 'failed-delivery-decision', reference: current.reference },
      `${current.reference}:failed-decision:${input.attempt}`,
      // A fresh tracking link for this message (see tracking-links.ts).
      failedDeliveryDecisionMessage(current, event, await mintTrackingLink(current, deps)),
    );
  }
  return { reference: current.reference, status: current.status, decided: decided !== null };
}
