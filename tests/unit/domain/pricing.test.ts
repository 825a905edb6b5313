import fc from 'fast-check';
import { DEFAULT_BUSINESS_RULES as rules, PARCEL_SIZES, SPECIAL_HANDLING } from '../../../functions/domain/business-rules';
import { quoteBooking, type QuoteInput } from '../../../functions/domain/pricing';

const quoteInput = fc.record({
  size: fc.constantFrom(...PARCEL_SIZES),
  weightKg: fc.double({ min: 0.1, max: 70, noNaN: true }),
  handling: fc.subarray([...SPECIAL_HANDLING]),
  distanceKm: fc.double({ min: 0, max: 150, noNaN: true }),
}) as fc.Arbitrary<QuoteInput>;

describe('pricing', () => {
  it('totals are the sum of their lines, in whole cents, never negative', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const quote = quoteBooking(input, rules);
        expect(quote.totalMinor).toBe(quote.lines.reduce((s, l) => s + l.amountMinor, 0));
        expect(Number.isInteger(quote.totalMinor)).toBe(true);
        expect(quote.lines.every((l) => Number.isInteger(l.amountMinor) && l.amountMinor > 0)).toBe(true);
        expect(quote.currency).toBe('USD');
      }),
    );
  });

  it('never gets cheaper with more distance or more weight', () => {
    fc.assert(
      fc.property(quoteInput, fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (input, extraKm, extraKg) => {
        const base = quoteBooking(input, rules).totalMinor;
        expect(quoteBooking({ ...input, distanceKm: input.distanceKm + extraKm }, rules).totalMinor).toBeGreaterThanOrEqual(base);
        expect(quoteBooking({ ...input, weightKg: input.weightKg + extraKg }, rules).totalMinor).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('adds exactly the surcharge of each handling need, once', () => {
    fc.assert(
      fc.property(quoteInput, fc.constantFrom(...SPECIAL_HANDLING), (input, need) => {
        const without = quoteBooking({ ...input, handling: input.handling.filter((h) => h !== need) }, rules).totalMinor;
        const withNeedTwice = quoteBooking({ ...input, handling: [...input.handling.filter((h) => h !== need), need, need] }, rules).totalMinor;
        expect(withNeedTwice - without).toBe(rules.handlingSurchargeMinor[need]);
      }),
    );
  });

  it('charges the base fee only within the included distance and weight', () => {
    const quote = quoteBooking({ size: 'MEDIUM', weightKg: 5, handling: [], distanceKm: 3 }, rules);
    expect(quote.lines).toEqual([{ code: 'BASE', label: 'medium parcel', amountMinor: 900 }]);
  });

  it('charges distance per started 0.1 km beyond what is included', () => {
    const quote = quoteBooking({ size: 'SMALL', weightKg: 1, handling: [], distanceKm: 10.01 }, rules);
    // 7.01 km beyond 3 km → 71 tenths × $1.20/km = $8.52
    expect(quote.lines.find((l) => l.code === 'DISTANCE')?.amountMinor).toBe(852);
  });
});
