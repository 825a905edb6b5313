// The contract between the WebSocket protocol layer (this folder) and the local AppSync
// engine that plugs into it. The engine owns GraphQL execution and authorization; this
// layer owns the wire protocol, connection lifecycle, ordering and back-pressure.

/** Headers a client sends to authorize itself: the connection header (subprotocol or
 * `?header=` query parameter) or a `start` message's `extensions.authorization`.
 * API key: `{ host, 'x-api-key', 'x-amz-date' }`; Cognito/OIDC/Lambda: `{ host, Authorization }`;
 * IAM: SigV4 headers (`accept`, `content-encoding`, `content-type`, `host`, `x-amz-date`,
 * `X-Amz-Security-Token`, `Authorization`). Keys keep the case the client sent. */
export interface RealtimeAuthorization {
  [header: string]: string;
}

/** One `start` message, decoded. */
export interface SubscriptionStartRequest {
  /** The client-chosen subscription id, unique within its connection. */
  id: string;
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  authorization: RealtimeAuthorization;
}

/** The parts of a `start` message that a client's signature covers, byte for byte. */
export interface SubscriptionStartPayload {
  /** `payload.data` exactly as the client sent it. For AWS_IAM the `extensions.authorization`
   * headers are SigV4-signed over a POST to the GraphQL endpoint whose body is this string, so
   * it must be verified as received, never re-serialized from the parsed query and variables. */
  data: string;
}

/** A GraphQL error as AppSync puts it on the wire. */
export interface GraphQLErrorPayload {
  message: string;
  errorType?: string;
  errorCode?: number;
  errorInfo?: unknown;
  path?: unknown;
  locations?: unknown;
}

/** One `data` message's payload. */
export interface SubscriptionEvent {
  data: unknown;
  errors?: GraphQLErrorPayload[];
}

export interface SubscriptionHandle {
  stop(): void;
}

export interface RealtimeHandlers {
  /** connection_init: validate the header sent as the `header-<base64url>` subprotocol or
   * `?header=` query parameter. Throw SubscriptionRejectedError to refuse
   * (UnauthorizedException). */
  authorizeConnection(authorization: RealtimeAuthorization): Promise<void>;
  /** start: validate + authorize the subscription; `emit` delivers one `data` message.
   * Return a handle to stop it. Throw SubscriptionRejectedError for an `error` message.
   * `emit` never blocks and never throws; calls after the subscription ended are ignored.
   * `payload` carries the raw `payload.data` string a request signature is computed over. */
  startSubscription(
    request: SubscriptionStartRequest,
    emit: (payload: SubscriptionEvent) => void,
    payload: SubscriptionStartPayload,
  ): Promise<SubscriptionHandle>;
}

export interface RealtimeServerOptions {
  /** URL path the WebSocket upgrade is accepted on. Amplify derives
   * `<graphql endpoint>/realtime` for non-AppSync hostnames. Default '/graphql/realtime'. */
  path?: string;
  /** How often `ka` is sent to every acknowledged connection. Default 60 000 ms. */
  keepAliveIntervalMs?: number;
  /** Sent in `connection_ack`: how long a client waits for a `ka` before it gives the
   * connection up. Default 300 000 ms (AppSync's value). */
  connectionTimeoutMs?: number;
  /** Active + starting subscriptions one connection may hold. Default 100 (AppSync's
   * "subscriptions per connection" quota). */
  maxSubscriptionsPerConnection?: number;
  /** A connection whose unsent output grows beyond this is dropped, so one slow client
   * cannot hold memory or delay the others. Default 8 MiB. */
  maxBufferedBytesPerConnection?: number;
  /** Largest client message accepted; a larger one closes the connection (1009). Default 1 MiB. */
  maxIncomingMessageBytes?: number;
  /** Receives one line per notable event (drops, handler failures). Default: discard. */
  log?: (line: string) => void;
}

export interface RealtimeServer {
  /** Open WebSocket connections on this path. */
  readonly connectionCount: number;
  /** Subscriptions that have been acknowledged (`start_ack`) and not yet stopped. */
  readonly subscriptionCount: number;
  /** Stops accepting upgrades, stops every subscription and closes every connection
   * (1001). Leaves the HTTP server itself running. */
  close(): Promise<void>;
}
