// GeoPort on Amazon Location Service (place index + route calculator, the "v0" APIs of
// @aws-sdk/client-location): SearchPlaceIndexForText geocodes, SearchPlaceIndexForPosition
// names a position, CalculateRouteMatrix gives road distance and time.
import {
  CalculateRouteMatrixCommand,
  LocationClient,
  LocationServiceException,
  SearchPlaceIndexForPositionCommand,
  SearchPlaceIndexForTextCommand,
  type CalculateRouteMatrixResponse,
  type Place,
  type SearchForTextResult,
} from '@aws-sdk/client-location';
import {
  assertValidPosition,
  GeoProviderError,
  GeoProviderUnavailable,
  greatCircleKm,
  incompleteAddressResult,
  MAX_GEOCODE_CANDIDATES,
  normalizeCountryCode,
  type GeocodedAddress,
  type GeocodeResult,
  type GeoPort,
  type GeoPrecision,
  type LatLon,
  type PlaceDescription,
  type PostalAddress,
  type TravelMatrix,
} from '../ports/geo-port';

/**
 * Esri and Grab score each result's Relevance in [0, 1] ("the more address fields match,
 * the closer to 1"). At or above this the best result is taken as the address asked for.
 */
export const MATCH_RELEVANCE = 0.8;

/** Results below this are noise (a lone word of the query matched) and are not offered. */
export const CANDIDATE_RELEVANCE = 0.5;

/**
 * A result scoring within this of the best one, at the same or a finer precision and
 * somewhere else, is a genuine alternative: the address is ambiguous.
 */
export const RIVAL_RELEVANCE_MARGIN = 0.1;

/** Results closer than this are the same address reported twice, not alternatives. */
const SAME_PLACE_KM = 0.05;

/** CalculateRouteMatrix accepts at most 350 departure and 350 destination positions per request. */
const MAX_MATRIX_POSITIONS = 350;

/** Per-route errors meaning "no road route" rather than a faulty request. */
const UNROUTABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'RouteNotFound',
  'RouteTooLong',
  'PositionsNotFound',
  'DeparturePositionNotFound',
  'DestinationPositionNotFound',
]);

const KM_PER_MILE = 1.609344;

export interface AmazonLocationGeoOptions {
  placeIndexName: string;
  routeCalculatorName: string;
  /** Defaults to a client configured from the environment (region, credentials, endpoint). */
  client?: LocationClient;
  /** Default 'Car'. */
  travelMode?: 'Car' | 'Truck';
  /** BCP 47 tag for result labels; default 'en'. */
  language?: string;
}

export class AmazonLocationGeo implements GeoPort {
  private readonly client: LocationClient;
  private readonly placeIndexName: string;
  private readonly routeCalculatorName: string;
  private readonly travelMode: 'Car' | 'Truck';
  private readonly language: string;

  constructor(options: AmazonLocationGeoOptions) {
    if (!options.placeIndexName?.trim()) throw new TypeError('AmazonLocationGeo needs a placeIndexName');
    if (!options.routeCalculatorName?.trim()) throw new TypeError('AmazonLocationGeo needs a routeCalculatorName');
    this.client = options.client ?? new LocationClient({});
    this.placeIndexName = options.placeIndexName;
    this.routeCalculatorName = options.routeCalculatorName;
    this.travelMode = options.travelMode ?? 'Car';
    this.language = options.language ?? 'en';
  }

