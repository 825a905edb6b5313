// What every slot resolver returns and gets: Lex's value triple plus where in the utterance the
// value was found, so the utterance matcher can tell which words a slot took.

export interface ResolvedValue {
  /** The words the value came from, as the caller said them. */
  originalValue: string;
  /** Lex's single resolution; null when ambiguous (AMAZON.Time "10 o'clock"). */
  interpretedValue: string | null;
  resolvedValues: string[];
  /** Token range [start, end) in the tokens the resolver was given. */
  span: [number, number];
}

export interface ResolvedSlot {
  shape: 'Scalar' | 'List';
  value: ResolvedValue;
  /** For List slots: one value each. */
  values?: ResolvedValue[];
}

export interface ResolverContext {
  /** Now, from the runtime's injectable clock. */
  now: Date;
  /** IANA zone relative dates are resolved in (x-amz-lex:time-zone, else the runtime default). */
  timeZone: string;
  localeId: string;
  /**
   * 'elicit': the whole utterance answers this slot's prompt, so the resolver may be lenient.
   * 'scan': looking for a value inside an intent utterance, where a false positive fills a slot
   * the caller never meant, so the resolver is strict.
   */
  mode: 'elicit' | 'scan';
}

/** Tokens with their original spelling, for originalValue. */
export interface Utterance {
  tokens: string[];
  original: string[];
}

export function spanText(utterance: Utterance, start: number, end: number): string {
  return utterance.original.slice(start, end).join(' ');
}
