// Demo data for `npm start`: couriers around Seattle (matching the demo Cognito users) and a
// set of bookings over the next working days, created through the real createBooking path —
// GraphQL → booking saga → DynamoDB — so the demo shows the system as it works.
import type { CourierProfile } from '../../functions/ports/courier-store';
import { DEFAULT_BUSINESS_RULES } from '../../functions/domain/business-rules';
import { upcomingBookableWindows } from '../../functions/domain/pickup-windows';
import { DEMO_USERS } from './demo-users';

const HOME_BASES: Record<string, { lat: number; lon: number; vehicle: CourierProfile['vehicle']; phone: string }> = {
  C001: { lat: 47.6205, lon: -122.3493, vehicle: 'BIKE', phone: '+12065550101' }, // Seattle Center
  C002: { lat: 47.6097, lon: -122.3422, vehicle: 'CAR', phone: '+12065550102' }, // Pike Place
  C003: { lat: 47.6686, lon: -122.3860, vehicle: 'VAN', phone: '+12065550103' }, // Ballard
  C004: { lat: 47.6101, lon: -122.2015, vehicle: 'CAR', phone: '+14255550104' }, // Bellevue
  C005: { lat: 47.6740, lon: -122.1215, vehicle: 'VAN', phone: '+14255550105' }, // Redmond
  C006: { lat: 47.6553, lon: -122.3035, vehicle: 'BIKE', phone: '+12065550106' }, // University District
};

export function demoCouriers(): CourierProfile[] {
  return DEMO_USERS.filter((u) => u.courierId).map((u) => {
    const base = HOME_BASES[u.courierId!];
    return {
      courierId: u.courierId!,
      name: u.displayName,
      phone: base.phone,
      email: u.email,
      username: u.username,
      vehicle: base.vehicle,
      onDuty: true,
      homeBase: { lat: base.lat, lon: base.lon },
      region: 'seattle',
    };
  });
}

export const DEMO_PLACES = [
  { line1: '400 Broad St', city: 'Seattle', region: 'WA', postcode: '98109', country: 'US' },
  { line1: '85 Pike St', city: 'Seattle', region: 'WA', postcode: '98101', country: 'US' },
  { line1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postcode: '98052', country: 'US' },
  { line1: '500 108th Ave NE', city: 'Bellevue', region: 'WA', postcode: '98004', country: 'US' },
  { line1: '5300 Ballard Ave NW', city: 'Seattle', region: 'WA', postcode: '98107', country: 'US' },
  { line1: '3400 Stone Way N', city: 'Seattle', region: 'WA', postcode: '98103', country: 'US' },
  { line1: '4000 15th Ave NE', city: 'Seattle', region: 'WA', postcode: '98105', country: 'US' },
  { line1: '1519 Broadway', city: 'Seattle', region: 'WA', postcode: '98122', country: 'US' },
  { line1: '401 NE Northgate Way', city: 'Seattle', region: 'WA', postcode: '98125', country: 'US' },
  { line1: '12 Lake St', city: 'Kirkland', region: 'WA', postcode: '98033', country: 'US' },
  { line1: '1000 4th Ave', city: 'Seattle', region: 'WA', postcode: '98104', country: 'US' },
  { line1: '17801 International Blvd', city: 'SeaTac', region: 'WA', postcode: '98158', country: 'US' },
];

const CUSTOMERS = [
  { name: 'Grace Hopper', phone: '+12065550140', email: 'grace@example.com' },
  { name: 'Alan Turing', phone: '+12065550141', email: 'alan@example.com' },
  { name: 'Katherine Johnson', phone: '+12065550142' },
  { name: 'Tim Berners-Lee', phone: '+14255550143', email: 'tim@example.com' },
  { name: 'Margaret Hamilton', phone: '+14255550144', email: 'margaret@example.com' },
  { name: 'Linus Torvalds', phone: '+12065550145' },
];

const PARCELS = [
  { size: 'SMALL', weightKg: 1.2, handling: [] as string[], description: 'Documents' },
  { size: 'MEDIUM', weightKg: 6.5, handling: ['FRAGILE'], description: 'Ceramic vase' },
  { size: 'LARGE', weightKg: 18, handling: ['KEEP_UPRIGHT'], description: 'Espresso machine' },
  { size: 'SMALL', weightKg: 0.4, handling: ['SIGNATURE_REQUIRED', 'HIGH_VALUE'], description: 'Watch' },
  { size: 'EXTRA_LARGE', weightKg: 42, handling: [], description: 'Flat-pack desk' },
  { size: 'MEDIUM', weightKg: 3, handling: ['PERISHABLE'], description: 'Cake' },
];

/** Requests for demo bookings spread over the next bookable windows (deterministic per day). */
export function demoBookingRequests(now: Date, count = 14) {
  const windows = upcomingBookableWindows(now, DEFAULT_BUSINESS_RULES, 10);
  return Array.from({ length: count }, (_, i) => {
    const pickup = DEMO_PLACES[i % DEMO_PLACES.length];
    const delivery = DEMO_PLACES[(i * 5 + 3) % DEMO_PLACES.length];
    return {
      idempotencyKey: `demo-${windows[0].date}-${i}`,
      customer: CUSTOMERS[i % CUSTOMERS.length],
      pickup,
      delivery: delivery === pickup ? DEMO_PLACES[(i + 1) % DEMO_PLACES.length] : delivery,
      parcel: PARCELS[i % PARCELS.length],
      pickupWindowId: windows[i % windows.length].id,
    };
  });
}