  async geocode(address: PostalAddress): Promise<GeocodeResult> {
    const incomplete = incompleteAddressResult(address);
    if (incomplete) return incomplete;
    const country = normalizeCountryCode(address.country);
    const alpha3 = country ? ALPHA3_BY_ALPHA2.get(country) : undefined;
    if (!country || !alpha3) {
      return { kind: 'not_found', reason: 'unsupported_country', message: `“${address.country}” is not an ISO 3166 country code such as US or GB.` };
    }

    const response = await this.searchText([address.line1, address.city, address.region, address.postcode], alpha3, 10);
    const results = (response ?? []).flatMap((result, order) => {
      const match = toMatch(result, order);
      return match ? [match] : [];
    });
    results.sort((a, b) => b.relevance - a.relevance || a.order - b.order);
    const best = results[0];
    if (!best || best.relevance < CANDIDATE_RELEVANCE) {
      return { kind: 'not_found', reason: 'unknown_place', message: `No address matching “${describe(address)}” was found.` };
    }

    const postcode = address.postcode?.trim();
    if (postcode && best.place.PostalCode && !postcodesAgree(country, postcode, best.place.PostalCode)) {
      return { kind: 'not_found', reason: 'postcode_city_mismatch', message: await this.mismatchMessage(country, alpha3, postcode, address, best.place) };
    }

    const candidates = results.filter(
      (result) => result.relevance >= CANDIDATE_RELEVANCE && (!postcode || !result.place.PostalCode || postcodesAgree(country, postcode, result.place.PostalCode)),
    );
    const rivals = candidates.filter(
      (result) =>
        result !== best &&
        result.relevance >= best.relevance - RIVAL_RELEVANCE_MARGIN &&
        result.specificity >= best.specificity &&
        greatCircleKm(result.location, best.location) > SAME_PLACE_KM,
    );
    if (best.relevance >= MATCH_RELEVANCE && rivals.length === 0) {
      return { kind: 'matched', address: toGeocodedAddress(address, country, best) };
    }
    const offered = distinctPlaces(best.relevance >= MATCH_RELEVANCE ? [best, ...rivals] : candidates);
    return { kind: 'ambiguous', candidates: offered.slice(0, MAX_GEOCODE_CANDIDATES).map((result) => toGeocodedAddress(address, country, result)) };
  }

  async describePosition(position: LatLon): Promise<PlaceDescription | null> {
    assertValidPosition(position, 'position');
    const response = await this.call('SearchPlaceIndexForPosition', () =>
      this.client.send(
        new SearchPlaceIndexForPositionCommand({ IndexName: this.placeIndexName, Position: [position.lon, position.lat], MaxResults: 1, Language: this.language }),
      ),
    );
    const result = response.Results?.[0];
    const place = result?.Place;
    const point = place ? pointOf(place) : undefined;
    if (!result || !place || !point) return null;
    const locality = place.Municipality ?? place.SubMunicipality ?? place.Neighborhood ?? place.SubRegion;
    const country = place.Country ? ALPHA2_BY_ALPHA3.get(place.Country) : undefined;
    return {
      label: place.Label ?? [locality, place.Region, country].filter(Boolean).join(', '),
      ...(locality ? { locality } : {}),
      ...(place.Region ? { region: place.Region } : {}),
      ...(place.PostalCode ? { postcode: place.PostalCode } : {}),
      ...(country ? { country } : {}),
      // Distance is documented as always present (metres); the fallback only guards a provider that omits it.
      distanceKm: result.Distance !== undefined ? result.Distance / 1000 : greatCircleKm(position, point),
    };
  }

  async travelMatrix(origins: LatLon[], destinations: LatLon[]): Promise<TravelMatrix> {
    origins.forEach((position, i) => assertValidPosition(position, `origin #${i + 1}`));
    destinations.forEach((position, i) => assertValidPosition(position, `destination #${i + 1}`));
    const distanceKm = origins.map(() => new Array<number>(destinations.length));
    const durationMinutes = origins.map(() => new Array<number>(destinations.length));
    // Sequential on purpose: the default quota is a handful of matrix requests per second.
    for (let row = 0; row < origins.length; row += MAX_MATRIX_POSITIONS) {
      for (let column = 0; column < destinations.length; column += MAX_MATRIX_POSITIONS) {
        const departures = origins.slice(row, row + MAX_MATRIX_POSITIONS);
        const arrivals = destinations.slice(column, column + MAX_MATRIX_POSITIONS);
        const response = await this.call('CalculateRouteMatrix', () =>
          this.client.send(
            new CalculateRouteMatrixCommand({
              CalculatorName: this.routeCalculatorName,
              DeparturePositions: departures.map(toPosition),
              DestinationPositions: arrivals.map(toPosition),
              TravelMode: this.travelMode,
              DistanceUnit: 'Kilometers',
            }),
          ),
        );
        copyMatrixBlock(response, departures.length, arrivals.length, (i, j, km, minutes) => {
          distanceKm[row + i][column + j] = km;
          durationMinutes[row + i][column + j] = minutes;
        });
      }
    }
    return { distanceKm, durationMinutes, approximate: false };
  }

