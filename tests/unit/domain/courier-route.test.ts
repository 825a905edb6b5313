// The stop planner behind myRoute: which stops a delivery still needs, and their order over a
// travel matrix (pickups before their deliveries, every stop once, legs that add up).
import type { Booking } from '../../../functions/domain/booking';
import { planCourierRoute, routePoints, stopsFor, type PlannedStop } from '../../../functions/domain/courier-route';

const at = (lat: number, lon: number) => ({ line1: `${lat},${lon}`, city: 'Seattle', country: 'US', location: { lat, lon }, precision: 'POSTCODE' as const, approximate: true, label: `${lat},${lon}` });

function booking(reference: string, status: Booking['status'], pickup: [number, number], delivery: [number, number], extra: Partial<Booking> = {}): Booking {
  return { reference, displayReference: reference, status, courierId: 'C001', pickup: at(...pickup), delivery: at(...delivery), ...extra } as unknown as Booking;
}

/** Straight-line "minutes" between points on a line of longitudes: enough to know the optimum by hand. */
function costsFor(points: { lat: number; lon: number }[]) {
  const matrix = points.map((a) => points.map((b) => Math.abs(a.lon - b.lon) * 10));
  return { distanceKm: matrix, durationMinutes: matrix, approximate: true };
}

/** The cheapest open path from point 0 through every stop, pickups first, by trying every order. */
function bruteForceOptimum(planned: PlannedStop[], minutes: number[][]): number {
  let best = Infinity;
  const visit = (path: number[], left: number[], cost: number) => {
    if (!left.length) return void (best = Math.min(best, cost));
    for (const next of left) {
      const stop = planned[next - 1];
      const pickupPending = stop.kind === 'DELIVERY' && left.some((i) => planned[i - 1].kind === 'PICKUP' && planned[i - 1].booking.reference === stop.booking.reference);
      if (pickupPending) continue;
      visit([...path, next], left.filter((i) => i !== next), cost + minutes[path.at(-1)!][next]);
    }
  };
  visit([0], planned.map((_, i) => i + 1), 0);
  return best;
}

describe('stopsFor', () => {
  it('a parcel not yet collected needs a pickup and a delivery; one on board only its delivery', () => {
    expect(stopsFor(booking('A', 'ASSIGNED', [0, 1], [0, 2])).map((s) => s.kind)).toEqual(['PICKUP', 'DELIVERY']);
    for (const status of ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'] as const) {
      expect(stopsFor(booking('A', status, [0, 1], [0, 2])).map((s) => s.kind)).toEqual(['DELIVERY']);
    }
  });

  it('a return goes to the sender; finished, waiting and depot deliveries need no stop', () => {
    const back = stopsFor(booking('A', 'IN_TRANSIT', [0, 1], [0, 2], { returnToSender: { reason: 'MAX_ATTEMPTS', decidedAt: '', date: '2026-01-01' } }));
    expect(back).toEqual([expect.objectContaining({ kind: 'RETURN', address: expect.objectContaining({ location: { lat: 0, lon: 1 } }) })]);
    for (const status of ['DELIVERED', 'RETURNED', 'CANCELLED', 'FAILED_DELIVERY'] as const) expect(stopsFor(booking('A', status, [0, 1], [0, 2]))).toEqual([]);
    expect(stopsFor(booking('A', 'IN_TRANSIT', [0, 1], [0, 2], { depotCollection: { decidedAt: '' } }))).toEqual([]);
  });
});

describe('planCourierRoute', () => {
  it('visits every stop once, each pickup before its delivery, in the cheapest order for the matrix', () => {
    const start = { lat: 0, lon: 0 };
    // A's delivery lies before its pickup on the line: the pickup must still come first.
    const planned: PlannedStop[] = [
      ...stopsFor(booking('A', 'ASSIGNED', [0, 3], [0, 1])),
      ...stopsFor(booking('B', 'IN_TRANSIT', [0, 9], [0, 2])),
      ...stopsFor(booking('C', 'ASSIGNED', [0, 4], [0, 5])),
    ];
    const costs = costsFor(routePoints(start, planned));
    const plan = planCourierRoute(start, planned, [], costs, { timeBudgetMs: Infinity });
    const order = plan.stops.map((s) => `${s.kind[0]}${s.booking.reference}`);
    expect([...order].sort()).toEqual(['DA', 'DB', 'DC', 'PA', 'PC']);
    expect(order.indexOf('PA')).toBeLessThan(order.indexOf('DA'));
    expect(order.indexOf('PC')).toBeLessThan(order.indexOf('DC'));
    expect(plan.method).toBe('exact');
    expect(plan.stops.map((s) => s.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.totalMinutes).toBeCloseTo(plan.stops.reduce((sum, s) => sum + s.legMinutes, 0));
    expect(plan.stops.at(-1)!.cumulativeMinutes).toBeCloseTo(plan.totalMinutes);
    expect(plan.totalMinutes).toBeCloseTo(bruteForceOptimum(planned, costs.durationMinutes));
  });

  it('a day with nothing left to drive to is an empty plan', () => {
    const done = booking('A', 'DELIVERED', [0, 1], [0, 2]);
    expect(planCourierRoute({ lat: 0, lon: 0 }, [], [done], { distanceKm: [[0]], durationMinutes: [[0]], approximate: true })).toMatchObject({ stops: [], settled: [done], totalKm: 0, method: 'none' });
  });
});
