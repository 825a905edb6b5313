// GiveFeedback (R5). Lex asks for the reference (R5.1), the type (R5.2) and the caller's own
// words (R5.3); this hook checks the reference is a completed delivery — one still on its way
// becomes a tracking answer instead (R5.8) — and asks the question the type needs: a severity for
// a complaint (R5.4), a rating for general feedback (R6.4). Fulfillment stores it with its time
// and the customer (R5.5), flags a serious complaint and tells the on-call team (R5.7), thanks the
// caller and reads out the feedback reference (R5.6, R5.9).
import type { LexCodeHookResponse } from '../../../voice/lex-types';
import { isDomainError } from '../../domain/errors';
import { isCompletedDelivery, type Feedback } from '../../domain/feedback';
import { serviceDateOf } from '../../domain/pickup-windows';
import { callerNumberOf } from '../../domain/voice/caller';
import { escapeSsml, pause, speak, spellOut } from '../../domain/voice/speech';
import { isDeliveryInProgress, trackingReply } from '../../domain/voice/tracking-reply';
import { recordFeedback } from '../../use-cases/record-feedback';
import { trackDelivery } from '../../use-cases/track-delivery';
import type { VoiceDependencies } from '../dependencies';
import type { Conversation } from '../lex/conversation';
import { FEEDBACK, SESSION, TRACK } from '../lex/session-attributes';
import { ANYTHING_ELSE, OFFER_AGENT, referenceNotFound, TRANSFER } from './replies';

/** Unusable ratings before the bot stops asking for one. */
const MAX_RATING_ATTEMPTS = 2;

export async function giveFeedbackIntent(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const reference = conv.value('BookingReference');
  if (!reference) return conv.proceed();

  if (conv.attr(FEEDBACK.offer) === 'agent' && conv.confirmationState !== 'None') {
    const yes = conv.confirmationState === 'Confirmed';
    conv.clearScope(FEEDBACK.prefix);
    return yes ? conv.handover('reference-not-found', TRANSFER) : conv.close('Fulfilled', 'Okay. You can give feedback any time you have the reference to hand.');
  }

  if (conv.attr(FEEDBACK.booking) !== reference) {
    const booking = await deps.bookings.getBooking(reference);
    if (!booking) {
      conv.setAttr(FEEDBACK.offer, 'agent');
      return conv.confirm(referenceNotFound(reference, `Please check the reference on your confirmation text. ${OFFER_AGENT}`));
    }
    if (!isCompletedDelivery(booking)) return redirectToTracking(conv, reference, deps);
    conv.setAttr(FEEDBACK.booking, reference);
  }

  const type = conv.value('FeedbackType');
  if (type && conv.filled('FeedbackDetails')) {
    if (type === 'COMPLAINT' && !conv.value('ComplaintSeverity')) return conv.elicitSlot('ComplaintSeverity');
    if (type === 'GENERAL_FEEDBACK' && conv.attr(FEEDBACK.ratingAttempts) !== 'skip') {
      const rating = conv.value('FeedbackRating');
      if (rating === undefined) return conv.elicitSlot('FeedbackRating');
      const stars = Number(rating);
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) {
        conv.clear('FeedbackRating');
        if (conv.increment(FEEDBACK.ratingAttempts) >= MAX_RATING_ATTEMPTS) conv.setAttr(FEEDBACK.ratingAttempts, 'skip');
        else return conv.elicitSlot('FeedbackRating', `${rating} isn't on the scale. Please give a number from one to five, where five is excellent.`);
      }
    }
  }
  if (!conv.isFulfillment) return conv.proceed();
  return fulfil(conv, reference, deps);
}

/** R5.8: feedback is about completed deliveries; for one still under way the caller hears where it is. */
async function redirectToTracking(conv: Conversation, reference: string, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const facts = await trackDelivery(reference, deps);
  conv.clearScope(FEEDBACK.prefix);
  conv.switchTo('TrackDelivery', { BookingReference: reference });
  const intro = "That delivery hasn't been completed yet, so I can't take feedback on it. Here's where it is.";
  if (!facts) return conv.close('Fulfilled', intro);
  const offerContact = isDeliveryInProgress(facts.booking.status) && Boolean(facts.courier);
  const report = trackingReply(facts, {
    localeId: conv.localeId,
    timeZone: deps.rules.serviceTimeZone,
    today: serviceDateOf(deps.clock(), deps.rules),
    includeCourierContact: false,
    offerCourierContact: offerContact,
  });
  if (offerContact) {
    conv.setAttr(TRACK.offer, 'courierContact');
    return conv.confirm(intro, report);
  }
  return conv.close('Fulfilled', intro, report, 'You can give feedback once it has been delivered.');
}

async function fulfil(conv: Conversation, reference: string, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const given = conv.count(SESSION.feedbackGiven);
  let feedback: Feedback;
  try {
    feedback = await recordFeedback(
      {
        // One key per piece of feedback in this call: a repeated fulfillment stores it once.
        idempotencyKey: `${conv.sessionId}-${given}`,
        bookingReference: reference,
        type: conv.value('FeedbackType') ?? '',
        details: conv.value('FeedbackDetails') ?? conv.original('FeedbackDetails') ?? '',
        statedSeverity: conv.value('ComplaintSeverity'),
        rating: conv.value('FeedbackRating') !== undefined && conv.attr(FEEDBACK.ratingAttempts) !== 'skip' ? Number(conv.value('FeedbackRating')) : null,
        callerNumber: callerNumberOf(conv.attr(SESSION.callerNumber)),
        channel: 'VOICE',
      },
      deps,
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    conv.clearScope(FEEDBACK.prefix);
    if (error.name === 'InvalidFeedback') {
      conv.clear('FeedbackDetails');
      return conv.elicitSlot('FeedbackDetails', "Sorry, I didn't get that. Please tell me what happened, in a sentence or two.");
    }
    return conv.elicitIntent(`I'm sorry, I couldn't record that feedback: ${error.message} ${ANYTHING_ELSE}`);
  }
  conv.clearScope(FEEDBACK.prefix);
  conv.setAttr(SESSION.feedbackGiven, given + 1).setAttr(SESSION.lastFeedbackReference, feedback.feedbackReference).setAttr(SESSION.misunderstandings, undefined);
  const spelled = spellOut(feedback.feedbackReference);
  const thanks =
    feedback.type === 'GENERAL_FEEDBACK'
      ? 'Thank you for your feedback. It really helps us improve.'
      : feedback.flagged
        ? "Thank you for telling us, and I'm sorry this happened. Because it's serious, I've flagged your complaint for our team's immediate attention, and someone will contact you shortly."
        : "Thank you for telling us, and I'm sorry this happened. I've recorded your complaint, and our team will look into it.";
  const noun = feedback.type === 'COMPLAINT' ? 'complaint' : 'feedback';
  return conv.close('Fulfilled', speak(escapeSsml(thanks), `Your ${noun} reference is ${spelled}.`, pause(400), `Again, that's ${spelled}.`, escapeSsml('Thank you for calling.')));
}