  private async searchText(parts: (string | undefined)[], alpha3: string, maxResults: number): Promise<SearchForTextResult[] | undefined> {
    const text = parts
      .map((part) => part?.trim())
      .filter((part): part is string => !!part)
      .join(', ');
    const response = await this.call('SearchPlaceIndexForText', () =>
      this.client.send(
        new SearchPlaceIndexForTextCommand({ IndexName: this.placeIndexName, Text: text, FilterCountries: [alpha3], MaxResults: maxResults, Language: this.language }),
      ),
    );
    return response.Results;
  }

  /** Names what the postcode belongs to, which is what a caller needs to correct the address. */
  private async mismatchMessage(country: string, alpha3: string, postcode: string, address: PostalAddress, found: Place): Promise<string> {
    const noun = country === 'US' ? 'ZIP code' : 'postcode';
    const asked = describe({ ...address, postcode: undefined });
    const owner = (await this.searchText([postcode], alpha3, 1))?.[0]?.Place;
    const ownerName = owner ? [owner.Municipality ?? owner.SubRegion, owner.Region].filter(Boolean).join(', ') : '';
    if (ownerName && (!owner?.PostalCode || postcodesAgree(country, postcode, owner.PostalCode))) {
      return `${noun} ${postcode} belongs to ${ownerName}, not to ${asked}.`;
    }
    return `${noun} ${postcode} does not match ${asked}, which has ${noun} ${found.PostalCode}.`;
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toGeoError(operation, error);
    }
  }
}

interface TextMatch {
  place: Place;
  location: LatLon;
  relevance: number;
  /** Provider order, the tie-breaker among equal relevance. */
  order: number;
  precision: GeoPrecision;
  /** 4 house number, 3 street, 2 postcode, 1 locality: orders results by how finely they pin the address. */
  specificity: number;
  approximate: boolean;
  approximation: string;
}

function toMatch(result: SearchForTextResult, order: number): TextMatch | undefined {
  const place = result.Place;
  const location = place ? pointOf(place) : undefined;
  if (!place || !location) return undefined;
  const kind = classify(place);
  if (!kind) return undefined;
  // HERE does not score results; it returns them best first, so the first counts as a full match.
  const relevance = result.Relevance ?? (order === 0 ? 1 : 0);
  return { place, location, relevance, order, ...kind };
}

/**
 * Precision from the documented place-type categories (AddressType, StreetType, …), or from
 * which fields are present when a provider sends no categories. Region- or country-level
 * results pin nothing a courier can drive to and are dropped.
 */
function classify(place: Place): Pick<TextMatch, 'precision' | 'specificity' | 'approximate' | 'approximation'> | undefined {
  const categories = new Set(place.Categories ?? []);
  const interpolated = place.Interpolated === true;
  const address = { precision: 'street', specificity: 4, approximate: interpolated, approximation: interpolated ? 'house number interpolated' : '' } as const;
  const street = { precision: 'street', specificity: 3, approximate: true, approximation: 'house number not found; somewhere on the street' } as const;
  const postcode = { precision: 'postcode', specificity: 2, approximate: true, approximation: `centre of postcode ${place.PostalCode ?? ''}`.trim() } as const;
  const locality = { precision: 'city', specificity: 1, approximate: true, approximation: `centre of ${place.Municipality ?? place.Neighborhood ?? 'the town'}` } as const;

  if (categories.has('AddressType')) return address;
  if (categories.has('StreetType') || categories.has('IntersectionType')) return street;
  if (categories.has('PostalCodeType')) return postcode;
  if (categories.has('MunicipalityType') || categories.has('NeighborhoodType')) return locality;
  if (categories.has('SubRegionType') || categories.has('RegionType') || categories.has('CountryType')) return undefined;
  if (place.AddressNumber && place.Street) return address;
  if (place.Street) return street;
  if (place.PostalCode) return postcode;
  if (place.Municipality || place.Neighborhood) return locality;
  return undefined;
}

/** Drops results that repeat an earlier (better) one's position. */
function distinctPlaces(matches: readonly TextMatch[]): TextMatch[] {
  const kept: TextMatch[] = [];
  for (const match of matches) {
    if (!kept.some((other) => greatCircleKm(other.location, match.location) <= SAME_PLACE_KM)) kept.push(match);
  }
  return kept;
}

