// The HTTP face of the local Cognito (runs inside the child process, see local-cognito.ts):
// cognito-local's application behind our own server, which adds what browser apps and
// Amplify v6 need and cognito-local lacks: CORS preflights answered for any localhost
// origin, a discovery document that names the real port, and GetTokensFromRefreshToken
// (see cognito-local-engine.ts).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createCognitoLocalApplication, type RequestListener } from './cognito-local-engine';
import { LocalCognitoStartError } from './errors';

export interface CognitoLocalServerOptions {
  /** 0 lets the OS choose a free port. */
  port: number;
  host: string;
  dataDir: string;
  log: (line: string) => void;
}

export interface CognitoLocalServer {
  port: number;
  /** `http://localhost:<port>`; a pool's issuer is this plus `/<poolId>`. */
  issuerDomain: string;
  close(): Promise<void>;
}

/** How long in-flight requests may finish after stop() before their sockets are cut. */
const STOP_GRACE_MS = 2_000;

// Amplify reads the request id and error type from these on failures; browsers hide
// response headers from cross-origin scripts unless they are exposed.
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date';

/** Answers CORS for every response; returns true when the request was a preflight. */
function handleCors(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  if (request.method !== 'OPTIONS') return false;
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  const requestedHeaders = request.headers['access-control-request-headers'];
  response.setHeader('Access-Control-Allow-Headers', requestedHeaders ?? 'content-type, x-amz-target, x-amz-user-agent, cache-control');
  response.setHeader('Access-Control-Max-Age', '600');
  response.setHeader('Vary', 'Access-Control-Request-Headers');
  // Chrome's Private Network Access asks before a page may call a loopback server.
  if (request.headers['access-control-request-private-network'] === 'true') {
    response.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
  response.writeHead(204).end();
  return true;
}

const DISCOVERY_PATH = /^\/([\w-]+)\/\.well-known\/openid-configuration$/;

/** cognito-local's discovery document hard-codes port 9229; serve one that matches the tokens. */
function serveDiscovery(request: http.IncomingMessage, response: http.ServerResponse, issuerDomain: string): boolean {
  if (request.method !== 'GET' || !request.url) return false;
  const match = DISCOVERY_PATH.exec(request.url.split('?')[0]!);
  if (!match) return false;
  const issuer = `${issuerDomain}/${match[1]}`;
  const body = JSON.stringify({
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
  });
  response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  return true;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ` (port ${port} is in use; choose another with LOCAL_COGNITO_PORT)` : '';
      reject(new LocalCognitoStartError(`local Cognito could not listen on ${host}:${port}${hint}: ${error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function serveCognitoLocal(options: CognitoLocalServerOptions): Promise<CognitoLocalServer> {
  const { log, host, dataDir } = options;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new LocalCognitoStartError(`cannot create the local Cognito data directory ${dataDir}: ${(error as Error).message}`, { cause: error });
  }

  // Listen first so the issuer can name the real port when the OS picks it; requests that
  // arrive before the engine is built get a 503 rather than a half-initialised service.
  let application: RequestListener | undefined;
  let issuerDomain = '';
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    if (handleCors(request, response)) return;
    if (!application) {
      response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'local Cognito is starting' }));
      return;
    }
    if (serveDiscovery(request, response, issuerDomain)) return;
    application(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const port = await listen(server, options.port, host);
  // Cognito's issuer is the pool's URL; cognito-local's convention (and our apps' config)
  // spells the loopback host "localhost" whatever interface we bound.
  issuerDomain = `http://localhost:${port}`;
  try {
    application = await createCognitoLocalApplication({ dataDir, issuerDomain, log });
  } catch (error) {
    server.close();
    for (const socket of sockets) socket.destroy();
    throw new LocalCognitoStartError(`local Cognito could not load its data from ${dataDir}: ${(error as Error).message}`, { cause: error });
  }

  let closed: Promise<void> | undefined;
  return {
    port,
    issuerDomain,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Let requests in flight finish their data-file writes before cutting the sockets.
        const cutOff = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, STOP_GRACE_MS);
        cutOff.unref();
        server.once('close', () => clearTimeout(cutOff));
      });
      return closed;
    },
  };
}
