// GraphQL customer link fields (API key): failedDeliveryOptions and chooseFailedDeliveryOption.
// The token in the link is the only key; a booking reference opens nothing here.
import { appSyncResolver } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { bookingStore, capacityStore, clock, customerLinkStore, deliveryWorkflows } from '../../shared/container';
import { chooseFailedDeliveryOption, failedDeliveryOffer, type CustomerOptionsDependencies } from '../../use-cases/customer-delivery-options';

type Args = { token: string; choice?: string; windowId?: string | null; instructions?: string | null };

export const handler = appSyncResolver<Args, unknown>(async (event) => {
  const deps: CustomerOptionsDependencies = {
    links: customerLinkStore(),
    bookings: bookingStore(),
    capacity: capacityStore(),
    workflows: deliveryWorkflows(),
    clock,
    rules: businessRules(),
  };
  const { token, choice, windowId, instructions } = event.arguments;
  if (event.fieldName === 'chooseFailedDeliveryOption') return chooseFailedDeliveryOption(token, { option: choice ?? '', windowId, instructions }, deps);
  return failedDeliveryOffer(token, deps);
});
