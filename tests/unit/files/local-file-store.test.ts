// The local file store and its signed URLs: the local stand-in for S3 objects and presigned GETs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFileStore, verifyLocalFileSignature } from '../../../functions/adapters/local-file-store';
import { startLocalFileServer, type LocalFileServer } from '../../../local/files/local-file-server';

let directory: string;
let server: LocalFileServer;
let store: LocalFileStore;
const SECRET = 'test-secret';

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'files-test-'));
  server = await startLocalFileServer({ directory, signingSecret: SECRET, host: '127.0.0.1', port: 0 });
  store = new LocalFileStore(directory, server.url, SECRET);
});

afterAll(async () => {
  await server.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

test('a stored file is served through its signed URL with its type, and deleting removes it', async () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  await store.put('proof/CB000001/attempt-1/u1-signature.png', bytes, 'image/png');
  const url = await store.readUrl('proof/CB000001/attempt-1/u1-signature.png', 60);
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  await store.delete('proof/CB000001/attempt-1/u1-signature.png');
  expect((await fetch(url)).status).toBe(404);
});

test('a URL for another key, a forged signature or an expired URL is refused', async () => {
  await store.put('proof/CB000002/a.jpg', Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg');
  const url = new URL(await store.readUrl('proof/CB000002/a.jpg', 60));
  const other = new URL(url);
  other.pathname = '/files/proof/CB000002/b.jpg';
  expect((await fetch(other)).status).toBe(403);
  const forged = new URL(url);
  forged.searchParams.set('signature', 'x'.repeat(43));
  expect((await fetch(forged)).status).toBe(403);
  const expires = Number(url.searchParams.get('expires'));
  expect(verifyLocalFileSignature(SECRET, 'proof/CB000002/a.jpg', expires, url.searchParams.get('signature')!)).toBe(true);
  expect(verifyLocalFileSignature(SECRET, 'proof/CB000002/a.jpg', expires, url.searchParams.get('signature')!, (expires + 1) * 1000)).toBe(false);
});

test('keys cannot leave the store’s directory', async () => {
  for (const key of ['../outside.png', 'proof/../../etc/passwd', '/absolute.png', 'proof//x', 'proof/./x']) {
    await expect(store.put(key, Buffer.from('x'), 'image/png')).rejects.toThrow(/not a file key/);
  }
  expect((await fetch(`${server.url}/files/..%2F..%2Fetc%2Fpasswd?expires=9999999999&signature=x`)).status).toBe(400);
});
