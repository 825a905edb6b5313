// The delivery lifecycle as couriers (and dispatch) drive it: what an update must carry
// (a confirmed location always; proof to deliver; a reason and notes to fail), which updates
// the booking's situation allows now, and what each one changes — attempts, proof, PIN, the
// audit trail. Pure: the use case supplies the clock, the PIN and where proof files will live.
import { DateTime } from 'luxon';
import { changeStatus, canChangeStatus, type Booking, type BookingStatus, type GeoPoint, type TrackingEvent } from './booking';
import { parseBookingReference } from './booking-reference';
import type { BusinessRules } from './business-rules';
import {
  AwaitingCustomerDecision,
  DeliveryNotFound,
  DeliveryPinLocked,
  DeliveryPinMismatch,
  DeliveryUpdateRefused,
  IllegalStatusTransition,
  InvalidDeliveryUpdate,
  type FieldIssue,
} from './errors';
import type { PickupWindow } from './pickup-windows';
import { serviceDateOf } from './pickup-windows';
import { decodeImageDataUrl, IMAGE_EXTENSIONS, type DecodedImage, type ImageType } from './proof-images';

/** The statuses a courier sets (R11.4). BOOKED, ASSIGNED and CANCELLED belong to dispatch. */
export const DELIVERY_STATUSES = ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'FAILED_DELIVERY', 'RETURNED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type LocationSource = 'GPS' | 'MANUAL';

/** Where the courier was when they made an update, and how sure that is. */
export interface ConfirmedLocation extends GeoPoint {
  accuracyMeters: number;
  source: LocationSource;
}

export const FAILURE_REASONS = ['RECIPIENT_ABSENT', 'ADDRESS_NOT_FOUND', 'REFUSED', 'ACCESS_PROBLEM', 'DAMAGED', 'OTHER'] as const;
export type DeliveryFailureReason = (typeof FAILURE_REASONS)[number];

export const FAILURE_REASON_TEXT: Record<DeliveryFailureReason, string> = {
  RECIPIENT_ABSENT: 'nobody was in to receive it',
  ADDRESS_NOT_FOUND: 'the address could not be found',
  REFUSED: 'the parcel was refused',
  ACCESS_PROBLEM: 'the courier could not get access to the address',
  DAMAGED: 'the parcel was damaged',
  OTHER: 'the courier could not complete the delivery',
};

export interface DeliveryFailure {
  reason: DeliveryFailureReason;
  notes: string;
  at: string;
  location: ConfirmedLocation;
}

/** What a customer can choose after a failed attempt. */
export const FAILED_DELIVERY_OPTIONS = ['REDELIVER', 'NEIGHBOUR', 'SAFE_PLACE', 'DEPOT_COLLECTION', 'RETURN_TO_SENDER'] as const;
export type FailedDeliveryOption = (typeof FAILED_DELIVERY_OPTIONS)[number];

export type DeliveryAttemptKind = 'FIRST' | 'REDELIVERY' | 'REATTEMPT' | 'NEIGHBOUR' | 'SAFE_PLACE';

export interface DeliveryDecision {
  /** NO_ANSWER: the customer let the deadline pass; MAX_ATTEMPTS: no attempts left. */
  option: FailedDeliveryOption | 'NO_ANSWER' | 'MAX_ATTEMPTS';
  at: string;
  by: 'customer' | 'system';
  windowId?: string;
  instructions?: string;
}

export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  number: number;
  kind: DeliveryAttemptKind;
  /** Local service date the attempt is (or was) planned for. */
  date: string;
  /** The window a customer chose for a redelivery. */
  window?: PickupWindow;
  /** Neighbour or safe-place instructions the customer gave. */
  instructions?: string;
  courierId?: string;
  /** When the courier set out with it (OUT_FOR_DELIVERY). */
  startedAt?: string;
  outcome?: 'DELIVERED' | 'FAILED';
  endedAt?: string;
  failure?: DeliveryFailure;
  /** The options link sent after this attempt failed (only a hash of its token). */
  offer?: { linkHash: string; sentAt: string; expiresAt: string };
  /** What happens after this attempt failed. */
  decision?: DeliveryDecision;
}

export interface DeliveryProof {
  attempt: number;
  capturedAt: string;
  location: ConfirmedLocation;
  recipientName?: string;
  /** File-store keys; the files themselves never sit on the booking. */
  signatureKey?: string;
  photoKey?: string;
  photoType?: ImageType;
  pinVerified: boolean;
  /** Who recorded it: "courier:C001" or "admin:alice". */
  recordedBy: string;
}

