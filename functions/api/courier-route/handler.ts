// GraphQL myRoute (courier): the signed-in courier's suggested stop order for a day. The courier
// comes from the identity, never from an argument; `from` is where the app says the courier is now.
import { NotACourier } from '../../domain/errors';
import { serviceDateOf } from '../../domain/pickup-windows';
import { appSyncResolver } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { clock, courierStore, deliveryStore, geo } from '../../shared/container';
import { checkDate } from '../../use-cases/courier-deliveries';
import { courierRoute } from '../../use-cases/courier-route';
import { identifyDeliveryActor } from '../../use-cases/identify-delivery-actor';

type Args = { date?: string | null; from?: { lat: number; lon: number } | null };

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export const handler = appSyncResolver<Args, unknown>(async (event) => {
  if (event.fieldName !== 'myRoute') throw new Error(`courierRoute does not serve ${event.parentTypeName}.${event.fieldName}`);
  const actor = await identifyDeliveryActor(event.identity, courierStore());
  if (actor.kind !== 'courier') throw new NotACourier(event.identity?.username ?? 'unknown');
  const date = event.arguments.date ? checkDate(event.arguments.date) : serviceDateOf(clock(), businessRules());
  const route = await courierRoute(actor.courierId, date, event.arguments.from, { deliveries: deliveryStore(), couriers: courierStore(), geo: geo() });
  return {
    courierId: route.courierId,
    date: route.date,
    start: route.start,
    startSource: route.startSource,
    stops: route.stops.map((stop) => ({
      sequence: stop.sequence,
      kind: stop.kind,
      reference: stop.booking.reference,
      displayReference: stop.booking.displayReference,
      address: stop.address,
      legKm: round(stop.legKm, 2),
      legMinutes: round(stop.legMinutes, 1),
      cumulativeMinutes: round(stop.cumulativeMinutes, 1),
      status: stop.booking.status,
      customerName: stop.booking.customer.name,
      pickupWindow: stop.booking.pickupWindow,
    })),
    settled: route.settled.map((b) => b.reference),
    totalKm: round(route.totalKm, 2),
    totalMinutes: round(route.totalMinutes, 1),
    approximate: route.approximate,
    method: route.method.toUpperCase().replace(/-/g, '_'),
  };
});
