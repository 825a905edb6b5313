import fc from 'fast-check';
import {
  displayReference,
  isBookingReference,
  newBookingReference,
  parseBookingReference,
  referenceForIdempotencyKey,
  REFERENCE_ALPHABET,
} from '../../../functions/domain/booking-reference';

describe('booking references', () => {
  it('are always CB followed by six characters from A-Z0-9', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        let calls = 0;
        // A byte source that gives the drawn bytes first, then fresh ones (rejection sampling may need more).
        const reference = newBookingReference((size) => (calls++ === 0 ? bytes : new Uint8Array(size).map((_, i) => i * 7)));
        expect(reference).toMatch(/^CB[A-Z0-9]{6}$/);
        expect(isBookingReference(reference)).toBe(true);
      }),
    );
  });

  it('draw characters without modulo bias: bytes from 252 up are skipped', () => {
    const bytes = new Uint8Array([255, 252, 0, 1, 2, 3, 4, 35, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(newBookingReference(() => bytes)).toBe(`CB${'ABCDE'}${REFERENCE_ALPHABET[35]}`);
  });

  it('derived from an idempotency key are stable, and differ per key, caller and attempt', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (scope, key) => {
        const first = referenceForIdempotencyKey(scope, key);
        expect(referenceForIdempotencyKey(scope, key)).toBe(first);
        expect(isBookingReference(first)).toBe(true);
      }),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(referenceForIdempotencyKey('admin:alice', `key-${i}`));
    expect(seen.size).toBe(2000);
    expect(referenceForIdempotencyKey('admin:alice', 'k')).not.toBe(referenceForIdempotencyKey('admin:bob', 'k'));
    expect(referenceForIdempotencyKey('admin:alice', 'k', 0)).not.toBe(referenceForIdempotencyKey('admin:alice', 'k', 1));
  });

  it('are read back the way people say or type them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^CB[A-Z0-9]{6}$/), fc.constantFrom(' ', '-', '', '  '), fc.boolean(), (reference, separator, lower) => {
        const spoken = [...reference].join(separator);
        expect(parseBookingReference(lower ? spoken.toLowerCase() : spoken)).toBe(reference);
        expect(parseBookingReference(displayReference(reference))).toBe(reference);
      }),
    );
    expect(parseBookingReference('CB12345')).toBeNull();
    expect(parseBookingReference('XB123456')).toBeNull();
    expect(parseBookingReference('CB12345$')).toBeNull();
  });

  it('display as CB-XXXXXX', () => {
    expect(displayReference('CB7K2M9Q')).toBe('CB-7K2M9Q');
  });
});
