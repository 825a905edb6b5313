// What happens after a failed delivery attempt: which options the customer gets, how their
// answer (or silence) turns into the next attempt, and when the parcel goes back to the sender.
// Every decision is a status change (FAILED_DELIVERY → IN_TRANSIT: back in our hands) with the
// decision recorded on the failed attempt, so a decision is taken at most once per attempt.
import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { changeStatus, recordBookingStep, type Booking, type TrackingEvent } from './booking';
import type { BusinessRules } from './business-rules';
import {
  failedAttempts,
  FAILED_DELIVERY_OPTIONS,
  lastFailedAttempt,
  type DeliveryAttempt,
  type DeliveryDecision,
  type FailedDeliveryOption,
} from './delivery';
import { InvalidFailedDeliveryChoice, type FieldIssue } from './errors';
import { parsePickupWindowId, upcomingBookableWindows, windowBookingProblem, WINDOW_PROBLEM_MESSAGES, type PickupWindow } from './pickup-windows';

export interface FailedAttemptFacts {
  attempt: number;
  failedAttempts: number;
  maxAttempts: number;
  /** No attempts left: the parcel goes back to the sender without asking. */
  final: boolean;
}

/** Facts about the attempt that just failed, or null when the booking is not waiting on attempt `attempt`. */
export function failedAttemptFacts(booking: Booking, attempt: number, rules: BusinessRules): FailedAttemptFacts | null {
  const failed = lastFailedAttempt(booking);
  if (booking.status !== 'FAILED_DELIVERY' || !failed || failed.number !== attempt) return null;
  const count = failedAttempts(booking);
  return { attempt, failedAttempts: count, maxAttempts: rules.maxDeliveryAttempts, final: count >= rules.maxDeliveryAttempts };
}

/**
 * The options a customer may pick for this parcel. Nobody signs at a safe place, so parcels that
 * must be signed for or need the PIN cannot be left there; a PIN parcel cannot go to a neighbour.
 */
export function availableOptions(booking: Booking, rules: BusinessRules): FailedDeliveryOption[] {
  const handling = booking.parcel.handling;
  const needsPin = handling.some((h) => rules.deliveryPinRequiredFor.includes(h));
  const needsSignature = handling.includes('SIGNATURE_REQUIRED');
  return FAILED_DELIVERY_OPTIONS.filter((option) => {
    if (option === 'SAFE_PLACE') return !needsPin && !needsSignature;
    if (option === 'NEIGHBOUR') return !needsPin;
    return true;
  });
}

/** The windows offered for a redelivery: the next bookable ones, from the next working day on. */
export function redeliveryWindows(now: Date, rules: BusinessRules): PickupWindow[] {
  const tomorrow = DateTime.fromJSDate(now, { zone: rules.serviceTimeZone }).startOf('day').plus({ days: 1 });
  return upcomingBookableWindows(tomorrow.toJSDate(), rules, rules.redeliveryWindowsOffered);
}

/** The first working day after `date` (YYYY-MM-DD, service time zone). */
export function nextWorkingDay(date: string, rules: BusinessRules): string {
  let day = DateTime.fromISO(date, { zone: rules.serviceTimeZone });
  for (let i = 0; i < 14; i++) {
    day = day.plus({ days: 1 });
    if (rules.workingDays.includes(day.weekday)) return day.toFormat('yyyy-MM-dd');
  }
  throw new Error('the business rules have no working day');
}

export interface CustomerChoiceInput {
  option: string;
  windowId?: string | null;
  instructions?: string | null;
}

export type ValidCustomerChoice =
  | { option: 'REDELIVER'; window: PickupWindow }
  | { option: 'NEIGHBOUR' | 'SAFE_PLACE'; instructions: string }
  | { option: 'DEPOT_COLLECTION' | 'RETURN_TO_SENDER' };

const MAX_INSTRUCTIONS = 300;

