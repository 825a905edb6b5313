import fc from 'fast-check';
import { canChangeStatus, confirmBooking, changeStatus, type Booking } from '../../../functions/domain/booking';
import { DEFAULT_BUSINESS_RULES as rules, type SpecialHandling } from '../../../functions/domain/business-rules';
import {
  applyDeliveryUpdate,
  DELIVERY_STATUSES,
  deliveryStatusOptions,
  failedAttempts,
  FAILURE_REASONS,
  openAttempt,
  validateDeliveryUpdate,
  type DeliveryActor,
  type DeliveryStatus,
  type DeliveryUpdateInput,
} from '../../../functions/domain/delivery';
import { decideAfterFailure } from '../../../functions/domain/failed-delivery';
import { DomainError, InvalidDeliveryUpdate } from '../../../functions/domain/errors';

const NOW = new Date('2026-11-24T20:00:00Z');
const COURIER: DeliveryActor = { kind: 'courier', courierId: 'C001' };
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function assignedBooking(handling: SpecialHandling[] = []): Booking {
  const { booking } = confirmBooking(
    {
      reference: 'CBTEST01',
      channel: 'ADMIN',
      customer: { name: 'Ada', phone: '+12065550100' },
      pickup: { line1: '400 Broad St', city: 'Seattle', country: 'US', location: { lat: 47.62, lon: -122.35 }, precision: 'POSTCODE', approximate: true, label: 'Seattle' },
      delivery: { line1: '1 Microsoft Way', city: 'Redmond', country: 'US', location: { lat: 47.64, lon: -122.13 }, precision: 'POSTCODE', approximate: true, label: 'Redmond' },
      parcel: { size: 'SMALL', weightKg: 1, handling },
      pickupWindow: { id: '2026-11-24T08:00', date: '2026-11-24', startLocal: '08:00', endLocal: '10:00', startsAt: '2026-11-24T16:00:00Z', endsAt: '2026-11-24T18:00:00Z', label: 'Tue' },
      price: { currency: 'USD', totalMinor: 600, lines: [], distanceKm: 1 },
    },
    '2026-11-23T10:00:00Z',
  );
  return changeStatus(booking, { to: 'ASSIGNED', at: '2026-11-23T10:00:01Z', actor: 'system', courierId: 'C001' }).booking;
}

let updates = 0;
/** A well-formed update to `status` carrying what that status needs. */
function input(status: string, extra: Partial<DeliveryUpdateInput> = {}): DeliveryUpdateInput {
  return {
    clientUpdateId: `update-${++updates}`,
    reference: 'CB-TEST01',
    status,
    location: { lat: 47.64, lon: -122.13, accuracyMeters: 8, source: 'GPS' },
    ...(status === 'DELIVERED' ? { proof: { signature: PNG, recipientName: 'Ada' } } : {}),
    ...(status === 'FAILED_DELIVERY' ? { failure: { reason: 'RECIPIENT_ABSENT', notes: 'Nobody home' } } : {}),
    ...extra,
  };
}

const apply = (booking: Booking, status: string, actor: DeliveryActor = COURIER) =>
  applyDeliveryUpdate(booking, validateDeliveryUpdate(input(status), { now: NOW, rules }), { actor, now: NOW, rules, newPin: () => '1234' });

