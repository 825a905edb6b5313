// Lex V2 code hook Lambda of the courier voice bot (dialog and fulfillment, every intent).
import type { LexCodeHookEvent } from '../../../voice/lex-types';
import { businessRules, optionalEnv } from '../../shared/config';
import {
  bookingStore,
  capacityStore,
  clock,
  courierStore,
  customerLinkStore,
  deliveryWorkflows,
  feedbackStore,
  geo,
  notifier,
  workflows,
} from '../../shared/container';
import { handleCodeHook } from '../code-hook';
import type { VoiceDependencies } from '../dependencies';

// Getters: a turn builds only the adapters its intent uses.
const dependencies: VoiceDependencies = {
  get bookings() { return bookingStore(); },
  get capacity() { return capacityStore(); },
  get couriers() { return courierStore(); },
  get geo() { return geo(); },
  get workflows() { return workflows(); },
  get feedback() { return feedbackStore(); },
  get notifier() { return notifier(); },
  get links() { return customerLinkStore(); },
  get deliveryWorkflows() { return deliveryWorkflows(); },
  get rules() { return businessRules(); },
  clock,
  // Flagged complaints go to the customer care on-call desk (ON_CALL_EMAIL / ON_CALL_PHONE).
  get onCall() {
    const phone = optionalEnv('ON_CALL_PHONE');
    return { email: optionalEnv('ON_CALL_EMAIL') ?? 'complaints-on-call@courier.example.com', ...(phone ? { phone } : {}) };
  },
};

export const handler = (event: LexCodeHookEvent) => handleCodeHook(event, dependencies);
