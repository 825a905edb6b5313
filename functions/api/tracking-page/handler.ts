// GraphQL Query.trackDelivery (API key): the customer's public tracking page. The token in the
// link is the only key; a booking reference opens nothing (TrackingLinkInvalid).
import { appSyncResolver } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { bookingStore, clock, courierStore, customerLinkStore, geo } from '../../shared/container';
import { trackingPage } from '../../use-cases/tracking-page';

export const handler = appSyncResolver<{ token: string }, unknown>((event) =>
  trackingPage(event.arguments.token, {
    links: customerLinkStore(),
    bookings: bookingStore(),
    couriers: courierStore(),
    geo: geo(),
    clock,
    rules: businessRules(),
  }),
);