describe('delivery status updates', () => {
  it('any sequence of courier updates moves only along legal, currently allowed transitions and keeps the booking consistent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DELIVERY_STATUSES), { maxLength: 25 }), fc.array(fc.boolean(), { maxLength: 25 }), (statuses, decisions) => {
        let booking = assignedBooking();
        let failures = 0;
        statuses.forEach((status, i) => {
          const allowed = deliveryStatusOptions(booking, COURIER).includes(status);
          let result;
          try {
            result = apply(booking, status);
          } catch (error) {
            // Refusals are typed and only for moves the booking does not allow now.
            expect(error).toBeInstanceOf(DomainError);
            expect(allowed).toBe(false);
            return;
          }
          expect(allowed).toBe(true);
          expect(canChangeStatus(booking.status, status)).toBe(true);
          expect(result.booking.version).toBe(booking.version + 1);
          expect(result.event).toMatchObject({ sequence: result.booking.version, status, courierId: 'C001', locationSource: 'GPS' });
          booking = result.booking;
          if (status === 'FAILED_DELIVERY') {
            failures++;
            // The failed-delivery process decides; sometimes it sends the parcel back.
            const attempt = booking.attempts!.at(-1)!.number;
            const plan = decisions[i] ? ({ option: 'NO_ANSWER', date: '2026-11-25', courierId: 'C001' } as const) : ({ option: 'RETURN_TO_SENDER', date: '2026-11-25', courierId: 'C001' } as const);
            booking = decideAfterFailure(booking, attempt, plan, { at: NOW.toISOString(), by: 'system', rules })!.booking;
          }
          // Attempts are numbered 1, 2, 3, … and at most the last is open.
          const attempts = booking.attempts ?? [];
          expect(attempts.map((a) => a.number)).toEqual(attempts.map((_, n) => n + 1));
          expect(attempts.slice(0, -1).every((a) => a.outcome !== undefined)).toBe(true);
          expect(failedAttempts(booking)).toBe(failures);
        });
        if (booking.status === 'DELIVERED') {
          expect(booking.proof).toBeDefined();
          expect(booking.attempts!.at(-1)!.outcome).toBe('DELIVERED');
          expect(openAttempt(booking)).toBeUndefined();
        }
        if (booking.status === 'RETURNED') expect(booking.returnToSender).toBeDefined();
      }),
    );
  });

  it('a courier only ever touches their own delivery', () => {
    const booking = assignedBooking();
    for (const status of DELIVERY_STATUSES) {
      expect(() => apply(booking, status, { kind: 'courier', courierId: 'C002' })).toThrow(expect.objectContaining({ name: 'DeliveryNotFound' }));
    }
    expect(deliveryStatusOptions(booking, { kind: 'courier', courierId: 'C002' })).toEqual([]);
  });

  it('after a failure the courier waits for the decision; dispatch may step in', () => {
    let booking = assignedBooking();
    for (const status of ['COLLECTED', 'OUT_FOR_DELIVERY', 'FAILED_DELIVERY']) booking = apply(booking, status).booking;
    expect(() => apply(booking, 'IN_TRANSIT')).toThrow(expect.objectContaining({ name: 'AwaitingCustomerDecision' }));
    expect(deliveryStatusOptions(booking, COURIER)).toEqual([]);
    expect(apply(booking, 'IN_TRANSIT', { kind: 'admin', username: 'dispatch' }).booking.status).toBe('IN_TRANSIT');
  });

  it('out for delivery opens an attempt and issues a PIN; delivered closes it with the proof', () => {
    let booking = assignedBooking(['HIGH_VALUE']);
    booking = apply(booking, 'COLLECTED').booking;
    const out = apply(booking, 'OUT_FOR_DELIVERY');
    expect(out.issuedPin).toEqual({ code: '1234', attempt: 1, issuedAt: NOW.toISOString(), failures: 0 });
    expect(openAttempt(out.booking)).toMatchObject({ number: 1, kind: 'FIRST', courierId: 'C001', date: '2026-11-24' });
    // HIGH_VALUE needs the PIN; a wrong one is refused.
    expect(() => apply(out.booking, 'DELIVERED')).toThrow(InvalidDeliveryUpdate);
    const wrong = validateDeliveryUpdate(input('DELIVERED', { proof: { recipientName: 'Ada', pin: '9999' } }), { now: NOW, rules });
    expect(() => applyDeliveryUpdate(out.booking, wrong, { actor: COURIER, now: NOW, rules, newPin: () => '0000' })).toThrow(expect.objectContaining({ name: 'DeliveryPinMismatch' }));
    const right = validateDeliveryUpdate(input('DELIVERED', { proof: { recipientName: 'Ada', pin: '1234', signature: PNG } }), { now: NOW, rules });
    const delivered = applyDeliveryUpdate(out.booking, right, { actor: COURIER, now: NOW, rules, newPin: () => '0000' });
    expect(delivered.booking.proof).toMatchObject({ attempt: 1, pinVerified: true, recipientName: 'Ada', signatureKey: expect.stringMatching(/^proof\/CBTEST01\/attempt-1\/update-\d+-signature\.png$/) });
    expect(delivered.files).toEqual([expect.objectContaining({ key: delivered.booking.proof!.signatureKey })]);
    expect(delivered.event.description).toBe('Delivered, signed for by Ada');
  });

  it('too many wrong PINs lock the PIN for the attempt', () => {
    let booking = apply(apply(assignedBooking(['HIGH_VALUE']), 'COLLECTED').booking, 'OUT_FOR_DELIVERY').booking;
    booking = { ...booking, deliveryPin: { ...booking.deliveryPin!, failures: rules.deliveryPinMaxFailures } };
    const right = validateDeliveryUpdate(input('DELIVERED', { proof: { recipientName: 'Ada', pin: '1234' } }), { now: NOW, rules });
    expect(() => applyDeliveryUpdate(booking, right, { actor: COURIER, now: NOW, rules, newPin: () => '0000' })).toThrow(expect.objectContaining({ name: 'DeliveryPinLocked' }));
  });
});

