// Turns the definition's message groups into the messages Lex returns: one message per group,
// chosen in order by attempt ('Ordered') or at random, with {SlotName} references filled from
// the intent's slots (interpreted value, else what the caller said).
import type { BotMessage, MessageGroup } from '../../voice/bot-model';
import type { LexMessage, LexSlots } from '../../voice/lex-types';

function slotText(slots: LexSlots | undefined, name: string): string {
  const slot = slots?.[name];
  if (!slot?.value) return '';
  return slot.value.interpretedValue ?? slot.value.originalValue;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!);

export function renderMessage(message: BotMessage, slots: LexSlots | undefined): LexMessage {
  if ('plainText' in message) {
    return { contentType: 'PlainText', content: message.plainText.replace(/\{([^}]+)\}/g, (_, name: string) => slotText(slots, name)) };
  }
  return { contentType: 'SSML', content: message.ssml.replace(/\{([^}]+)\}/g, (_, name: string) => escapeXml(slotText(slots, name))) };
}

export interface MessageChoice {
  strategy: 'Ordered' | 'Random';
  /** 0 for the first attempt, n for the n-th retry. */
  attempt: number;
  random: () => number;
}

export function renderGroups(groups: readonly MessageGroup[], slots: LexSlots | undefined, choice: MessageChoice): LexMessage[] {
  return groups.map((group) => {
    const options = [group.message, ...(group.variations ?? [])];
    const index = choice.strategy === 'Ordered' ? Math.min(choice.attempt, options.length - 1) : Math.floor(choice.random() * options.length) % options.length;
    return renderMessage(options[index], slots);
  });
}
