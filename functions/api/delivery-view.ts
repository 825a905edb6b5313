// Bookings as the GraphQL Delivery type: what couriers and dispatch work with. Payment details
// stay out; the PIN never leaves the server; proof files appear as short-lived URLs.
import type { Booking, TrackingEvent } from '../domain/booking';
import { courierJobOf, deliveryStatusOptions, failedAttempts, openAttempt, type DeliveryActor } from '../domain/delivery';
import type { FileStore } from '../ports/file-store';

/** Long enough to open the images on a screen, short enough that a copied link goes stale. */
const PROOF_URL_SECONDS = 15 * 60;

export async function deliveryView(booking: Booking, actor: DeliveryActor, files: FileStore, timeline?: TrackingEvent[]) {
  const proof = booking.proof;
  return {
    reference: booking.reference,
    displayReference: booking.displayReference,
    status: booking.status,
    customer: booking.customer,
    pickup: booking.pickup,
    delivery: booking.delivery,
    parcel: booking.parcel,
    pickupWindow: booking.pickupWindow,
    pickupDate: booking.pickupDate,
    jobDate: courierJobOf(booking).date,
    courierId: booking.courierId ?? null,
    notes: booking.notes ?? null,
    attempts: booking.attempts ?? [],
    currentAttempt: openAttempt(booking) ?? null,
    failedAttempts: failedAttempts(booking),
    returnToSender: booking.returnToSender ?? null,
    depotCollection: booking.depotCollection !== undefined,
    nextStatuses: deliveryStatusOptions(booking, actor),
    proof: proof
      ? {
          attempt: proof.attempt,
          capturedAt: proof.capturedAt,
          location: proof.location,
          recipientName: proof.recipientName ?? null,
          hasSignature: proof.signatureKey !== undefined,
          hasPhoto: proof.photoKey !== undefined,
          signatureUrl: proof.signatureKey ? await files.readUrl(proof.signatureKey, PROOF_URL_SECONDS) : null,
          photoUrl: proof.photoKey ? await files.readUrl(proof.photoKey, PROOF_URL_SECONDS) : null,
          pinVerified: proof.pinVerified,
          recordedBy: proof.recordedBy,
        }
      : null,
    timeline: timeline ?? null,
    collectedAt: booking.collectedAt ?? null,
    deliveredAt: booking.deliveredAt ?? null,
    returnedAt: booking.returnedAt ?? null,
    updatedAt: booking.updatedAt,
    version: booking.version,
  };
}
