// Flow: a caller's choice after a failed delivery, by booking reference → the booking must be
// waiting on that choice → the choice checked as the link page's is (validateCustomerChoice) →
// the question sent after the failed attempt (the customer link whose hash the attempt keeps) is
// claimed, so a link answer and a phone answer cannot both win → the waiting failed-delivery
// process resumes with it — answerFailedDeliveryQuestion, shared with the link page, which starts
// from the link's token; a caller has only the reference.
import type { Booking } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { lastFailedAttempt, type FailedDeliveryOption } from '../domain/delivery';
import { BookingNotFound, FailedDeliveryAlreadyAnswered } from '../domain/errors';
import { availableOptions, redeliveryWindows, type CustomerChoiceInput } from '../domain/failed-delivery';
import { answerFailedDeliveryQuestion } from './customer-delivery-options';
import type { PickupWindow } from '../domain/pickup-windows';
import { NoFailedDeliveryPending, OptionsNotOfferedYet } from '../domain/voice/errors';
import type { BookingStore } from '../ports/booking-store';
import type { CapacityStore } from '../ports/capacity-store';
import type { CustomerLinkStore } from '../ports/customer-link-store';
import type { DeliveryWorkflows } from '../ports/delivery-workflows';

export interface VoiceFailedDeliveryDependencies {
  bookings: BookingStore;
  links: CustomerLinkStore;
  capacity: CapacityStore;
  deliveryWorkflows: DeliveryWorkflows;
  clock: () => Date;
  rules: BusinessRules;
}

/** The booking waiting on a choice, and what it may choose; throws when none is waiting. */
export async function failedDeliveryAwaitingChoice(reference: string, deps: Pick<VoiceFailedDeliveryDependencies, 'bookings' | 'rules'>): Promise<{ booking: Booking; options: FailedDeliveryOption[] }> {
  const booking = await deps.bookings.getBooking(reference);
  if (!booking) throw new BookingNotFound(reference);
  const failed = lastFailedAttempt(booking);
  if (booking.status !== 'FAILED_DELIVERY' || !failed) throw new NoFailedDeliveryPending(reference, booking.status);
  if (failed.decision) throw new FailedDeliveryAlreadyAnswered(failed.decision.option, failed.decision.at);
  return { booking, options: availableOptions(booking, deps.rules) };
}

/** Redelivery windows with room on `date` (service-zone YYYY-MM-DD), earliest first; and the days that have any. */
export async function redeliveryWindowsOn(date: string, deps: Pick<VoiceFailedDeliveryDependencies, 'capacity' | 'clock' | 'rules'>): Promise<{ onDate: PickupWindow[]; daysWithRoom: string[] }> {
  const windows = redeliveryWindows(deps.clock(), deps.rules);
  const loads = await deps.capacity.loads(
    windows.map((window) => window.id),
    deps.rules.defaultWindowCapacity,
  );
  const open = windows.filter((_, index) => loads[index].booked < loads[index].capacity);
  return { onDate: open.filter((window) => window.date === date), daysWithRoom: [...new Set(open.map((window) => window.date))] };
}

export async function chooseFailedDeliveryOptionByVoice(
  reference: string,
  input: CustomerChoiceInput,
  deps: VoiceFailedDeliveryDependencies,
): Promise<{ option: FailedDeliveryOption; window: PickupWindow | null }> {
  const { booking } = await failedDeliveryAwaitingChoice(reference, deps);
  const offer = lastFailedAttempt(booking)?.offer;
  const link = offer ? await deps.links.get(offer.linkHash) : null;
  // The process records the attempt and only then asks: a caller can be quicker than the text message.
  if (!link) throw new OptionsNotOfferedYet(reference);
  return answerFailedDeliveryQuestion(link, booking, input, { ...deps, workflows: deps.deliveryWorkflows });
}
