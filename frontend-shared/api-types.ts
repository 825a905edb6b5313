// GraphQL types both apps read the same way (graphql/schema.graphql). Each app's api/types.ts
// re-exports these beside the shapes only it selects.
export type BookingStatus = 'BOOKED' | 'ASSIGNED' | 'COLLECTED' | 'IN_TRANSIT' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'FAILED_DELIVERY' | 'RETURNED' | 'CANCELLED';
export type ParcelSize = 'SMALL' | 'MEDIUM' | 'LARGE' | 'EXTRA_LARGE';
export type SpecialHandling = 'FRAGILE' | 'PERISHABLE' | 'SIGNATURE_REQUIRED' | 'KEEP_UPRIGHT' | 'HIGH_VALUE';
/** DeliveryFailureReason */
export type FailureReason = 'RECIPIENT_ABSENT' | 'ADDRESS_NOT_FOUND' | 'REFUSED' | 'ACCESS_PROBLEM' | 'DAMAGED' | 'OTHER';

export interface GeoPoint {
  lat: number;
  lon: number;
}

export type ReportPeriod = 'DAY' | 'WEEK' | 'MONTH';

/** A courier's report (courierReport for dispatch, myReport for the courier), without courierId. */
export interface CourierReport {
  range: { period: ReportPeriod; from: string; to: string };
  deliveredOnDay: number;
  deliveredInWeek: number;
  deliveredInMonth: number;
  delivered: number;
  failedAttempts: number;
  returned: number;
  successRate: number | null;
  averagePickupToDeliveryMinutes: number | null;
  earnings: { currency: string; perDeliveryMinor: number; totalMinor: number };
  perDay: { date: string; delivered: number; failed: number }[];
  rank: { position: number; outOf: number; betterThanPercent: number };
  peakHours: { hour: number; deliveries: number }[];
  topAreas: { area: string; deliveries: number }[];
  failureReasons: { reason: FailureReason; count: number }[];
  team: { medianSuccessRate: number | null; medianPickupToDeliveryMinutes: number | null };
  suggestions: { code: string; message: string }[];
}
