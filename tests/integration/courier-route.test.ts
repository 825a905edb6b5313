// The suggested stop order (R11.11) on the local cloud: myRoute reads the signed-in courier's day,
// asks the GeoPort for a travel matrix and orders the stops with the route-sequencing module —
// a pickup before its delivery, parcels on board as delivery stops only, nothing for finished or
// waiting deliveries — and shows a courier none of another courier's stops.
import { bookableWindow, graphql, graphqlOk, adminAuth } from '../support/local-cloud';
import { anotherCourier, authOfCourier, bookDelivery, errorTypeOf, failAttempt, MY_DELIVERIES, updateOk, type Delivery } from '../support/deliveries';

// This file's own windows (see bookableWindow).
const WINDOW = bookableWindow(30);
const LATER_WINDOW = bookableWindow(31);

const MY_ROUTE = /* GraphQL */ `
  query Route($date: AWSDate, $from: GeoPointInput) {
    myRoute(date: $date, from: $from) {
      courierId date startSource start { lat lon } settled totalKm totalMinutes approximate method
      stops { sequence kind reference displayReference status customerName pickupWindow { id } address { label location { lat lon } } legKm legMinutes cumulativeMinutes }
    }
  }
`;

type Stop = { sequence: number; kind: string; reference: string; status: string; legKm: number; legMinutes: number; cumulativeMinutes: number; address: { location: { lat: number; lon: number } } };
type Route = { courierId: string; date: string; startSource: string; start: { lat: number; lon: number }; settled: string[]; totalKm: number; totalMinutes: number; approximate: boolean; method: string; stops: Stop[] };

const DESTINATIONS = [
  { line1: '500 108th Ave NE', city: 'Bellevue', region: 'WA', postcode: '98004', country: 'US' },
  { line1: '5300 Ballard Ave NW', city: 'Seattle', region: 'WA', postcode: '98107', country: 'US' },
  { line1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postcode: '98052', country: 'US' },
];
const PICKUP = { line1: '400 Broad St', city: 'Seattle', region: 'WA', postcode: '98109', country: 'US' };

describe('myRoute', () => {
  let courierId: string;
  let date: string;
  let courier: Awaited<ReturnType<typeof authOfCourier>>;
  let mine: string[];

  beforeAll(async () => {
    const booked = [];
    for (const [i, delivery] of DESTINATIONS.entries()) {
      booked.push(await bookDelivery(i < 2 ? WINDOW : LATER_WINDOW, { pickup: PICKUP, delivery, customer: { name: `Route Customer ${i + 1}`, phone: `+1206555021${i}` } }));
    }
    // The saga assigns the nearest courier with room: take the courier who got most of them, on one date.
    const byCourier = new Map<string, typeof booked>();
    for (const b of booked) byCourier.set(`${b.courierId} ${b.pickupDate}`, [...(byCourier.get(`${b.courierId} ${b.pickupDate}`) ?? []), b]);
    const largest = [...byCourier.values()].sort((a, b) => b.length - a.length)[0];
    ({ courierId, pickupDate: date } = largest[0]);
    mine = largest.map((b) => b.reference);
    courier = await authOfCourier(courierId);
  });

  const route = async (variables: Record<string, unknown> = {}) => (await graphqlOk<{ myRoute: Route }>(courier, MY_ROUTE, { date, ...variables })).myRoute;

  it('orders every remaining stop of the day once, pickups before their deliveries, with consistent legs', async () => {
    const r = await route();
    expect(r).toMatchObject({ courierId, date, startSource: expect.stringMatching(/^(LAST_POSITION|HOME_BASE)$/), approximate: true });
    expect(r.stops.map((s) => s.sequence)).toEqual(r.stops.map((_, i) => i + 1));
    for (const reference of mine) {
      const kinds = r.stops.filter((s) => s.reference === reference).map((s) => s.kind);
      expect(kinds).toEqual(['PICKUP', 'DELIVERY']);
    }
    // Every booking with stops is in the courier's own list; each pickup precedes its delivery.
    const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(courier, MY_DELIVERIES, { date });
    const listed = new Set(myDeliveries.map((d) => d.reference));
    for (const stop of r.stops) {
      expect(listed.has(stop.reference)).toBe(true);
      if (stop.kind === 'DELIVERY') {
        const pickup = r.stops.find((s) => s.reference === stop.reference && s.kind === 'PICKUP');
        if (pickup) expect(pickup.sequence).toBeLessThan(stop.sequence);
      }
    }
    // Cumulative time is the sum of the legs; totals match.
    let minutes = 0;
    for (const stop of r.stops) {
      minutes += stop.legMinutes;
      expect(stop.cumulativeMinutes).toBeCloseTo(minutes, 0);
    }
    expect(r.totalMinutes).toBeCloseTo(minutes, 0);
    expect(r.totalKm).toBeCloseTo(r.stops.reduce((sum, s) => sum + s.legKm, 0), 1);
    expect(r.totalKm).toBeGreaterThan(0);
    expect(['EXACT', 'ITERATED_LOCAL_SEARCH', 'TRIVIAL']).toContain(r.method);
  });

  it('starts where the app says the courier is; the same day asked twice gives the same order', async () => {
    const from = { lat: 47.6101, lon: -122.2015 }; // Bellevue
    const first = await route({ from });
    expect(first.startSource).toBe('GIVEN');
    expect(first.start).toEqual(from);
    const again = await route({ from });
    expect(again.stops.map((s) => `${s.kind}:${s.reference}`)).toEqual(first.stops.map((s) => `${s.kind}:${s.reference}`));
  });

  it('a collected parcel needs only its delivery stop; a failed attempt awaiting the customer needs none', async () => {
    const [collected, failed] = mine;
    await updateOk(courier, { reference: collected, status: 'COLLECTED' });
    let r = await route();
    expect(r.stops.filter((s) => s.reference === collected).map((s) => s.kind)).toEqual(['DELIVERY']);

    if (failed) {
      for (const status of ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']) await updateOk(courier, { reference: failed, status });
      const failedDelivery = await failAttempt(courier, failed);
      // The attempt belongs to the day it was made on (today), and waits there for the customer.
      r = await route({ date: failedDelivery.jobDate });
      expect(failedDelivery.status).toBe('FAILED_DELIVERY');
      expect(r.stops.filter((s) => s.reference === failed)).toEqual([]);
      expect(r.settled).toContain(failed);
    }
  });

  it('shows another courier none of these stops', async () => {
    const other = await authOfCourier(anotherCourier(courierId));
    const { myRoute } = await graphqlOk<{ myRoute: Route }>(other, MY_ROUTE, { date });
    expect(myRoute.courierId).not.toBe(courierId);
    for (const reference of mine) expect(myRoute.stops.map((s) => s.reference)).not.toContain(reference);
  });

  it('refuses bad input and callers who are not couriers, with typed errors', async () => {
    expect(errorTypeOf(await graphql(courier, MY_ROUTE, { date, from: { lat: 123, lon: 0 } }))).toBe('InvalidArgument');
    expect(errorTypeOf(await graphql(await adminAuth(), MY_ROUTE, { date }))).toBe('Unauthorized');
  });
});
