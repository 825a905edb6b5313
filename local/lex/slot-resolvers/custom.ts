// Custom slot types: the caller's words are matched against each value and its synonyms
// (whole words, plurals folded), longest phrase first. 'TopResolution' returns the value
// ("EXTRA_LARGE" for "massive") and refuses words outside the list; 'OriginalValue' returns what
// was said and, while the slot is being elicited, accepts unlisted words too (value expansion).
import type { CustomSlotTypeDefinition } from '../../../voice/bot-model';
import { normalizeText, trimFillers } from '../text';
import { spanText, type ResolvedValue, type ResolverContext, type Utterance } from './types';

interface Phrase {
  value: string;
  tokens: string[];
}

const fold = (token: string) => (token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token);

const phraseCache = new WeakMap<CustomSlotTypeDefinition, Phrase[]>();

function phrasesOf(type: CustomSlotTypeDefinition): Phrase[] {
  let phrases = phraseCache.get(type);
  if (!phrases) {
    phrases = type.values
      .flatMap((entry) => [entry.value.replace(/_/g, ' '), ...entry.synonyms].map((phrase) => ({ value: entry.value, tokens: normalizeText(phrase).split(' ').map(fold) })))
      .sort((a, b) => b.tokens.length - a.tokens.length);
    phraseCache.set(type, phrases);
  }
  return phrases;
}

interface PhraseMatch {
  value: string;
  start: number;
  end: number;
}

/** Non-overlapping matches, longest phrases claiming their words first, in utterance order. */
function findPhrases(type: CustomSlotTypeDefinition, tokens: readonly string[]): PhraseMatch[] {
  const folded = tokens.map(fold);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const matches: PhraseMatch[] = [];
  for (const phrase of phrasesOf(type)) {
    for (let start = 0; start + phrase.tokens.length <= folded.length; start++) {
      let hit = true;
      for (let offset = 0; offset < phrase.tokens.length && hit; offset++) hit = !taken[start + offset] && folded[start + offset] === phrase.tokens[offset];
      if (!hit) continue;
      for (let offset = 0; offset < phrase.tokens.length; offset++) taken[start + offset] = true;
      matches.push({ value: phrase.value, start, end: start + phrase.tokens.length });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

function toValue(type: CustomSlotTypeDefinition, utterance: Utterance, match: PhraseMatch, alternatives: string[]): ResolvedValue {
  const originalValue = spanText(utterance, match.start, match.end);
  return {
    originalValue,
    interpretedValue: type.resolutionStrategy === 'TopResolution' ? match.value : originalValue,
    resolvedValues: alternatives,
    span: [match.start, match.end],
  };
}

export function resolveCustom(type: CustomSlotTypeDefinition, utterance: Utterance, context: ResolverContext): ResolvedValue | undefined {
  const matches = findPhrases(type, utterance.tokens);
  if (matches.length) {
    // The first-said value wins; every distinct value heard is a resolution Lex would list.
    const alternatives = [...new Set(matches.map((match) => match.value))];
    return toValue(type, utterance, matches[0], alternatives);
  }
  if (type.resolutionStrategy === 'OriginalValue' && context.mode === 'elicit') {
    const kept = trimFillers(utterance.tokens);
    if (kept.length === 0) return undefined;
    const start = utterance.tokens.indexOf(kept[0]);
    const originalValue = spanText(utterance, start, start + kept.length);
    return { originalValue, interpretedValue: originalValue, resolvedValues: [], span: [start, start + kept.length] };
  }
  return undefined;
}

/** Several values in one answer ("fragile and perishable"), for slots that allow multiple values. */
export function resolveCustomList(type: CustomSlotTypeDefinition, utterance: Utterance): ResolvedValue[] {
  const matches = findPhrases(type, utterance.tokens);
  const seen = new Set<string>();
  return matches.filter((match) => !seen.has(match.value) && seen.add(match.value)).map((match) => toValue(type, utterance, match, [match.value]));
}
