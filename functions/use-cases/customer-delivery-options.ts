// Flow of the customer's link page (API key, no account): token → its question → the options
// and windows; an answer → checked → claimed (one answer wins) → the waiting process resumed.
// Every refusal (unknown, expired or answered link; bad choice; full window) changes nothing.
import type { Booking } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { FAILURE_REASON_TEXT, failedAttempts, type DeliveryAttempt, type FailedDeliveryOption } from '../domain/delivery';
import { FailedDeliveryAlreadyAnswered, FailedDeliveryLinkExpired, FailedDeliveryLinkNotFound, PickupWindowFull } from '../domain/errors';
import { availableOptions, isWellFormedLinkToken, linkTokenHash, redeliveryWindows, validateCustomerChoice, type CustomerChoiceInput } from '../domain/failed-delivery';
import type { PickupWindow } from '../domain/pickup-windows';
import type { BookingStore } from '../ports/booking-store';
import type { CapacityStore } from '../ports/capacity-store';
import type { CustomerLink, CustomerLinkStore } from '../ports/customer-link-store';
import type { DeliveryWorkflows } from '../ports/delivery-workflows';

export interface CustomerOptionsDependencies {
  links: CustomerLinkStore;
  bookings: BookingStore;
  capacity: CapacityStore;
  workflows: DeliveryWorkflows;
  clock: () => Date;
  rules: BusinessRules;
}

export interface OfferedWindow {
  window: PickupWindow;
  remaining: number;
}

/** What the link page shows. Only what the customer needs: no phone numbers, no prices. */
export interface FailedDeliveryOfferView {
  displayReference: string;
  status: CustomerLink['status'];
  attempt: number;
  attemptsLeft: number;
  reason: string;
  reasonText: string;
  failedAt: string | null;
  deliverTo: string;
  location: { lat: number; lon: number };
  options: FailedDeliveryOption[];
  windows: OfferedWindow[];
  expiresAt: string;
  answer: CustomerLink['answer'] | null;
  closedReason: string | null;
}

async function linkFor(token: string, deps: CustomerOptionsDependencies): Promise<{ link: CustomerLink; booking: Booking; attempt: DeliveryAttempt | undefined }> {
  if (!isWellFormedLinkToken(token)) throw new FailedDeliveryLinkNotFound();
  const tokenHash = linkTokenHash(token);
  const link = (await deps.links.get(tokenHash)) ?? (await latestQuestionOfTrackingLink(tokenHash, deps));
  if (!link) throw new FailedDeliveryLinkNotFound();
  const booking = await deps.bookings.getBooking(link.reference);
  if (!booking) throw new FailedDeliveryLinkNotFound();
  return { link, booking, attempt: booking.attempts?.find((a) => a.number === link.attempt) };
}

/**
 * The tracking page's token opens the booking's latest failed-delivery question too: whoever got
 * the tracking link got the options link in the same way (the customer's phone and email), so the
 * page can send them to the options page without ever holding that link's own token.
 */
async function latestQuestionOfTrackingLink(tokenHash: string, deps: CustomerOptionsDependencies): Promise<CustomerLink | null> {
  const tracking = await deps.links.getTrackingLink(tokenHash);
  if (!tracking || Date.parse(tracking.expiresAt) <= deps.clock().getTime()) return null;
  const booking = await deps.bookings.getBooking(tracking.reference);
  const offer = booking?.attempts?.filter((a) => a.offer).at(-1)?.offer;
  return offer ? deps.links.get(offer.linkHash) : null;
}

async function openWindows(deps: Pick<CustomerOptionsDependencies, 'capacity' | 'clock' | 'rules'>): Promise<OfferedWindow[]> {
  const windows = redeliveryWindows(deps.clock(), deps.rules);
  const loads = await deps.capacity.loads(
    windows.map((w) => w.id),
    deps.rules.defaultWindowCapacity,
  );
  return windows.map((window, i) => ({ window, remaining: Math.max(0, loads[i].capacity - loads[i].booked) })).filter((w) => w.remaining > 0);
}

