// Slot values inside the utterance that starts an intent ("book a courier from Seattle to
// Portland tomorrow"), found the way Lex learns them from sample utterances: the words around
// each {Slot} reference in the intent's samples mark where a value sits ("from … to"), and the
// slot type's resolver decides whether the words there are a value. Dates, times and
// regex-filtered types are distinctive enough to be found anywhere in the utterance when the
// intent has only one slot of that type. Free-form slots are never filled this way (Lex does
// not allow them in sample utterances).
import type { IntentDefinition, LocaleDefinition, SlotDefinition } from '../../voice/bot-model';
import { resolveSlotValue, type ResolvedSlot, type ResolverContext } from './slot-resolvers';
import { normalizeText, toUtterance } from './text';

type TemplatePart = { literal: string } | { slot: string };

interface SlotContext {
  slot: string;
  /** Literal words right before the reference (at most two); empty when the reference opens the sample. */
  left: string[];
  /** The literal word right after it, or undefined when the sample ends or another slot follows. */
  right: string | undefined;
  atStart: boolean;
}

const MAX_VALUE_TOKENS = 6;
/** Too common to mark a slot's position on their own ("a" precedes half the nouns in English). */
const WEAK_CONTEXT_WORDS = new Set(['a', 'an', 'the', 'my', 'some', 'this', 'that', 'your', 'our', 'it', 'i', 'is']);
const SCANNABLE_BUILT_INS = new Set(['AMAZON.Date', 'AMAZON.Time']);

const contextCache = new WeakMap<IntentDefinition, SlotContext[]>();

function templateParts(sample: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const piece of sample.split(/(\{[^}]+\})/)) {
    const reference = /^\{([^}]+)\}$/.exec(piece);
    if (reference) parts.push({ slot: reference[1] });
    else for (const word of normalizeText(piece).split(' ').filter(Boolean)) parts.push({ literal: word });
  }
  return parts;
}

function slotContexts(intent: IntentDefinition): SlotContext[] {
  let contexts = contextCache.get(intent);
  if (contexts) return contexts;
  contexts = [];
  const seen = new Set<string>();
  for (const sample of intent.sampleUtterances) {
    const parts = templateParts(sample);
    parts.forEach((part, index) => {
      if (!('slot' in part)) return;
      const left: string[] = [];
      for (let cursor = index - 1; cursor >= 0 && left.length < 2; cursor--) {
        const previous = parts[cursor];
        if (!('literal' in previous)) break;
        left.unshift(previous.literal);
      }
      const next = parts[index + 1];
      const context: SlotContext = { slot: part.slot, left, right: next && 'literal' in next ? next.literal : undefined, atStart: index === 0 };
      const key = JSON.stringify(context);
      if (!seen.has(key)) {
        seen.add(key);
        contexts!.push(context);
      }
    });
  }
  contextCache.set(intent, contexts);
  return contexts;
}

function matchesAt(tokens: readonly string[], words: readonly string[], at: number): boolean {
  return words.every((word, offset) => tokens[at + offset] === word);
}

export function extractSlots(locale: LocaleDefinition, intent: IntentDefinition, text: string, context: Omit<ResolverContext, 'mode'>): Map<string, ResolvedSlot> {
  const utterance = toUtterance(text);
  const { tokens } = utterance;
  const found = new Map<string, ResolvedSlot>();
  const claimed = new Array<boolean>(tokens.length).fill(false);
  const scan: ResolverContext = { ...context, mode: 'scan' };
  const slotsByName = new Map(intent.slots.map((slot) => [slot.name, slot]));

  const tryRange = (slot: SlotDefinition, start: number, end: number, adjacent: boolean): boolean => {
    if (end <= start) return false;
    const piece = { tokens: utterance.tokens.slice(start, end), original: utterance.original.slice(start, end) };
    const resolved = resolveSlotValue(locale, slot, piece.original.join(' '), scan, piece);
    // A value found by its context must follow the context (one filler such as "the" allowed).
    if (!resolved || (adjacent && resolved.value.span[0] > 1)) return false;
    const [from, to] = [resolved.value.span[0] + start, resolved.value.span[1] + start];
    for (let i = from; i < to; i++) if (claimed[i]) return false;
    for (let i = from; i < to; i++) claimed[i] = true;
    found.set(slot.name, resolved);
    return true;
  };

  for (const slotContext of slotContexts(intent)) {
    const slot = slotsByName.get(slotContext.slot);
    if (!slot || found.has(slot.name) || slot.slotTypeName === 'AMAZON.FreeFormInput') continue;
    // The widest left context that occurs wins; one word of context is the loosest we accept.
    for (let width = slotContext.left.length; width >= (slotContext.atStart ? 0 : 1); width--) {
      const left = slotContext.left.slice(slotContext.left.length - width);
      if (width === 1 && WEAK_CONTEXT_WORDS.has(left[0])) break;
      let placed = false;
      const starts = width === 0 ? [0] : tokens.map((_, at) => at).filter((at) => matchesAt(tokens, left, at)).map((at) => at + width);
      for (const start of starts) {
        let end = Math.min(tokens.length, start + MAX_VALUE_TOKENS);
        if (slotContext.right !== undefined) {
          const rightAt = tokens.indexOf(slotContext.right, start + 1);
          if (rightAt > start) end = Math.min(end, rightAt);
        }
        if ((placed = tryRange(slot, start, end, true))) break;
      }
      if (placed) break;
    }
  }

  // Distinctive types anywhere in the utterance, when only one slot of the intent could take them.
  for (const slot of intent.slots) {
    if (found.has(slot.name)) continue;
    const distinctive = SCANNABLE_BUILT_INS.has(slot.slotTypeName) || locale.slotTypes.some((type) => type.kind === 'regex' && type.name === slot.slotTypeName);
    const alone = intent.slots.filter((other) => other.slotTypeName === slot.slotTypeName).length === 1;
    if (distinctive && alone) tryRange(slot, 0, tokens.length, false);
  }
  return found;
}
