// Flow: pickup + delivery → geocode both (GeoPort) → road distance → within service area?
// Shared by the booking saga and the voice code hook (which asks callers to clarify).
import type { BookingAddress } from '../domain/booking';
import type { ValidAddress } from '../domain/booking-request';
import type { BusinessRules } from '../domain/business-rules';
import { AddressAmbiguous, AddressNotFound, OutsideServiceArea } from '../domain/errors';
import type { GeocodedAddress, GeoPort } from '../ports/geo-port';

export function toBookingAddress(address: GeocodedAddress): BookingAddress {
  return {
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    ...(address.region ? { region: address.region } : {}),
    ...(address.postcode ? { postcode: address.postcode } : {}),
    country: address.country,
    location: { lat: address.location.lat, lon: address.location.lon },
    precision: address.precision.toUpperCase() as BookingAddress['precision'],
    approximate: address.approximate,
    label: address.label,
  };
}

/** Geocodes one address, turning "not found" and "ambiguous" into typed errors. */
export async function locateAddress(geo: GeoPort, which: 'pickup' | 'delivery', address: ValidAddress): Promise<BookingAddress> {
  const result = await geo.geocode(address);
  switch (result.kind) {
    case 'matched':
      return toBookingAddress(result.address);
    case 'ambiguous':
      throw new AddressAmbiguous(
        which,
        result.candidates.map((c) => c.label),
      );
    case 'not_found':
      throw new AddressNotFound(which, result.reason, result.message);
  }
}

export interface LocatedAddresses {
  pickup: BookingAddress;
  delivery: BookingAddress;
  distanceKm: number;
}

export async function locateBookingAddresses(
  geo: GeoPort,
  addresses: { pickup: ValidAddress; delivery: ValidAddress },
  rules: BusinessRules,
): Promise<LocatedAddresses> {
  const [pickup, delivery] = await Promise.all([locateAddress(geo, 'pickup', addresses.pickup), locateAddress(geo, 'delivery', addresses.delivery)]);
  const matrix = await geo.travelMatrix([pickup.location], [delivery.location]);
  const distanceKm = matrix.distanceKm[0][0];
  if (!Number.isFinite(distanceKm) || distanceKm > rules.maxDistanceKm) throw new OutsideServiceArea(distanceKm, rules.maxDistanceKm);
  return { pickup, delivery, distanceKm };
}
