// HTTP front of the local AppSync engine: POST /graphql (queries and mutations) and the
// real-time WebSocket endpoint at /graphql/realtime, on one port like AppSync's pair of
// endpoints. CORS is open so the local web apps on other ports can call it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachRealtimeServer, SubscriptionRejectedError, type RealtimeServer } from './realtime';
import type { AuthMode } from './authorization';
import { authenticate, lowerCaseHeaders, Unauthenticated, type Authenticators } from './authentication';
import { RequestRejected, type AppSyncEngine, type GraphQLRequest } from './engine';
import { readBody } from '../support/http';
import { RATE_LIMITED_RESPONSE } from '../../cdk/artifacts/api';
import { SlidingWindowRateLimiter, type RateLimit } from './rate-limiter';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface AppSyncHttpServerOptions {
  engine: AppSyncEngine;
  authenticators: Authenticators;
  enabledModes: readonly AuthMode[];
  host?: string;
  port?: number;
  log?: (line: string) => void;
  /** The WAF rate-based rule's local twin: API-key requests per client address (omit to count nothing). */
  apiKeyRateLimit?: RateLimit;
}

export interface AppSyncHttpServer {
  graphqlUrl: string;
  realtimeUrl: string;
  port: number;
  realtime: RealtimeServer;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
};

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...CORS_HEADERS });
  response.end(text);
}


function parseGraphQLRequest(body: string): GraphQLRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw Object.assign(new Error('The request body is not valid JSON.'), { status: 400 });
  }
  const candidate = parsed as GraphQLRequest;
  if (!candidate || typeof candidate.query !== 'string') {
    throw Object.assign(new Error('The request body must be a JSON object with a "query" string.'), { status: 400 });
  }
  if (candidate.variables !== undefined && candidate.variables !== null && typeof candidate.variables !== 'object') {
    throw Object.assign(new Error('"variables" must be an object.'), { status: 400 });
  }
  return candidate;
}

export async function startAppSyncHttpServer(options: AppSyncHttpServerOptions): Promise<AppSyncHttpServer> {
  const { engine, authenticators, enabledModes } = options;
  const limiter = options.apiKeyRateLimit ? new SlidingWindowRateLimiter(options.apiKeyRateLimit) : null;

  const server = http.createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'OPTIONS') {
        response.writeHead(204, CORS_HEADERS);
        response.end();
        return;
      }
      if (url.pathname === '/health') return send(response, 200, { status: 'ok', subscriptions: engine.subscriptionCount });
      if (url.pathname !== '/graphql' || request.method !== 'POST') {
        return send(response, 404, { errors: [{ errorType: 'NotFound', message: 'POST GraphQL requests to /graphql.' }] });
      }
      const headers = lowerCaseHeaders(request.headers);
      // Like WAF, before AppSync sees the request: counted whether or not the key is valid.
      if (limiter && headers['x-api-key'] && !limiter.allow(request.socket.remoteAddress ?? 'unknown')) {
        request.resume();
        return send(response, RATE_LIMITED_RESPONSE.status, RATE_LIMITED_RESPONSE.body);
      }
      const body = await readBody(request, MAX_BODY_BYTES, () => Object.assign(new Error('Request body too large'), { status: 413 }));
      let principal;
      try {
        principal = await authenticate({ method: 'POST', path: url.pathname + url.search, headers, body }, authenticators, enabledModes, request.socket.remoteAddress ?? '127.0.0.1');
      } catch (error) {
        if (error instanceof Unauthenticated) {
          options.log?.(`401 ${error.reason}`);
          return send(response, 401, { errors: [{ errorType: 'UnauthorizedException', message: error.message }] });
        }
        throw error;
      }
      const graphqlRequest = parseGraphQLRequest(body);
      send(response, 200, await engine.execute(graphqlRequest, principal, headers));
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status) return send(response, status, { errors: [{ errorType: 'MalformedHttpRequestException', message: (error as Error).message }] });
      options.log?.(`500 ${(error as Error).stack ?? error}`);
      send(response, 500, { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] });
    }
  });

  const realtime = attachRealtimeServer(server, {
    authorizeConnection: async (authorization) => {
      try {
        // The connection header is signed (IAM) as a POST of `{}` to `<graphql endpoint>/connect`.
        await authenticate({ method: 'POST', path: '/graphql/connect', headers: authorization, body: '{}' }, authenticators, enabledModes);
      } catch (error) {
        if (error instanceof Unauthenticated) throw new SubscriptionRejectedError([{ errorType: 'UnauthorizedException', message: error.message }]);
        throw error;
      }
    },
    startSubscription: async (start, emit, payload) => {
      let principal;
      try {
        // An IAM client (Amplify v6's AWSAppSyncRealTimeProvider) signs each start message as a
        // POST to the GraphQL endpoint whose body is the exact `payload.data` string it sends.
        // Verifying over a re-serialization of the parsed query and variables would refuse any
        // client whose JSON differs in key order, whitespace, escapes or extra members
        // (operationName) — so verify over the string as received.
        principal = await authenticate(
          { method: 'POST', path: '/graphql', headers: start.authorization, body: payload.data },
          authenticators,
          enabledModes,
        );
      } catch (error) {
        if (error instanceof Unauthenticated) throw new SubscriptionRejectedError([{ errorType: 'UnauthorizedException', message: error.message }]);
        throw error;
      }
      try {
        return await engine.subscribe(
          { query: start.query, variables: start.variables, operationName: start.operationName },
          principal,
          lowerCaseHeaders(start.authorization),
          (payload) => emit({ data: payload.data ?? null, ...(payload.errors ? { errors: payload.errors } : {}) }),
        );
      } catch (error) {
        if (error instanceof RequestRejected) throw new SubscriptionRejectedError(error.errors);
        throw error;
      }
    },
  }, { log: options.log });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    graphqlUrl: `http://${host}:${port}/graphql`,
    realtimeUrl: `ws://${host}:${port}/graphql/realtime`,
    port,
    realtime,
    close: async () => {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
