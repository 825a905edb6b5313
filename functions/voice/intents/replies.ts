// Sentences more than one intent says, so the bot sounds the same whichever path a caller takes.
import { speak, spellOut, escapeSsml, type Utterance } from '../../domain/voice/speech';

export const ANYTHING_ELSE = 'Is there anything else I can help you with?';

export const TRANSFER = 'Let me put you through to a member of our customer service team. Please hold.';

export const OFFER_AGENT = 'Would you like me to put you through to our customer service team?';

export function referenceNotFound(reference: string, question: string): Utterance {
  return speak(`I couldn't find a booking with the reference ${spellOut(reference)}.`, escapeSsml(question));
}
