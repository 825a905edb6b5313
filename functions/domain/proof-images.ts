// Proof-of-delivery images arrive as data URLs from the courier app. What a file *is* is read
// from its first bytes (magic numbers), never from the declared type or a file name: a text file
// labelled image/jpeg is not a photo.

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export const IMAGE_EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The image type the bytes start with, or null when they are none of JPEG, PNG and WebP. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  // JPEG: SOI marker FF D8 followed by the first segment marker FF.
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  // PNG: the 8-byte signature 89 50 4E 47 0D 0A 1A 0A.
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  // WebP: a RIFF container ("RIFF" <size> "WEBP").
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type DataUrlProblem = 'MALFORMED' | 'TOO_LARGE' | 'NOT_AN_IMAGE' | 'WRONG_TYPE';

export interface DecodedImage {
  type: ImageType;
  bytes: Uint8Array;
}

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?(;[a-z0-9-]+=[^;,]*)*;base64,/i;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded size of a base64 text, without decoding it. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/**
 * Decodes a base64 data URL holding an image of one of `accepted` types, no larger than
 * `maxBytes` decoded. The size is checked before decoding, so an oversized upload costs nothing.
 */
export function decodeImageDataUrl(value: string, maxBytes: number, accepted: readonly ImageType[]): DecodedImage | { problem: DataUrlProblem } {
  const header = DATA_URL.exec(value);
  if (!header) return { problem: 'MALFORMED' };
  const body = value.slice(header[0].length).replace(/\s+/g, '');
  if (body.length === 0 || body.length % 4 !== 0 || !BASE64_BODY.test(body)) return { problem: 'MALFORMED' };
  if (decodedLength(body) > maxBytes) return { problem: 'TOO_LARGE' };
  const bytes = new Uint8Array(Buffer.from(body, 'base64'));
  const type = sniffImageType(bytes);
  if (!type) return { problem: 'NOT_AN_IMAGE' };
  if (!accepted.includes(type)) return { problem: 'WRONG_TYPE' };
  return { type, bytes };
}