/**
 * The PIN sent by SMS when the parcel goes out for delivery. It stays on the server: no GraphQL
 * type has a field for it, so neither the courier app nor an admin screen can read it.
 */
export interface DeliveryPin {
  code: string;
  attempt: number;
  issuedAt: string;
  failures: number;
}

export interface ReturnToSender {
  reason: 'CUSTOMER_CHOICE' | 'MAX_ATTEMPTS';
  decidedAt: string;
  /** Service date of the return trip. */
  date: string;
  courierId?: string;
}

export type DeliveryActor = { kind: 'courier'; courierId: string } | { kind: 'admin'; username: string };

export function actorName(actor: DeliveryActor): string {
  return actor.kind === 'courier' ? `courier:${actor.courierId}` : `admin:${actor.username}`;
}

/** An update as it arrives over GraphQL (nullable fields, strings to be checked). */
export interface DeliveryUpdateInput {
  clientUpdateId: string;
  reference: string;
  status: string;
  location: { lat: number; lon: number; accuracyMeters: number; source: string } | null | undefined;
  notes?: string | null;
  occurredAt?: string | null;
  proof?: { signature?: string | null; photo?: string | null; recipientName?: string | null; pin?: string | null } | null;
  failure?: { reason: string; notes: string } | null;
}

export interface ValidDeliveryUpdate {
  clientUpdateId: string;
  reference: string;
  status: DeliveryStatus;
  location: ConfirmedLocation;
  notes?: string;
  occurredAt?: string;
  proof?: { signature?: DecodedImage; photo?: DecodedImage; recipientName?: string; pin?: string };
  failure?: { reason: DeliveryFailureReason; notes: string };
}

const CLIENT_UPDATE_ID = /^[A-Za-z0-9_.:-]{8,64}$/;
const PIN = /^\d{4}$/;
const MAX_NOTES = 1000;
const MAX_NAME = 100;
/** Clocks on phones drift; an update "from the future" by more than this is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** GPS fixes worse than this are not a location; a manual pin is at best this vague too. */
const MAX_ACCURACY_METERS = 5_000;

function text(value: string | null | undefined): string {
  return (value ?? '').trim().replace(/[ \t]+/g, ' ');
}

/** Checks everything that needs no stored state; all problems are reported together. */
export function validateDeliveryUpdate(input: DeliveryUpdateInput, context: { now: Date; rules: BusinessRules }): ValidDeliveryUpdate {
  const { rules, now } = context;
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string, message: string) => issues.push({ field, code, message });

  const clientUpdateId = text(input.clientUpdateId);
  if (!CLIENT_UPDATE_ID.test(clientUpdateId)) {
    issue('clientUpdateId', 'INVALID_CLIENT_UPDATE_ID', 'The update id must be 8 to 64 letters, digits or _.:- (a UUID is ideal).');
  }
  const reference = parseBookingReference(text(input.reference));
  if (!reference) issue('reference', 'INVALID_REFERENCE', 'The booking reference must look like CB-XXXXXX.');

  const status = input.status as DeliveryStatus;
  if (!DELIVERY_STATUSES.includes(status)) {
    issue('status', 'NOT_A_DELIVERY_STATUS', `A delivery update sets one of ${DELIVERY_STATUSES.join(', ')}.`);
  }

  const location = validateLocation(input.location, issue);

  const notes = text(input.notes);
  if (notes.length > MAX_NOTES) issue('notes', 'TOO_LONG', `Notes are limited to ${MAX_NOTES} characters.`);

  let occurredAt: string | undefined;
  if (input.occurredAt != null) {
    const when = DateTime.fromISO(input.occurredAt, { setZone: true });
    if (!when.isValid) issue('occurredAt', 'INVALID_TIME', 'occurredAt must be an ISO 8601 date and time.');
    else if (when.toMillis() > now.getTime() + CLOCK_SKEW_MS) issue('occurredAt', 'IN_THE_FUTURE', 'occurredAt lies in the future: check the phone clock.');
    else if (when.toMillis() < now.getTime() - rules.offlineUpdateMaxAgeHours * 3_600_000) {
      issue('occurredAt', 'TOO_OLD', `Updates older than ${rules.offlineUpdateMaxAgeHours} hours are not accepted; call dispatch.`);
    } else occurredAt = when.toUTC().toISO()!;
  }

  let failure: ValidDeliveryUpdate['failure'];
  if (status === 'FAILED_DELIVERY') {
    if (!input.failure) issue('failure', 'FAILURE_REASON_REQUIRED', 'A failed delivery needs a reason and notes.');
    else {
      const reason = input.failure.reason as DeliveryFailureReason;
      const failureNotes = text(input.failure.notes);
      if (!FAILURE_REASONS.includes(reason)) issue('failure.reason', 'INVALID_REASON', `The reason must be one of ${FAILURE_REASONS.join(', ')}.`);
      if (failureNotes.length < 3) issue('failure.notes', 'NOTES_REQUIRED', 'Describe what happened (at least a few words).');
      if (failureNotes.length > MAX_NOTES) issue('failure.notes', 'TOO_LONG', `Notes are limited to ${MAX_NOTES} characters.`);
      failure = { reason, notes: failureNotes };
    }
  } else if (input.failure) {
    issue('failure', 'FAILURE_NOT_EXPECTED', 'A failure reason belongs only to a FAILED_DELIVERY update.');
  }

  let proof: ValidDeliveryUpdate['proof'];
  if (status === 'DELIVERED') {
    proof = validateProof(input.proof, rules, issue);
  } else if (input.proof && Object.values(input.proof).some((v) => v != null)) {
    issue('proof', 'PROOF_NOT_EXPECTED', 'Proof of delivery belongs only to a DELIVERED update.');
  }

  if (issues.length > 0) throw new InvalidDeliveryUpdate(issues);
  return {
    clientUpdateId,
    reference: reference!,
    status,
    location: location!,
    ...(notes ? { notes } : {}),
    ...(occurredAt ? { occurredAt } : {}),
    ...(proof ? { proof } : {}),
    ...(failure ? { failure } : {}),
  };
}

