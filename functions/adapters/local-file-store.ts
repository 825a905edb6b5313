// FileStore for the local cloud: files in a directory (.data/files for `npm start`, a temporary
// directory in tests), read back through signed, expiring URLs served by local/files — the local
// stand-in for S3 presigned GETs, so apps handle proof images the same way on both clouds.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileStore } from '../ports/file-store';

const SAFE_SEGMENT = /^[A-Za-z0-9_:-][A-Za-z0-9_.:-]*$/;

/** Keys are relative paths of plain segments: nothing that could climb out of the directory. */
export function assertSafeKey(key: string): void {
  const safe = key.length <= 512 && key.split('/').every((segment) => SAFE_SEGMENT.test(segment) && segment !== '..');
  if (!safe) throw new Error(`not a file key this store accepts: ${JSON.stringify(key)}`);
}

export function localFileSignature(secret: string, key: string, expires: number): string {
  return createHmac('sha256', secret).update(`${key}\n${expires}`).digest('base64url');
}

/** Checks a signed URL's parts; true when the signature matches and it has not expired. */
export function verifyLocalFileSignature(secret: string, key: string, expires: number, signature: string, now = Date.now()): boolean {
  if (!Number.isInteger(expires) || expires * 1000 < now) return false;
  const expected = Buffer.from(localFileSignature(secret, key, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class LocalFileStore implements FileStore {
  constructor(
    private readonly directory: string,
    private readonly baseUrl: string,
    private readonly signingSecret: string,
  ) {}

  pathOf(key: string): string {
    assertSafeKey(key);
    return path.join(this.directory, ...key.split('/'));
  }

  async put(key: string, body: Uint8Array, _contentType: string): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a reader never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    await fs.writeFile(partial, body);
    await fs.rename(partial, file);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async readUrl(key: string, expiresInSeconds: number): Promise<string> {
    assertSafeKey(key);
    const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
    const signature = localFileSignature(this.signingSecret, key, expires);
    return `${this.baseUrl.replace(/\/$/, '')}/files/${key.split('/').map(encodeURIComponent).join('/')}?expires=${expires}&signature=${signature}`;
  }
}
