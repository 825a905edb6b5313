import fc from 'fast-check';
import { validateBookingRequest, type BookingRequestInput } from '../../../functions/domain/booking-request';
import { DEFAULT_BUSINESS_RULES as rules } from '../../../functions/domain/business-rules';
import { InvalidBookingRequest } from '../../../functions/domain/errors';

const now = new Date('2026-11-23T18:00:00Z'); // Monday 10:00 in Seattle

function request(overrides: Partial<BookingRequestInput> = {}): BookingRequestInput {
  return {
    customer: { name: '  Ada   Lovelace ', phone: '(206) 555-0100', email: 'Ada@Example.com' },
    pickup: { line1: '400 Broad St', city: 'Seattle', region: 'WA', postcode: '98109', country: 'us' },
    delivery: { line1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postcode: '98052', country: 'US' },
    parcel: { size: 'MEDIUM', weightKg: 4.5, handling: ['FRAGILE', 'FRAGILE'] },
    pickupWindowId: '2026-11-24T10:00',
    ...overrides,
  };
}

function issuesOf(input: BookingRequestInput): string[] {
  try {
    validateBookingRequest(input, { now, rules, channel: 'ADMIN' });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidBookingRequest);
    return (error as InvalidBookingRequest).issues.map((i) => `${i.field}:${i.code}`);
  }
}

describe('booking request validation', () => {
  it('normalises a good request', () => {
    const valid = validateBookingRequest(request(), { now, rules, channel: 'ADMIN' });
    expect(valid.customer).toEqual({ name: 'Ada Lovelace', phone: '+12065550100', email: 'ada@example.com' });
    expect(valid.pickup.country).toBe('US');
    expect(valid.parcel.handling).toEqual(['FRAGILE']);
    expect(valid.pickupWindow.startsAt).toBe('2026-11-24T18:00:00Z');
  });

  it('reports every problem at once with field and code', () => {
    const issues = issuesOf(
      request({
        customer: { name: '', phone: '12', email: 'not-an-email' },
        parcel: { size: 'SMALL', weightKg: 12 },
        pickupWindowId: '2026-11-23T08:00',
      }),
    );
    expect(issues).toEqual([
      'customer.name:REQUIRED',
      'customer.phone:INVALID_PHONE',
      'customer.email:INVALID_EMAIL',
      'parcel.weightKg:TOO_HEAVY',
      'pickupWindowId:PICKUP_WINDOW_IN_THE_PAST',
    ]);
  });

  it('refuses impossible weights of every kind', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.double({ max: 0, noNaN: true }), fc.constant(Number.NaN), fc.constant(Infinity), fc.double({ min: 70.0001, max: 1e6, noNaN: true })), (weightKg) => {
        expect(issuesOf(request({ parcel: { size: 'EXTRA_LARGE', weightKg } }))[0]).toMatch(/^parcel\.weightKg:(INVALID_WEIGHT|TOO_HEAVY)$/);
      }),
    );
  });

  it('accepts every weight within the size limit', () => {
    fc.assert(
      fc.property(fc.constantFrom('SMALL', 'MEDIUM', 'LARGE', 'EXTRA_LARGE' as const), fc.double({ min: 0.001, max: 1, noNaN: true }), (size, fraction) => {
        expect(issuesOf(request({ parcel: { size, weightKg: rules.sizes[size].maxWeightKg * fraction } }))).toEqual([]);
      }),
    );
  });

  it('refuses the same address for pickup and delivery, bad ZIPs and country codes', () => {
    const pickup = request().pickup;
    expect(issuesOf(request({ delivery: { ...pickup, line1: '400  broad st' } }))).toEqual(['delivery:SAME_AS_PICKUP']);
    expect(issuesOf(request({ delivery: { ...request().delivery, postcode: '9805' } }))).toEqual(['delivery.postcode:INVALID_POSTCODE']);
    expect(issuesOf(request({ delivery: { ...request().delivery, country: 'USA' } }))).toEqual(['delivery.country:INVALID_COUNTRY']);
  });
});
