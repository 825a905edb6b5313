// The voice bot's code hook: one Lambda for every intent (a Lex alias locale has one), routing
// each invocation to its intent's conversation. Anything unexpected ends in a handover to a
// person rather than silence or Lex's generic error: the caller always hears what happens next.
import type { LexCodeHookEvent, LexCodeHookResponse } from '../../voice/lex-types';
import { logger } from '../shared/logger';
import type { VoiceDependencies } from './dependencies';
import { bookCourier } from './intents/book-courier';
import { cancelRequest, fallbackIntent, forgetOtherDialogs } from './intents/fallback';
import { giveFeedbackIntent } from './intents/give-feedback';
import { manageFailedDeliveryIntent } from './intents/manage-failed-delivery';
import { TRANSFER } from './intents/replies';
import { trackDeliveryIntent } from './intents/track-delivery';
import { Conversation } from './lex/conversation';

type IntentHandler = (conv: Conversation, deps: VoiceDependencies) => LexCodeHookResponse | Promise<LexCodeHookResponse>;

const HANDLERS: Readonly<Record<string, IntentHandler>> = {
  BookCourier: bookCourier,
  TrackDelivery: trackDeliveryIntent,
  GiveFeedback: giveFeedbackIntent,
  ManageFailedDelivery: manageFailedDeliveryIntent,
  FallbackIntent: fallbackIntent,
  CancelRequest: cancelRequest,
};

export async function handleCodeHook(event: LexCodeHookEvent, deps: VoiceDependencies): Promise<LexCodeHookResponse> {
  const conv = new Conversation(event);
  const handler = HANDLERS[conv.intent.name];
  // Only one dialog is under way at a time: what another intent left behind (the caller switched) is stale.
  forgetOtherDialogs(conv);
  try {
    // Intents without a code hook of their own (help, cancel, agent) are delegated back unchanged.
    return handler ? await handler(conv, deps) : conv.proceed();
  } catch (error) {
    logger.error('voice code hook failed', { intent: conv.intent.name, source: event.invocationSource, sessionId: event.sessionId, error: error as Error });
    return new Conversation(event).handover('system-error', "I'm sorry, something went wrong on our side.", TRANSFER);
  }
}