function validateLocation(input: DeliveryUpdateInput['location'], issue: (field: string, code: string, message: string) => void): ConfirmedLocation | undefined {
  if (!input) {
    issue('location', 'LOCATION_REQUIRED', 'Every update needs a confirmed location.');
    return undefined;
  }
  const { lat, lon, accuracyMeters, source } = input;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  let ok = true;
  if (!finite(lat) || Math.abs(lat) > 90 || !finite(lon) || Math.abs(lon) > 180) {
    issue('location', 'INVALID_LOCATION', 'The location must have a latitude from -90 to 90 and a longitude from -180 to 180.');
    ok = false;
  } else if (lat === 0 && lon === 0) {
    // 0,0 is what a failed GPS read reports, not a delivery address.
    issue('location', 'LOCATION_UNKNOWN', 'The location 0,0 is not a real position: confirm it again.');
    ok = false;
  }
  if (!finite(accuracyMeters) || accuracyMeters < 0 || accuracyMeters > MAX_ACCURACY_METERS) {
    issue('location.accuracyMeters', 'INVALID_ACCURACY', `The accuracy must be 0 to ${MAX_ACCURACY_METERS} metres.`);
    ok = false;
  }
  if (source !== 'GPS' && source !== 'MANUAL') {
    issue('location.source', 'INVALID_SOURCE', 'The location source must be GPS or MANUAL.');
    ok = false;
  }
  return ok ? { lat, lon, accuracyMeters, source: source as LocationSource } : undefined;
}

