// FallbackIntent and CancelRequest, the two ways a dialog is abandoned.
// FallbackIntent: Lex did not understand, either a whole request or — after a slot's retries —
// an answer. One misunderstanding gets the intent's closing ("Sorry, I didn't understand. You can
// book a courier, …"); the second in a row hands the caller to a person, so nobody is stuck in a
// loop with the bot. Any intent fulfilled in between starts the count again.
import type { LexCodeHookResponse } from '../../../voice/lex-types';
import type { Conversation } from '../lex/conversation';
import { BOOK, FAILED, FEEDBACK, SESSION, TRACK } from '../lex/session-attributes';

/** Misunderstandings in a row after which the caller is put through to an agent. */
export const MAX_MISUNDERSTANDINGS = 2;

const DIALOG_SCOPES: Readonly<Record<string, string>> = {
  BookCourier: BOOK.prefix,
  TrackDelivery: TRACK.prefix,
  GiveFeedback: FEEDBACK.prefix,
  ManageFailedDelivery: FAILED.prefix,
};

/** Drops the session attributes of every dialog but the current intent's. */
export function forgetOtherDialogs(conv: Conversation): void {
  for (const [intent, scope] of Object.entries(DIALOG_SCOPES)) if (intent !== conv.intent.name) conv.clearScope(scope);
}

/** CancelRequest: nothing is kept of the abandoned dialog; Lex then says "Okay, I've stopped there". */
export function cancelRequest(conv: Conversation): LexCodeHookResponse {
  forgetOtherDialogs(conv);
  return conv.close('Fulfilled');
}

export function fallbackIntent(conv: Conversation): LexCodeHookResponse {
  // Whatever dialog was under way has been abandoned (forgetOtherDialogs has dropped its state):
  // its half-answered questions must not leak into the next one.
  const count = conv.increment(SESSION.misunderstandings);
  if (count >= MAX_MISUNDERSTANDINGS) {
    conv.setAttr(SESSION.misunderstandings, undefined);
    return conv.handover('repeated-misunderstanding', "I'm sorry, I'm having trouble understanding. Let me put you through to a member of our team. Please hold.");
  }
  // No message of our own: Lex plays the intent's closing response, which says what the caller can ask for.
  return conv.close('Fulfilled');
}
