// Port: what business code needs from geography — check and place an address, name the
// place a position is in, and estimate road distance/time between points. Adapters:
// `local-geo.ts` (offline gazetteer, approximate) and `amazon-location-geo.ts` (AWS).
import type { PostalAddress } from '../domain/address';
import { DomainError } from '../domain/errors';

export interface LatLon {
  lat: number;
  lon: number;
}

export type { PostalAddress };

/** How finely `location` pins the address: the building's street, the postcode area, or the city. */
export type GeoPrecision = 'street' | 'postcode' | 'city';

export interface GeocodedAddress extends PostalAddress {
  location: LatLon;
  precision: GeoPrecision;
  /** True when `location` is an estimate (a postcode/city centre, an interpolated house number). */
  approximate: boolean;
  /** One line a person can read back; says "approximate" when it is. */
  label: string;
  /** IANA zone, e.g. "America/Los_Angeles", when the adapter knows it. */
  timeZone?: string;
}

export type GeocodeFailureReason = 'unknown_place' | 'postcode_city_mismatch' | 'unsupported_country' | 'incomplete_address';

export type GeocodeResult =
  | { kind: 'matched'; address: GeocodedAddress }
  /** Best first, at most MAX_GEOCODE_CANDIDATES. */
  | { kind: 'ambiguous'; candidates: GeocodedAddress[] }
  | { kind: 'not_found'; reason: GeocodeFailureReason; message: string };

export interface PlaceDescription {
  label: string;
  locality?: string;
  region?: string;
  postcode?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** Great-circle distance from the asked position to the described place. */
  distanceKm: number;
}

/**
 * Row i is origin i, column j is destination j. A pair with no road route between them
 * holds Number.POSITIVE_INFINITY in both matrices, so "too far" checks and route
 * sequencing treat it as unreachable without a special case.
 */
export interface TravelMatrix {
  distanceKm: number[][];
  durationMinutes: number[][];
  /** True when the figures are estimates rather than routed over a road network. */
  approximate: boolean;
}

export interface GeoPort {
  geocode(address: PostalAddress): Promise<GeocodeResult>;
  /** Nearest named place, for "where is my parcel"; null when nothing named is near. Throws InvalidPosition. */
  describePosition(position: LatLon): Promise<PlaceDescription | null>;
  /** Throws InvalidPosition for coordinates off the globe. */
  travelMatrix(origins: LatLon[], destinations: LatLon[]): Promise<TravelMatrix>;
}

export const MAX_GEOCODE_CANDIDATES = 5;

/** A coordinate that is not a finite latitude in [-90, 90] and longitude in [-180, 180]. */
export class InvalidPosition extends DomainError {
  constructor(what: string, position: unknown) {
    super('InvalidPosition', `The ${what} is not a valid position (latitude -90..90, longitude -180..180): ${describeValue(position)}.`, {
      what,
    });
  }
}

/** Transient: the geography provider did not answer (throttled, timed out, 5xx). Retrying may succeed. */
export class GeoProviderUnavailable extends DomainError {
  override readonly transient = true;
  constructor(operation: string, cause: string) {
    super('GeoProviderUnavailable', `The location service did not answer ${operation}: ${cause}`, { operation });
  }
}

/** Final: the provider refused the request (bad configuration, permissions, invalid input it rejects). */
export class GeoProviderError extends DomainError {
  constructor(operation: string, providerErrorName: string, cause: string) {
    super('GeoProviderError', `The location service refused ${operation} (${providerErrorName}): ${cause}`, {
      operation,
      providerErrorName,
    });
  }
}

export function isValidLatLon(position: unknown): position is LatLon {
  if (typeof position !== 'object' || position === null) return false;
  const { lat, lon } = position as Record<string, unknown>;
  return typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

export function assertValidPosition(position: unknown, what: string): asserts position is LatLon {
  if (!isValidLatLon(position)) throw new InvalidPosition(what, position);
}

const EARTH_MEAN_RADIUS_KM = 6371.0088;

/** Haversine distance over the mean Earth sphere; within ~0.5% of the ellipsoid everywhere. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const toRadians = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRadians;
  const dLon = (b.lon - a.lon) * toRadians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRadians) * Math.cos(b.lat * toRadians) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Upper-cases and trims an ISO 3166-1 alpha-2 code. "UK" is accepted for GB because people
 * (and the ISO standard's own exceptional reservation) use it. Returns undefined when the
 * value cannot be an alpha-2 code.
 */
export function normalizeCountryCode(country: string | undefined): string | undefined {
  const code = (country ?? '').trim().toUpperCase();
  if (code === 'UK') return 'GB';
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
}

/** The same answer from every adapter for an address missing its street line or city. */
export function incompleteAddressResult(address: PostalAddress): Extract<GeocodeResult, { kind: 'not_found' }> | undefined {
  const missing = [isBlank(address.line1) ? 'street address' : undefined, isBlank(address.city) ? 'city' : undefined].filter(
    (part): part is string => part !== undefined,
  );
  if (missing.length === 0) return undefined;
  return { kind: 'not_found', reason: 'incomplete_address', message: `The address has no ${missing.join(' and no ')}.` };
}

function isBlank(value: string | undefined): boolean {
  return (value ?? '').trim() === '';
}

// JSON would print NaN and Infinity as null, hiding the very value that was wrong.
function describeValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const { lat, lon } = value as Record<string, unknown>;
    return `lat ${String(lat)}, lon ${String(lon)}`;
  }
  return String(value);
}
