// GeoPort for the local cloud. No offline street-level geocoder or router is obtainable, so
// US addresses are placed at their ZIP code's centroid, other addresses at their city's
// GeoNames point, and road distance is the straight-line distance times a circuity factor.
// Every answer is marked approximate and says so in its label.
import CheapRuler from 'cheap-ruler';
import { distance as greatCircleKm } from 'geokdbush';
import {
  assertValidPosition,
  incompleteAddressResult,
  MAX_GEOCODE_CANDIDATES,
  normalizeCountryCode,
  type GeocodedAddress,
  type GeocodeFailureReason,
  type GeocodeResult,
  type GeoPort,
  type LatLon,
  type PlaceDescription,
  type PostalAddress,
  type TravelMatrix,
} from '../ports/geo-port';
import { sharedGazetteer, type Gazetteer, type UsPlace, type WorldPlace, type ZipArea } from './local-geo/gazetteer';
import { adminRegionDisplayName, parseUsState, parseUsZip, placeNameKey, regionMatchesAdminCode, US_MILITARY_POST_CODES } from './local-geo/place-names';
import { usStateTimeZone } from './local-geo/us-time-zones';

/**
 * Road distance ÷ straight-line distance. Studies of road-network circuity put random
 * urban pairs at about 1.2 (Newell 1980; O'Sullivan 1996: 1.21–1.23 around transit
 * stations), national averages at 1.2–1.4 (Ballou, Rahardja & Sakai 2002, "Selected
 * country circuity factors for road travel distance estimation"), and find short urban
 * trips and metros cut by water higher (Levinson & El-Geneidy 2009; Giacomin & Levinson
 * 2015). Courier trips are short and the demo metro, Seattle, is split by Lake Washington
 * and Puget Sound, so we take 1.3, the middle of the 1.2–1.4 band.
 */
export const ROAD_CIRCUITY_FACTOR = 1.3;

/**
 * Door-to-door average speed of a van in a US metro, signals and congestion included.
 * Traffic-index city figures (e.g. TomTom Traffic Index) put city-centre averages around
 * 20–35 km/h; 30 km/h errs towards the suburban legs most deliveries also have.
 */
export const URBAN_AVERAGE_SPEED_KMH = 30;

/**
 * A ZIP's data carries only its USPS default city, but USPS also accepts other place names
 * inside the ZIP ("Clyde Hill, WA 98004" is Bellevue's ZIP). A city name is accepted for a
 * ZIP when that place lies this close to the ZIP's centroid; Seattle's centre is ~9 km from
 * 98004's, so it is still refused there.
 */
export const ZIP_ALTERNATE_CITY_RADIUS_KM = 4;

/** Beyond this nothing is "near" a position (mid-ocean, polar ice): describePosition answers null. */
export const NEAREST_PLACE_MAX_KM = 250;

/** cheap-ruler stays within ~0.1% up to a few hundred km; beyond that use the great circle. */
const CHEAP_RULER_MAX_KM = 500;

export interface LocalGeoOptions {
  /** Road distance ÷ straight-line distance; default ROAD_CIRCUITY_FACTOR. */
  roadFactor?: number;
  /** Average speed turning road distance into time; default URBAN_AVERAGE_SPEED_KMH. */
  averageSpeedKmh?: number;
}

export class LocalGeo implements GeoPort {
  readonly roadFactor: number;
  readonly averageSpeedKmh: number;

  constructor(options: LocalGeoOptions = {}) {
    this.roadFactor = options.roadFactor ?? ROAD_CIRCUITY_FACTOR;
    this.averageSpeedKmh = options.averageSpeedKmh ?? URBAN_AVERAGE_SPEED_KMH;
    if (!Number.isFinite(this.roadFactor) || this.roadFactor < 1) {
      throw new RangeError(`roadFactor must be a finite number of at least 1 (roads are never shorter than a straight line), not ${this.roadFactor}`);
    }
    if (!Number.isFinite(this.averageSpeedKmh) || this.averageSpeedKmh <= 0) {
      throw new RangeError(`averageSpeedKmh must be a positive finite number, not ${this.averageSpeedKmh}`);
    }
  }

  async geocode(address: PostalAddress): Promise<GeocodeResult> {
    const incomplete = incompleteAddressResult(address);
    if (incomplete) return incomplete;
    const cityKey = placeNameKey(address.city);
    if (cityKey === '') return notFound('incomplete_address', `“${address.city}” is not a city name.`);
    const country = normalizeCountryCode(address.country);
    if (!country) return notFound('unsupported_country', `“${address.country}” is not a two-letter ISO country code such as US or GB.`);

    const gazetteer = sharedGazetteer();
    if (country === 'US') return geocodeUs(gazetteer, address, cityKey);
    if (!gazetteer.hasCountry(country)) return notFound('unsupported_country', `No places in ${countryName(country)} are known to the local gazetteer.`);
    return geocodeElsewhere(gazetteer, address, country, cityKey);
  }

