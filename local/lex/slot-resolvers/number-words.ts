// Spoken numbers: "twenty two", "one hundred and five", "two point five", "seven and a half",
// "twenty first". Used by AMAZON.Number, the date and time resolvers and spelled references.

export const DIGIT_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  nought: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};

const UNIT_WORDS: Readonly<Record<string, number>> = {
  ...DIGIT_WORDS,
  a: 1,
  an: 1,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

const TENS_WORDS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

export interface ParsedNumber {
  value: number;
  /** Tokens consumed. */
  length: number;
  ordinal: boolean;
}

const NUMERIC = /^\d+(?:\.\d+)?$/;
const NUMERIC_ORDINAL = /^(\d+)(?:st|nd|rd|th)$/;

/**
 * Reads the longest number that starts at tokens[start]. Digits ("42", "2.5", "3rd") and words
 * are both accepted; "a" and "an" only count as one before "hundred"/"thousand"/"half".
 */
export function parseNumberAt(tokens: readonly string[], start: number): ParsedNumber | undefined {
  const first = tokens[start];
  if (first === undefined) return undefined;
  if (NUMERIC.test(first.replace(/,/g, ''))) {
    const value = Number(first.replace(/,/g, ''));
    return withFraction(tokens, start, { value, length: 1, ordinal: false });
  }
  const ordinalDigits = NUMERIC_ORDINAL.exec(first);
  if (ordinalDigits) return { value: Number(ordinalDigits[1]), length: 1, ordinal: true };

  let total = 0;
  let current = 0;
  let index = start;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' = 'none';
  let ordinal = false;
  const isNumberWord = (word: string | undefined) =>
    word !== undefined && (UNIT_WORDS[word] !== undefined || TENS_WORDS[word] !== undefined || ORDINAL_WORDS[word] !== undefined);
  while (index < tokens.length) {
    const word = tokens[index];
    const next = tokens[index + 1];
    // "a" and "an" are numbers only in "a hundred", "a dozen", "a half"; "oh" only inside digit strings.
    if ((word === 'a' || word === 'an') && !(next === 'hundred' || next === 'thousand' || next === 'dozen')) break;
    if (word === 'oh') break;
    if (word === 'and' && (last === 'hundred' || last === 'thousand') && isNumberWord(next)) {
      index++;
      continue;
    }
    const unit = UNIT_WORDS[word];
    const tens = TENS_WORDS[word];
    const ordinalValue = ORDINAL_WORDS[word];
    if (unit !== undefined) {
      if (last === 'unit' || last === 'teen' || (last === 'tens' && unit >= 10)) break;
      current += unit;
      last = unit < 10 ? 'unit' : 'teen';
    } else if (tens !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'tens') break;
      current += tens;
      last = 'tens';
    } else if (ordinalValue !== undefined) {
      if (last === 'unit' || last === 'teen' || (last === 'tens' && ordinalValue >= 10)) break;
      current += ordinalValue;
      ordinal = true;
      index++;
      last = 'unit';
      break;
    } else if (word === 'dozen') {
      current = (current || 1) * 12;
      last = 'hundred';
    } else if (word === 'hundred') {
      current = (current || 1) * 100;
      last = 'hundred';
    } else if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
      last = 'thousand';
    } else {
      break;
    }
    index++;
  }
  const consumed = last !== 'none';
  if (!consumed) return undefined;
  const parsed: ParsedNumber = { value: total + current, length: index - start, ordinal };
  return ordinal ? parsed : withFraction(tokens, start, parsed);
}

/** "point five", "and a half", "and a quarter" after a number. */
function withFraction(tokens: readonly string[], start: number, parsed: ParsedNumber): ParsedNumber {
  let index = start + parsed.length;
  if (tokens[index] === 'point') {
    let digits = '';
    let cursor = index + 1;
    while (cursor < tokens.length) {
      const token = tokens[cursor];
      if (/^\d+$/.test(token)) digits += token;
      else if (DIGIT_WORDS[token] !== undefined) digits += String(DIGIT_WORDS[token]);
      else break;
      cursor++;
    }
    if (digits) return { value: Number(`${parsed.value}.${digits}`), length: cursor - start, ordinal: false };
  }
  if (tokens[index] === 'and' && (tokens[index + 1] === 'a' || tokens[index + 1] === 'an')) index++;
  else if (tokens[index] !== 'and') return parsed;
  const fraction = { half: 0.5, quarter: 0.25 }[tokens[index + 1] === 'a' ? tokens[index + 2] ?? '' : tokens[index + 1] ?? ''];
  if (fraction === undefined) return parsed;
  const length = (tokens[index + 1] === 'a' ? index + 3 : index + 2) - start;
  return { value: parsed.value + fraction, length, ordinal: false };
}

/** Formats a number the way Lex writes AMAZON.Number values: no exponent, no trailing zeros. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}
