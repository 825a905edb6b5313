import type { IncomingMessage } from 'node:http';
import type { RealtimeAuthorization } from './types';

/** The WebSocket subprotocol AppSync's GraphQL real-time endpoint speaks. (It is not the
 * `graphql-ws` npm package's protocol, which is `graphql-transport-ws`.) */
export const APPSYNC_GRAPHQL_SUBPROTOCOL = 'graphql-ws';

/** Amplify v6 sends the connection header as a second subprotocol `header-<base64url>`
 * because a browser WebSocket cannot set request headers. */
const HEADER_SUBPROTOCOL_PREFIX = 'header-';

export type ConnectionHeader =
  | { kind: 'present'; authorization: RealtimeAuthorization }
  | { kind: 'absent' }
  | { kind: 'malformed'; reason: string };

/** The subprotocols a client offered, in order, from `Sec-WebSocket-Protocol`. */
export function offeredSubprotocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  if (header === undefined) return [];
  return header
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** Reads the connection header from the `header-<base64url>` subprotocol (Amplify v6) or,
 * failing that, the `?header=<base64>&payload=e30=` query parameters (the form AppSync's
 * guide and older clients use). */
export function readConnectionHeader(request: IncomingMessage): ConnectionHeader {
  const subprotocol = offeredSubprotocols(request).find((token) => token.startsWith(HEADER_SUBPROTOCOL_PREFIX));
  if (subprotocol !== undefined) {
    return decodeHeader(subprotocol.slice(HEADER_SUBPROTOCOL_PREFIX.length), 'header subprotocol');
  }
  const query = new URL(request.url ?? '/', 'http://realtime.invalid').searchParams;
  const queryHeader = query.get('header');
  if (queryHeader !== null) return decodeHeader(queryHeader, 'header query parameter');
  return { kind: 'absent' };
}

function decodeHeader(encoded: string, source: string): ConnectionHeader {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(encoded) || encoded.length === 0) {
    return { kind: 'malformed', reason: `The ${source} is not base64` };
  }
  // Node's base64 decoder accepts both the standard and the URL-safe alphabet, with or
  // without padding, which covers Amplify (base64url, unpadded) and the guide (base64).
  const json = Buffer.from(encoded, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { kind: 'malformed', reason: `The ${source} is not base64-encoded JSON` };
  }
  const authorization = toAuthorization(parsed);
  if (authorization === undefined) {
    return { kind: 'malformed', reason: `The ${source} must encode a JSON object of header names to strings` };
  }
  return { kind: 'present', authorization };
}

/** Accepts a JSON object whose values are strings (numbers and booleans are stringified,
 * nulls dropped, as an HTTP header would carry them); anything else is not a header set. */
export function toAuthorization(value: unknown): RealtimeAuthorization | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const authorization: RealtimeAuthorization = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (headerValue === null || headerValue === undefined) continue;
    if (typeof headerValue === 'string') authorization[name] = headerValue;
    else if (typeof headerValue === 'number' || typeof headerValue === 'boolean') authorization[name] = String(headerValue);
    else return undefined;
  }
  return authorization;
}
