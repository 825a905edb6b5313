// AMAZON.Number: the first number the caller says, digits or words ("about twelve and a half").
import { formatNumber, parseNumberAt } from './number-words';
import { spanText, type ResolvedValue, type Utterance } from './types';

export function resolveNumber(utterance: Utterance): ResolvedValue | undefined {
  const { tokens } = utterance;
  for (let start = 0; start < tokens.length; start++) {
    const parsed = parseNumberAt(tokens, start);
    if (!parsed || parsed.ordinal) continue;
    const value = formatNumber(parsed.value);
    return { originalValue: spanText(utterance, start, start + parsed.length), interpretedValue: value, resolvedValues: [value], span: [start, start + parsed.length] };
  }
  return undefined;
}
