// Text normalisation shared by the NLU, the slot resolvers and the utterance matcher: what a
// speech transcript or typed input looks like once case, punctuation and spacing stop mattering.

/** Lower case, curly quotes straightened, punctuation other than apostrophes turned into spaces. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function words(input: string): string[] {
  const normalized = normalizeText(input);
  return normalized === '' ? [] : normalized.split(' ');
}

/** Filler a caller wraps an answer in ("it's", "um", "please") that carries no slot value. */
export const ANSWER_FILLERS = new Set([
  'um',
  'uh',
  'er',
  'erm',
  'hmm',
  'ah',
  'oh',
  'well',
  'so',
  'yeah',
  'yes',
  'ok',
  'okay',
  'please',
  'thanks',
  'thank',
  'you',
  'it',
  "it's",
  'its',
  'is',
  'that',
  "that's",
  'thats',
  'the',
  'my',
  'i',
  "i'm",
  'im',
  'think',
  'guess',
  'say',
  "i'd",
  'would',
  'like',
  'just',
  'in',
  'at',
  'on',
  'for',
  'to',
  'be',
  'will',
  'should',
  'about',
  'around',
  'roughly',
  'approximately',
  'maybe',
  'probably',
  'actually',
]);

/** Drops leading and trailing filler words, keeping those inside the answer ("Newcastle upon Tyne"). */
export function trimFillers(tokens: string[], fillers: ReadonlySet<string> = ANSWER_FILLERS): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && fillers.has(tokens[start])) start++;
  while (end > start && fillers.has(tokens[end - 1])) end--;
  return tokens.slice(start, end);
}

export function titleCase(phrase: string): string {
  return phrase.replace(/(^|[\s-])(\p{L})/gu, (_, separator: string, letter: string) => separator + letter.toUpperCase());
}

/** The utterance as aligned token lists: lower-cased for matching, as typed for originalValue. */
export function toUtterance(input: string): { tokens: string[]; original: string[] } {
  const original = input
    .normalize('NFKC')
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .split(/\s+/)
    .map((token) => token.replace(/^'+|'+$/g, ''))
    .filter((token) => token !== '');
  return { tokens: original.map((token) => token.toLowerCase()), original };
}
