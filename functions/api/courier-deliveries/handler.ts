// GraphQL courier reads. Couriers (my* fields) see only their own deliveries: the courier id comes
// from their signed-in identity, never from an argument. Admins name the courier or delivery.
import type { ReportPeriod } from '../../domain/courier-report';
import type { DeliveryActor } from '../../domain/delivery';
import { NotACourier } from '../../domain/errors';
import { serviceDateOf } from '../../domain/pickup-windows';
import { appSyncResolver, type AppSyncLambdaEvent } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { bookingStore, clock, courierStore, deliveryStore, feedbackStore, fileStore } from '../../shared/container';
import { checkDate, deliveriesOn, deliveryFor, deliveryHistory, reportFor, type CourierReadDependencies } from '../../use-cases/courier-deliveries';
import { identifyDeliveryActor } from '../../use-cases/identify-delivery-actor';
import { deliveryView } from '../delivery-view';

type Args = { date?: string | null; reference?: string; search?: string | null; limit?: number | null; nextToken?: string | null; period?: ReportPeriod; courierId?: string };

const dependencies = (): CourierReadDependencies => ({
  bookings: bookingStore(),
  deliveries: deliveryStore(),
  couriers: courierStore(),
  feedback: feedbackStore(),
  rules: businessRules(),
});
const dateOrToday = (date: string | null | undefined) => (date ? checkDate(date) : serviceDateOf(clock(), businessRules()));

async function courierOf(event: AppSyncLambdaEvent<Args>): Promise<Extract<DeliveryActor, { kind: 'courier' }>> {
  const actor = await identifyDeliveryActor(event.identity, courierStore());
  // The schema lets only couriers reach the my* fields; an admin (in both groups) has no deliveries of their own.
  if (actor.kind !== 'courier') throw new NotACourier(event.identity?.username ?? 'unknown');
  return actor;
}

export const handler = appSyncResolver<Args, unknown>(async (event) => {
  const deps = dependencies();
  const args = event.arguments;
  switch (event.fieldName) {
    case 'myDeliveries': {
      const actor = await courierOf(event);
      const bookings = await deliveriesOn(actor.courierId, dateOrToday(args.date), deps);
      return Promise.all(bookings.map((b) => deliveryView(b, actor, fileStore())));
    }
    case 'myDelivery': {
      const actor = await courierOf(event);
      const { booking, timeline } = await deliveryFor(actor, args.reference!, deps);
      return deliveryView(booking, actor, fileStore(), timeline);
    }
    case 'myDeliveryHistory': {
      const actor = await courierOf(event);
      const page = await deliveryHistory(actor.courierId, args, deps);
      return { items: await Promise.all(page.items.map((i) => deliveryView(i.booking, actor, fileStore(), i.timeline))), nextToken: page.nextToken ?? null };
    }
    case 'myReport': {
      const actor = await courierOf(event);
      return toReportView(await reportFor(actor.courierId, args.period!, dateOrToday(args.date), deps));
    }
    case 'courierDeliveries': {
      const admin = await identifyDeliveryActor(event.identity, courierStore());
      const bookings = await deliveriesOn(args.courierId!, dateOrToday(args.date), deps);
      return Promise.all(bookings.map((b) => deliveryView(b, admin, fileStore())));
    }
    case 'delivery': {
      const admin = await identifyDeliveryActor(event.identity, courierStore());
      const { booking, timeline } = await deliveryFor(admin, args.reference!, deps);
      return deliveryView(booking, admin, fileStore(), timeline);
    }
    case 'courierReport':
      return toReportView(await reportFor(args.courierId!, args.period!, dateOrToday(args.date), deps));
    default:
      throw new Error(`courierDeliveries does not serve ${event.parentTypeName}.${event.fieldName}`);
  }
});

function toReportView(report: Awaited<ReturnType<typeof reportFor>>) {
  const { range, ...rest } = report;
  return { ...rest, range: { period: range.period, from: range.from, to: range.to } };
}
