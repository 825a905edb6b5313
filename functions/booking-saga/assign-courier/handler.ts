// Booking saga step: the nearest available courier takes the pickup.
import { businessRules } from '../../shared/config';
import { bookingStore, clock, courierStore } from '../../shared/container';
import { assignCourier } from '../../use-cases/assign-courier';
import type { BookingStepInput } from '../types';

export const handler = async (input: BookingStepInput) =>
  (await assignCourier(input.reference, { bookings: bookingStore(), couriers: courierStore(), rules: businessRules(), clock })).booking;
