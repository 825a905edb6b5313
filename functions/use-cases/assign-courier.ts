// Flow: stored booking → still waiting for a courier? → candidates with their load that
// day → nearest with room → ASSIGNED (+ tracking event). No courier free: the booking
// stays BOOKED for dispatch to assign by hand.
import { changeStatus, type Booking } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { chooseCourier } from '../domain/courier-assignment';
import { straightLineKm } from '../domain/distance';
import { BookingNotFound } from '../domain/errors';
import type { BookingStore } from '../ports/booking-store';
import type { CourierStore } from '../ports/courier-store';

export interface AssignCourierDependencies {
  bookings: BookingStore;
  couriers: CourierStore;
  rules: BusinessRules;
  clock: () => Date;
}

export async function assignCourier(reference: string, deps: AssignCourierDependencies): Promise<{ booking: Booking; assigned: boolean }> {
  // Independent reads, side by side: this step is on the path of every booking confirmation.
  const [booking, couriers] = await Promise.all([deps.bookings.getBooking(reference), deps.couriers.listCouriers()]);
  if (!booking) throw new BookingNotFound(reference);
  // A retried step finds its own earlier work done.
  if (booking.status !== 'BOOKED') return { booking, assigned: booking.courierId !== undefined };

  const load = await deps.bookings.jobsPerCourierOn(
    booking.pickupDate,
    couriers.map((c) => c.courierId),
  );
  const chosen = chooseCourier(
    couriers.map((c) => ({ courierId: c.courierId, onDuty: c.onDuty, position: c.position ?? c.homeBase, jobsOnDate: load.get(c.courierId) ?? 0 })),
    booking.pickup.location,
    straightLineKm,
    deps.rules.maxJobsPerCourierPerDay,
  );
  if (!chosen) return { booking, assigned: false };

  const courier = couriers.find((c) => c.courierId === chosen.courierId)!;
  const change = changeStatus(booking, {
    to: 'ASSIGNED',
    at: deps.clock().toISOString(),
    actor: 'system',
    courierId: courier.courierId,
    description: `Courier ${courier.name} assigned`,
  });
  await deps.bookings.saveChange(booking.version, change.booking, change.event);
  return { booking: change.booking, assigned: true };
}
