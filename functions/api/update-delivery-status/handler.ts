// GraphQL Mutation.updateDeliveryStatus (couriers: their own deliveries; admins: any).
import type { DeliveryUpdateInput } from '../../domain/delivery';
import { appSyncResolver } from '../../shared/appsync-resolver';
import { businessRules, publicBaseUrl } from '../../shared/config';
import { bookingStore, changePublisher, clock, courierStore, customerLinkStore, deliveryStore, deliveryWorkflows, fileStore, notifier } from '../../shared/container';
import { identifyDeliveryActor } from '../../use-cases/identify-delivery-actor';
import { updateDeliveryStatus } from '../../use-cases/update-delivery-status';
import { deliveryView } from '../delivery-view';

export const handler = appSyncResolver<{ input: DeliveryUpdateInput }, unknown>(async (event) => {
  const actor = await identifyDeliveryActor(event.identity, courierStore());
  const outcome = await updateDeliveryStatus(event.arguments.input, actor, {
    bookings: bookingStore(),
    deliveries: deliveryStore(),
    files: fileStore(),
    notifier: notifier(),
    links: customerLinkStore(),
    publisher: changePublisher(),
    workflows: deliveryWorkflows(),
    clock,
    rules: businessRules(),
    publicBaseUrl: publicBaseUrl(),
  });
  return { delivery: await deliveryView(outcome.booking, actor, fileStore()), event: outcome.event, replayed: outcome.replayed };
});