function toGeocodedAddress(asked: PostalAddress, country: string, match: TextMatch): GeocodedAddress {
  const { place } = match;
  const line2 = asked.line2?.trim();
  const region = place.Region ?? asked.region?.trim();
  const postcode = place.PostalCode ?? asked.postcode?.trim();
  const label = place.Label ?? describe(asked);
  return {
    line1: asked.line1.trim(),
    ...(line2 ? { line2 } : {}),
    city: place.Municipality ?? asked.city.trim(),
    ...(region ? { region } : {}),
    ...(postcode ? { postcode } : {}),
    country: (place.Country && ALPHA2_BY_ALPHA3.get(place.Country)) || country,
    location: match.location,
    precision: match.precision,
    approximate: match.approximate,
    label: match.approximate ? `${label} (approximate: ${match.approximation})` : label,
    ...(place.TimeZone?.Name ? { timeZone: place.TimeZone.Name } : {}),
  };
}

function copyMatrixBlock(
  response: CalculateRouteMatrixResponse,
  rows: number,
  columns: number,
  put: (i: number, j: number, km: number, minutes: number) => void,
): void {
  const matrix = response.RouteMatrix;
  if (!matrix || matrix.length !== rows || matrix.some((row) => row.length !== columns)) {
    throw new GeoProviderError('CalculateRouteMatrix', 'MalformedResponse', `expected a ${rows}×${columns} RouteMatrix`);
  }
  const kmPerUnit = response.Summary?.DistanceUnit === 'Miles' ? KM_PER_MILE : 1;
  matrix.forEach((row, i) =>
    row.forEach((entry, j) => {
      if (entry.Error) {
        const code = entry.Error.Code ?? 'UnknownRouteError';
        if (!UNROUTABLE_ERROR_CODES.has(code)) {
          throw new GeoProviderError('CalculateRouteMatrix', code, entry.Error.Message ?? `route ${i + 1}→${j + 1} failed`);
        }
        put(i, j, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
      } else if (entry.Distance === undefined || entry.DurationSeconds === undefined) {
        throw new GeoProviderError('CalculateRouteMatrix', 'MalformedResponse', `route ${i + 1}→${j + 1} has neither figures nor an error`);
      } else {
        put(i, j, entry.Distance * kmPerUnit, entry.DurationSeconds / 60);
      }
    }),
  );
}

function toGeoError(operation: string, error: unknown): Error {
  if (error instanceof LocationServiceException) {
    const retryable = error.$fault === 'server' || error.$retryable !== undefined || error.name === 'ThrottlingException';
    return retryable ? new GeoProviderUnavailable(operation, error.message) : new GeoProviderError(operation, error.name, error.message);
  }
  // Anything else never got an answer from the service: a timeout, DNS, a dropped connection.
  return new GeoProviderUnavailable(operation, error instanceof Error ? error.message : String(error));
}

/** US ZIP codes compare on their first five digits (ZIP+4); elsewhere an outward code ("SW1A") matches its full code. */
function postcodesAgree(country: string, given: string, found: string): boolean {
  const a = given.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const b = found.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (country === 'US') return a.slice(0, 5) === b.slice(0, 5);
  return a === b || a.startsWith(b) || b.startsWith(a);
}

function pointOf(place: Place): LatLon | undefined {
  const point = place.Geometry?.Point;
  if (!point || point.length < 2) return undefined;
  const [lon, lat] = point;
  return { lat, lon };
}

function toPosition(position: LatLon): number[] {
  return [position.lon, position.lat];
}

function describe(address: PostalAddress): string {
  return [address.line1, address.city, address.region, address.postcode]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(', ');
}

/**
 * ISO 3166-1 alpha-2 → alpha-3, as pairs ("US" + "USA"), from Debian iso-codes 4.15.
 * Amazon Location filters and reports countries in alpha-3; the port speaks alpha-2.
 */
const ISO_3166_PAIRS =
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE ' +
  'BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS ' +
  'BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN ' +
  'COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST ' +
  'EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF ' +
  'GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD ' +
  'HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM ' +
  'JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA ' +
  'LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD ' +
  'MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM ' +
  'NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG ' +
  'PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA ' +
  'SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD ' +
  'STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON ' +
  'TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR ' +
  'VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE';

const ALPHA3_BY_ALPHA2: ReadonlyMap<string, string> = new Map(ISO_3166_PAIRS.trim().split(' ').map((pair) => [pair.slice(0, 2), pair.slice(2)]));
const ALPHA2_BY_ALPHA3: ReadonlyMap<string, string> = new Map([...ALPHA3_BY_ALPHA2].map(([alpha2, alpha3]) => [alpha3, alpha2]));