/** Checks a customer's answer against what this parcel allows; the window must still be bookable at `now`. */
export function validateCustomerChoice(input: CustomerChoiceInput, context: { booking: Booking; now: Date; rules: BusinessRules }): ValidCustomerChoice {
  const { booking, now, rules } = context;
  const issues: FieldIssue[] = [];
  const option = input.option as FailedDeliveryOption;
  const allowed = availableOptions(booking, rules);
  const instructions = (input.instructions ?? '').trim().replace(/\s+/g, ' ');
  if (!allowed.includes(option)) {
    issues.push({ field: 'choice', code: 'OPTION_NOT_AVAILABLE', message: `For this parcel you can choose ${allowed.join(', ')}.` });
  } else if (option === 'REDELIVER') {
    const parsed = parsePickupWindowId((input.windowId ?? '').trim(), rules);
    if (!input.windowId) issues.push({ field: 'windowId', code: 'WINDOW_REQUIRED', message: 'Choose a delivery window for the redelivery.' });
    else if ('problem' in parsed) issues.push({ field: 'windowId', code: `WINDOW_${parsed.problem}`, message: WINDOW_PROBLEM_MESSAGES[parsed.problem] });
    else {
      const problem = windowBookingProblem(parsed, now, rules);
      if (problem) issues.push({ field: 'windowId', code: `WINDOW_${problem}`, message: WINDOW_PROBLEM_MESSAGES[problem] });
      else if (issues.length === 0) return { option, window: parsed };
    }
  } else if (option === 'NEIGHBOUR' || option === 'SAFE_PLACE') {
    if (instructions.length < 3) {
      issues.push({
        field: 'instructions',
        code: 'INSTRUCTIONS_REQUIRED',
        message: option === 'NEIGHBOUR' ? 'Tell us which neighbour (name and house number).' : 'Tell us where the safe place is.',
      });
    } else if (instructions.length > MAX_INSTRUCTIONS) {
      issues.push({ field: 'instructions', code: 'TOO_LONG', message: `Instructions are limited to ${MAX_INSTRUCTIONS} characters.` });
    } else return { option, instructions };
  } else {
    return { option: option as 'DEPOT_COLLECTION' | 'RETURN_TO_SENDER' };
  }
  throw new InvalidFailedDeliveryChoice(issues);
}

/** What the failed-delivery process decided, with what the use case worked out (dates, courier). */
export type FailedDeliveryPlan =
  | { option: 'REDELIVER'; window: PickupWindow; courierId?: string }
  | { option: 'NEIGHBOUR' | 'SAFE_PLACE'; instructions: string; date: string; courierId?: string }
  | { option: 'NO_ANSWER'; date: string; courierId?: string }
  | { option: 'DEPOT_COLLECTION' }
  | { option: 'RETURN_TO_SENDER' | 'MAX_ATTEMPTS'; date: string; courierId?: string };

const LONG_DATE = (date: string, rules: BusinessRules) => DateTime.fromISO(date, { zone: rules.serviceTimeZone }).toFormat('cccc d LLLL');

/**
 * Applies the decision about failed attempt `attempt`. Returns null when that attempt already has
 * its decision (a retried step), so the caller can answer with the stored booking.
 */