function validateProof(
  input: DeliveryUpdateInput['proof'],
  rules: BusinessRules,
  issue: (field: string, code: string, message: string) => void,
): ValidDeliveryUpdate['proof'] {
  const signatureText = input?.signature ?? undefined;
  const photoText = input?.photo ?? undefined;
  const recipientName = text(input?.recipientName);
  const pin = text(input?.pin);
  if (!signatureText && !photoText && !recipientName) {
    issue('proof', 'PROOF_REQUIRED', 'A delivery needs proof: a signature, a photo or the name of the person who took it.');
    return undefined;
  }
  const proof: NonNullable<ValidDeliveryUpdate['proof']> = {};
  if (signatureText) {
    const signature = decodeImageDataUrl(signatureText, rules.proofSignatureMaxBytes, ['image/png']);
    if ('problem' in signature) {
      const messages = {
        MALFORMED: 'The signature must be a PNG data URL (data:image/png;base64,…).',
        TOO_LARGE: `The signature image is larger than ${Math.round(rules.proofSignatureMaxBytes / 1024)} KB.`,
        NOT_AN_IMAGE: 'The signature is not an image.',
        WRONG_TYPE: 'The signature must be a PNG image.',
      };
      issue('proof.signature', `SIGNATURE_${signature.problem}`, messages[signature.problem]);
    } else proof.signature = signature;
  }
  if (photoText) {
    const photo = decodeImageDataUrl(photoText, rules.proofPhotoMaxBytes, ['image/jpeg', 'image/png', 'image/webp']);
    if ('problem' in photo) {
      const messages = {
        MALFORMED: 'The photo must be an image data URL (data:image/jpeg;base64,…).',
        TOO_LARGE: `The photo is larger than ${(rules.proofPhotoMaxBytes / 1024 / 1024).toFixed(1)} MB: take it again at a lower resolution.`,
        NOT_AN_IMAGE: 'The photo is not an image (JPEG, PNG or WebP).',
        WRONG_TYPE: 'The photo must be a JPEG, PNG or WebP image.',
      };
      issue('proof.photo', `PHOTO_${photo.problem}`, messages[photo.problem]);
    } else proof.photo = photo;
  }
  if (recipientName) {
    if (recipientName.length > MAX_NAME) issue('proof.recipientName', 'TOO_LONG', `The recipient's name is limited to ${MAX_NAME} characters.`);
    else if (!/\p{L}/u.test(recipientName)) issue('proof.recipientName', 'INVALID_NAME', "The recipient's name must contain letters.");
    else proof.recipientName = recipientName;
  }
  if (pin) {
    if (!PIN.test(pin)) issue('proof.pin', 'INVALID_PIN', 'The PIN is 4 digits.');
    else proof.pin = pin;
  }
  return proof;
}

/** The attempt under way or planned, if any: the last one that has no outcome yet. */
export function openAttempt(booking: Booking): DeliveryAttempt | undefined {
  const last = booking.attempts?.at(-1);
  return last && !last.outcome ? last : undefined;
}

export function failedAttempts(booking: Booking): number {
  return (booking.attempts ?? []).filter((a) => a.outcome === 'FAILED').length;
}

/** The attempt that failed last, while the booking waits for what happens next. */
export function lastFailedAttempt(booking: Booking): DeliveryAttempt | undefined {
  const last = booking.attempts?.at(-1);
  return last?.outcome === 'FAILED' ? last : undefined;
}

/** Where the files of a proof go in the file store: per booking and attempt, named by the update that made them. */
export function proofFileKey(reference: string, attempt: number, clientUpdateId: string, what: 'signature' | 'photo', type: ImageType): string {
  return `proof/${reference}/attempt-${attempt}/${clientUpdateId}-${what}.${IMAGE_EXTENSIONS[type]}`;
}

export interface DeliveryUpdateContext {
  actor: DeliveryActor;
  now: Date;
  rules: BusinessRules;
  /** A fresh 4-digit PIN, used if this update sends the parcel out for delivery. */
  newPin: () => string;
}

export interface AppliedDeliveryUpdate {
  booking: Booking;
  event: TrackingEvent;
  /** Files to store before the change is saved: the booking names them. */
  files: { key: string; image: DecodedImage }[];
  /** Set when the update issued a PIN the customer must be sent. */
  issuedPin?: DeliveryPin;
}

/**
 * Applies a valid update to the stored booking, or throws why it cannot be applied now:
 * DeliveryNotFound (not the courier's), AwaitingCustomerDecision, DeliveryUpdateRefused,
 * IllegalStatusTransition, InvalidDeliveryUpdate (proof the parcel's handling requires),
 * DeliveryPinMismatch or DeliveryPinLocked.
 */
