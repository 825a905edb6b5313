// Booking references: "CB" + 6 characters from A-Z0-9, shown to people as CB-XXXXXX.
// 36^6 ≈ 2.2 billion values, so random references rarely collide, and a reference
// derived from an idempotency key lets a retried request land on the same booking
// (the booking saga is started with the reference as its execution name).
import { createHash, randomBytes } from 'node:crypto';

export const REFERENCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const REFERENCE_PATTERN = /^CB[A-Z0-9]{6}$/;
const BODY_LENGTH = 6;

/** Maps bytes to alphabet characters without modulo bias: bytes ≥ 252 (= 7 × 36) are skipped. */
function bodyFromBytes(bytes: Uint8Array): string | null {
  let body = '';
  for (const byte of bytes) {
    if (byte >= 252) continue;
    body += REFERENCE_ALPHABET[byte % 36];
    if (body.length === BODY_LENGTH) return body;
  }
  return null;
}

export function newBookingReference(random: (size: number) => Uint8Array = randomBytes): string {
  for (;;) {
    const body = bodyFromBytes(random(16));
    if (body) return `CB${body}`;
  }
}

/**
 * A reference determined by who asked and their idempotency key. `attempt` moves to
 * the next candidate when a different request already owns the derived reference.
 */
export function referenceForIdempotencyKey(scope: string, key: string, attempt = 0): string {
  for (let salt = 0; ; salt++) {
    const digest = createHash('sha256').update(`${scope}\u0000${key}\u0000${attempt}\u0000${salt}`).digest();
    const body = bodyFromBytes(digest);
    if (body) return `CB${body}`;
  }
}

export function isBookingReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}

/**
 * Reads a reference the way people give it: any case, with or without the hyphen,
 * spaces between characters ("c b 1 2 3"), so voice and web input share one parser.
 * Returns null when what remains is not a reference.
 */
export function parseBookingReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '');
  return isBookingReference(compact) ? compact : null;
}

export function displayReference(reference: string): string {
  return `${reference.slice(0, 2)}-${reference.slice(2)}`;
}
