import fc from 'fast-check';
import {
  assertValidPosition,
  greatCircleKm,
  incompleteAddressResult,
  InvalidPosition,
  isValidLatLon,
  normalizeCountryCode,
  type LatLon,
} from '../../../functions/ports/geo-port';

const position: fc.Arbitrary<LatLon> = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

const offGlobe: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ lat: fc.oneof(fc.double({ min: 90, max: 1e9, minExcluded: true }), fc.double({ min: -1e9, max: -90, maxExcluded: true })), lon: fc.constant(0) }),
  fc.record({ lat: fc.constant(0), lon: fc.oneof(fc.double({ min: 180, max: 1e9, minExcluded: true }), fc.double({ min: -1e9, max: -180, maxExcluded: true })) }),
  fc.record({ lat: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY), lon: fc.constant(0) }),
  fc.record({ lat: fc.constant(0), lon: fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY) }),
  fc.record({ lat: fc.string(), lon: fc.constant(0) }),
  fc.constantFrom(null, undefined, 42, 'Seattle', [47.6, -122.3]),
);

describe('positions', () => {
  it('accepts every point on the globe', () => {
    fc.assert(fc.property(position, (p) => expect(isValidLatLon(p)).toBe(true)));
  });

  it('rejects everything off it with a typed, non-transient InvalidPosition', () => {
    fc.assert(
      fc.property(offGlobe, (p) => {
        expect(isValidLatLon(p)).toBe(false);
        let thrown: unknown;
        try {
          assertValidPosition(p, 'pickup position');
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(InvalidPosition);
        expect((thrown as InvalidPosition).name).toBe('InvalidPosition');
        expect((thrown as InvalidPosition).transient).toBe(false);
        expect((thrown as InvalidPosition).message).toContain('pickup position');
      }),
    );
  });

  it('names a NaN in the message instead of printing null', () => {
    expect(() => assertValidPosition({ lat: Number.NaN, lon: 3 }, 'position')).toThrow(/lat NaN, lon 3/);
  });
});

describe('greatCircleKm', () => {
  it('is zero from a point to itself, symmetric, and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(position, position, position, (a, b, c) => {
        expect(greatCircleKm(a, a)).toBeCloseTo(0, 9);
        expect(greatCircleKm(a, b)).toBeCloseTo(greatCircleKm(b, a), 9);
        expect(greatCircleKm(a, c)).toBeLessThanOrEqual(greatCircleKm(a, b) + greatCircleKm(b, c) + 1e-6);
      }),
    );
  });

  it('never exceeds half the Earth’s circumference', () => {
    fc.assert(fc.property(position, position, (a, b) => expect(greatCircleKm(a, b)).toBeLessThanOrEqual(Math.PI * 6371.0088 + 1e-6)));
  });

  it('makes one degree of latitude about 111.2 km', () => {
    fc.assert(
      fc.property(fc.double({ min: -89, max: 88, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (lat, lon) => {
        expect(greatCircleKm({ lat, lon }, { lat: lat + 1, lon })).toBeCloseTo(111.195, 2);
      }),
    );
  });
});

describe('normalizeCountryCode', () => {
  it('upper-cases and trims any two-letter code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{2}$/).filter((code) => code.toUpperCase() !== 'UK'), fc.constantFrom('', ' ', '\t'), (code, pad) => {
        expect(normalizeCountryCode(`${pad}${code}${pad}`)).toBe(code.toUpperCase());
      }),
    );
  });

  it('reads UK as GB', () => {
    expect(normalizeCountryCode('uk')).toBe('GB');
  });

  it('rejects anything that cannot be an alpha-2 code', () => {
    fc.assert(fc.property(fc.string().filter((text) => !/^[A-Za-z]{2}$/.test(text.trim())), (text) => expect(normalizeCountryCode(text)).toBeUndefined()));
  });
});

describe('incompleteAddressResult', () => {
  const blank = fc.constantFrom('', ' ', '\t\n');
  const text = fc.string({ minLength: 1 }).filter((s) => s.trim() !== '');

  it('names each missing part', () => {
    fc.assert(
      fc.property(fc.oneof(blank, text), fc.oneof(blank, text), (line1, city) => {
        const result = incompleteAddressResult({ line1, city, country: 'US' });
        const missingLine1 = line1.trim() === '';
        const missingCity = city.trim() === '';
        if (!missingLine1 && !missingCity) {
          expect(result).toBeUndefined();
          return;
        }
        expect(result?.reason).toBe('incomplete_address');
        expect(result?.message.includes('street address')).toBe(missingLine1);
        expect(result?.message.includes('city')).toBe(missingCity);
      }),
    );
  });
});
