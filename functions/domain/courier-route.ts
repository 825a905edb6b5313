// A courier's suggested stop order for a day (R11.11): which stops the day's deliveries still
// need, in which order. Pure: the use case supplies the bookings, the start position and the
// travel matrix (from the GeoPort); the order comes from the route-sequencing module.
//
// Stops per delivery, by where its parcel is:
// - not collected yet (BOOKED, ASSIGNED): a PICKUP at the sender, then a DELIVERY — the pickup
//   must come first (a precedence pair);
// - on board (COLLECTED, IN_TRANSIT, OUT_FOR_DELIVERY): the DELIVERY only;
// - going back to the sender (returnToSender, not yet RETURNED): a RETURN at the pickup address;
// - nothing to drive to: delivered, returned, cancelled, waiting for the customer's decision
//   after a failed attempt, or waiting at the depot for the customer to collect.
import type { Booking, BookingAddress, GeoPoint } from './booking';
import { sequenceRoute, type PrecedencePair, type RouteSequence } from './route-sequencing';

export type RouteStopKind = 'PICKUP' | 'DELIVERY' | 'RETURN';

export interface RouteStop {
  /** 1 for the first stop to drive to. */
  sequence: number;
  kind: RouteStopKind;
  booking: Booking;
  address: BookingAddress;
  /** Travel from the previous stop (or the start) to this one. */
  legKm: number;
  legMinutes: number;
  /** Driving time from the start to this stop, stops themselves taking no time. */
  cumulativeMinutes: number;
}

export interface CourierRoutePlan {
  start: GeoPoint;
  stops: RouteStop[];
  /** Deliveries of the day with no stop left (done, or waiting on someone else). */
  settled: Booking[];
  totalKm: number;
  totalMinutes: number;
  /** The matrix was an estimate (straight lines × a road factor), not routed over roads. */
  approximate: boolean;
  /** How the order was found: 'exact' is optimal for the matrix. */
  method: RouteSequence['method'] | 'none';
}

export interface PlannedStop {
  kind: RouteStopKind;
  booking: Booking;
  address: BookingAddress;
}

/** The stops a booking still needs from its courier; empty when none. */
export function stopsFor(booking: Booking): PlannedStop[] {
  if (booking.returnToSender) {
    if (booking.status === 'RETURNED' || booking.status === 'CANCELLED') return [];
    // A return collected from the customer's side goes back to the sender's address.
    return [{ kind: 'RETURN', booking, address: booking.pickup }];
  }
  switch (booking.status) {
    case 'BOOKED':
    case 'ASSIGNED':
      return [
        { kind: 'PICKUP', booking, address: booking.pickup },
        { kind: 'DELIVERY', booking, address: booking.delivery },
      ];
    case 'COLLECTED':
    case 'IN_TRANSIT':
    case 'OUT_FOR_DELIVERY':
      return booking.depotCollection ? [] : [{ kind: 'DELIVERY', booking, address: booking.delivery }];
    default:
      return [];
  }
}

export interface TravelCosts {
  /** Row i, column j: from point i to point j; point 0 is the start, point k the k-th planned stop. */
  distanceKm: number[][];
  durationMinutes: number[][];
  approximate: boolean;
}

/** The points the travel matrix must cover, in matrix order: the start, then every planned stop. */
export function routePoints(start: GeoPoint, stops: readonly PlannedStop[]): GeoPoint[] {
  return [start, ...stops.map((s) => s.address.location)];
}

/**
 * Orders `planned` (from `stopsFor`) by travel time from `start`, pickups before their deliveries,
 * open-ended (the day ends at the last stop). `costs` covers `routePoints(start, planned)`.
 */
export function planCourierRoute(
  start: GeoPoint,
  planned: readonly PlannedStop[],
  settled: readonly Booking[],
  costs: TravelCosts,
  options: { timeBudgetMs?: number } = {},
): CourierRoutePlan {
  if (planned.length === 0) {
    return { start, stops: [], settled: [...settled], totalKm: 0, totalMinutes: 0, approximate: costs.approximate, method: 'none' };
  }
  const precedence: PrecedencePair[] = [];
  planned.forEach((stop, index) => {
    if (stop.kind !== 'PICKUP') return;
    const delivery = planned.findIndex((other) => other.kind === 'DELIVERY' && other.booking.reference === stop.booking.reference);
    if (delivery >= 0) precedence.push({ pickup: index + 1, delivery: delivery + 1 });
  });
  const sequence = sequenceRoute(
    { costs: costs.durationMinutes, start: 0, end: { kind: 'open' }, precedence },
    // The default seed keeps the answer the same for the same day; a small budget suits a page load.
    { timeBudgetMs: options.timeBudgetMs ?? 50 },
  );
  const stops: RouteStop[] = [];
  let previous = 0;
  let cumulativeMinutes = 0;
  let totalKm = 0;
  for (const point of sequence.order.slice(1)) {
    const legKm = costs.distanceKm[previous][point];
    const legMinutes = costs.durationMinutes[previous][point];
    cumulativeMinutes += legMinutes;
    totalKm += legKm;
    const stop = planned[point - 1];
    stops.push({ sequence: stops.length + 1, kind: stop.kind, booking: stop.booking, address: stop.address, legKm, legMinutes, cumulativeMinutes });
    previous = point;
  }
  return { start, stops, settled: [...settled], totalKm, totalMinutes: cumulativeMinutes, approximate: costs.approximate, method: sequence.method };
}
