// The local stand-in for S3 presigned GETs: serves proof-of-delivery files from the local file
// store's directory to whoever holds a URL the LocalFileStore signed, until it expires.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { assertSafeKey, verifyLocalFileSignature } from '../../functions/adapters/local-file-store';

const CONTENT_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

export interface LocalFileServer {
  url: string;
  close(): Promise<void>;
}

export async function startLocalFileServer(options: { directory: string; signingSecret: string; host: string; port: number }): Promise<LocalFileServer> {
  const server = http.createServer((request, response) => {
    const fail = (status: number, message: string) => {
      response.writeHead(status, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      response.end(message);
    };
    const url = new URL(request.url ?? '/', 'http://local');
    if (request.method !== 'GET' || !url.pathname.startsWith('/files/')) return fail(404, 'GET /files/<key>?expires=…&signature=…');
    let key: string;
    try {
      key = url.pathname.slice('/files/'.length).split('/').map(decodeURIComponent).join('/');
      assertSafeKey(key);
    } catch {
      return fail(400, 'bad key');
    }
    // Like S3: a missing, wrong or expired signature is 403, whether or not the file exists.
    if (!verifyLocalFileSignature(options.signingSecret, key, Number(url.searchParams.get('expires')), url.searchParams.get('signature') ?? '')) {
      return fail(403, 'Request has expired or the signature does not match');
    }
    const file = path.join(options.directory, ...key.split('/'));
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) return fail(404, 'NoSuchKey');
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': stat.size,
        'cache-control': 'private, max-age=300',
        'access-control-allow-origin': '*',
      });
      fs.createReadStream(file).pipe(response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    url: `http://${options.host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