  async describePosition(position: LatLon): Promise<PlaceDescription | null> {
    assertValidPosition(position, 'position');
    const gazetteer = sharedGazetteer();
    const city = gazetteer.nearestWorldPlace(position, NEAREST_PLACE_MAX_KM);
    const zipArea = gazetteer.nearestZipArea(position, NEAREST_PLACE_MAX_KM);
    // ZIP centroids are far denser than towns, so inside the US the nearest one is the finer
    // answer; near a border the nearest town decides which side the position is on.
    if (zipArea && (!city || city.item.country === 'US' || zipArea.distanceKm <= city.distanceKm)) {
      const { zip, state } = zipArea.item;
      const locality = usCityName(gazetteer, zipArea.item);
      return { label: `${locality}, ${state} ${zip}`, locality, region: state, postcode: zip, country: 'US', distanceKm: zipArea.distanceKm };
    }
    if (!city) return null;
    const { name, country, adminCode } = city.item;
    const region = adminRegionDisplayName(country, adminCode);
    return {
      label: `${name}, ${countryName(country)}`,
      locality: name,
      ...(region ? { region } : {}),
      country,
      distanceKm: city.distanceKm,
    };
  }

  async travelMatrix(origins: LatLon[], destinations: LatLon[]): Promise<TravelMatrix> {
    origins.forEach((position, i) => assertValidPosition(position, `origin #${i + 1}`));
    destinations.forEach((position, i) => assertValidPosition(position, `destination #${i + 1}`));
    const distanceKm = origins.map((origin) => destinations.map((destination) => this.roadFactor * straightLineKm(origin, destination)));
    const minutesPerKm = 60 / this.averageSpeedKmh;
    const durationMinutes = distanceKm.map((row) => row.map((km) => km * minutesPerKm));
    return { distanceKm, durationMinutes, approximate: true };
  }
}

/** Shortest surface distance: cheap-ruler at city scale, the great circle beyond. */
export function straightLineKm(a: LatLon, b: LatLon): number {
  const ruler = new CheapRuler((a.lat + b.lat) / 2, 'kilometers');
  const km = ruler.distance([a.lon, a.lat], [b.lon, b.lat]);
  return km <= CHEAP_RULER_MAX_KM ? km : greatCircleKm(a.lon, a.lat, b.lon, b.lat);
}

function geocodeUs(gazetteer: Gazetteer, address: PostalAddress, cityKey: string): GeocodeResult {
  let state: string | undefined;
  if (!isBlank(address.region)) {
    state = parseUsState(address.region!);
    if (!state) return notFound('unknown_place', `“${address.region!.trim()}” is not a US state or territory.`);
    if (US_MILITARY_POST_CODES.has(state)) return notFound('unknown_place', militaryPostMessage(state));
  }
  if (!isBlank(address.postcode)) return geocodeUsZip(gazetteer, address, cityKey, state);

  const places = gazetteer.usPlacesNamed(cityKey).filter((place) => state === undefined || place.state === state);
  const city = address.city.trim();
  if (places.length === 0) {
    return notFound('unknown_place', state ? `No place called “${city}” is known in ${state}.` : `No place called “${city}” is known in the United States.`);
  }
  const ranked = [...places].sort(byPopulationThenZipCount);
  if (ranked.length === 1) return { kind: 'matched', address: usCityAddress(address, ranked[0]) };
  return { kind: 'ambiguous', candidates: ranked.slice(0, MAX_GEOCODE_CANDIDATES).map((place) => usCityAddress(address, place)) };
}

