// The business rules the integration tests' local cloud runs with (global-setup passes the
// overrides in BUSINESS_RULES), so helpers that compute windows agree with the server.
import { DEFAULT_BUSINESS_RULES, type BusinessRules } from '../../functions/domain/business-rules';

export const TEST_RULE_OVERRIDES: Partial<BusinessRules> = {
  // Customers get 2 hours to answer a failed delivery: 7.2 s at the tests' time scale (0.001), so
  // "no answer" runs out within a test while an answering test still has ample time.
  failedDeliveryResponseHours: 2,
  // Every test file books into windows of its own; 14 days leave only ~60 windows late on a
  // Saturday, 35 days leave ~150 at any time of the week.
  bookingHorizonDays: 35,
};

export const TEST_BUSINESS_RULES: BusinessRules = { ...DEFAULT_BUSINESS_RULES, ...TEST_RULE_OVERRIDES };
