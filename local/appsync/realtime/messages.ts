// The AppSync GraphQL real-time message set, as AWS's "Building a real-time WebSocket
// client in AWS AppSync" describes it and aws-amplify v6 (AWSAppSyncRealTimeProvider)
// speaks it.
import { badRequest, unsupportedOperation } from './errors';
import { toAuthorization } from './connection-header';
import type { GraphQLErrorPayload, SubscriptionEvent, SubscriptionStartPayload, SubscriptionStartRequest } from './types';

export type ClientMessage =
  | { type: 'connection_init' }
  | { type: 'start'; request: SubscriptionStartRequest }
  | { type: 'stop'; id: string }
  /** Anything the server answers with an `error` message instead of acting on it. */
  | { type: 'invalid'; id?: string; error: GraphQLErrorPayload };

/** Decodes one text frame from a client. Never throws. */
export function parseClientMessage(text: string): ClientMessage {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { type: 'invalid', error: unsupportedOperation('unknown') };
  }
  if (!isObject(message) || typeof message.type !== 'string') {
    return { type: 'invalid', error: unsupportedOperation('unknown') };
  }
  const id = typeof message.id === 'string' && message.id.length > 0 ? message.id : undefined;

  switch (message.type) {
    case 'connection_init':
      return { type: 'connection_init' };
    case 'start':
      return parseStart(id, message.payload);
    case 'stop':
      if (id === undefined) return { type: 'invalid', error: badRequest('A stop message needs the id of the subscription to stop') };
      return { type: 'stop', id };
    default:
      return { type: 'invalid', id, error: unsupportedOperation(message.type) };
  }
}

function parseStart(id: string | undefined, payload: unknown): ClientMessage {
  if (id === undefined) return { type: 'invalid', error: badRequest('A start message needs a non-empty string id') };

  // AppSync reads the operation from `payload.data`, a JSON *string* of {query, variables};
  // without it the operation is "unknown" (e.g. a graphql-transport-ws client sending
  // `payload.query`).
  const data = isObject(payload) && typeof payload.data === 'string' ? parseJsonObject(payload.data) : undefined;
  if (data === undefined || typeof data.query !== 'string') {
    return { type: 'invalid', id, error: unsupportedOperation('unknown') };
  }

  let variables: Record<string, unknown> = {};
  if (data.variables !== undefined && data.variables !== null) {
    if (!isObject(data.variables)) return { type: 'invalid', id, error: badRequest('variables must be a JSON object') };
    variables = data.variables;
  }

  let operationName: string | undefined;
  if (data.operationName !== undefined && data.operationName !== null) {
    if (typeof data.operationName !== 'string') return { type: 'invalid', id, error: badRequest('operationName must be a string') };
    operationName = data.operationName;
  }

  // A missing or unusable authorization extension is passed on as no headers at all, so
  // the engine answers it as AppSync does: UnauthorizedException.
  const extensions = isObject(payload) ? payload.extensions : undefined;
  const authorization = (isObject(extensions) ? toAuthorization(extensions.authorization) : undefined) ?? {};

  const request: SubscriptionStartRequest = { id, query: data.query, variables, authorization };
  if (operationName !== undefined) request.operationName = operationName;
  // The raw `data` string is kept with the decoded request: an AWS_IAM client signs exactly
  // these bytes (Amplify v6 signs `JSON.stringify({ query, variables })` as the body of a POST
  // to the GraphQL endpoint), so a re-serialization of the parsed object cannot be verified.
  signedPayloads.set(request, { data: (payload as { data: string }).data });
  return { type: 'start', request };
}

const signedPayloads = new WeakMap<SubscriptionStartRequest, SubscriptionStartPayload>();

/** The `payload.data` string, exactly as received, of a request decoded by parseClientMessage. */
export function startPayloadOf(request: SubscriptionStartRequest): SubscriptionStartPayload {
  const payload = signedPayloads.get(request);
  if (payload === undefined) throw new TypeError(`subscription ${request.id} was not decoded by parseClientMessage`);
  return payload;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Server → client messages, pre-serialized: each goes straight to WebSocket#send.

export const KEEP_ALIVE_MESSAGE = JSON.stringify({ type: 'ka' });

export function connectionAckMessage(connectionTimeoutMs: number): string {
  return JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs } });
}

export function connectionErrorMessage(errors: GraphQLErrorPayload[]): string {
  return JSON.stringify({ type: 'connection_error', payload: { errors } });
}

export function startAckMessage(id: string): string {
  return JSON.stringify({ type: 'start_ack', id });
}

export function errorMessage(id: string | undefined, errors: GraphQLErrorPayload[]): string {
  return JSON.stringify(id === undefined ? { type: 'error', payload: { errors } } : { type: 'error', id, payload: { errors } });
}

/** Throws if the event cannot be serialized (a cycle, a BigInt). */
export function dataMessage(id: string, event: SubscriptionEvent): string {
  // Clients only deliver a `data` message whose payload has `data`, so never leave it out.
  const data = event.data === undefined ? null : event.data;
  const payload = event.errors !== undefined && event.errors.length > 0 ? { data, errors: event.errors } : { data };
  return JSON.stringify({ type: 'data', id, payload });
}

export function completeMessage(id: string): string {
  return JSON.stringify({ type: 'complete', id });
}
