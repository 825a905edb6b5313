// The built-in types with simple rules: AMAZON.Confirmation, AMAZON.FirstName,
// AMAZON.StreetName, AMAZON.FreeFormInput and AMAZON.UKPostalCode.
import { ANSWER_FILLERS, titleCase, trimFillers } from '../text';
import { readSpelledValue } from './spelled';
import { spanText, type ResolvedValue, type ResolverContext, type Utterance } from './types';

// ----- AMAZON.Confirmation: Yes / No / Maybe / Don't know ---------------------------------------

const YES = ['yes', 'yeah', 'yep', 'yup', 'sure', 'correct', 'right', "that's right", 'that is right', 'absolutely', 'definitely', 'of course', 'ok', 'okay', 'go ahead', 'please do', 'do it', 'affirmative', 'yes please', 'sounds good', 'perfect', 'exactly', 'confirm', 'book it', 'yes it is'];
const NO = ['no', 'nope', 'nah', 'not really', "that's wrong", 'that is wrong', 'wrong', 'incorrect', "don't", 'do not', 'negative', 'no thanks', 'no thank you', "that's not right", 'not right', 'cancel'];
const MAYBE = ['maybe', 'perhaps', 'possibly', 'might'];
const DONT_KNOW = ["don't know", 'do not know', 'not sure', 'no idea', 'dunno', "i'm not sure"];

export type ConfirmationAnswer = 'Yes' | 'No' | 'Maybe' | "Don't know";

function containsPhrase(tokens: readonly string[], phrase: string): number {
  const words = phrase.split(' ');
  for (let start = 0; start + words.length <= tokens.length; start++) if (words.every((word, offset) => tokens[start + offset] === word)) return start;
  return -1;
}

/** The first answer heard, reading longer phrases first so "not sure" is not "no". */
export function readConfirmation(utterance: Utterance): { answer: ConfirmationAnswer; span: [number, number] } | undefined {
  const candidates: { answer: ConfirmationAnswer; phrase: string }[] = [
    ...DONT_KNOW.map((phrase) => ({ answer: "Don't know" as const, phrase })),
    ...NO.filter((phrase) => phrase.includes(' ')).map((phrase) => ({ answer: 'No' as const, phrase })),
    ...YES.map((phrase) => ({ answer: 'Yes' as const, phrase })),
    ...NO.filter((phrase) => !phrase.includes(' ')).map((phrase) => ({ answer: 'No' as const, phrase })),
    ...MAYBE.map((phrase) => ({ answer: 'Maybe' as const, phrase })),
  ].sort((a, b) => b.phrase.split(' ').length - a.phrase.split(' ').length);
  let best: { answer: ConfirmationAnswer; span: [number, number] } | undefined;
  for (const { answer, phrase } of candidates) {
    const start = containsPhrase(utterance.tokens, phrase);
    if (start < 0) continue;
    const span: [number, number] = [start, start + phrase.split(' ').length];
    if (!best || start < best.span[0] || (start === best.span[0] && span[1] > best.span[1])) best = { answer, span };
  }
  return best;
}

export function resolveConfirmation(utterance: Utterance): ResolvedValue | undefined {
  const read = readConfirmation(utterance);
  if (!read) return undefined;
  return { originalValue: spanText(utterance, ...read.span), interpretedValue: read.answer, resolvedValues: [read.answer], span: read.span };
}

// ----- AMAZON.FirstName ------------------------------------------------------------------------

const NAME_LEADS = [['my', 'name', 'is'], ['my', 'name', "is'"], ['name', 'is'], ['this', 'is'], ['call', 'me'], ["i'm"], ['i', 'am'], ["it's"], ['it', 'is'], ['under']];
const NOT_NAMES = new Set([...ANSWER_FILLERS, 'no', 'yes', 'nope', 'sorry', 'what', 'why', 'hello', 'hi', 'hey', 'cancel', 'help', 'agent', 'stop', 'name', 'first', 'not', "don't", 'dont', 'know', 'nothing']);

export function resolveFirstName(utterance: Utterance, context: ResolverContext): ResolvedValue | undefined {
  const { tokens } = utterance;
  let start = -1;
  for (const lead of NAME_LEADS) {
    const at = containsPhrase(tokens, lead.join(' '));
    if (at >= 0) {
      start = at + lead.length;
      break;
    }
  }
  // Inside a longer sentence a name needs its lead-in ("my name is"); as an answer it does not.
  if (start < 0) {
    if (context.mode === 'scan') return undefined;
    const kept = trimFillers(tokens);
    if (!kept.length) return undefined;
    start = tokens.indexOf(kept[0]);
  }
  const name = tokens[start];
  if (!name || NOT_NAMES.has(name) || !/^\p{L}[\p{L}'-]+$/u.test(name)) return undefined;
  const value = titleCase(utterance.original[start].toLowerCase());
  return { originalValue: utterance.original[start], interpretedValue: value, resolvedValues: [value], span: [start, start + 1] };
}

// ----- AMAZON.StreetName -----------------------------------------------------------------------

const STREET_SUFFIXES = new Set(['street', 'st', 'avenue', 'ave', 'road', 'rd', 'lane', 'ln', 'drive', 'dr', 'way', 'boulevard', 'blvd', 'place', 'court', 'ct', 'terrace', 'close', 'crescent', 'square', 'parkway', 'highway', 'hill', 'row', 'gardens', 'walk']);

/** The street name without the house number ("Pine Street" from "1200 Pine Street"), as Lex documents. */
export function resolveStreetName(utterance: Utterance): ResolvedValue | undefined {
  const { tokens } = utterance;
  const suffixAt = tokens.findIndex((token, index) => index > 0 && STREET_SUFFIXES.has(token));
  if (suffixAt < 0) return undefined;
  let start = suffixAt;
  while (start > 0 && suffixAt - start < 3 && /^\p{L}/u.test(tokens[start - 1]) && !ANSWER_FILLERS.has(tokens[start - 1])) start--;
  if (start === suffixAt) return undefined;
  const value = titleCase(spanText(utterance, start, suffixAt + 1).toLowerCase());
  return { originalValue: spanText(utterance, start, suffixAt + 1), interpretedValue: value, resolvedValues: [value], span: [start, suffixAt + 1] };
}

// ----- AMAZON.FreeFormInput --------------------------------------------------------------------

/** Everything the caller said, verbatim: Lex does no resolution for free-form slots. */
export function resolveFreeForm(raw: string, utterance: Utterance): ResolvedValue | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  return { originalValue: text, interpretedValue: text, resolvedValues: [], span: [0, utterance.tokens.length] };
}

// ----- AMAZON.UKPostalCode ---------------------------------------------------------------------

const UK_POSTCODE = /[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}/;

/** "SW1A 1AA", "s w one a one a a": upper case with one space before the inward code. */
export function resolveUkPostcode(utterance: Utterance): ResolvedValue | undefined {
  const match = readSpelledValue(utterance.tokens, UK_POSTCODE);
  if (!match) return undefined;
  const value = `${match.value.slice(0, -3)} ${match.value.slice(-3)}`;
  return { originalValue: spanText(utterance, ...match.span), interpretedValue: value, resolvedValues: [value], span: match.span };
}
