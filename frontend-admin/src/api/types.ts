// The GraphQL types the admin app reads (graphql/schema.graphql, v1).
export type BookingStatus =
  | 'BOOKED'
  | 'ASSIGNED'
  | 'COLLECTED'
  | 'IN_TRANSIT'
  | 'OUT_FOR_DELIVERY'
  | 'DELIVERED'
  | 'FAILED_DELIVERY'
  | 'RETURNED'
  | 'CANCELLED';
export type ParcelSize = 'SMALL' | 'MEDIUM' | 'LARGE' | 'EXTRA_LARGE';
export type SpecialHandling = 'FRAGILE' | 'PERISHABLE' | 'SIGNATURE_REQUIRED' | 'KEEP_UPRIGHT' | 'HIGH_VALUE';

export interface GeoPoint {
  lat: number;
  lon: number;
}

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
