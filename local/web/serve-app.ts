// Serves a built single-page web app (frontend-admin, frontend-courier) and the runtime
// configuration it reads at start-up, `/config.json`. The build itself carries no endpoint:
// on AWS the same dist is uploaded with a config.json that names the deployed API and pool.
//
// Static files are served from `dir`; hashed files under /assets/ are cached for a year,
// everything else is revalidated; any other GET for a page (no file extension) answers the
// app's index.html so client-side routes survive a reload.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServeAppOptions {
  /** The app's build output (the directory holding index.html). */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** What `/config.json` answers; a function is called per request, so it may change while serving. */
  config: unknown | (() => unknown);
  /** Shown in the 503 page when the app is not built. */
  name?: string;
}

export interface ServedApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(response: http.ServerResponse, request: http.IncomingMessage, status: number, headers: Record<string, string | number>, body: Buffer | string) {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { ...COMMON_HEADERS, ...headers, 'content-length': buffer.length });
  response.end(request.method === 'HEAD' ? undefined : buffer);
}

/** Resolves a URL path to a file inside `root`, or null when it escapes the root or is not a file. */
function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

export async function serveApp(options: ServeAppOptions): Promise<ServedApp> {
  const root = path.resolve(options.dir);
  const host = options.host ?? '127.0.0.1';
  const configOf = typeof options.config === 'function' ? (options.config as () => unknown) : () => options.config;

  const server = http.createServer((request, response) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return send(response, request, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'Method Not Allowed');
      }
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/config.json') {
        return send(response, request, 200, { 'content-type': CONTENT_TYPES['.json'], 'cache-control': 'no-store' }, JSON.stringify(configOf(), null, 2));
      }
      const file = fileFor(root, url.pathname);
      if (file) {
        const immutable = url.pathname.startsWith('/assets/');
        return send(
          response,
          request,
          200,
          {
            'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          },
          fs.readFileSync(file),
        );
      }
      // A page route of the app (no extension): the app's shell; a missing file: 404.
      if (path.extname(url.pathname) === '') {
        const index = path.join(root, 'index.html');
        if (fs.existsSync(index)) {
          return send(response, request, 200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-cache' }, fs.readFileSync(index));
        }
        return send(
          response,
          request,
          503,
          { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store' },
          `<!doctype html><meta charset="utf-8"><title>Not built</title><p>${options.name ?? 'The app'} is not built yet (no ${index}).</p>`,
        );
      }
      return send(response, request, 404, { 'content-type': 'text/plain' }, 'Not Found');
    } catch (error) {
      return send(response, request, 500, { 'content-type': 'text/plain' }, `Internal error: ${(error as Error).message}`);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`${options.name ?? 'web app'}: port ${options.port} on ${host} is already in use`) : error),
    );
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
