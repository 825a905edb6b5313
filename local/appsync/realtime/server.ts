// The AppSync GraphQL real-time endpoint: WebSocket upgrade, connection handshake,
// keep-alive, subscription lifecycle and per-connection back-pressure. What a
// subscription means (parsing, validation, authorization, fan-out) belongs to the engine
// behind RealtimeHandlers.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { APPSYNC_GRAPHQL_SUBPROTOCOL, offeredSubprotocols, readConnectionHeader, type ConnectionHeader } from './connection-header';
import {
  RealtimeServerConfigurationError,
  SubscriptionRejectedError,
  badRequest,
  duplicatedOperation,
  internalFailure,
  maxSubscriptionsReached,
  unsupportedOperation,
  withConnectionErrorCode,
} from './errors';
import {
  KEEP_ALIVE_MESSAGE,
  completeMessage,
  connectionAckMessage,
  connectionErrorMessage,
  dataMessage,
  errorMessage,
  parseClientMessage,
  startAckMessage,
  startPayloadOf,
} from './messages';
import type {
  GraphQLErrorPayload,
  RealtimeAuthorization,
  RealtimeHandlers,
  RealtimeServer,
  RealtimeServerOptions,
  SubscriptionEvent,
  SubscriptionHandle,
  SubscriptionStartPayload,
  SubscriptionStartRequest,
} from './types';

const DEFAULT_PATH = '/graphql/realtime';
// AppSync's figures: a `ka` about every minute, and clients told to wait 5 minutes for one.
const DEFAULT_KEEP_ALIVE_INTERVAL_MS = 60_000;
const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;
const DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_INCOMING_MESSAGE_BYTES = 1024 * 1024;
/** How long close() waits for a client to answer the close handshake before cutting it. */
const CLOSE_HANDSHAKE_GRACE_MS = 1_000;

// Close codes (RFC 6455). AppSync documents no codes of its own for this endpoint.
/** The connection header was refused: `connection_error` was sent first. */
const CLOSE_REFUSED = 1008;
/** The server is shutting down. */
const CLOSE_GOING_AWAY = 1001;

interface ResolvedOptions {
  path: string;
  keepAliveIntervalMs: number;
  connectionTimeoutMs: number;
  maxSubscriptionsPerConnection: number;
  maxBufferedBytesPerConnection: number;
  maxIncomingMessageBytes: number;
  log: (line: string) => void;
}

interface ServerState {
  readonly handlers: RealtimeHandlers;
  readonly options: ResolvedOptions;
  activeSubscriptions: number;
}

/** Serves AppSync's GraphQL real-time protocol on `options.path` of an existing HTTP
 * server. Upgrades on other paths are left to other listeners. */
