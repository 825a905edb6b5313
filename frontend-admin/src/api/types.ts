// The GraphQL types the admin app reads (graphql/schema.graphql, v1).
import type { BookingStatus, CourierReport as SharedCourierReport, GeoPoint, ParcelSize, SpecialHandling } from '../../../frontend-shared/api-types';

export type { BookingStatus, FailureReason, GeoPoint, ParcelSize, ReportPeriod, SpecialHandling } from '../../../frontend-shared/api-types';

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  country: string;
  location: GeoPoint;
  precision: 'STREET' | 'POSTCODE' | 'CITY';
  approximate: boolean;
  label: string;
}

export interface PickupWindow {
  id: string;
  date: string;
  startLocal: string;
  endLocal: string;
  startsAt: string;
  endsAt: string;
  label: string;
}

export interface Booking {
  reference: string;
  displayReference: string;
  status: BookingStatus;
  channel: 'ADMIN' | 'VOICE' | 'PARTNER' | 'API';
  customer: { name: string; phone: string; email: string | null };
  pickup: Address;
  delivery: Address;
  parcel: { size: ParcelSize; weightKg: number; handling: SpecialHandling[]; description: string | null };
  pickupWindow: PickupWindow;
  pickupDate: string;
  price: { currency: string; totalMinor: number; distanceKm: number; lines: { code: string; label: string; amountMinor: number }[] };
  paymentId: string | null;
  courierId: string | null;
  partnerId: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TrackingEvent {
  reference: string;
  sequence: number;
  status: BookingStatus;
  at: string;
  description: string;
  actor: string;
  location: GeoPoint | null;
  notes: string | null;
}

export interface Courier {
  courierId: string;
  name: string;
  phone: string;
  email: string | null;
  vehicle: 'BIKE' | 'CAR' | 'VAN';
  onDuty: boolean;
  homeBase: GeoPoint;
  position: GeoPoint | null;
  positionAt: string | null;
  region: string;
}

export interface WindowAvailability {
  window: PickupWindow;
  capacity: number;
  booked: number;
  remaining: number;
}

export interface OutboxMessage {
  messageId: string;
  channel: 'EMAIL' | 'SMS';
  to: string;
  subject: string | null;
  body: string;
  template: string;
  reference: string | null;
  createdAt: string;
}

export interface CreateBookingInput {
  idempotencyKey?: string;
  customer: { name: string; phone: string; email?: string | null };
  pickup: AddressInput;
  delivery: AddressInput;
  parcel: { size: ParcelSize; weightKg: number; handling?: SpecialHandling[]; description?: string | null };
  pickupWindowId: string;
  notes?: string | null;
}

export interface AddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postcode?: string | null;
  country: string;
}

export type FeedbackType = 'COMPLAINT' | 'GENERAL_FEEDBACK';
export type ComplaintSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** Feedback or a complaint taken by the voice bot (feedbackByDay). */
export interface Feedback {
  feedbackReference: string;
  displayReference: string;
  bookingReference: string;
  type: FeedbackType;
  details: string;
  statedSeverity: ComplaintSeverity | null;
  severity: ComplaintSeverity | null;
  category: string | null;
  rating: number | null;
  flagged: boolean;
  flagReason: string | null;
  customer: { name: string; phone: string };
  callerNumber: string | null;
  channel: Booking['channel'];
  status: string;
  createdAt: string;
  day: string;
  onCallNotifiedAt: string | null;
}

/** A courier's job as dispatch sees it (courierDeliveries): the fields the couriers page reads. */
export interface Delivery {
  reference: string;
  displayReference: string;
  status: BookingStatus;
  customer: { name: string; phone: string };
  pickup: { city: string; label: string };
  delivery: { city: string; label: string };
  parcel: { size: ParcelSize; weightKg: number; handling: SpecialHandling[] };
  pickupWindow: PickupWindow;
  jobDate: string;
  courierId: string | null;
  failedAttempts: number;
  depotCollection: boolean;
  currentAttempt: { number: number; kind: string; date: string; window: PickupWindow | null } | null;
  returnToSender: { reason: string; date: string } | null;
  collectedAt: string | null;
  deliveredAt: string | null;
}

/** courierReport: the shared shape, with the courier it is about. */
export interface CourierReport extends SharedCourierReport {
  courierId: string;
}
