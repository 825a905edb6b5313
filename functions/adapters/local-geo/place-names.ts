// Turns the ways people write place names, US states and ZIP codes into comparable keys,
// so "ST. LOUIS", "Saint Louis" and "st louis" meet, and "Washington" meets "WA".

/** Abbreviations that start or sit inside place names and are written both ways. */
const WORD_EXPANSIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  ft: 'fort',
  mt: 'mount',
  pt: 'point',
};

/**
 * A comparison key for a place name: accents dropped, lower case, abbreviations expanded,
 * and every non-alphanumeric character removed — spaces too, because the two datasets
 * disagree on them ("Coeur d'Alene" / "Coeur D Alene", "SeaTac" / "Seatac").
 */
export function placeNameKey(name: string): string {
  let key = '';
  for (const word of words(name)) key += WORD_EXPANSIONS[word] ?? word;
  return key;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function words(text: string): string[] {
  // Most names are plain ASCII; skipping Unicode normalisation for them halves the
  // gazetteer's indexing time.
  const folded = PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  return folded
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

const US_STATE_CODES_BY_NAME: Readonly<Record<string, string>> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  districtofcolumbia: 'DC',
  washingtondc: 'DC',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  newhampshire: 'NH',
  newjersey: 'NJ',
  newmexico: 'NM',
  newyork: 'NY',
  northcarolina: 'NC',
  northdakota: 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  rhodeisland: 'RI',
  southcarolina: 'SC',
  southdakota: 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  westvirginia: 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
  puertorico: 'PR',
  guam: 'GU',
  americansamoa: 'AS',
  northernmarianaislands: 'MP',
  usvirginislands: 'VI',
  virginislands: 'VI',
  palau: 'PW',
  marshallislands: 'MH',
  federatedstatesofmicronesia: 'FM',
  micronesia: 'FM',
};

/** Military post "states" (APO/FPO/DPO): real ZIP codes, but nowhere a courier can drive to. */
export const US_MILITARY_POST_CODES: ReadonlySet<string> = new Set(['AA', 'AE', 'AP']);

const US_STATE_CODES: ReadonlySet<string> = new Set([...Object.values(US_STATE_CODES_BY_NAME), ...US_MILITARY_POST_CODES]);

/** "WA", "wa", "W.A.", "Washington" → "WA"; anything else → undefined. */
export function parseUsState(region: string): string | undefined {
  // No abbreviation expansion here: "MT" is Montana, not "Mount".
  const key = words(region).join('');
  const asCode = key.toUpperCase();
  if (asCode.length === 2 && US_STATE_CODES.has(asCode)) return asCode;
  return US_STATE_CODES_BY_NAME[key];
}

export interface UsZip {
  /** The five-digit ZIP the gazetteer knows. */
  zip5: string;
  /** As it should be printed: "98109" or "98109-4612". */
  formatted: string;
}

/** Accepts "98109", "98109-4612", "98109 4612" and "981094612"; anything else → undefined. */
export function parseUsZip(postcode: string): UsZip | undefined {
  const match = /^(\d{5})(?:[-\s]?(\d{4}))?$/.exec(postcode.trim());
  if (!match) return undefined;
  const [, zip5, plus4] = match;
  return { zip5, formatted: plus4 ? `${zip5}-${plus4}` : zip5 };
}

/** GeoNames admin1 codes for the UK's nations, which people write out in full. */
const GB_NATION_CODES_BY_NAME: Readonly<Record<string, string>> = {
  england: 'ENG',
  scotland: 'SCT',
  wales: 'WLS',
  northernireland: 'NIR',
};

/**
 * Whether a written region names a GeoNames admin1 code: the code itself ("ENG", "11") or,
 * in GB, the nation's name. GeoNames' admin1 names are not in the dataset, so "Île-de-France"
 * cannot be recognised and such regions are not used to narrow a search.
 */
export function regionMatchesAdminCode(region: string, country: string, adminCode: string): boolean {
  const key = words(region).join('');
  if (key === adminCode.toLowerCase()) return true;
  return country === 'GB' && GB_NATION_CODES_BY_NAME[key] === adminCode;
}

const GB_NATION_NAMES_BY_CODE: Readonly<Record<string, string>> = {
  ENG: 'England',
  SCT: 'Scotland',
  WLS: 'Wales',
  NIR: 'Northern Ireland',
};

/**
 * How to show a GeoNames admin1 code to a person: the UK's nations by name, other
 * alphabetic codes (US states, Swiss cantons) as they are; numeric codes ("11" for
 * Île-de-France) mean nothing to a reader and give undefined.
 */
export function adminRegionDisplayName(country: string, adminCode: string): string | undefined {
  if (country === 'GB' && GB_NATION_NAMES_BY_CODE[adminCode]) return GB_NATION_NAMES_BY_CODE[adminCode];
  return /^[A-Z]+$/.test(adminCode) ? adminCode : undefined;
}
