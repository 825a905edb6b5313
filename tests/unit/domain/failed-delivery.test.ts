import fc from 'fast-check';
import { DateTime } from 'luxon';
import { changeStatus, confirmBooking, type Booking } from '../../../functions/domain/booking';
import { DEFAULT_BUSINESS_RULES as rules, type SpecialHandling } from '../../../functions/domain/business-rules';
import { applyDeliveryUpdate, failedAttempts, validateDeliveryUpdate } from '../../../functions/domain/delivery';
import { InvalidFailedDeliveryChoice } from '../../../functions/domain/errors';
import {
  availableOptions,
  decideAfterFailure,
  failedAttemptFacts,
  isWellFormedLinkToken,
  linkTokenHash,
  newLinkToken,
  nextWorkingDay,
  recordOptionsOffered,
  redeliveryWindows,
  validateCustomerChoice,
  type FailedDeliveryPlan,
} from '../../../functions/domain/failed-delivery';
import { parsePickupWindowId } from '../../../functions/domain/pickup-windows';

const NOW = new Date('2026-11-24T20:00:00Z');

function bookingWith(handling: SpecialHandling[] = []): Booking {
  const { booking } = confirmBooking(
    {
      reference: 'CBFAIL01',
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

let n = 0;
function courierUpdate(booking: Booking, status: string): Booking {
  const update = validateDeliveryUpdate(
    {
      clientUpdateId: `unit-update-${++n}`,
      reference: booking.reference,
      status,
      location: { lat: 47.6, lon: -122.1, accuracyMeters: 5, source: 'GPS' },
      ...(status === 'FAILED_DELIVERY' ? { failure: { reason: 'RECIPIENT_ABSENT', notes: 'Out' } } : {}),
    },
    { now: NOW, rules },
  );
  return applyDeliveryUpdate(booking, update, { actor: { kind: 'courier', courierId: booking.courierId! }, now: NOW, rules, newPin: () => '1234' }).booking;
}

function failedOnce(handling: SpecialHandling[] = []): Booking {
  let booking = bookingWith(handling);
  for (const status of ['COLLECTED', 'OUT_FOR_DELIVERY', 'FAILED_DELIVERY']) booking = courierUpdate(booking, status);
  return booking;
}

describe('after a failed attempt', () => {
  it('the process knows the attempt, the count and whether it was the last allowed one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), (failures, maxDeliveryAttempts) => {
        const limited = { ...rules, maxDeliveryAttempts };
        let booking = bookingWith();
        booking = courierUpdate(booking, 'COLLECTED');
        for (let attempt = 1; attempt <= failures; attempt++) {
          booking = courierUpdate(booking, 'OUT_FOR_DELIVERY');
          booking = courierUpdate(booking, 'FAILED_DELIVERY');
          const facts = failedAttemptFacts(booking, attempt, limited)!;
          expect(facts).toEqual({ attempt, failedAttempts: attempt, maxAttempts: maxDeliveryAttempts, final: attempt >= maxDeliveryAttempts });
          // Any other attempt number is stale.
          expect(failedAttemptFacts(booking, attempt + 1, limited)).toBeNull();
          if (attempt < failures) {
            booking = decideAfterFailure(booking, attempt, { option: 'NO_ANSWER', date: '2026-11-25', courierId: 'C001' }, { at: NOW.toISOString(), by: 'system', rules: limited })!.booking;
            expect(failedAttemptFacts(booking, attempt, limited)).toBeNull();
          }
        }
        expect(failedAttempts(booking)).toBe(failures);
      }),
    );
  });

  const window = parsePickupWindowId('2026-11-26T10:00', rules) as Exclude<ReturnType<typeof parsePickupWindowId>, { problem: string }>;
  const plans: [string, FailedDeliveryPlan][] = [
    ['REDELIVER', { option: 'REDELIVER', window, courierId: 'C002' }],
    ['NEIGHBOUR', { option: 'NEIGHBOUR', instructions: 'No. 12', date: '2026-11-25', courierId: 'C003' }],
    ['SAFE_PLACE', { option: 'SAFE_PLACE', instructions: 'Shed', date: '2026-11-25' }],
    ['NO_ANSWER', { option: 'NO_ANSWER', date: '2026-11-25', courierId: 'C001' }],
    ['DEPOT_COLLECTION', { option: 'DEPOT_COLLECTION' }],
    ['RETURN_TO_SENDER', { option: 'RETURN_TO_SENDER', date: '2026-11-25', courierId: 'C004' }],
    ['MAX_ATTEMPTS', { option: 'MAX_ATTEMPTS', date: '2026-11-25' }],
  ];

  it.each(plans)('%s is decided once: back in transit, the decision on the failed attempt, an audit event', (option, plan) => {
    const failed = failedOnce();
    const decided = decideAfterFailure(failed, 1, plan, { at: NOW.toISOString(), by: 'customer', rules })!;
    expect(decided.booking.status).toBe('IN_TRANSIT');
    expect(decided.booking.version).toBe(failed.version + 1);
    expect(decided.event).toMatchObject({ status: 'IN_TRANSIT', sequence: decided.booking.version, attempt: 1 });
    expect(decided.booking.attempts![0].decision).toMatchObject({ option, by: 'customer' });
    const next = decided.booking.attempts![1];
    if (['REDELIVER', 'NEIGHBOUR', 'SAFE_PLACE', 'NO_ANSWER'].includes(option)) {
      expect(next).toMatchObject({ number: 2 });
      expect(decided.booking.courierId).toBe(next.courierId);
    } else expect(next).toBeUndefined();
    if (option === 'REDELIVER') expect(next).toMatchObject({ kind: 'REDELIVERY', date: '2026-11-26', window: { id: '2026-11-26T10:00' } });
    if (option === 'SAFE_PLACE') expect(decided.booking.courierId).toBeUndefined();
    if (option === 'DEPOT_COLLECTION') expect(decided.booking).toMatchObject({ depotCollection: { decidedAt: NOW.toISOString() }, courierId: 'C001' });
    if (option === 'RETURN_TO_SENDER' || option === 'MAX_ATTEMPTS') {
      expect(decided.booking.returnToSender).toMatchObject({ reason: option === 'MAX_ATTEMPTS' ? 'MAX_ATTEMPTS' : 'CUSTOMER_CHOICE', date: '2026-11-25' });
    }
    // A retried step changes nothing.
    expect(decideAfterFailure(decided.booking, 1, plan, { at: NOW.toISOString(), by: 'customer', rules })).toBeNull();
  });

  it('records the offer on the attempt, as an audit event without a status change', () => {
    const failed = failedOnce();
    const offered = recordOptionsOffered(failed, 1, { linkHash: 'abc', sentAt: NOW.toISOString(), expiresAt: '2026-11-26T20:00:00.000Z' });
    expect(offered.booking.status).toBe('FAILED_DELIVERY');
    expect(offered.booking.attempts![0].offer).toEqual({ linkHash: 'abc', sentAt: NOW.toISOString(), expiresAt: '2026-11-26T20:00:00.000Z' });
    expect(offered.event).toMatchObject({ status: 'FAILED_DELIVERY', description: 'Delivery options sent to the customer', sequence: failed.version + 1 });
  });
});

