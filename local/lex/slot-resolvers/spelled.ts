// Values spoken character by character — booking references, ZIP codes, UK postcodes — read back
// from what speech recognition makes of them: "C B 1 2 3 A B C", "charlie bravo one two three",
// "see bee won to three", "C as in Charlie", "double seven", or typed whole ("cb-123abc").
//
// Many words are either a character or ordinary speech ("I", "a", "to", "for", "see", "oh"), so
// the resolver tries readings with as few of those words skipped as possible until one matches
// the slot type's regular expression in full — the regex decides, as it does in Lex.

const NATO: Readonly<Record<string, string>> = {
  alpha: 'A', alfa: 'A', bravo: 'B', charlie: 'C', delta: 'D', echo: 'E', foxtrot: 'F', golf: 'G', hotel: 'H', india: 'I',
  juliet: 'J', juliett: 'J', kilo: 'K', lima: 'L', mike: 'M', november: 'N', oscar: 'O', papa: 'P', quebec: 'Q', romeo: 'R',
  sierra: 'S', tango: 'T', uniform: 'U', victor: 'V', whiskey: 'W', whisky: 'W', xray: 'X', yankee: 'Y', zulu: 'Z',
};

/** Letter names and the words recognisers commonly hear for them. */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  ay: 'A', eh: 'A', bee: 'B', be: 'B', cee: 'C', see: 'C', sea: 'C', si: 'C', dee: 'D', ee: 'E', ef: 'F', eff: 'F', gee: 'G', jee: 'G',
  aitch: 'H', haitch: 'H', eye: 'I', aye: 'I', jay: 'J', kay: 'K', cay: 'K', el: 'L', elle: 'L', ell: 'L', em: 'M', en: 'N',
  owe: 'O', pee: 'P', pea: 'P', queue: 'Q', cue: 'Q', kew: 'Q', are: 'R', ar: 'R', ess: 'S', es: 'S', tee: 'T', tea: 'T',
  you: 'U', yu: 'U', vee: 'V', ex: 'X', why: 'Y', wye: 'Y', zed: 'Z', zee: 'Z',
};

const DIGIT_NAMES: Readonly<Record<string, string>> = {
  zero: '0', nought: '0', oh: '0', one: '1', won: '1', two: '2', to: '2', too: '2', three: '3', tree: '3', four: '4', for: '4',
  fore: '4', five: '5', six: '6', seven: '7', eight: '8', ate: '8', nine: '9', niner: '9',
};

/** Words that are also ordinary English, so a reading may skip them. */
const AMBIGUOUS = new Set(['a', 'i', 'o', 'oh', 'to', 'too', 'for', 'fore', 'are', 'you', 'see', 'sea', 'be', 'won', 'ate', 'why', 'tea', 'owe', 'eye', 'aye', 'queue', 'cue', 'el', 'em', 'en', 'es', 'eh', 'ex', 'tree']);

/** Filler that never spells anything. */
const FILLER = new Set(['as', 'in', 'like', 'letter', 'number', 'then', 'and', 'dash', 'hyphen', 'space', 'um', 'uh', 'er']);

interface TokenReading {
  /** What the token spells (possibly several characters); '' for a word that spells nothing. */
  chars: string;
  /** True when skipping the token is also plausible. */
  skippable: boolean;
  /** Tokens consumed (2 for "double u", "x ray", "double seven"). */
  length: number;
}

function readCharacter(token: string): string | undefined {
  if (NATO[token]) return NATO[token];
  if (LETTER_NAMES[token]) return LETTER_NAMES[token];
  if (DIGIT_NAMES[token]) return DIGIT_NAMES[token];
  if (/^[a-z0-9]+$/.test(token)) return token.toUpperCase();
  return undefined;
}

function readAt(tokens: readonly string[], index: number): TokenReading {
  const token = tokens[index];
  const next = tokens[index + 1];
  if (token === 'double' && (next === 'u' || next === 'you')) return { chars: 'W', skippable: false, length: 2 };
  if (token === 'x' && next === 'ray') return { chars: 'X', skippable: false, length: 2 };
  if ((token === 'double' || token === 'triple') && next !== undefined) {
    const character = readCharacter(next);
    if (character && character.length === 1) return { chars: character.repeat(token === 'double' ? 2 : 3), skippable: false, length: 2 };
  }
  if (FILLER.has(token)) return { chars: '', skippable: true, length: 1 };
  const character = readCharacter(token);
  if (character === undefined) return { chars: '', skippable: true, length: 1 };
  // "o" is the letter or a zero; offer both through the ambiguity search below.
  return { chars: character, skippable: AMBIGUOUS.has(token), length: 1 };
}

