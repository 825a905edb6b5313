// Identifier generators behind util.autoId, util.autoUlid and util.autoKsuid.
// Documented in "Built-in utilities" (https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html):
//   autoId    - a 128-bit randomly generated UUID
//   autoUlid  - a 128-bit ULID (Universally Unique Lexicographically Sortable Identifier)
//   autoKsuid - a 128-bit KSUID (K-Sortable Unique Identifier) base62 encoded as a string of length 27
// The ULID and KSUID layouts follow their public specifications (github.com/ulid/spec,
// github.com/segmentio/ksuid), which is what makes them sortable by creation time.

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID timestamps count seconds from this epoch (2014-05-13T16:53:20Z) to fit 32 bits for longer. */
const KSUID_EPOCH_SECONDS = 1_400_000_000;
const KSUID_LENGTH = 27;
const ULID_TIME_CHARACTERS = 10;
const ULID_RANDOM_BYTES = 10;
const KSUID_RANDOM_BYTES = 16;

export type RandomBytes = (length: number) => Uint8Array;

/** ULID: 48-bit big-endian millisecond timestamp then 80 random bits, Crockford base32, 26 characters. */
export function ulid(nowMs: number, randomBytes: RandomBytes): string {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0 || nowMs > 2 ** 48 - 1) {
    throw new RangeError(`ULID timestamp out of range: ${nowMs}`);
  }
  let time = '';
  let remaining = nowMs;
  for (let i = 0; i < ULID_TIME_CHARACTERS; i += 1) {
    time = CROCKFORD_BASE32[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  // 80 random bits are 16 base32 characters of 5 bits each, read from the bytes most significant bit first.
  const bytes = randomBytes(ULID_RANDOM_BYTES);
  let random = '';
  let buffer = 0;
  let bufferedBits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bufferedBits += 8;
    while (bufferedBits >= 5) {
      bufferedBits -= 5;
      random += CROCKFORD_BASE32[(buffer >> bufferedBits) & 31];
    }
    buffer &= (1 << bufferedBits) - 1;
  }
  return time + random;
}

/** KSUID: 32-bit big-endian seconds since the KSUID epoch then 128 random bits, base62, left-padded to 27 characters. */
export function ksuid(nowMs: number, randomBytes: RandomBytes): string {
  const seconds = Math.floor(nowMs / 1000) - KSUID_EPOCH_SECONDS;
  if (seconds < 0 || seconds > 0xffffffff) {
    throw new RangeError(`KSUID timestamp out of range: ${nowMs}`);
  }
  const payload = new Uint8Array(4 + KSUID_RANDOM_BYTES);
  new DataView(payload.buffer).setUint32(0, seconds, false);
  payload.set(randomBytes(KSUID_RANDOM_BYTES), 4);
  let value = 0n;
  for (const byte of payload) value = (value << 8n) | BigInt(byte);
  let encoded = '';
  while (value > 0n) {
    encoded = BASE62[Number(value % 62n)] + encoded;
    value /= 62n;
  }
  return encoded.padStart(KSUID_LENGTH, '0');
}

/** Decodes the timestamp (milliseconds) of a ULID; used to check sortability. */
export function ulidTimestamp(id: string): number {
  let value = 0;
  for (const character of id.slice(0, ULID_TIME_CHARACTERS)) {
    const digit = CROCKFORD_BASE32.indexOf(character);
    if (digit < 0) throw new RangeError(`not a ULID: ${id}`);
    value = value * 32 + digit;
  }
  return value;
}

/** Decodes the timestamp (whole seconds, Unix epoch) of a KSUID. */
export function ksuidTimestampSeconds(id: string): number {
  let value = 0n;
  for (const character of id) {
    const digit = BASE62.indexOf(character);
    if (digit < 0) throw new RangeError(`not a KSUID: ${id}`);
    value = value * 62n + BigInt(digit);
  }
  return Number(value >> 128n) + KSUID_EPOCH_SECONDS;
}
