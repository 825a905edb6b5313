// Flow of the suggested stop order: the courier's deliveries of the day → the stops they still need
// → where the courier starts (the position the app sent, else their last known position, else
// their home base) → a travel matrix from the GeoPort → the order from the domain planner.
import type { GeoPoint } from '../domain/booking';
import { planCourierRoute, routePoints, stopsFor, type CourierRoutePlan } from '../domain/courier-route';
import { InvalidArgument, NotACourier } from '../domain/errors';
import type { CourierStore } from '../ports/courier-store';
import type { DeliveryStore } from '../ports/delivery-store';
import { isValidLatLon, type GeoPort } from '../ports/geo-port';
import { checkDate } from './courier-deliveries';

export interface CourierRouteDependencies {
  deliveries: DeliveryStore;
  couriers: CourierStore;
  geo: GeoPort;
}

export type RouteStartSource = 'GIVEN' | 'LAST_POSITION' | 'HOME_BASE';

export interface CourierRoute extends CourierRoutePlan {
  courierId: string;
  date: string;
  startSource: RouteStartSource;
}

export async function courierRoute(
  courierId: string,
  date: string,
  from: GeoPoint | null | undefined,
  deps: CourierRouteDependencies,
): Promise<CourierRoute> {
  checkDate(date);
  if (from != null && !isValidLatLon(from)) throw new InvalidArgument('from', 'The start must be a latitude -90..90 and a longitude -180..180.');
  const [courier, jobs] = await Promise.all([deps.couriers.getCourier(courierId), deps.deliveries.jobsOf(courierId, date)]);
  if (!courier) throw new NotACourier(courierId);
  const [start, startSource]: [GeoPoint, RouteStartSource] = from
    ? [{ lat: from.lat, lon: from.lon }, 'GIVEN']
    : courier.position
      ? [courier.position, 'LAST_POSITION']
      : [courier.homeBase, 'HOME_BASE'];
  // Only deliveries still this courier's: one handed on to another courier needs nothing more from them.
  const mine = jobs.filter((b) => b.courierId === courierId);
  const planned = mine.flatMap(stopsFor);
  const settled = mine.filter((b) => stopsFor(b).length === 0);
  const points = routePoints(start, planned);
  const matrix = planned.length ? await deps.geo.travelMatrix(points, points) : { distanceKm: [[0]], durationMinutes: [[0]], approximate: true };
  const plan = planCourierRoute(start, planned, settled, matrix);
  return { ...plan, courierId, date, startSource };
}
