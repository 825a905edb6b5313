// Flow: addresses + parcel, before anything is booked → geocode both and check the distance
// (locate-booking-addresses.ts, as the saga does) → price (the saga's own pricing) → the quote a
// caller confirms. The saga recomputes it from the same inputs, so confirmation and charge agree.
import type { ValidAddress } from '../domain/booking-request';
import type { BusinessRules, ParcelSize, SpecialHandling } from '../domain/business-rules';
import { quoteBooking, type Quote } from '../domain/pricing';
import type { GeocodeResult, GeoPort, PostalAddress } from '../ports/geo-port';
import { locateBookingAddresses, type LocatedAddresses } from './locate-booking-addresses';

export interface QuoteRequest {
  pickup: ValidAddress;
  delivery: ValidAddress;
  parcel: { size: ParcelSize; weightKg: number; handling: SpecialHandling[] };
}

/** Throws AddressNotFound, AddressAmbiguous or OutsideServiceArea like the saga's first step. */
export async function quoteBookingRequest(request: QuoteRequest, deps: { geo: GeoPort; rules: BusinessRules }): Promise<LocatedAddresses & { quote: Quote }> {
  const located = await locateBookingAddresses(deps.geo, request, deps.rules);
  const quote = quoteBooking({ ...request.parcel, distanceKm: located.distanceKm }, deps.rules);
  return { ...located, quote };
}

/** One address as the caller gave it, checked before the conversation moves on (R3.9). */
export function checkAddress(address: PostalAddress, deps: { geo: GeoPort }): Promise<GeocodeResult> {
  return deps.geo.geocode(address);
}
