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
  /** Failed delivery attempts after which the parcel goes back to the sender. */
  maxDeliveryAttempts: number;
  /** How long a customer has to choose what happens after a failed attempt; then we reattempt on our own. */
  failedDeliveryResponseHours: number;
  /** Delivery windows offered to a customer who asks for a redelivery. */
  redeliveryWindowsOffered: number;
  /**
   * Largest proof photo accepted, decoded. Photos travel inside the GraphQL request as data URLs,
   * and AppSync takes requests up to 5 MB: base64 adds a third, so about 3.7 MB is the most that
   * can arrive at all. 3 MB leaves room for the rest of the request; the courier app downscales.
   */
  proofPhotoMaxBytes: number;
  /** Largest signature image (PNG) accepted, decoded. */
  proofSignatureMaxBytes: number;
  /** Parcels with any of these handling codes are handed over only against the PIN the customer got by SMS. */
  deliveryPinRequiredFor: SpecialHandling[];
  /** Wrong PINs tried on one delivery attempt before dispatch has to step in. */
  deliveryPinMaxFailures: number;
  /** Oldest an update queued offline by the courier app may be when it reaches us. */
  offlineUpdateMaxAgeHours: number;
  /** What a courier earns per completed delivery, in minor units of `currency`. */
  courierPayPerDeliveryMinor: number;
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
  maxDeliveryAttempts: 3,
  failedDeliveryResponseHours: 48,
  redeliveryWindowsOffered: 10,
  proofPhotoMaxBytes: 3 * 1024 * 1024,
  proofSignatureMaxBytes: 256 * 1024,
  deliveryPinRequiredFor: ['HIGH_VALUE'],
  deliveryPinMaxFailures: 5,
  offlineUpdateMaxAgeHours: 72,
  courierPayPerDeliveryMinor: 450,
};