export function attachRealtimeServer(
  server: HttpServer,
  handlers: RealtimeHandlers,
  options: RealtimeServerOptions = {},
): RealtimeServer {
  const state: ServerState = { handlers, options: resolveOptions(options), activeSubscriptions: 0 };
  const { path, maxIncomingMessageBytes, keepAliveIntervalMs } = state.options;

  const webSockets = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // Text frames of a few hundred bytes at high rates: compression costs more than it saves.
    perMessageDeflate: false,
    maxPayload: maxIncomingMessageBytes,
    // Pick `graphql-ws` and never echo the `header-…` token, which carries credentials.
    handleProtocols: (protocols) => (protocols.has(APPSYNC_GRAPHQL_SUBPROTOCOL) ? APPSYNC_GRAPHQL_SUBPROTOCOL : false),
  });
  const connections = new Set<RealtimeConnection>();
  let nextConnectionNumber = 1;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathnameOf(request) !== path) {
      // Another upgrade listener may own this path. Only when there is none would the
      // socket otherwise hang, so answer it.
      if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found', `No WebSocket endpoint at this path; use ${path}`);
      return;
    }
    if (!offeredSubprotocols(request).includes(APPSYNC_GRAPHQL_SUBPROTOCOL)) {
      refuseUpgrade(socket, 400, 'Bad Request', `The AppSync real-time endpoint needs the "${APPSYNC_GRAPHQL_SUBPROTOCOL}" WebSocket subprotocol`);
      return;
    }
    const header = readConnectionHeader(request);
    const label = `#${nextConnectionNumber++} ${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
    webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      const connection = new RealtimeConnection(webSocket, header, label, state, () => connections.delete(connection));
      connections.add(connection);
    });
  };
  server.on('upgrade', onUpgrade);

  // One timer for all connections: a `ka` need not be aligned to each connection's start.
  const keepAliveTimer = setInterval(() => {
    for (const connection of connections) connection.sendKeepAlive();
  }, keepAliveIntervalMs);
  keepAliveTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    get connectionCount() {
      let open = 0;
      for (const connection of connections) if (connection.isOpen) open++;
      return open;
    },
    get subscriptionCount() {
      return state.activeSubscriptions;
    },
    close() {
      closing ??= (async () => {
        server.off('upgrade', onUpgrade);
        clearInterval(keepAliveTimer);
        await Promise.all([...connections].map((connection) => connection.closeAndWait(CLOSE_GOING_AWAY, 'Server shutting down')));
        await new Promise<void>((resolve) => webSockets.close(() => resolve()));
      })();
      return closing;
    },
  };
}

type SubscriptionRecord = {
  readonly id: string;
  phase: 'starting' | 'active' | 'ended';
  handle?: SubscriptionHandle;
  /** `data` emitted before `start_ack` went out: AppSync never sends data ahead of the ack. */
  earlyMessages: string[];
  earlyBytes: number;
  /** A `stop` (or the connection closing) arrived while the engine was still starting it. */
  stopRequested: boolean;
};

class RealtimeConnection {
  private open = true;
  private authorization: Promise<boolean> | undefined;
  /** Set once the connection header has been accepted: from then on it receives `ka`. */
  private authorized = false;
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly closed: Promise<void>;

  constructor(
    private readonly webSocket: WebSocket,
    private readonly header: ConnectionHeader,
    private readonly label: string,
    private readonly state: ServerState,
    onClosed: () => void,
  ) {
    this.closed = new Promise((resolve) => {
      webSocket.on('close', () => {
        this.shutDown();
        onClosed();
        resolve();
      });
    });
    webSocket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    // A socket error is always followed by 'close', which does the cleanup.
    webSocket.on('error', (error) => this.log(`connection ${this.label} failed: ${error.message}`));
  }

  get isOpen(): boolean {
    return this.open;
  }

  sendKeepAlive(): void {
    if (this.authorized) this.send(KEEP_ALIVE_MESSAGE);
  }

  closeAndWait(code: number, reason: string): Promise<void> {
    this.shutDown();
    this.webSocket.close(code, reason);
    const cutOff = setTimeout(() => this.webSocket.terminate(), CLOSE_HANDSHAKE_GRACE_MS);
    cutOff.unref();
    return this.closed.finally(() => clearTimeout(cutOff));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (!this.open) return;
    if (isBinary) {
      this.send(errorMessage(undefined, [unsupportedOperation('unknown')]));
      return;
    }
    const message = parseClientMessage(rawDataToText(data));
    switch (message.type) {
      case 'connection_init':
        void this.onConnectionInit();
        return;
      case 'start':
        this.onStart(message.request, startPayloadOf(message.request));
        return;
      case 'stop':
        this.onStop(message.id);
        return;
      case 'invalid':
        this.send(errorMessage(message.id, [message.error]));
        return;
    }
  }

  private async onConnectionInit(): Promise<void> {
    if (!(await this.ensureAuthorized())) return;
    this.send(connectionAckMessage(this.state.options.connectionTimeoutMs));
    // Start the client's keep-alive clock at once rather than up to an interval later.
    this.send(KEEP_ALIVE_MESSAGE);
  }

  /** `connection_init` is optional in AppSync's protocol, so a `start` can be the first
   * message: both wait on the same, single check of the connection header. */
  private ensureAuthorized(): Promise<boolean> {
    this.authorization ??= this.authorizeConnection();
    return this.authorization;
  }

  private async authorizeConnection(): Promise<boolean> {
    if (this.header.kind === 'malformed') {
      this.refuseConnection([badRequest(this.header.reason)]);
      return false;
    }
    const authorization: RealtimeAuthorization = this.header.kind === 'present' ? this.header.authorization : {};
    try {
      await this.state.handlers.authorizeConnection(authorization);
    } catch (error) {
      if (isRejection(error)) {
        this.refuseConnection(error.errors);
      } else {
        this.log(`authorizeConnection failed for connection ${this.label}: ${describe(error)}`);
        this.refuseConnection([internalFailure('The connection could not be authorized')]);
      }
      return false;
    }
    if (!this.open) return false;
    this.authorized = true;
    return true;
  }

  private refuseConnection(errors: GraphQLErrorPayload[]): void {
    if (!this.open) return;
    this.send(connectionErrorMessage(errors.map(withConnectionErrorCode)));
    this.shutDown();
    this.webSocket.close(CLOSE_REFUSED, 'Connection refused');
  }

  private onStart(request: SubscriptionStartRequest, payload: SubscriptionStartPayload): void {
    const { id } = request;
    if (this.subscriptions.has(id)) {
      this.send(errorMessage(id, [duplicatedOperation(id)]));
      return;
    }
    const limit = this.state.options.maxSubscriptionsPerConnection;
    if (this.subscriptions.size >= limit) {
      this.send(errorMessage(id, [maxSubscriptionsReached(limit)]));
      return;
    }
    // Registered before anything is awaited, so a duplicate or a `stop` sent right behind
    // this `start` already finds it.
    const record: SubscriptionRecord = { id, phase: 'starting', earlyMessages: [], earlyBytes: 0, stopRequested: false };
    this.subscriptions.set(id, record);
    void this.startSubscription(record, request, payload);
  }

  private async startSubscription(record: SubscriptionRecord, request: SubscriptionStartRequest, payload: SubscriptionStartPayload): Promise<void> {
    const authorized = await this.ensureAuthorized();
    if (!authorized || record.stopRequested) {
      // Refused connections were answered with connection_error; a stop is answered now.
      this.forget(record);
      if (authorized) this.send(completeMessage(record.id));
      return;
    }

    let handle: SubscriptionHandle;
    try {
      handle = await this.state.handlers.startSubscription(request, (event) => this.emit(record, event), payload);
      if (typeof handle?.stop !== 'function') throw new TypeError('startSubscription must resolve to an object with a stop() method');
    } catch (error) {
      this.forget(record);
      if (record.stopRequested) {
        this.send(completeMessage(record.id));
      } else if (isRejection(error)) {
        this.send(errorMessage(record.id, error.errors));
      } else {
        this.log(`startSubscription failed for subscription ${record.id} on connection ${this.label}: ${describe(error)}`);
        this.send(errorMessage(record.id, [internalFailure('The subscription could not be started')]));
      }
      return;
    }

    if (record.stopRequested || !this.open) {
      this.forget(record);
      this.stopHandle(record.id, handle);
      this.send(completeMessage(record.id));
      return;
    }

    record.phase = 'active';
    record.handle = handle;
    this.state.activeSubscriptions++;
    this.send(startAckMessage(record.id));
    const early = record.earlyMessages;
    record.earlyMessages = [];
    record.earlyBytes = 0;
    for (const message of early) this.send(message);
  }

  /** The engine's fan-out path: serialize and hand to the socket, never wait for it. */
  private emit(record: SubscriptionRecord, event: SubscriptionEvent): void {
    if (record.phase === 'ended' || !this.open) return;
    let message: string;
    try {
      message = dataMessage(record.id, event);
    } catch (error) {
      this.log(`dropped an event for subscription ${record.id} on connection ${this.label}: it is not serializable as JSON (${describe(error)})`);
      return;
    }
    if (record.phase === 'starting') {
      record.earlyMessages.push(message);
      record.earlyBytes += message.length;
      if (record.earlyBytes > this.state.options.maxBufferedBytesPerConnection) this.dropSlowConsumer(record.earlyBytes);
      return;
    }
    this.send(message);
  }

  private onStop(id: string): void {
    const record = this.subscriptions.get(id);
    if (record === undefined) {
      // Already gone (or never started): stopping is idempotent, and a client waiting
      // for `complete` should not hang.
      this.send(completeMessage(id));
      return;
    }
    if (record.phase === 'starting') {
      record.stopRequested = true; // answered once the engine's start settles
      return;
    }
    this.endSubscription(record);
    this.send(completeMessage(id));
  }

  private endSubscription(record: SubscriptionRecord): void {
    const handle = record.handle;
    const wasActive = record.phase === 'active';
    this.forget(record);
    if (wasActive) this.state.activeSubscriptions--;
    if (handle !== undefined) this.stopHandle(record.id, handle);
  }

  private forget(record: SubscriptionRecord): void {
    record.phase = 'ended';
    record.handle = undefined;
    record.earlyMessages = [];
    record.earlyBytes = 0;
    if (this.subscriptions.get(record.id) === record) this.subscriptions.delete(record.id);
  }

  private stopHandle(id: string, handle: SubscriptionHandle): void {
    try {
      handle.stop();
    } catch (error) {
      this.log(`stop() failed for subscription ${id} on connection ${this.label}: ${describe(error)}`);
    }
  }

  private send(message: string): void {
    if (!this.open) return;
    this.webSocket.send(message);
    const buffered = this.webSocket.bufferedAmount;
    if (buffered > this.state.options.maxBufferedBytesPerConnection) this.dropSlowConsumer(buffered);
  }

  /** A client that does not read would otherwise make the server buffer without bound.
   * Its buffer is full, so a close frame could not get through: cut the socket. */
  private dropSlowConsumer(bufferedBytes: number): void {
    if (!this.open) return;
    this.log(
      `dropped connection ${this.label}: ${bufferedBytes} bytes waiting to be sent exceed the limit of ` +
        `${this.state.options.maxBufferedBytesPerConnection}; the client is not reading fast enough`,
    );
    this.shutDown();
    this.webSocket.terminate();
  }

  /** Stops every subscription; idempotent. Subscriptions still starting are stopped when
   * the engine hands their handle back. */
  private shutDown(): void {
    if (!this.open) return;
    this.open = false;
    this.authorized = false;
    for (const record of [...this.subscriptions.values()]) {
      if (record.phase === 'starting') record.stopRequested = true;
      else this.endSubscription(record);
    }
  }

  private log(line: string): void {
    this.state.options.log(`appsync realtime: ${line}`);
  }
}

function resolveOptions(options: RealtimeServerOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    path: options.path ?? DEFAULT_PATH,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS,
    connectionTimeoutMs: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxBufferedBytesPerConnection: options.maxBufferedBytesPerConnection ?? DEFAULT_MAX_BUFFERED_BYTES,
    maxIncomingMessageBytes: options.maxIncomingMessageBytes ?? DEFAULT_MAX_INCOMING_MESSAGE_BYTES,
    log: options.log ?? (() => {}),
  };
  if (!resolved.path.startsWith('/')) throw new RealtimeServerConfigurationError(`path must start with "/": ${resolved.path}`);
  for (const name of ['keepAliveIntervalMs', 'connectionTimeoutMs', 'maxSubscriptionsPerConnection', 'maxBufferedBytesPerConnection', 'maxIncomingMessageBytes'] as const) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value <= 0) throw new RealtimeServerConfigurationError(`${name} must be a positive integer, got ${value}`);
  }
  // Clients drop a connection that stays silent for connectionTimeoutMs.
  if (resolved.keepAliveIntervalMs >= resolved.connectionTimeoutMs) {
    throw new RealtimeServerConfigurationError(
      `keepAliveIntervalMs (${resolved.keepAliveIntervalMs}) must be shorter than connectionTimeoutMs (${resolved.connectionTimeoutMs})`,
    );
  }
  return resolved;
}

function pathnameOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://realtime.invalid').pathname;
  } catch {
    return '';
  }
}

function refuseUpgrade(socket: Duplex, status: number, statusText: string, body: string): void {
  socket.on('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Also recognizes a rejection thrown through a second copy of this module (Jest module
 * registries, bundles), where `instanceof` would fail. */
function isRejection(error: unknown): error is SubscriptionRejectedError {
  return (
    error instanceof SubscriptionRejectedError ||
    (error instanceof Error && error.name === 'SubscriptionRejectedError' && Array.isArray((error as SubscriptionRejectedError).errors))
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