function geocodeUsZip(gazetteer: Gazetteer, address: PostalAddress, cityKey: string, state: string | undefined): GeocodeResult {
  const postcode = address.postcode!.trim();
  const zip = parseUsZip(postcode);
  if (!zip) return notFound('unknown_place', `“${postcode}” is not a US ZIP code (five digits, or ZIP+4).`);
  const area = gazetteer.zipArea(zip.zip5);
  if (!area) return notFound('unknown_place', `ZIP code ${zip.zip5} is not a US ZIP code we can locate.`);

  const owner = `${usCityName(gazetteer, area)}, ${area.state}`;
  const city = address.city.trim();
  if (state !== undefined && state !== area.state) {
    return notFound('postcode_city_mismatch', `ZIP code ${zip.zip5} belongs to ${owner}, not to ${city}, ${state}.`);
  }
  const namedPlace = gazetteer.usPlace(area.state, cityKey);
  const isDefaultCity = placeNameKey(area.city) === cityKey;
  const isPlaceInsideZip = namedPlace !== undefined && straightLineKm(namedPlace.location, area.location) <= ZIP_ALTERNATE_CITY_RADIUS_KM;
  if (!isDefaultCity && !isPlaceInsideZip) {
    return notFound('postcode_city_mismatch', `ZIP code ${zip.zip5} belongs to ${owner}, not to ${city}.`);
  }

  const cityName = namedPlace?.name ?? area.city;
  const street = streetPart(address);
  return {
    kind: 'matched',
    address: {
      ...streetFields(address),
      city: cityName,
      region: area.state,
      postcode: zip.formatted,
      country: 'US',
      location: area.location,
      precision: 'postcode',
      approximate: true,
      label: `${street}, ${cityName}, ${area.state} ${zip.formatted} (approximate: centre of ZIP code ${zip.zip5})`,
      ...timeZoneOf(area.state),
    },
  };
}

function usCityAddress(address: PostalAddress, place: UsPlace): GeocodedAddress {
  return {
    ...streetFields(address),
    city: place.name,
    region: place.state,
    country: 'US',
    location: place.location,
    precision: 'city',
    approximate: true,
    label: `${streetPart(address)}, ${place.name}, ${place.state} (approximate: centre of ${place.name})`,
    ...timeZoneOf(place.state),
  };
}

function geocodeElsewhere(gazetteer: Gazetteer, address: PostalAddress, country: string, cityKey: string): GeocodeResult {
  const city = address.city.trim();
  const named = gazetteer.worldPlacesNamed(country, cityKey);
  if (named.length === 0) return notFound('unknown_place', `No place called “${city}” is known in ${countryName(country)}.`);
  // A region only narrows the search when it can be recognised (see regionMatchesAdminCode);
  // an unrecognised one is not held against the address.
  const region = address.region?.trim();
  const inRegion = region ? named.filter((place) => regionMatchesAdminCode(region, country, place.adminCode)) : [];
  const ranked = [...(inRegion.length > 0 ? inRegion : named)].sort((a, b) => b.population - a.population);
  if (ranked.length === 1) return { kind: 'matched', address: worldCityAddress(address, country, ranked[0]) };
  return { kind: 'ambiguous', candidates: ranked.slice(0, MAX_GEOCODE_CANDIDATES).map((place) => worldCityAddress(address, country, place)) };
}

function worldCityAddress(address: PostalAddress, country: string, place: WorldPlace): GeocodedAddress {
  const postcode = address.postcode?.trim();
  // The dataset's own region wins: with several candidates, each must show where it is.
  const region = adminRegionDisplayName(country, place.adminCode) ?? (address.region?.trim() || undefined);
  const regionLabel = region ? `, ${region}` : '';
  const postcodeNote = postcode ? `; postcode ${postcode} not checked` : '';
  return {
    ...streetFields(address),
    city: place.name,
    ...(region ? { region } : {}),
    ...(postcode ? { postcode } : {}),
    country,
    location: place.location,
    precision: 'city',
    approximate: true,
    label: `${streetPart(address)}, ${place.name}${regionLabel}, ${countryName(country)} (approximate: centre of ${place.name}${postcodeNote})`,
  };
}

function byPopulationThenZipCount(a: UsPlace, b: UsPlace): number {
  return (b.population ?? -1) - (a.population ?? -1) || b.zipCount - a.zipCount || a.state.localeCompare(b.state);
}

/** GeoNames spells many towns better than the USPS table ("SeaTac", "St. Louis"). */
function usCityName(gazetteer: Gazetteer, area: ZipArea): string {
  return gazetteer.usPlace(area.state, placeNameKey(area.city))?.name ?? area.city;
}

function streetFields(address: PostalAddress): Pick<PostalAddress, 'line1' | 'line2'> {
  const line2 = address.line2?.trim();
  return { line1: address.line1.trim(), ...(line2 ? { line2 } : {}) };
}

function streetPart(address: PostalAddress): string {
  const { line1, line2 } = streetFields(address);
  return line2 ? `${line1}, ${line2}` : line1;
}

function timeZoneOf(state: string): { timeZone?: string } {
  const timeZone = usStateTimeZone(state);
  return timeZone ? { timeZone } : {};
}

function militaryPostMessage(state: string): string {
  return `${state} is a military post (APO/FPO/DPO) code; couriers cannot deliver there.`;
}

function notFound(reason: GeocodeFailureReason, message: string): GeocodeResult {
  return { kind: 'not_found', reason, message };
}

function isBlank(value: string | undefined): boolean {
  return (value ?? '').trim() === '';
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