export function decideAfterFailure(
  booking: Booking,
  attempt: number,
  plan: FailedDeliveryPlan,
  context: { at: string; by: 'customer' | 'system'; rules: BusinessRules },
): { booking: Booking; event: TrackingEvent } | null {
  const { at, by, rules } = context;
  const attempts = (booking.attempts ?? []).map((a) => ({ ...a }));
  const failed = attempts.find((a) => a.number === attempt);
  if (!failed || failed.outcome !== 'FAILED' || failed.decision || booking.status !== 'FAILED_DELIVERY') return null;

  const decision: DeliveryDecision = { option: plan.option, at, by };
  const next: DeliveryAttempt | undefined =
    plan.option === 'REDELIVER'
      ? { number: attempt + 1, kind: 'REDELIVERY', date: plan.window.date, window: plan.window, ...(plan.courierId ? { courierId: plan.courierId } : {}) }
      : plan.option === 'NEIGHBOUR' || plan.option === 'SAFE_PLACE'
        ? { number: attempt + 1, kind: plan.option, date: plan.date, instructions: plan.instructions, ...(plan.courierId ? { courierId: plan.courierId } : {}) }
        : plan.option === 'NO_ANSWER'
          ? { number: attempt + 1, kind: 'REATTEMPT', date: plan.date, ...(plan.courierId ? { courierId: plan.courierId } : {}) }
          : undefined;
  if (plan.option === 'REDELIVER') decision.windowId = plan.window.id;
  if (plan.option === 'NEIGHBOUR' || plan.option === 'SAFE_PLACE') decision.instructions = plan.instructions;
  failed.decision = decision;
  if (next) attempts.push(next);

  const patch: NonNullable<Parameters<typeof changeStatus>[1]['patch']> = { attempts };
  let description: string;
  let courierId: string | undefined | null = next ? (next.courierId ?? null) : undefined;
  switch (plan.option) {
    case 'REDELIVER':
      description = `Redelivery booked for ${plan.window.label}`;
      break;
    case 'NEIGHBOUR':
      description = `We will try again on ${LONG_DATE(plan.date, rules)} and may leave it with a neighbour`;
      break;
    case 'SAFE_PLACE':
      description = `We will try again on ${LONG_DATE(plan.date, rules)} and may leave it in a safe place`;
      break;
    case 'NO_ANSWER':
      description = `No choice made in time: we will try again on ${LONG_DATE(plan.date, rules)}`;
      break;
    case 'DEPOT_COLLECTION':
      patch.depotCollection = { decidedAt: at };
      description = 'Taken back to the depot, ready for collection';
      courierId = undefined;
      break;
    case 'RETURN_TO_SENDER':
    case 'MAX_ATTEMPTS':
      patch.returnToSender = {
        reason: plan.option === 'MAX_ATTEMPTS' ? 'MAX_ATTEMPTS' : 'CUSTOMER_CHOICE',
        decidedAt: at,
        date: plan.date,
        ...(plan.courierId ? { courierId: plan.courierId } : {}),
      };
      description =
        plan.option === 'MAX_ATTEMPTS'
          ? `Returning to sender after ${failedAttempts(booking)} failed delivery attempts`
          : 'Returning to sender, as the customer asked';
      courierId = plan.courierId ?? null;
      break;
  }
  const changed = changeStatus(booking, {
    to: 'IN_TRANSIT',
    at,
    actor: by,
    description,
    patch,
    eventDetails: { attempt },
    ...(typeof courierId === 'string' ? { courierId } : {}),
  });
  // Nobody free that day: the booking waits for dispatch rather than staying with the last courier.
  if (courierId === null) delete changed.booking.courierId;
  return changed;
}

/** Records that the customer was sent their options for failed attempt `attempt` (the audit trail says so). */
export function recordOptionsOffered(
  booking: Booking,
  attempt: number,
  offer: { linkHash: string; sentAt: string; expiresAt: string; note?: string },
): { booking: Booking; event: TrackingEvent } {
  const attempts = (booking.attempts ?? []).map((a) => (a.number === attempt ? { ...a, offer: { linkHash: offer.linkHash, sentAt: offer.sentAt, expiresAt: offer.expiresAt } } : a));
  return recordBookingStep(booking, {
    at: offer.sentAt,
    actor: 'system',
    description: offer.note ? `${offer.note} New delivery options sent to the customer` : 'Delivery options sent to the customer',
    patch: { attempts },
    eventDetails: { attempt },
  });
}

// Customer links: an unguessable token per question, sent by SMS/email. Only its hash is stored,
// so the table alone does not open anyone's link.

const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url: 43 characters, 256 bits. */
export function newLinkToken(random: (size: number) => Uint8Array = randomBytes): string {
  return Buffer.from(random(32)).toString('base64url');
}

export function isWellFormedLinkToken(token: string): boolean {
  return LINK_TOKEN.test(token);
}

export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function failedDeliveryLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/delivery-options/${token}`;
}
