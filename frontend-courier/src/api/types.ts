// The API's shapes as the courier app reads them (graphql/schema.graphql).
import type { BookingStatus, FailureReason, GeoPoint } from '../../../frontend-shared/api-types';

export type { BookingStatus, CourierReport, FailureReason, GeoPoint, ReportPeriod } from '../../../frontend-shared/api-types';
export type FailedDeliveryOption = 'REDELIVER' | 'NEIGHBOUR' | 'SAFE_PLACE' | 'DEPOT_COLLECTION' | 'RETURN_TO_SENDER';
export type LocationSource = 'GPS' | 'MANUAL';

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  label: string;
  approximate: boolean;
  location: GeoPoint;
}

export interface PickupWindow {
  id: string;
  date: string;
  startLocal: string;
  endLocal: string;
  label: string;
}

export interface DeliveryAttempt {
  number: number;
  kind: string;
  date: string;
  window: PickupWindow | null;
  instructions: string | null;
  outcome: 'DELIVERED' | 'FAILED' | null;
  failure: { reason: FailureReason; notes: string; at: string } | null;
  decision: { option: string; at: string; by: string } | null;
}

export interface TimelineEvent {
  sequence: number;
  status: BookingStatus;
  at: string;
  description: string;
  actor: string;
  notes: string | null;
  failureReason: FailureReason | null;
  locationSource: LocationSource | null;
  location: GeoPoint | null;
}

export interface Delivery {
  reference: string;
  displayReference: string;
  status: BookingStatus;
  courierId: string | null;
  jobDate: string;
  pickupDate: string;
  customer: { name: string; phone: string };
  pickup: Address;
  delivery: Address;
  parcel: { size: string; weightKg: number; handling: string[]; description: string | null };
  pickupWindow: PickupWindow;
  notes: string | null;
  attempts: DeliveryAttempt[];
  currentAttempt: DeliveryAttempt | null;
  failedAttempts: number;
  returnToSender: { reason: string; date: string } | null;
  depotCollection: boolean;
  nextStatuses: BookingStatus[];
  proof: {
    attempt: number;
    recipientName: string | null;
    hasSignature: boolean;
    hasPhoto: boolean;
    signatureUrl: string | null;
    photoUrl: string | null;
    pinVerified: boolean;
    capturedAt: string;
  } | null;
  timeline: TimelineEvent[] | null;
  collectedAt: string | null;
  deliveredAt: string | null;
  updatedAt: string;
  version: number;
}

export type RouteStopKind = 'PICKUP' | 'DELIVERY' | 'RETURN';

export interface RouteStop {
  sequence: number;
  kind: RouteStopKind;
  reference: string;
  displayReference: string;
  status: BookingStatus;
  customerName: string;
  address: Address;
  legKm: number;
  legMinutes: number;
  cumulativeMinutes: number;
}

export interface CourierRoute {
  date: string;
  start: GeoPoint;
  startSource: 'GIVEN' | 'LAST_POSITION' | 'HOME_BASE';
  stops: RouteStop[];
  settled: string[];
  totalKm: number;
  totalMinutes: number;
  approximate: boolean;
  method: string;
}

export interface DeliveryStatusUpdateInput {
  clientUpdateId: string;
  reference: string;
  status: BookingStatus;
  location: { lat: number; lon: number; accuracyMeters: number; source: LocationSource };
  notes?: string;
  proof?: { signature?: string; photo?: string; recipientName?: string; pin?: string };
  failure?: { reason: FailureReason; notes: string };
  occurredAt?: string;
}

export interface FailedDeliveryOffer {
  displayReference: string;
  status: 'OPEN' | 'ANSWERED' | 'EXPIRED';
  attempt: number;
  attemptsLeft: number;
  reason: FailureReason;
  reasonText: string;
  failedAt: string | null;
  deliverTo: string;
  location: GeoPoint;
  options: FailedDeliveryOption[];
  windows: { window: PickupWindow; remaining: number }[];
  expiresAt: string;
  answer: { option: FailedDeliveryOption; windowId: string | null; instructions: string | null; at: string } | null;
  closedReason: string | null;
}

export interface FailedDeliveryChoiceResult {
  option: FailedDeliveryOption;
  window: PickupWindow | null;
  message: string;
}

export interface TrackingStep {
  status: BookingStatus;
  title: string;
  detail: string | null;
  at: string;
  place: string | null;
}

export interface TrackingEstimate {
  kind: 'COLLECTION' | 'ARRIVAL' | 'NEXT_ATTEMPT' | 'DELIVERED';
  at: string | null;
  window: PickupWindow | null;
  date: string | null;
}

/** The customer's public tracking page (trackDelivery). */
export interface TrackingPage {
  displayReference: string;
  status: BookingStatus;
  statusText: string;
  pickupWindow: PickupWindow;
  pickupArea: string;
  deliverTo: string;
  location: GeoPoint;
  currentPlace: string | null;
  eta: TrackingEstimate | null;
  courierFirstName: string | null;
  timeline: TrackingStep[];
  deliveryOptionsOpen: boolean;
  deliveryOptionsDeadline: string | null;
  linkExpiresAt: string;
  updatedAt: string;
}