export function applyDeliveryUpdate(booking: Booking, update: ValidDeliveryUpdate, context: DeliveryUpdateContext): AppliedDeliveryUpdate {
  const { actor, rules } = context;
  if (actor.kind === 'courier' && booking.courierId !== actor.courierId) throw new DeliveryNotFound(booking.reference);
  const from = booking.status;
  const to: BookingStatus = update.status;
  // Dispatch may override the process (e.g. hand a failed parcel back to the depot by hand); couriers may not.
  if (actor.kind === 'courier' && from === 'FAILED_DELIVERY' && !booking.returnToSender) throw new AwaitingCustomerDecision(booking.reference);
  if (to === 'RETURNED' && !booking.returnToSender) {
    throw new DeliveryUpdateRefused('RETURN_NOT_REQUESTED', 'Only a parcel that is to go back to the sender can be marked returned.', { reference: booking.reference });
  }
  // On the way back there is no delivery to attempt: a return that cannot be handed over stays in transit for dispatch.
  if (booking.returnToSender && (to === 'OUT_FOR_DELIVERY' || to === 'DELIVERED' || to === 'FAILED_DELIVERY')) {
    throw new DeliveryUpdateRefused('RETURN_IN_PROGRESS', 'This parcel is going back to the sender: mark it returned when handed over.', { reference: booking.reference });
  }
  if (!canChangeStatus(from, to)) throw new IllegalStatusTransition(from, to);

  const recordedAt = context.now.toISOString();
  const at = update.occurredAt ?? recordedAt;
  const actorText = actorName(actor);
  const attempts = (booking.attempts ?? []).map((a) => ({ ...a }));
  const patch: NonNullable<Parameters<typeof changeStatus>[1]['patch']> = {};
  const files: AppliedDeliveryUpdate['files'] = [];
  let description: string | undefined;
  let issuedPin: DeliveryPin | undefined;
  let attemptNumber: number | undefined = attempts.at(-1)?.number;

  switch (to) {
    case 'COLLECTED':
      patch.collectedAt = booking.collectedAt ?? at;
      break;
    case 'OUT_FOR_DELIVERY': {
      let current = attempts.at(-1);
      if (!current || current.outcome) {
        current = { number: attempts.length + 1, kind: attempts.length === 0 ? 'FIRST' : 'REATTEMPT', date: serviceDateOf(new Date(at), rules) };
        attempts.push(current);
      }
      current.startedAt = at;
      if (actor.kind === 'courier') current.courierId = actor.courierId;
      attemptNumber = current.number;
      issuedPin = { code: context.newPin(), attempt: current.number, issuedAt: recordedAt, failures: 0 };
      patch.deliveryPin = issuedPin;
      description = current.number > 1 ? `Out for delivery (attempt ${current.number})` : undefined;
      break;
    }
    case 'IN_TRANSIT': {
      // Taken back without an attempt: the planned attempt stays planned.
      const current = openAttempt(booking);
      if (from === 'OUT_FOR_DELIVERY' && current) delete attempts[attempts.length - 1].startedAt;
      break;
    }
    case 'DELIVERED': {
      let current = attempts.at(-1);
      if (!current || current.outcome) {
        current = { number: attempts.length + 1, kind: attempts.length === 0 ? 'FIRST' : 'REATTEMPT', date: serviceDateOf(new Date(at), rules) };
        attempts.push(current);
      }
      const proof = update.proof!;
      checkRequiredProof(booking, proof, actor, rules);
      const pinVerified = proof.pin !== undefined && checkPin(booking, proof.pin, rules);
      current.outcome = 'DELIVERED';
      current.endedAt = at;
      attemptNumber = current.number;
      const recorded: DeliveryProof = {
        attempt: current.number,
        capturedAt: at,
        location: update.location,
        pinVerified,
        recordedBy: actorText,
        ...(proof.recipientName ? { recipientName: proof.recipientName } : {}),
      };
      if (proof.signature) {
        recorded.signatureKey = proofFileKey(booking.reference, current.number, update.clientUpdateId, 'signature', proof.signature.type);
        files.push({ key: recorded.signatureKey, image: proof.signature });
      }
      if (proof.photo) {
        recorded.photoKey = proofFileKey(booking.reference, current.number, update.clientUpdateId, 'photo', proof.photo.type);
        recorded.photoType = proof.photo.type;
        files.push({ key: recorded.photoKey, image: proof.photo });
      }
      patch.proof = recorded;
      patch.deliveredAt = at;
      description = deliveredDescription(recorded);
      break;
    }
    case 'FAILED_DELIVERY': {
      let current = attempts.at(-1);
      // Failing in transit (damaged, say) is an attempt that never reached the door.
      if (!current || current.outcome) {
        current = { number: attempts.length + 1, kind: attempts.length === 0 ? 'FIRST' : 'REATTEMPT', date: serviceDateOf(new Date(at), rules) };
        attempts.push(current);
      }
      if (actor.kind === 'courier') current.courierId = actor.courierId;
      current.outcome = 'FAILED';
      current.endedAt = at;
      current.failure = { reason: update.failure!.reason, notes: update.failure!.notes, at, location: update.location };
      attemptNumber = current.number;
      description = `Delivery attempt ${current.number} failed: ${FAILURE_REASON_TEXT[update.failure!.reason]}`;
      break;
    }
    case 'RETURNED':
      patch.returnedAt = at;
      description = 'Returned to sender';
      break;
  }
  if (attempts.length > 0) patch.attempts = attempts;

  const { booking: next, event } = changeStatus(booking, {
    to,
    at,
    recordedAt,
    actor: actorText,
    location: { lat: update.location.lat, lon: update.location.lon },
    notes: update.failure?.notes ?? update.notes,
    ...(description ? { description } : {}),
    patch,
    eventDetails: {
      locationAccuracyMeters: update.location.accuracyMeters,
      locationSource: update.location.source,
      clientUpdateId: update.clientUpdateId,
      ...(actor.kind === 'courier' ? { courierId: actor.courierId } : {}),
      ...(attemptNumber !== undefined ? { attempt: attemptNumber } : {}),
      ...(update.failure ? { failureReason: update.failure.reason } : {}),
    },
  });
  return { booking: next, event, files, ...(issuedPin ? { issuedPin } : {}) };
}

