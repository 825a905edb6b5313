// Flow: booking reference → the booking, which must be a completed delivery (R5.1, R5.8) →
// validate and triage the feedback → store it with its time, the customer (R5.5) and the booking's
// courier (for their personal report, R12.3) under a reference derived from the idempotency key
// (R5.6) → a high-severity complaint is flagged and
// the on-call team notified through the Notifier (R5.7). A retry with the same key returns the
// stored feedback and sends nothing twice (the notifier is idempotent per message key too).
import {
  DeliveryNotCompleted,
  FeedbackBookingNotFound,
  feedbackReferenceFor,
  flaggedComplaintAlert,
  isCompletedDelivery,
  newFeedback,
  validateFeedback,
  type Feedback,
  type FeedbackInput,
} from '../domain/feedback';
import type { BookingStore } from '../ports/booking-store';
import type { FeedbackStore } from '../ports/feedback-store';
import type { Notifier } from '../ports/notifier';

export interface OnCallContact {
  email: string;
  /** E.164; the alert goes by SMS as well when set. */
  phone?: string;
}

export interface RecordFeedbackDependencies {
  bookings: BookingStore;
  feedback: FeedbackStore;
  notifier: Notifier;
  clock: () => Date;
  onCall: OnCallContact;
}

export async function recordFeedback(input: FeedbackInput & { idempotencyKey: string }, deps: RecordFeedbackDependencies): Promise<Feedback> {
  const booking = await deps.bookings.getBooking(input.bookingReference);
  if (!booking) throw new FeedbackBookingNotFound(input.bookingReference);
  if (!isCompletedDelivery(booking)) throw new DeliveryNotCompleted(booking.reference, booking.status);
  const valid = validateFeedback(input);
  const reference = feedbackReferenceFor(`${valid.channel}\u0000${input.idempotencyKey}`);

  // Written only if the reference is free; a retry finds the first attempt's feedback instead.
  const fresh = newFeedback(valid, booking, reference, deps.clock());
  let feedback = (await deps.feedback.create(fresh)) === 'created' ? fresh : await deps.feedback.get(reference);
  if (!feedback) throw new Error(`feedback ${reference} vanished between its write and its read`);

  if (feedback.flagged && !feedback.onCallNotifiedAt) {
    const alert = flaggedComplaintAlert(feedback, booking);
    const common = { template: 'complaint-flagged', reference: booking.reference };
    await deps.notifier.send({ ...common, channel: 'EMAIL', to: deps.onCall.email, subject: alert.subject, body: alert.body, idempotencyKey: `complaint-flagged:${reference}:email` });
    if (deps.onCall.phone) {
      await deps.notifier.send({ ...common, channel: 'SMS', to: deps.onCall.phone, body: alert.sms, idempotencyKey: `complaint-flagged:${reference}:sms` });
    }
    const at = deps.clock().toISOString();
    await deps.feedback.markOnCallNotified(reference, at);
    feedback = { ...feedback, onCallNotifiedAt: at };
  }
  return feedback;
}
