// TrackDelivery (R4). Lex asks for the reference, letter by letter; a reference that does not
// have our format is asked for again by Lex itself, with the slot's retry prompts saying what a
// reference looks like, and after the retries FallbackIntent takes over (R4.6). The dialog hook
// looks the booking up: unknown → offer customer service (R4.7); on its way → the status with an
// offer of the courier's number unless the caller already asked for it (R4.5). Fulfillment reads
// out status, place and estimate (R4.2–R4.4) — the dialog hook already has them, so it answers and
// closes itself; the intent's closing asks "anything else?" (R4.8).
import type { LexCodeHookResponse } from '../../../voice/lex-types';
import { serviceDateOf } from '../../domain/pickup-windows';
import { asksForCourierContact, courierContactReply, isDeliveryInProgress, trackingReply, type DeliveryWhereabouts } from '../../domain/voice/tracking-reply';
import { trackDelivery } from '../../use-cases/track-delivery';
import type { VoiceDependencies } from '../dependencies';
import type { Conversation } from '../lex/conversation';
import { SESSION, TRACK } from '../lex/session-attributes';
import { OFFER_AGENT, referenceNotFound, TRANSFER } from './replies';

export async function trackDeliveryIntent(conv: Conversation, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  if (asksForCourierContact(conv.transcript)) conv.setAttr(TRACK.wantsContact, '1');
  const reference = conv.value('BookingReference');
  if (!reference) return conv.proceed();

  const offer = conv.attr(TRACK.offer);
  if (offer && conv.confirmationState !== 'None') return answerOffer(conv, offer, reference, deps);

  const facts = await trackDelivery(reference, deps);
  if (!facts) {
    conv.setAttr(TRACK.offer, 'agent');
    return conv.confirm(referenceNotFound(reference, `Please check the reference on your confirmation text. ${OFFER_AGENT}`));
  }
  const wantsContact = conv.attr(TRACK.wantsContact) === '1';
  const canOfferContact = isDeliveryInProgress(facts.booking.status) && Boolean(facts.courier);
  if (!conv.isFulfillment && canOfferContact && !wantsContact) {
    conv.setAttr(TRACK.offer, 'courierContact');
    return conv.confirm(reply(conv, facts, deps, { includeCourierContact: false, offerCourierContact: true }));
  }
  // Everything needed is known now: answering here saves Lex a second code hook call for fulfillment.
  const noContact = wantsContact && !canOfferContact ? ["A courier's number is only available while the parcel is on its way to you."] : [];
  return finish(conv, reply(conv, facts, deps, { includeCourierContact: wantsContact && canOfferContact, offerCourierContact: false }), ...noContact);
}

async function answerOffer(conv: Conversation, offer: string, reference: string, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const yes = conv.confirmationState === 'Confirmed';
  conv.setAttr(TRACK.offer, undefined);
  if (offer === 'agent') {
    if (yes) return conv.handover('reference-not-found', TRANSFER);
    return finish(conv, 'Okay. If you find another reference, just ask me to track it.');
  }
  if (!yes) return finish(conv, 'Okay.');
  const facts = await trackDelivery(reference, deps);
  return finish(conv, facts ? courierContactReply(facts) : "I'm sorry, I can't find that booking any more.");
}

function finish(conv: Conversation, ...messages: Parameters<Conversation['close']>[1][]): LexCodeHookResponse {
  conv.clearScope(TRACK.prefix).setAttr(SESSION.misunderstandings, undefined);
  return conv.close('Fulfilled', ...messages);
}

function reply(conv: Conversation, facts: DeliveryWhereabouts, deps: VoiceDependencies, options: { includeCourierContact: boolean; offerCourierContact: boolean }) {
  return trackingReply(facts, {
    localeId: conv.localeId,
    timeZone: deps.rules.serviceTimeZone,
    today: serviceDateOf(deps.clock(), deps.rules),
    ...options,
  });
}
