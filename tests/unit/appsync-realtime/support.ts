// Test doubles for the AppSync real-time protocol tests: a fake engine behind
// RealtimeHandlers, an HTTP server to attach to, and a raw `ws` client that queues what
// the server sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import {
  attachRealtimeServer,
  SubscriptionRejectedError,
  type GraphQLErrorPayload,
  type RealtimeAuthorization,
  type RealtimeHandlers,
  type RealtimeServer,
  type RealtimeServerOptions,
  type SubscriptionEvent,
  type SubscriptionStartRequest,
} from '../../../local/appsync/realtime';

export interface StartedSubscription {
  request: SubscriptionStartRequest;
  emit: (event: SubscriptionEvent) => void;
  stopCalls: number;
}

/** Stands in for the engine: records what the protocol layer asks of it and answers as
 * each test configures. */
export class FakeEngine implements RealtimeHandlers {
  readonly connectionAuthorizations: RealtimeAuthorization[] = [];
  readonly started: StartedSubscription[] = [];
  /** Set to refuse every connection with these errors. */
  connectionRejection: GraphQLErrorPayload[] | undefined;
  /** Replaces the default "accept at once" behaviour of startSubscription. */
  onStart: ((subscription: StartedSubscription) => Promise<void> | void) | undefined;

  async authorizeConnection(authorization: RealtimeAuthorization): Promise<void> {
    this.connectionAuthorizations.push(authorization);
    if (this.connectionRejection) throw new SubscriptionRejectedError(this.connectionRejection);
  }

  async startSubscription(request: SubscriptionStartRequest, emit: (event: SubscriptionEvent) => void): Promise<{ stop(): void }> {
    const subscription: StartedSubscription = { request, emit, stopCalls: 0 };
    this.started.push(subscription);
    await this.onStart?.(subscription);
    return {
      stop: () => {
        subscription.stopCalls++;
      },
    };
  }

  subscription(id: string): StartedSubscription {
    const found = this.started.filter((s) => s.request.id === id);
    if (found.length === 0) throw new Error(`no subscription "${id}" reached the engine`);
    return found[found.length - 1];
  }
}

export interface TestServer {
  port: number;
  httpServer: http.Server;
  realtime: RealtimeServer;
  logLines: string[];
  close(): Promise<void>;
}

export async function startTestServer(handlers: RealtimeHandlers, options: RealtimeServerOptions = {}): Promise<TestServer> {
  const httpServer = http.createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const logLines: string[] = [];
  const realtime = attachRealtimeServer(httpServer, handlers, { log: (line) => logLines.push(line), ...options });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    port,
    httpServer,
    realtime,
    logLines,
    async close() {
      await realtime.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

export type ServerMessage = { type: string; id?: string; payload?: any };

/** The header form Amplify v6 uses: a `header-<base64url>` subprotocol. */
export function headerSubprotocol(header: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`;
}

export const API_KEY_HEADER = { host: '127.0.0.1', 'x-api-key': 'da2-local-test-key' };

/** A raw protocol client: every message the server sends is queued and taken in order. */
export class RawClient {
  readonly socket: WebSocket;
  private readonly received: ServerMessage[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string, protocols: string[]) {
    this.socket = new WebSocket(url, protocols);
    this.socket.on('message', (data) => {
      this.received.push(JSON.parse(data.toString()) as ServerMessage);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.waiters.splice(0).forEach((wake) => wake());
      });
    });
  }

  static async connect(port: number, options: { header?: Record<string, string>; path?: string; protocols?: string[] } = {}): Promise<RawClient> {
    const protocols = options.protocols ?? ['graphql-ws', headerSubprotocol(options.header ?? API_KEY_HEADER)];
    const client = new RawClient(`ws://127.0.0.1:${port}${options.path ?? '/graphql/realtime'}`, protocols);
    await client.opened;
    return client;
  }

  /** connection_init, then the connection_ack. */
  static async connectAndInit(port: number, options: { header?: Record<string, string> } = {}): Promise<RawClient> {
    const client = await RawClient.connect(port, options);
    client.send({ type: 'connection_init' });
    const ack = await client.next();
    if (ack.type !== 'connection_ack') throw new Error(`expected connection_ack, got ${JSON.stringify(ack)}`);
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  start(id: string, query = 'subscription { onThing { id } }', variables: Record<string, unknown> = {}, authorization: Record<string, string> = API_KEY_HEADER): void {
    this.send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } });
  }

  /** The next message that is not a keep-alive. */
  async next(): Promise<ServerMessage> {
    for (;;) {
      const message = await this.nextIncludingKeepAlive();
      if (message.type !== 'ka') return message;
    }
  }

  async nextIncludingKeepAlive(): Promise<ServerMessage> {
    for (;;) {
      const message = this.received.shift();
      if (message !== undefined) return message;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error('the server closed the connection before sending another message');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Sends a `stop` for an id that was never started and waits for its `complete`: since
   * the server answers in order, everything it sent before is in the queue afterwards. */
  async drain(): Promise<ServerMessage[]> {
    const probeId = `probe-${Math.random().toString(36).slice(2)}`;
    this.send({ type: 'stop', id: probeId });
    const before: ServerMessage[] = [];
    for (;;) {
      const message = await this.next();
      if (message.type === 'complete' && message.id === probeId) return before;
      before.push(message);
    }
  }

  async close(): Promise<void> {
    this.socket.close();
    await this.closed;
  }
}

/** Polls until `condition` holds; fails with `what` if it never does. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
