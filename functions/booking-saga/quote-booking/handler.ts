// Booking saga step: the price.
import { quoteBooking } from '../../domain/pricing';
import { businessRules } from '../../shared/config';
import type { QuoteStepInput } from '../types';

export const handler = async (input: QuoteStepInput) =>
  quoteBooking(
    { size: input.parcel.size, weightKg: input.parcel.weightKg, handling: input.parcel.handling, distanceKm: input.distanceKm },
    businessRules(),
  );
