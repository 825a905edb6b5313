// The ports every failed-delivery step uses.
import { businessRules, publicBaseUrl } from '../shared/config';
import { bookingStore, clock, courierStore, customerLinkStore, notifier } from '../shared/container';
import type { FailedDeliveryDependencies } from '../use-cases/failed-delivery-process';

export const failedDeliveryDependencies = (): FailedDeliveryDependencies => ({
  bookings: bookingStore(),
  links: customerLinkStore(),
  couriers: courierStore(),
  notifier: notifier(),
  clock,
  rules: businessRules(),
  publicBaseUrl: publicBaseUrl(),
});