/** "C as in Charlie", "B for bravo", "D like delta": the explanation repeats the letter; drop it. */
function dropLetterExplanations(tokens: readonly string[]): { tokens: string[]; index: number[] } {
  const kept: string[] = [];
  const index: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const letter = readCharacter(tokens[i]);
    const explained = (offset: number) => {
      const word = tokens[i + offset];
      return letter !== undefined && letter.length === 1 && /[A-Z]/.test(letter) && word !== undefined && word[0]?.toUpperCase() === letter && word.length > 1;
    };
    kept.push(tokens[i]);
    index.push(i);
    if (tokens[i + 1] === 'as' && tokens[i + 2] === 'in' && explained(3)) i += 3;
    else if ((tokens[i + 1] === 'for' || tokens[i + 1] === 'like') && explained(2)) i += 2;
  }
  return { tokens: kept, index };
}

export interface SpelledMatch {
  value: string;
  /** Token range [start, end) of the original tokens that spelled it. */
  span: [number, number];
}

const MAX_READINGS = 512;

/**
 * The first reading of the tokens that matches `pattern` in full (anchored, upper case), trying
 * readings that skip fewer ambiguous words first. Unambiguous words that spell nothing are
 * always skipped, so "my reference is C B 1 2 …" works.
 */
export function readSpelledValue(tokens: readonly string[], pattern: RegExp): SpelledMatch | undefined {
  const explained = dropLetterExplanations(tokens);
  const readings: (TokenReading & { position: number })[] = [];
  for (let i = 0; i < explained.tokens.length; ) {
    const reading = readAt(explained.tokens, i);
    readings.push({ ...reading, position: i });
    i += reading.length;
  }
  // Skipping a word only changes the result inside a spelled run (between two single
  // characters); at a run's edge the search over token runs below already leaves it out.
  const single = (i: number) => readings[i] !== undefined && readings[i].chars.length === 1;
  const ambiguous = readings.map((reading, i) => (reading.skippable && reading.chars !== '' && single(i - 1) && single(i + 1) ? i : -1)).filter((i) => i >= 0);
  const anchored = new RegExp(`^(?:${pattern.source})$`);
  let tried = 0;
  // Skip sets in order of size: 0 skipped, then each single word, then pairs, …
  for (let skipCount = 0; skipCount <= ambiguous.length; skipCount++) {
    for (const skipped of combinations(ambiguous, skipCount)) {
      if (++tried > MAX_READINGS) return undefined;
      const skip = new Set(skipped);
      let text = '';
      const owner: number[] = [];
      readings.forEach((reading, i) => {
        if (skip.has(i) || reading.chars === '') return;
        text += reading.chars;
        for (let c = 0; c < reading.chars.length; c++) owner.push(i);
      });
      if (anchored.test(text)) return { value: text, span: spanOf(readings, explained.index, owner, 0, text.length) };
      // The value may sit among other words the caller said ("it's CB12AB34 thanks"): try every
      // run of whole tokens, never part of one (no "AB" out of a word that spelled "ABC").
      const boundaries = [0, ...owner.map((_, c) => c).filter((c) => c > 0 && owner[c] !== owner[c - 1]), text.length];
      for (let from = 0; from < boundaries.length - 1; from++) {
        for (let to = from + 1; to < boundaries.length; to++) {
          const candidate = text.slice(boundaries[from], boundaries[to]);
          if (anchored.test(candidate)) return { value: candidate, span: spanOf(readings, explained.index, owner, boundaries[from], boundaries[to]) };
        }
      }
    }
  }
  return undefined;
}

function spanOf(readings: readonly (TokenReading & { position: number })[], originalIndex: readonly number[], owner: readonly number[], from: number, to: number): [number, number] {
  const first = readings[owner[from]];
  const last = readings[owner[to - 1]];
  return [originalIndex[first.position], originalIndex[last.position + last.length - 1] + 1];
}

function* combinations<T>(items: readonly T[], size: number, start = 0, prefix: T[] = []): Generator<T[]> {
  if (prefix.length === size) {
    yield prefix;
    return;
  }
  for (let i = start; i <= items.length - (size - prefix.length); i++) yield* combinations(items, size, i + 1, [...prefix, items[i]]);
}

/**
 * Lex's regex dialect (A-Z, a-z, 0-9, \uXXXX, classes, bounded repeats) is a subset of
 * JavaScript's; upper-case input is matched against an upper-cased pattern's letters.
 */
export function lexRegex(pattern: string): RegExp {
  return new RegExp(pattern);
}
