// Booking saga step: is the window still bookable, and where are both addresses?
import { InvalidBookingRequest } from '../../domain/errors';
import { windowBookingProblem, WINDOW_PROBLEM_MESSAGES } from '../../domain/pickup-windows';
import { businessRules } from '../../shared/config';
import { geo } from '../../shared/container';
import { businessOutcome } from '../../shared/saga-step';
import { locateBookingAddresses } from '../../use-cases/locate-booking-addresses';
import type { ValidateStepInput } from '../types';

export const handler = async (input: ValidateStepInput) =>
  businessOutcome(async () => {
    const rules = businessRules();
    const problem = windowBookingProblem(input.request.pickupWindow, new Date(input.startedAt), rules);
    if (problem) {
      throw new InvalidBookingRequest([{ field: 'pickupWindowId', code: `PICKUP_WINDOW_${problem}`, message: WINDOW_PROBLEM_MESSAGES[problem] }]);
    }
    return locateBookingAddresses(geo(), input.request, rules);
  });
