// Flow: booking reference → the booking (R4.2) → where the parcel is: the courier's last
// position while they have it, else the last located tracking event → a place name from the
// GeoPort (R4.3) → an arrival estimate when we can make one (R4.4) → the courier's contact
// (R4.5). Read-only. Null when no booking has the reference (R4.7).
import type { Booking, GeoPoint } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { lastFailedAttempt } from '../domain/delivery';
import type { DeliveryEstimate, DeliveryWhereabouts, NamedPlace } from '../domain/voice/tracking-reply';
import { isDeliveryInProgress } from '../domain/voice/tracking-reply';
import type { BookingStore } from '../ports/booking-store';
import type { CourierStore } from '../ports/courier-store';
import type { GeoPort } from '../ports/geo-port';

export interface TrackDeliveryDependencies {
  bookings: BookingStore;
  couriers: CourierStore;
  geo: GeoPort;
  clock: () => Date;
  rules: BusinessRules;
}

/** A courier position older than this says nothing about where the parcel is now. */
export const POSITION_FRESH_MINUTES = 30;
/** Minutes at the door per delivery, added to the driving time of an estimate. */
export const HANDOVER_MINUTES = 5;

export async function trackDelivery(reference: string, deps: TrackDeliveryDependencies): Promise<DeliveryWhereabouts | null> {
  const booking = await deps.bookings.getBooking(reference);
  return booking ? whereaboutsOf(booking, deps) : null;
}

/** Where a booking's parcel is and when it should arrive (shared by the phone line and the tracking page). */
export async function whereaboutsOf(booking: Booking, deps: TrackDeliveryDependencies): Promise<DeliveryWhereabouts> {
  const reference = booking.reference;
  const now = deps.clock();
  const inProgress = isDeliveryInProgress(booking.status);
  // The courier matters only while they have the parcel: their position and their number.
  const courierProfile = inProgress && booking.courierId ? await deps.couriers.getCourier(booking.courierId) : null;

  // The courier's live position says where the parcel is now; a tracking event's says where it was last seen.
  let livePosition: GeoPoint | undefined;
  let position: GeoPoint | undefined;
  if (inProgress && courierProfile?.position && courierProfile.positionAt && now.getTime() - Date.parse(courierProfile.positionAt) <= POSITION_FRESH_MINUTES * 60_000) {
    livePosition = position = courierProfile.position;
  } else if (inProgress || booking.status === 'FAILED_DELIVERY') {
    const events = await deps.bookings.trackingHistory(reference);
    position = [...events].reverse().find((event) => event.location)?.location;
  }

  let place: NamedPlace | undefined;
  if (position) {
    const described = await deps.geo.describePosition(position);
    if (described) place = { locality: described.locality ?? described.label, region: described.region, country: described.country };
  }

  return {
    booking,
    ...(place ? { place } : {}),
    ...withEstimate(await estimateFor(booking, livePosition, now, deps)),
    ...(courierProfile && inProgress ? { courier: { firstName: courierProfile.name.split(' ')[0], phone: courierProfile.phone } } : {}),
  };
}

function withEstimate(estimate: DeliveryEstimate | undefined): { estimate?: DeliveryEstimate } {
  return estimate ? { estimate } : {};
}

async function estimateFor(booking: Booking, position: GeoPoint | undefined, now: Date, deps: TrackDeliveryDependencies): Promise<DeliveryEstimate | undefined> {
  switch (booking.status) {
    case 'BOOKED':
    case 'ASSIGNED':
      return { kind: 'collection', window: booking.pickupWindow };
    case 'COLLECTED':
    case 'IN_TRANSIT':
    case 'OUT_FOR_DELIVERY': {
      // Only a live position supports an estimate; anything else would be a guess, so the caller hears none (R4.4 "if available").
      if (!position) return undefined;
      const matrix = await deps.geo.travelMatrix([position], [booking.delivery.location]);
      const minutes = matrix.durationMinutes[0][0];
      if (!Number.isFinite(minutes)) return undefined;
      return { kind: 'arrival', at: new Date(now.getTime() + (minutes + HANDOVER_MINUTES) * 60_000).toISOString() };
    }
    case 'FAILED_DELIVERY': {
      const decision = lastFailedAttempt(booking)?.decision;
      const next = booking.attempts?.[booking.attempts.length - 1];
      if (!decision || !next || next.outcome) return undefined;
      return { kind: 'next_attempt', ...(next.window ? { window: next.window } : { date: next.date }) };
    }
    case 'DELIVERED':
      return booking.deliveredAt ? { kind: 'delivered', at: booking.deliveredAt } : undefined;
    default:
      return undefined;
  }
}
