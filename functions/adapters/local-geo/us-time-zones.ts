// IANA time zone per US state, only for states that lie wholly in one zone. States split
// between zones (e.g. OR, ID, TX, FL, KY, TN, IN, MI, the Dakotas, NE, KS, NV, AZ with the
// Navajo Nation, AK) get none: the gazetteer has no boundaries to pick the right side, and
// no time zone is better than a wrong one for pickup windows.
const SINGLE_ZONE_STATES: Readonly<Record<string, string>> = {
  WA: 'America/Los_Angeles',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  MT: 'America/Denver',
  NM: 'America/Denver',
  UT: 'America/Denver',
  WY: 'America/Denver',
  AL: 'America/Chicago',
  AR: 'America/Chicago',
  IA: 'America/Chicago',
  IL: 'America/Chicago',
  LA: 'America/Chicago',
  MN: 'America/Chicago',
  MO: 'America/Chicago',
  MS: 'America/Chicago',
  OK: 'America/Chicago',
  WI: 'America/Chicago',
  CT: 'America/New_York',
  DC: 'America/New_York',
  DE: 'America/New_York',
  GA: 'America/New_York',
  MA: 'America/New_York',
  MD: 'America/New_York',
  ME: 'America/New_York',
  NC: 'America/New_York',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NY: 'America/New_York',
  OH: 'America/New_York',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  VA: 'America/New_York',
  VT: 'America/New_York',
  WV: 'America/New_York',
  HI: 'Pacific/Honolulu',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  MP: 'Pacific/Saipan',
  AS: 'Pacific/Pago_Pago',
};

export function usStateTimeZone(stateCode: string): string | undefined {
  return SINGLE_ZONE_STATES[stateCode];
}
