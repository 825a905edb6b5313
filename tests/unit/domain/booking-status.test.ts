import fc from 'fast-check';
import {
  allowedNextStatuses,
  BOOKING_STATUSES,
  canChangeStatus,
  changeStatus,
  confirmBooking,
  isTerminalStatus,
  type Booking,
  type BookingStatus,
} from '../../../functions/domain/booking';
import { IllegalStatusTransition } from '../../../functions/domain/errors';

function sampleBooking(): Booking {
  return confirmBooking(
    {
      reference: 'CBTEST01',
      channel: 'ADMIN',
      customer: { name: 'Ada', phone: '+12065550100' },
      pickup: { line1: '400 Broad St', city: 'Seattle', country: 'US', location: { lat: 47.62, lon: -122.35 }, precision: 'POSTCODE', approximate: true, label: 'Seattle' },
      delivery: { line1: '1 Microsoft Way', city: 'Redmond', country: 'US', location: { lat: 47.64, lon: -122.13 }, precision: 'POSTCODE', approximate: true, label: 'Redmond' },
      parcel: { size: 'SMALL', weightKg: 1, handling: [] },
      pickupWindow: { id: '2026-11-24T08:00', date: '2026-11-24', startLocal: '08:00', endLocal: '10:00', startsAt: '2026-11-24T16:00:00Z', endsAt: '2026-11-24T18:00:00Z', label: 'Tue' },
      price: { currency: 'USD', totalMinor: 600, lines: [], distanceKm: 1 },
    },
    '2026-11-23T10:00:00Z',
  ).booking;
}

const status = fc.constantFrom(...BOOKING_STATUSES);

describe('booking status rules', () => {
  it('every sequence of attempted changes keeps the booking and its audit trail consistent', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 30 }), (attempts) => {
        let booking = sampleBooking();
        const trail = [1];
        for (const to of attempts) {
          const legal = canChangeStatus(booking.status, to);
          if (!legal) {
            expect(() => changeStatus(booking, { to, at: '2026-11-24T12:00:00Z', actor: 'test' })).toThrow(IllegalStatusTransition);
            continue;
          }
          const { booking: next, event } = changeStatus(booking, { to, at: '2026-11-24T12:00:00Z', actor: 'test', courierId: 'C1' });
          expect(next.status).toBe(to);
          expect(next.version).toBe(booking.version + 1);
          expect(event.sequence).toBe(next.version);
          expect(event.status).toBe(to);
          trail.push(event.sequence);
          booking = next;
        }
        // The audit trail is gap-free: 1, 2, 3, …
        expect(trail).toEqual(trail.map((_, i) => i + 1));
      }),
    );
  });

  it('terminal statuses allow nothing further; others always have a way forward', () => {
    for (const s of BOOKING_STATUSES) {
      expect(isTerminalStatus(s)).toBe(allowedNextStatuses(s).length === 0);
    }
    expect(BOOKING_STATUSES.filter(isTerminalStatus).sort()).toEqual(['CANCELLED', 'DELIVERED', 'RETURNED']);
  });

  it('delivered is reachable only through out for delivery', () => {
    const into = (target: BookingStatus) => BOOKING_STATUSES.filter((s) => canChangeStatus(s, target));
    expect(into('DELIVERED')).toEqual(['OUT_FOR_DELIVERY']);
    expect(into('COLLECTED')).toEqual(['ASSIGNED']);
  });

  it('every status is reachable from BOOKED', () => {
    const reached = new Set<BookingStatus>(['BOOKED']);
    const queue: BookingStatus[] = ['BOOKED'];
    while (queue.length) for (const next of allowedNextStatuses(queue.shift()!)) if (!reached.has(next)) reached.add(next), queue.push(next);
    expect([...reached].sort()).toEqual([...BOOKING_STATUSES].sort());
  });

  it('un-assigning removes the courier', () => {
    const assigned = changeStatus(sampleBooking(), { to: 'ASSIGNED', at: 'x', actor: 'system', courierId: 'C9' }).booking;
    expect(assigned.courierId).toBe('C9');
    expect(changeStatus(assigned, { to: 'BOOKED', at: 'y', actor: 'admin:a' }).booking.courierId).toBeUndefined();
  });
});
