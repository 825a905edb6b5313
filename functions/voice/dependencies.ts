// What the voice code hook needs from the outside world: the ports its use cases call.
import type { BusinessRules } from '../domain/business-rules';
import type { BookingStore } from '../ports/booking-store';
import type { CapacityStore } from '../ports/capacity-store';
import type { CourierStore } from '../ports/courier-store';
import type { CustomerLinkStore } from '../ports/customer-link-store';
import type { DeliveryWorkflows } from '../ports/delivery-workflows';
import type { FeedbackStore } from '../ports/feedback-store';
import type { GeoPort } from '../ports/geo-port';
import type { Notifier } from '../ports/notifier';
import type { Workflows } from '../ports/workflows';
import type { OnCallContact } from '../use-cases/record-feedback';

export interface VoiceDependencies {
  bookings: BookingStore;
  capacity: CapacityStore;
  couriers: CourierStore;
  geo: GeoPort;
  /** The booking saga. */
  workflows: Workflows;
  feedback: FeedbackStore;
  notifier: Notifier;
  /** Questions put to customers after a failed delivery, and the process waiting on the answer. */
  links: CustomerLinkStore;
  deliveryWorkflows: DeliveryWorkflows;
  clock: () => Date;
  rules: BusinessRules;
  onCall: OnCallContact;
}
