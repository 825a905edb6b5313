import fc from 'fast-check';
import { decodeImageDataUrl, sniffImageType } from '../../../functions/domain/proof-images';

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP = [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')];
const dataUrl = (bytes: Uint8Array | number[], type = 'image/jpeg') => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('what a file is comes from its bytes', () => {
  it('recognises JPEG, PNG and WebP by their signatures, whatever follows', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (rest) => {
        expect(sniffImageType(Uint8Array.from([...JPEG, ...rest]))).toBe('image/jpeg');
        expect(sniffImageType(Uint8Array.from([...PNG, ...rest]))).toBe('image/png');
        expect(sniffImageType(Uint8Array.from([...WEBP, ...rest]))).toBe('image/webp');
      }),
    );
  });

  it('anything else is not an image', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const looksLikeOne = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
        fc.pre(!looksLikeOne(JPEG) && !looksLikeOne(PNG) && !(bytes.length >= 12 && Buffer.from(bytes.subarray(0, 4)).toString() === 'RIFF'));
        expect(sniffImageType(bytes)).toBeNull();
      }),
    );
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7'))).toBeNull();
  });
});

describe('image data URLs', () => {
  it('are accepted up to the size limit and refused above it, counting decoded bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 3000 }), fc.integer({ min: 3, max: 3000 }), (size, max) => {
        const bytes = Uint8Array.from({ length: size }, (_, i) => (i < 3 ? JPEG[i] : 7));
        const decoded = decodeImageDataUrl(dataUrl(bytes), max, ['image/jpeg']);
        if (size <= max) expect(decoded).toEqual({ type: 'image/jpeg', bytes });
        else expect(decoded).toEqual({ problem: 'TOO_LARGE' });
      }),
    );
  });

  it('the declared type does not matter, the accepted list does', () => {
    expect(decodeImageDataUrl(dataUrl(PNG, 'image/jpeg'), 100, ['image/png'])).toMatchObject({ type: 'image/png' });
    expect(decodeImageDataUrl(dataUrl(JPEG, 'image/png'), 100, ['image/png'])).toEqual({ problem: 'WRONG_TYPE' });
    expect(decodeImageDataUrl(dataUrl(Buffer.from('hello world'), 'image/png'), 100, ['image/png'])).toEqual({ problem: 'NOT_AN_IMAGE' });
  });

  it('anything that is not a base64 data URL is malformed', () => {
    for (const value of ['', 'https://example.com/a.jpg', 'data:image/jpeg,rawtext', 'data:image/jpeg;base64,', 'data:image/jpeg;base64,@@@@', 'data:image/jpeg;base64,abc']) {
      expect(decodeImageDataUrl(value, 100, ['image/jpeg'])).toEqual({ problem: 'MALFORMED' });
    }
  });
});
