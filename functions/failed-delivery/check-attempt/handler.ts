// Failed-delivery step: does the booking still wait on this failed attempt, and is it the last one allowed?
import { businessRules } from '../../shared/config';
import { bookingStore } from '../../shared/container';
import { checkFailedAttempt } from '../../use-cases/failed-delivery-process';
import type { AttemptStepInput } from '../types';

export const handler = async (input: AttemptStepInput) => checkFailedAttempt(input.reference, input.attempt, { bookings: bookingStore(), rules: businessRules() });