export async function failedDeliveryOffer(token: string, deps: CustomerOptionsDependencies): Promise<FailedDeliveryOfferView> {
  const { link, booking, attempt } = await linkFor(token, deps);
  const open = link.status === 'OPEN';
  const reason = attempt?.failure?.reason ?? 'OTHER';
  return {
    displayReference: booking.displayReference,
    status: link.status,
    attempt: link.attempt,
    attemptsLeft: Math.max(0, deps.rules.maxDeliveryAttempts - failedAttempts(booking)),
    reason,
    reasonText: FAILURE_REASON_TEXT[reason],
    failedAt: attempt?.failure?.at ?? null,
    // The area, not the full address: the link may be forwarded.
    deliverTo: [booking.delivery.city, booking.delivery.region, booking.delivery.postcode].filter(Boolean).join(', '),
    location: booking.delivery.location,
    options: open ? availableOptions(booking, deps.rules) : [],
    windows: open ? await openWindows(deps) : [],
    expiresAt: link.expiresAt,
    answer: link.answer ?? null,
    closedReason: link.closedReason ?? null,
  };
}

function refuseSettled(link: CustomerLink): never {
  if (link.status === 'ANSWERED' && link.answer) throw new FailedDeliveryAlreadyAnswered(link.answer.option, link.answer.at);
  throw new FailedDeliveryLinkExpired(link.closedReason ?? 'we already went ahead without an answer.');
}

/**
 * The customer's answer to a failed-delivery question, however it came (the link page, a phone
 * call): checked → the question claimed (one answer wins) → the waiting process resumed. A full
 * redelivery window refuses with alternatives; a settled or timed-out question refuses; nothing
 * changes on a refusal.
 */
export async function answerFailedDeliveryQuestion(
  link: CustomerLink,
  booking: Booking,
  input: CustomerChoiceInput,
  deps: Pick<CustomerOptionsDependencies, 'links' | 'capacity' | 'workflows' | 'clock' | 'rules'>,
): Promise<{ option: FailedDeliveryOption; window: PickupWindow | null }> {
  if (link.status !== 'OPEN') refuseSettled(link);
  const now = deps.clock();
  const choice = validateCustomerChoice(input, { booking, now, rules: deps.rules });
  if (choice.option === 'REDELIVER') {
    // Checked here so the customer can pick again at once; the process reserves atomically and
    // asks again should the window fill up in between.
    const [load] = await deps.capacity.loads([choice.window.id], deps.rules.defaultWindowCapacity);
    if (load.booked >= load.capacity) throw new PickupWindowFull(choice.window.id, (await openWindows(deps)).slice(0, 3).map((w) => w.window.id));
  }
  const answer = {
    option: choice.option,
    at: now.toISOString(),
    ...(choice.option === 'REDELIVER' ? { windowId: choice.window.id } : {}),
    ...(choice.option === 'NEIGHBOUR' || choice.option === 'SAFE_PLACE' ? { instructions: choice.instructions } : {}),
  };
  const claim = await deps.links.claim(link.tokenHash, answer);
  if (!claim.claimed) {
    if (!claim.link) throw new FailedDeliveryLinkNotFound();
    refuseSettled(claim.link);
  }
  const resumed = await deps.workflows.resumeWithChoice(link.taskToken, {
    option: answer.option,
    answeredAt: answer.at,
    ...(answer.windowId ? { windowId: answer.windowId } : {}),
    ...(answer.instructions ? { instructions: answer.instructions } : {}),
  });
  if (resumed === 'expired') {
    const reason = 'the time to choose had run out, so we booked another attempt ourselves.';
    await deps.links.expire(link.tokenHash, reason, 'ANSWERED');
    throw new FailedDeliveryLinkExpired(reason);
  }
  return { option: choice.option, window: choice.option === 'REDELIVER' ? choice.window : null };
}

export async function chooseFailedDeliveryOption(
  token: string,
  input: CustomerChoiceInput,
  deps: CustomerOptionsDependencies,
): Promise<{ option: FailedDeliveryOption; window: PickupWindow | null; message: string }> {
  const { link, booking } = await linkFor(token, deps);
  const { option, window } = await answerFailedDeliveryQuestion(link, booking, input, deps);
  const messages: Record<FailedDeliveryOption, string> = {
    REDELIVER: `Thank you: we will deliver again ${window?.label ?? ''}.`,
    NEIGHBOUR: 'Thank you: we will try again on the next working day and may leave the parcel with your neighbour.',
    SAFE_PLACE: 'Thank you: we will try again on the next working day and may leave the parcel in your safe place.',
    DEPOT_COLLECTION: 'Thank you: your parcel will wait for you at our depot.',
    RETURN_TO_SENDER: 'Thank you: we will return the parcel to the sender.',
  };
  return { option, window, message: messages[option] };
}
