// Flow: validate the update (nothing stored if it is bad) → a replay of a clientUpdateId answers
// with what it did the first time → apply it to the stored booking → proof files → booking +
// tracking event + client update record in one transaction → tell the customer, start the
// failed-delivery process for a failure, publish the change. The steps after the transaction are
// idempotent and re-run by a replay, so a crash between them loses nothing.
import { createHash, randomInt } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Booking, TrackingEvent } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import {
  actorName,
  applyDeliveryUpdate,
  validateDeliveryUpdate,
  type DeliveryActor,
  type DeliveryPin,
  type DeliveryUpdateInput,
} from '../domain/delivery';
import { deliveryStatusMessage, statusMessageHasTrackingLink } from '../domain/delivery-notifications';
import { ClientUpdateIdReused, ConcurrentDeliveryUpdate, DeliveryNotFound, DeliveryPinMismatch } from '../domain/errors';
import { ConcurrentBookingChange, type BookingStore } from '../ports/booking-store';
import type { ChangePublisher } from '../ports/change-publisher';
import type { CustomerLinkStore } from '../ports/customer-link-store';
import type { DeliveryStore } from '../ports/delivery-store';
import type { DeliveryWorkflows } from '../ports/delivery-workflows';
import type { FileStore } from '../ports/file-store';
import type { Notifier } from '../ports/notifier';
import { mintTrackingLink } from './tracking-links';

export interface UpdateDeliveryDependencies {
  bookings: BookingStore;
  deliveries: DeliveryStore;
  files: FileStore;
  notifier: Notifier;
  /** Mints the tracking link each status message carries. */
  links: Pick<CustomerLinkStore, 'createTrackingLink'>;
  publisher: ChangePublisher;
  workflows: DeliveryWorkflows;
  clock: () => Date;
  rules: BusinessRules;
  publicBaseUrl: string;
  newPin?: () => string;
}

export interface DeliveryUpdateOutcome {
  booking: Booking;
  event: TrackingEvent;
  /** True when this clientUpdateId had been applied before: nothing changed now. */
  replayed: boolean;
}

/** Two writers rarely collide on one delivery; a few fresh reads settle it. */
const MAX_CONFLICT_RETRIES = 3;

const randomPin = () => String(randomInt(0, 10_000)).padStart(4, '0');

/** Drops null and undefined fields: a client may send an omitted optional field as null on a replay. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** Identifies what an update says, so a replay is told apart from a reused id. */
export function deliveryUpdateHash(input: DeliveryUpdateInput): string {
  return createHash('sha256').update(stringify(withoutNulls(input)) ?? '').digest('hex');
}

export async function updateDeliveryStatus(input: DeliveryUpdateInput, actor: DeliveryActor, deps: UpdateDeliveryDependencies): Promise<DeliveryUpdateOutcome> {
  const update = validateDeliveryUpdate(input, { now: deps.clock(), rules: deps.rules });
  const principal = actorName(actor);
  const requestHash = deliveryUpdateHash(input);

  const earlier = await deps.deliveries.findClientUpdate(principal, update.clientUpdateId);
  if (earlier) return replay(earlier, requestHash, deps);

  for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
    const booking = await deps.bookings.getBooking(update.reference);
    if (!booking || (actor.kind === 'courier' && booking.courierId !== actor.courierId)) throw new DeliveryNotFound(update.reference);
    let applied;
    try {
      applied = applyDeliveryUpdate(booking, update, { actor, now: deps.clock(), rules: deps.rules, newPin: deps.newPin ?? randomPin });
    } catch (error) {
      if (error instanceof DeliveryPinMismatch && booking.deliveryPin) await deps.deliveries.recordPinFailure(booking.reference, booking.deliveryPin.attempt);
      throw error;
    }
    for (const file of applied.files) await deps.files.put(file.key, file.image.bytes, file.image.type);
    const discardFiles = () => Promise.all(applied.files.map((file) => deps.files.delete(file.key)));
    let saved: 'saved' | 'duplicate';
    try {
      saved = await deps.deliveries.saveDeliveryUpdate(booking.version, applied.booking, applied.event, {
        principal,
        clientUpdateId: update.clientUpdateId,
        reference: booking.reference,
        requestHash,
        sequence: applied.event.sequence,
        recordedAt: deps.clock().toISOString(),
      });
    } catch (error) {
      await discardFiles();
      if (error instanceof ConcurrentBookingChange) continue;
      throw error;
    }
    if (saved === 'duplicate') {
      // The same update raced us (the app retried while the first call was still running).
      await discardFiles();
      const record = await deps.deliveries.findClientUpdate(principal, update.clientUpdateId);
      if (record) return replay(record, requestHash, deps);
      continue;
    }
    await afterChange(applied.booking, applied.event, applied.issuedPin, deps);
    return { booking: applied.booking, event: applied.event, replayed: false };
  }
  throw new ConcurrentDeliveryUpdate(update.reference);
}

async function replay(
  record: { reference: string; sequence: number; requestHash: string; clientUpdateId: string },
  requestHash: string,
  deps: UpdateDeliveryDependencies,
): Promise<DeliveryUpdateOutcome> {
  if (record.requestHash !== requestHash) throw new ClientUpdateIdReused(record.clientUpdateId);
  const booking = await deps.bookings.getBooking(record.reference);
  const event = (await deps.bookings.trackingHistory(record.reference)).find((e) => e.sequence === record.sequence);
  if (!booking || !event) throw new DeliveryNotFound(record.reference);
  // The first call may have stopped between storing and telling everyone; these steps are idempotent.
  const pin = booking.deliveryPin && booking.deliveryPin.attempt === event.attempt && event.status === 'OUT_FOR_DELIVERY' ? booking.deliveryPin : undefined;
  await afterChange(booking, event, pin, deps);
  return { booking, event, replayed: true };
}

/** Everything an update sets off once it is stored. Each step is safe to repeat. */
async function afterChange(booking: Booking, event: TrackingEvent, pin: DeliveryPin | undefined, deps: UpdateDeliveryDependencies): Promise<void> {
  // A fresh tracking link per message (see tracking-links.ts): the plain token of an earlier one is kept nowhere.
  const trackingUrl = statusMessageHasTrackingLink(event.status) ? await mintTrackingLink(booking, deps) : '';
  const message = deliveryStatusMessage(booking, event, { trackingUrl, rules: deps.rules, pin });
  if (message) {
    const key = `${booking.reference}:delivery-status:${event.sequence}`;
    await deps.notifier.send({ channel: 'SMS', to: booking.customer.phone, body: message.sms, template: `delivery-${event.status.toLowerCase()}`, reference: booking.reference, idempotencyKey: `${key}:sms` });
    if (booking.customer.email) {
      await deps.notifier.send({
        channel: 'EMAIL',
        to: booking.customer.email,
        subject: message.email.subject,
        body: message.email.body,
        template: `delivery-${event.status.toLowerCase()}`,
        reference: booking.reference,
        idempotencyKey: `${key}:email`,
      });
    }
  }
  if (event.status === 'FAILED_DELIVERY' && event.attempt !== undefined) {
    await deps.workflows.startFailedDelivery({
      reference: booking.reference,
      attempt: event.attempt,
      responseTimeoutSeconds: Math.round(deps.rules.failedDeliveryResponseHours * 3600),
    });
  }
  await deps.publisher.bookingChanged(booking.reference);
}