describe('what an update must carry', () => {
  const issues = (raw: DeliveryUpdateInput) => {
    try {
      validateDeliveryUpdate(raw, { now: NOW, rules });
      return [];
    } catch (error) {
      return (error as InvalidDeliveryUpdate).issues.map((i) => i.code);
    }
  };

  it('every update needs a real location', () => {
    expect(issues(input('COLLECTED', { location: null }))).toEqual(['LOCATION_REQUIRED']);
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.double({ noNaN: false }), fc.double(), (lat, lon, accuracyMeters) => {
        const valid = Number.isFinite(lat) && Math.abs(lat) <= 90 && Number.isFinite(lon) && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0) && accuracyMeters >= 0 && accuracyMeters <= 5000;
        expect(issues(input('COLLECTED', { location: { lat, lon, accuracyMeters, source: 'GPS' } })).length === 0).toBe(valid);
      }),
    );
  });

  it('delivered needs at least one of signature, photo and name; failed needs a reason and notes', () => {
    expect(issues(input('DELIVERED', { proof: null }))).toEqual(['PROOF_REQUIRED']);
    expect(issues(input('DELIVERED', { proof: { recipientName: 'Bo' } }))).toEqual([]);
    expect(issues(input('FAILED_DELIVERY', { failure: null }))).toEqual(['FAILURE_REASON_REQUIRED']);
    expect(issues(input('FAILED_DELIVERY', { failure: { reason: 'LOST', notes: 'x' } })).sort()).toEqual(['INVALID_REASON', 'NOTES_REQUIRED']);
    for (const reason of FAILURE_REASONS) expect(issues(input('FAILED_DELIVERY', { failure: { reason, notes: 'Gate locked' } }))).toEqual([]);
  });

  it('only the six delivery statuses can be sent', () => {
    for (const status of ['BOOKED', 'ASSIGNED', 'CANCELLED', 'LOST']) expect(issues(input(status))).toEqual(['NOT_A_DELIVERY_STATUS']);
    for (const status of DELIVERY_STATUSES) expect(issues(input(status))).toEqual([]);
  });

  it('an offline update may be late, but not from the future nor days old', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(issues(input('COLLECTED', { occurredAt: at(-3_600_000) }))).toEqual([]);
    expect(issues(input('COLLECTED', { occurredAt: at(60 * 60_000) }))).toEqual(['IN_THE_FUTURE']);
    expect(issues(input('COLLECTED', { occurredAt: at(-(rules.offlineUpdateMaxAgeHours + 1) * 3_600_000) }))).toEqual(['TOO_OLD']);
    expect(issues(input('COLLECTED', { occurredAt: 'yesterday' }))).toEqual(['INVALID_TIME']);
  });

  it('problems are reported together', () => {
    const codes = issues({ clientUpdateId: '', reference: 'nope', status: 'DELIVERED', location: null, proof: null });
    expect(codes.sort()).toEqual(['INVALID_CLIENT_UPDATE_ID', 'INVALID_REFERENCE', 'LOCATION_REQUIRED', 'PROOF_REQUIRED']);
  });

  it('the statuses offered to a courier are exactly those an update would accept', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<DeliveryStatus>(...DELIVERY_STATUSES), { maxLength: 8 }), (path) => {
        let booking = assignedBooking();
        for (const status of path) {
          try {
            booking = apply(booking, status).booking;
          } catch {
            /* a refused step leaves the booking as it was */
          }
        }
        for (const status of DELIVERY_STATUSES) {
          let accepted = true;
          try {
            apply(booking, status);
          } catch {
            accepted = false;
          }
          expect([status, deliveryStatusOptions(booking, COURIER).includes(status)]).toEqual([status, accepted]);
        }
      }),
    );
  });
});