describe('the customer’s options', () => {
  it('depend on what the parcel needs at the door', () => {
    expect(availableOptions(bookingWith(), rules)).toEqual(['REDELIVER', 'NEIGHBOUR', 'SAFE_PLACE', 'DEPOT_COLLECTION', 'RETURN_TO_SENDER']);
    expect(availableOptions(bookingWith(['SIGNATURE_REQUIRED']), rules)).toEqual(['REDELIVER', 'NEIGHBOUR', 'DEPOT_COLLECTION', 'RETURN_TO_SENDER']);
    expect(availableOptions(bookingWith(['HIGH_VALUE']), rules)).toEqual(['REDELIVER', 'DEPOT_COLLECTION', 'RETURN_TO_SENDER']);
  });

  const choose = (input: Parameters<typeof validateCustomerChoice>[0], booking = failedOnce()) => validateCustomerChoice(input, { booking, now: NOW, rules });
  const codes = (fn: () => unknown) => {
    try {
      fn();
      return [];
    } catch (error) {
      return (error as InvalidFailedDeliveryChoice).issues.map((i) => i.code);
    }
  };

  it('a redelivery needs a bookable window', () => {
    const offered = redeliveryWindows(NOW, rules);
    expect(offered).toHaveLength(rules.redeliveryWindowsOffered);
    // Offered windows start on a later day than the failure.
    expect(offered.every((w) => w.date > '2026-11-24')).toBe(true);
    expect(choose({ option: 'REDELIVER', windowId: offered[0].id })).toMatchObject({ option: 'REDELIVER', window: { id: offered[0].id } });
    expect(codes(() => choose({ option: 'REDELIVER' }))).toEqual(['WINDOW_REQUIRED']);
    expect(codes(() => choose({ option: 'REDELIVER', windowId: '2026-11-23T08:00' }))).toEqual(['WINDOW_IN_THE_PAST']);
    expect(codes(() => choose({ option: 'REDELIVER', windowId: '2026-11-25T07:00' }))).toEqual(['WINDOW_NOT_A_SERVICE_WINDOW']);
  });

  it('a neighbour or safe place needs instructions; other options need nothing', () => {
    expect(codes(() => choose({ option: 'NEIGHBOUR', instructions: '' }))).toEqual(['INSTRUCTIONS_REQUIRED']);
    expect(choose({ option: 'SAFE_PLACE', instructions: '  behind   the gate ' })).toEqual({ option: 'SAFE_PLACE', instructions: 'behind the gate' });
    expect(choose({ option: 'DEPOT_COLLECTION', windowId: 'ignored' })).toEqual({ option: 'DEPOT_COLLECTION' });
    expect(codes(() => choose({ option: 'SAFE_PLACE', instructions: 'porch' }, failedOnce(['HIGH_VALUE'])))).toEqual(['OPTION_NOT_AVAILABLE']);
    expect(codes(() => choose({ option: 'TELEPORT' }))).toEqual(['OPTION_NOT_AVAILABLE']);
  });
});

describe('dates and links', () => {
  it('the next working day is the first working day after the date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), (when, workingDays) => {
        const custom = { ...rules, workingDays };
        const date = DateTime.fromJSDate(when, { zone: rules.serviceTimeZone }).toFormat('yyyy-MM-dd');
        const next = nextWorkingDay(date, custom);
        expect(next > date).toBe(true);
        expect(workingDays).toContain(DateTime.fromISO(next, { zone: rules.serviceTimeZone }).weekday);
        for (let day = DateTime.fromISO(date).plus({ days: 1 }); day.toFormat('yyyy-MM-dd') < next; day = day.plus({ days: 1 })) {
          expect(workingDays).not.toContain(day.weekday);
        }
      }),
    );
  });

  it('link tokens are 256 random bits in 43 URL-safe characters; only their hash is kept', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newLinkToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(isWellFormedLinkToken(token)).toBe(true);
    const [token] = tokens;
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkTokenHash(token)).toBe(linkTokenHash(token));
    for (const bad of ['', 'CBABC123', `${token}x`, token.replace(/.$/, '!')]) expect(isWellFormedLinkToken(bad)).toBe(false);
  });
});