function deliveredDescription(proof: DeliveryProof): string {
  if (proof.recipientName && proof.signatureKey) return `Delivered, signed for by ${proof.recipientName}`;
  if (proof.recipientName) return `Delivered to ${proof.recipientName}`;
  if (proof.signatureKey) return 'Delivered, signed for';
  return 'Delivered (photo taken)';
}

/** Handling codes that raise the bar for proof: a signature for SIGNATURE_REQUIRED, the PIN where the rules say so. */
function checkRequiredProof(booking: Booking, proof: NonNullable<ValidDeliveryUpdate['proof']>, actor: DeliveryActor, rules: BusinessRules): void {
  const issues: FieldIssue[] = [];
  if (booking.parcel.handling.includes('SIGNATURE_REQUIRED') && !proof.signature) {
    issues.push({ field: 'proof.signature', code: 'SIGNATURE_REQUIRED', message: 'This parcel must be signed for.' });
  }
  // Dispatch handing a parcel over at the depot checks identity in person instead.
  const pinRequired = actor.kind === 'courier' && booking.parcel.handling.some((h) => rules.deliveryPinRequiredFor.includes(h));
  if (pinRequired && !proof.pin) issues.push({ field: 'proof.pin', code: 'PIN_REQUIRED', message: 'This parcel is handed over only against the PIN the customer received by SMS.' });
  if (issues.length > 0) throw new InvalidDeliveryUpdate(issues);
}

/** True when the PIN matches; throws DeliveryPinMismatch or DeliveryPinLocked otherwise. */
function checkPin(booking: Booking, pin: string, rules: BusinessRules): boolean {
  const issued = booking.deliveryPin;
  if (issued && issued.failures >= rules.deliveryPinMaxFailures) throw new DeliveryPinLocked();
  if (!issued || issued.code !== pin) {
    const used = (issued?.failures ?? 0) + 1;
    if (used >= rules.deliveryPinMaxFailures) throw new DeliveryPinLocked();
    throw new DeliveryPinMismatch(rules.deliveryPinMaxFailures - used);
  }
  return true;
}

/**
 * Where a booking sits in its courier's day: the return trip, else the current attempt, else the
 * pickup. `startsAt` orders a day's list; jobs without a window come last.
 */
export function courierJobOf(booking: Booking): { date: string; startsAt?: string } {
  if (booking.returnToSender) return { date: booking.returnToSender.date };
  const attempt = booking.attempts?.at(-1);
  if (attempt) {
    const startsAt = attempt.window?.startsAt ?? (attempt.date === booking.pickupDate ? booking.pickupWindow.startsAt : undefined);
    return { date: attempt.date, ...(startsAt ? { startsAt } : {}) };
  }
  return { date: booking.pickupDate, startsAt: booking.pickupWindow.startsAt };
}

/** The statuses `actor` may set on the booking now (for the app's buttons); the server checks again on update. */
export function deliveryStatusOptions(booking: Booking, actor: DeliveryActor): DeliveryStatus[] {
  if (actor.kind === 'courier' && booking.courierId !== actor.courierId) return [];
  if (actor.kind === 'courier' && booking.status === 'FAILED_DELIVERY' && !booking.returnToSender) return [];
  return DELIVERY_STATUSES.filter((to) => {
    if (!canChangeStatus(booking.status, to)) return false;
    if (to === 'RETURNED' && !booking.returnToSender) return false;
    if (booking.returnToSender && (to === 'OUT_FOR_DELIVERY' || to === 'DELIVERED' || to === 'FAILED_DELIVERY')) return false;
    return true;
  });
}
