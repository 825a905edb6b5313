// The numbers a courier company tunes: service hours, windows, capacity, prices.
// Defaults describe the Seattle demo depot; every value can be overridden per
// environment (see functions/shared/config.ts) and, later, by admins.

export type ParcelSize = 'SMALL' | 'MEDIUM' | 'LARGE' | 'EXTRA_LARGE';
export type SpecialHandling = 'FRAGILE' | 'PERISHABLE' | 'SIGNATURE_REQUIRED' | 'KEEP_UPRIGHT' | 'HIGH_VALUE';

export const PARCEL_SIZES: readonly ParcelSize[] = ['SMALL', 'MEDIUM', 'LARGE', 'EXTRA_LARGE'];
export const SPECIAL_HANDLING: readonly SpecialHandling[] = ['FRAGILE', 'PERISHABLE', 'SIGNATURE_REQUIRED', 'KEEP_UPRIGHT', 'HIGH_VALUE'];

export interface ParcelSizeRule {
  /** Heaviest parcel accepted in this size class. */
  maxWeightKg: number;
  /** Weight included in the base fee; heavier parcels pay per extra kg. */
  includedWeightKg: number;
  baseFeeMinor: number;
  /** Dimensions shown to callers so they can pick a size. */
  description: string;
}

export interface PickupWindowSlot {
  /** Local wall-clock time in the service time zone, "HH:mm". */
  start: string;
  end: string;
}

export interface BusinessRules {
  currency: string;
  /** IANA zone of the depot: pickup windows are local times there. */
  serviceTimeZone: string;
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) with pickups. */
  workingDays: number[];
  windows: PickupWindowSlot[];
  /** Bookings must be made at least this long before the window starts. */
  minimumLeadMinutes: number;
  /** How far ahead a window can be booked. */
  bookingHorizonDays: number;
  /** Pickups per window when no admin has set a number for it. */
  defaultWindowCapacity: number;
  sizes: Record<ParcelSize, ParcelSizeRule>;
  /** Kilometres included in the base fee. */
  includedDistanceKm: number;
  perKmMinor: number;
  perExtraKgMinor: number;
  handlingSurchargeMinor: Record<SpecialHandling, number>;
  /** Longest pickup-to-delivery road distance served. */
  maxDistanceKm: number;
  /** Jobs one courier takes per day before assignment passes them over. */
  maxJobsPerCourierPerDay: number;
}

export const DEFAULT_BUSINESS_RULES: BusinessRules = {
  currency: 'USD',
  serviceTimeZone: 'America/Los_Angeles',
  workingDays: [1, 2, 3, 4, 5, 6],
  windows: [
    { start: '08:00', end: '10:00' },
    { start: '10:00', end: '12:00' },
    { start: '12:00', end: '14:00' },
    { start: '14:00', end: '16:00' },
    { start: '16:00', end: '18:00' },
  ],
  minimumLeadMinutes: 60,
  bookingHorizonDays: 14,
  defaultWindowCapacity: 10,
  sizes: {
    SMALL: { maxWeightKg: 5, includedWeightKg: 2, baseFeeMinor: 600, description: 'fits in a shoebox, up to 5 kg' },
    MEDIUM: { maxWeightKg: 15, includedWeightKg: 5, baseFeeMinor: 900, description: 'fits on a seat, up to 15 kg' },
    LARGE: { maxWeightKg: 30, includedWeightKg: 15, baseFeeMinor: 1400, description: 'needs a trunk, up to 30 kg' },
    EXTRA_LARGE: { maxWeightKg: 70, includedWeightKg: 30, baseFeeMinor: 2200, description: 'needs a van, up to 70 kg' },
  },
  includedDistanceKm: 3,
  perKmMinor: 120,
  perExtraKgMinor: 50,
  handlingSurchargeMinor: {
    FRAGILE: 300,
    PERISHABLE: 400,
    SIGNATURE_REQUIRED: 150,
    KEEP_UPRIGHT: 100,
    HIGH_VALUE: 500,
  },
  maxDistanceKm: 150,
  maxJobsPerCourierPerDay: 12,
};
