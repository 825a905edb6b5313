// Places as a caller says and hears them: "Springfield, Missouri" rather than "Springfield, MO".
// Geocoders return US states as USPS codes; speech needs the names, and a caller picking one of
// several same-named towns answers with the state's name.

export const US_STATE_NAMES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware',
  DC: 'the District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
};

/** "Missouri" for MO in the US; other regions (Wales, England) are names already. */
export function spokenRegion(region: string | undefined, country: string | undefined): string | undefined {
  if (!region) return undefined;
  if (country === 'US') return US_STATE_NAMES[region.toUpperCase()] ?? region;
  return region;
}

/** "Bellevue, Washington"; just the locality when the region adds nothing. */
export function spokenPlace(place: { locality?: string; city?: string; region?: string; country?: string }): string {
  const locality = place.locality ?? place.city ?? '';
  const region = spokenRegion(place.region, place.country);
  return region && region !== locality ? `${locality}, ${region}` : locality;
}

/**
 * Which of several candidate regions a caller's words name ("the one in Wales", "Missouri",
 * "M O"); undefined unless exactly one matches.
 */
export function regionNamedIn(words: string, candidates: readonly { region?: string; country?: string }[]): string | undefined {
  const said = ` ${words.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ')} `;
  const compact = said.replace(/\s+/g, '');
  const named = candidates.filter((candidate) => {
    if (!candidate.region) return false;
    const name = spokenRegion(candidate.region, candidate.country)!.toLowerCase().replace(/^the /, '');
    if (said.includes(` ${name} `)) return true;
    // A spelled-out state code ("M O") only counts as the whole answer, or it would match any "mo" or "or".
    return candidate.country === 'US' && compact === candidate.region.toLowerCase();
  });
  const regions = [...new Set(named.map((candidate) => candidate.region))];
  return regions.length === 1 ? regions[0] : undefined;
}
