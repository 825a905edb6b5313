// Resolves words into a slot value by slot type, as Lex does for built-in and custom types.
// Returns undefined when the words hold no value of the type — which, while the slot is being
// elicited, makes the dialog manager re-prompt.
import type { LocaleDefinition, SlotDefinition } from '../../../voice/bot-model';
import { toUtterance } from '../text';
import { resolveCity } from './city';
import { resolveCustom, resolveCustomList } from './custom';
import { resolveDate } from './date';
import { resolveNumber } from './number';
import { resolveConfirmation, resolveFirstName, resolveFreeForm, resolveStreetName, resolveUkPostcode } from './simple-types';
import { lexRegex, readSpelledValue } from './spelled';
import { resolveTime } from './time';
import { spanText, type ResolvedSlot, type ResolvedValue, type ResolverContext, type Utterance } from './types';

export type { ResolvedSlot, ResolvedValue, ResolverContext } from './types';

const regexCache = new Map<string, RegExp>();

function regexFor(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) regexCache.set(pattern, (regex = lexRegex(pattern)));
  return regex;
}

function resolveAlphaNumeric(utterance: Utterance, pattern: string | undefined): ResolvedValue | undefined {
  // Without a regex anything alphanumeric goes; the longest run of characters the caller spelled is the value.
  const match = readSpelledValue(utterance.tokens, pattern ? regexFor(pattern) : /[A-Z0-9]{1,64}/);
  if (!match) return undefined;
  return { originalValue: spanText(utterance, ...match.span), interpretedValue: match.value, resolvedValues: [match.value], span: match.span };
}

/** Resolves `text` as a value of `slotTypeName`, or of the slot's type with its List shape when it allows several values. */
export function resolveSlotValue(
  locale: LocaleDefinition,
  slot: Pick<SlotDefinition, 'slotTypeName' | 'allowMultipleValues'>,
  text: string,
  context: ResolverContext,
  utterance: Utterance = toUtterance(text),
): ResolvedSlot | undefined {
  const custom = locale.slotTypes.find((type) => type.name === slot.slotTypeName);
  if (custom?.kind === 'custom' && slot.allowMultipleValues) {
    const values = resolveCustomList(custom, utterance);
    if (values.length === 0) return undefined;
    if (values.length === 1) return { shape: 'List', value: values[0], values };
    const start = Math.min(...values.map((value) => value.span[0]));
    const end = Math.max(...values.map((value) => value.span[1]));
    const originalValue = spanText(utterance, start, end);
    const interpreted = values.map((value) => value.interpretedValue ?? value.originalValue).join(', ');
    return { shape: 'List', value: { originalValue, interpretedValue: interpreted, resolvedValues: values.map((value) => value.interpretedValue ?? ''), span: [start, end] }, values };
  }
  const value = resolveScalar(locale, slot.slotTypeName, text, utterance, context);
  return value ? { shape: 'Scalar', value } : undefined;
}

function resolveScalar(locale: LocaleDefinition, slotTypeName: string, text: string, utterance: Utterance, context: ResolverContext): ResolvedValue | undefined {
  const type = locale.slotTypes.find((candidate) => candidate.name === slotTypeName);
  if (type?.kind === 'custom') return resolveCustom(type, utterance, context);
  if (type?.kind === 'regex') return resolveAlphaNumeric(utterance, type.pattern);
  switch (slotTypeName) {
    case 'AMAZON.AlphaNumeric':
      return resolveAlphaNumeric(utterance, undefined);
    case 'AMAZON.City':
      return resolveCity(utterance, context);
    case 'AMAZON.Confirmation':
      return resolveConfirmation(utterance);
    case 'AMAZON.Date':
      return resolveDate(utterance, text, context);
    case 'AMAZON.FirstName':
      return resolveFirstName(utterance, context);
    case 'AMAZON.FreeFormInput':
      return resolveFreeForm(text, utterance);
    case 'AMAZON.Number':
      return resolveNumber(utterance);
    case 'AMAZON.StreetName':
      return resolveStreetName(utterance);
    case 'AMAZON.Time':
      return resolveTime(utterance, text);
    case 'AMAZON.UKPostalCode':
      return resolveUkPostcode(utterance);
    default:
      throw new Error(`The local Lex runtime cannot resolve slot type ${slotTypeName}`);
  }
}

/** The built-in and custom slot types the local runtime resolves; the definition test checks every slot uses one. */
export const SUPPORTED_BUILT_IN_SLOT_TYPES = [
  'AMAZON.AlphaNumeric',
  'AMAZON.City',
  'AMAZON.Confirmation',
  'AMAZON.Date',
  'AMAZON.FirstName',
  'AMAZON.FreeFormInput',
  'AMAZON.Number',
  'AMAZON.StreetName',
  'AMAZON.Time',
  'AMAZON.UKPostalCode',
] as const;
