// Conformance of the AppSync GraphQL real-time protocol server, driven by a raw `ws`
// client against a fake engine.
import http from 'node:http';
import WebSocket from 'ws';
import { attachRealtimeServer, RealtimeServerConfigurationError, SubscriptionRejectedError } from '../../../local/appsync/realtime';
import { API_KEY_HEADER, FakeEngine, RawClient, deferred, headerSubprotocol, startTestServer, waitFor, type TestServer } from './support';

let engine: FakeEngine;
let server: TestServer;
const clients: RawClient[] = [];

async function connectAndInit(options: { header?: Record<string, string> } = {}): Promise<RawClient> {
  const client = await RawClient.connectAndInit(server.port, options);
  clients.push(client);
  return client;
}

async function connect(options: Parameters<typeof RawClient.connect>[1] = {}): Promise<RawClient> {
  const client = await RawClient.connect(server.port, options);
  clients.push(client);
  return client;
}

/** Starts a subscription and returns once its start_ack arrived. */
async function startAndAck(client: RawClient, id: string): Promise<void> {
  client.start(id);
  expect(await client.next()).toEqual({ type: 'start_ack', id });
}

beforeEach(async () => {
  engine = new FakeEngine();
  server = await startTestServer(engine, { connectionTimeoutMs: 120_000, keepAliveIntervalMs: 60_000 });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await server.close();
});

describe('handshake', () => {
  it('selects and echoes graphql-ws, authorizes the header subprotocol and acknowledges with connectionTimeoutMs', async () => {
    const header = { host: 'example.local:4000', 'x-api-key': 'da2-abc', 'x-amz-date': '20240101T000000Z' };
    const client = await connect({ header });
    expect(client.socket.protocol).toBe('graphql-ws');

    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 120_000 } });
    expect(engine.connectionAuthorizations).toEqual([header]);
    expect(server.realtime.connectionCount).toBe(1);
  });

  it('reads the older ?header=<base64>&payload=e30= form', async () => {
    const header = { host: 'example.local', Authorization: 'eyJraWQiOi+/token==' };
    const encoded = encodeURIComponent(Buffer.from(JSON.stringify(header)).toString('base64'));
    const client = await connect({ path: `/graphql/realtime?header=${encoded}&payload=e30=`, protocols: ['graphql-ws'] });

    client.send({ type: 'connection_init' });
    expect((await client.next()).type).toBe('connection_ack');
    expect(engine.connectionAuthorizations).toEqual([header]);
  });

  it('passes no headers at all to the engine when the client sent none', async () => {
    const client = await connect({ protocols: ['graphql-ws'] });
    client.send({ type: 'connection_init' });
    expect((await client.next()).type).toBe('connection_ack');
    expect(engine.connectionAuthorizations).toEqual([{}]);
  });

  it('refuses an upgrade that does not offer the graphql-ws subprotocol', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${server.port}/graphql/realtime`, ['graphql-transport-ws']);
    expect(status).toBe(400);
  });

  it('answers 404 for another path when no other upgrade listener exists', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/somewhere-else`, ['graphql-ws'])).toBe(404);
  });

  it('leaves upgrades on other paths to other listeners', async () => {
    server.httpServer.on('upgrade', (request, socket) => {
      if (request.url === '/other') socket.end('HTTP/1.1 418 I am a teapot\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/other`, ['graphql-ws'])).toBe(418);
  });

  it('refuses a connection the engine rejects with connection_error, then closes it', async () => {
    engine.connectionRejection = [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }];
    const client = await connect();
    client.send({ type: 'connection_init' });

    expect(await client.next()).toEqual({
      type: 'connection_error',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
    });
    expect((await client.closed).code).toBe(1008);
    await waitFor('the refused connection to be gone', () => server.realtime.connectionCount === 0);
  });

  it('keeps an errorCode the engine chose', async () => {
    engine.connectionRejection = [{ errorType: 'ForbiddenException', message: 'nope', errorCode: 403 }];
    const client = await connect();
    client.send({ type: 'connection_init' });
    expect((await client.next()).payload.errors).toEqual([{ errorType: 'ForbiddenException', message: 'nope', errorCode: 403 }]);
  });

  it('answers a header that is not base64 JSON with a BadRequestException connection_error, without asking the engine', async () => {
    const client = await connect({ protocols: ['graphql-ws', `header-${Buffer.from('not json').toString('base64url')}`] });
    client.send({ type: 'connection_init' });

    const message = await client.next();
    expect(message.type).toBe('connection_error');
    expect(message.payload.errors).toEqual([expect.objectContaining({ errorType: 'BadRequestException', errorCode: 400 })]);
    expect(engine.connectionAuthorizations).toEqual([]);
  });

  it('reports an engine failure during connection authorization as InternalFailure, with the detail only in the log', async () => {
    engine.authorizeConnection = async () => {
      throw new Error('database unreachable at 10.0.0.7');
    };
    const client = await connect();
    client.send({ type: 'connection_init' });

    const message = await client.next();
    expect(message).toEqual({
      type: 'connection_error',
      payload: { errors: [{ errorType: 'InternalFailure', message: 'The connection could not be authorized', errorCode: 500 }] },
    });
    expect(server.logLines.join('\n')).toContain('database unreachable at 10.0.0.7');
  });

  it('accepts a start without connection_init (it is optional), authorizing the connection header first', async () => {
    const client = await connect();
    client.start('sub-1');
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'sub-1' });
    expect(engine.connectionAuthorizations).toEqual([API_KEY_HEADER]);
  });

  it('never starts a subscription on a connection whose header is refused', async () => {
    engine.connectionRejection = [{ errorType: 'UnauthorizedException', message: 'bad key' }];
    const client = await connect();
    client.start('sub-1');

    expect((await client.next()).type).toBe('connection_error');
    await client.closed;
    expect(engine.started).toEqual([]);
  });

  it('authorizes the connection header once even when init and starts race', async () => {
    const client = await connect();
    client.send({ type: 'connection_init' });
    client.start('a');
    client.start('b');

    expect((await client.next()).type).toBe('connection_ack');
    const acks = [await client.next(), await client.next()];
    expect(acks).toEqual(expect.arrayContaining([{ type: 'start_ack', id: 'a' }, { type: 'start_ack', id: 'b' }]));
    expect(engine.connectionAuthorizations).toHaveLength(1);
  });
});

describe('keep-alive', () => {
  it('sends a ka right after connection_ack, so the client’s keep-alive clock starts at once', async () => {
    const client = await connect();
    client.send({ type: 'connection_init' });
    expect((await client.nextIncludingKeepAlive()).type).toBe('connection_ack');
    // The interval here is a minute: anything before the probe's answer was sent with the ack.
    client.send({ type: 'stop', id: 'probe' });
    expect(await client.nextIncludingKeepAlive()).toEqual({ type: 'ka' });
    expect(await client.nextIncludingKeepAlive()).toEqual({ type: 'complete', id: 'probe' });
  });

  it('sends ka periodically after connection_ack', async () => {
    await server.close();
    server = await startTestServer(engine, { keepAliveIntervalMs: 10, connectionTimeoutMs: 1_000 });
    const client = await connect();
    client.send({ type: 'connection_init' });

    expect((await client.nextIncludingKeepAlive()).type).toBe('connection_ack');
    for (let i = 0; i < 3; i++) expect(await client.nextIncludingKeepAlive()).toEqual({ type: 'ka' });
  });

  it('rejects a keep-alive interval the client would time out on', () => {
    const httpServer = http.createServer();
    expect(() => attachRealtimeServer(httpServer, engine, { keepAliveIntervalMs: 5_000, connectionTimeoutMs: 5_000 })).toThrow(
      RealtimeServerConfigurationError,
    );
    expect(() => attachRealtimeServer(httpServer, engine, { maxSubscriptionsPerConnection: 0 })).toThrow(RealtimeServerConfigurationError);
    expect(() => attachRealtimeServer(httpServer, engine, { path: 'graphql/realtime' })).toThrow(RealtimeServerConfigurationError);
    expect(httpServer.listenerCount('upgrade')).toBe(0);
  });
});

describe('subscription lifecycle', () => {
  it('start → start_ack → data → stop → complete, handing the engine the decoded request', async () => {
    const client = await connectAndInit();
    const authorization = { host: '127.0.0.1:4000', Authorization: 'user-pool-token' };
    client.send({
      id: 'sub-1',
      type: 'start',
      payload: {
        data: JSON.stringify({ query: 'subscription OnThing($region: String!) { onThing(region: $region) { id } }', variables: { region: 'SEA' }, operationName: 'OnThing' }),
        extensions: { authorization },
      },
    });

    expect(await client.next()).toEqual({ type: 'start_ack', id: 'sub-1' });
    expect(engine.subscription('sub-1').request).toEqual({
      id: 'sub-1',
      query: 'subscription OnThing($region: String!) { onThing(region: $region) { id } }',
      variables: { region: 'SEA' },
      operationName: 'OnThing',
      authorization,
    });
    expect(server.realtime.subscriptionCount).toBe(1);

    engine.subscription('sub-1').emit({ data: { onThing: { id: 't-1' } } });
    expect(await client.next()).toEqual({ type: 'data', id: 'sub-1', payload: { data: { onThing: { id: 't-1' } } } });

    engine.subscription('sub-1').emit({ data: { onThing: null }, errors: [{ message: 'Not Authorized to access id on type Thing', errorType: 'Unauthorized' }] });
    expect(await client.next()).toEqual({
      type: 'data',
      id: 'sub-1',
      payload: { data: { onThing: null }, errors: [{ message: 'Not Authorized to access id on type Thing', errorType: 'Unauthorized' }] },
    });

    client.send({ type: 'stop', id: 'sub-1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-1' });
    expect(engine.subscription('sub-1').stopCalls).toBe(1);
    expect(server.realtime.subscriptionCount).toBe(0);
  });

  it('drops events emitted after stop', async () => {
    const client = await connectAndInit();
    await startAndAck(client, 'sub-1');
    client.send({ type: 'stop', id: 'sub-1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-1' });

    engine.subscription('sub-1').emit({ data: { onThing: { id: 'late' } } });
    expect(await client.drain()).toEqual([]);
  });

  it('delivers one subscription’s events in emit order', async () => {
    const client = await connectAndInit();
    await startAndAck(client, 'sub-1');
    const { emit } = engine.subscription('sub-1');
    for (let i = 0; i < 500; i++) emit({ data: { onThing: { id: String(i) } } });

    const ids: string[] = [];
    for (let i = 0; i < 500; i++) ids.push((await client.next()).payload.data.onThing.id);
    expect(ids).toEqual(Array.from({ length: 500 }, (_, i) => String(i)));
  });

  it('holds events emitted while the engine is still starting until start_ack has gone out', async () => {
    const release = deferred();
    engine.onStart = async (subscription) => {
      subscription.emit({ data: { onThing: { id: 'early-1' } } });
      subscription.emit({ data: { onThing: { id: 'early-2' } } });
      await release.promise;
    };
    const client = await connectAndInit();
    client.start('sub-1');
    await waitFor('the engine to be asked', () => engine.started.length === 1);
    release.resolve();

    expect(await client.next()).toEqual({ type: 'start_ack', id: 'sub-1' });
    expect((await client.next()).payload.data.onThing.id).toBe('early-1');
    expect((await client.next()).payload.data.onThing.id).toBe('early-2');
  });

  it('answers a rejected start with an error carrying the engine’s errors, and frees the id', async () => {
    const errors = [{ errorType: 'Unauthorized', message: 'Not Authorized to access onThing on type Subscription' }];
    engine.onStart = (subscription) => {
      if (subscription.request.id === 'sub-1' && engine.started.length === 1) throw new SubscriptionRejectedError(errors);
    };
    const client = await connectAndInit();
    client.start('sub-1');

    expect(await client.next()).toEqual({ type: 'error', id: 'sub-1', payload: { errors } });
    expect(server.realtime.subscriptionCount).toBe(0);

    client.start('sub-1');
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'sub-1' });
  });

  it('answers an engine crash during start with InternalFailure and logs the cause', async () => {
    engine.onStart = () => {
      throw new RangeError('resolver bundle missing');
    };
    const client = await connectAndInit();
    client.start('sub-1');

    expect(await client.next()).toEqual({
      type: 'error',
      id: 'sub-1',
      payload: { errors: [{ errorType: 'InternalFailure', message: 'The subscription could not be started', errorCode: 500 }] },
    });
    expect(server.logLines.join('\n')).toContain('resolver bundle missing');
  });

  it('refuses a duplicate subscription id and keeps the original running', async () => {
    const client = await connectAndInit();
    await startAndAck(client, 'sub-1');
    client.start('sub-1');

    expect(await client.next()).toEqual({
      type: 'error',
      id: 'sub-1',
      payload: { errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id sub-1' }] },
    });
    expect(engine.started).toHaveLength(1);
    engine.subscription('sub-1').emit({ data: { onThing: { id: 'still-here' } } });
    expect((await client.next()).payload.data.onThing.id).toBe('still-here');
  });

  it('limits a connection to 100 subscriptions, as AppSync does', async () => {
    const client = await connectAndInit();
    for (let i = 0; i < 100; i++) client.start(`sub-${i}`);
    for (let i = 0; i < 100; i++) expect((await client.next()).type).toBe('start_ack');

    client.start('sub-100');
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'sub-100',
      payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }] },
    });

    client.send({ type: 'stop', id: 'sub-0' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-0' });
    await startAndAck(client, 'sub-100');
    expect(server.realtime.subscriptionCount).toBe(100);
  });

  it('answers a stop for an unknown id with complete', async () => {
    const client = await connectAndInit();
    client.send({ type: 'stop', id: 'never-started' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'never-started' });
  });

  it('a stop that overtakes the engine’s start gets complete, no start_ack, and the handle is stopped', async () => {
    const release = deferred();
    engine.onStart = () => release.promise;
    const client = await connectAndInit();
    client.start('sub-1');
    await waitFor('the engine to be asked', () => engine.started.length === 1);
    client.send({ type: 'stop', id: 'sub-1' });
    // The server has read the stop once the probe behind it is answered; nothing else yet.
    expect(await client.drain()).toEqual([]);
    release.resolve();

    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-1' });
    expect(engine.subscription('sub-1').stopCalls).toBe(1);
    engine.subscription('sub-1').emit({ data: { onThing: { id: 'late' } } });
    expect(await client.drain()).toEqual([]);
    expect(server.realtime.subscriptionCount).toBe(0);
  });
});

describe('malformed and unknown messages', () => {
  it('answers an unknown message type with UnsupportedOperation', async () => {
    const client = await connectAndInit();
    client.send({ type: 'subscribe', id: 'x' });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'x',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'subscribe not supported through the realtime channel' }] },
    });
  });

  it.each([
    ['text that is not JSON', 'not json'],
    ['JSON without a type', '{"id":"x"}'],
    ['a JSON array', '[1,2]'],
  ])('answers %s with an UnsupportedOperation error for an unknown operation', async (_name, text) => {
    const client = await connectAndInit();
    client.send(text);
    expect(await client.next()).toEqual({
      type: 'error',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] },
    });
  });

  it('answers a binary frame with an error', async () => {
    const client = await connectAndInit();
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await client.next()).payload.errors[0].errorType).toBe('UnsupportedOperation');
  });

  it('answers a start whose payload lacks the data string as an unknown operation (graphql-transport-ws style)', async () => {
    const client = await connectAndInit();
    client.send({ id: 'sub-1', type: 'start', payload: { query: 'subscription { onThing { id } }', variables: {} } });
    expect(await client.next()).toEqual({
      type: 'error',
      id: 'sub-1',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'unknown not supported through the realtime channel' }] },
    });
    expect(engine.started).toEqual([]);
  });

  it('answers a start without an id, or with non-object variables, with BadRequestException', async () => {
    const client = await connectAndInit();
    client.send({ type: 'start', payload: { data: JSON.stringify({ query: 'subscription { a }' }) } });
    expect((await client.next()).payload.errors[0]).toEqual(expect.objectContaining({ errorType: 'BadRequestException' }));

    client.send({ id: 'v', type: 'start', payload: { data: JSON.stringify({ query: 'subscription { a }', variables: [1] }) } });
    const message = await client.next();
    expect(message.id).toBe('v');
    expect(message.payload.errors[0]).toEqual({ errorType: 'BadRequestException', message: 'variables must be a JSON object', errorCode: 400 });
    expect(engine.started).toEqual([]);
  });

  it('hands the engine empty authorization when the start carries none, and empty variables when null', async () => {
    const client = await connectAndInit();
    client.send({ id: 'sub-1', type: 'start', payload: { data: JSON.stringify({ query: 'subscription { a }', variables: null }) } });
    expect((await client.next()).type).toBe('start_ack');
    expect(engine.subscription('sub-1').request).toEqual({ id: 'sub-1', query: 'subscription { a }', variables: {}, authorization: {} });
  });
});

describe('connection end', () => {
  it('stops every subscription of a connection the client closes', async () => {
    const client = await connectAndInit();
    await startAndAck(client, 'a');
    await startAndAck(client, 'b');
    const other = await connectAndInit();
    await startAndAck(other, 'c');

    await client.close();
    await waitFor('both subscriptions to be stopped', () => engine.subscription('a').stopCalls === 1 && engine.subscription('b').stopCalls === 1);
    expect(engine.subscription('c').stopCalls).toBe(0);
    await waitFor('the counts to drop', () => server.realtime.connectionCount === 1 && server.realtime.subscriptionCount === 1);
  });

  it('stops a subscription whose start was still in the engine when the connection closed', async () => {
    const release = deferred();
    engine.onStart = () => release.promise;
    const client = await connectAndInit();
    client.start('sub-1');
    await waitFor('the engine to be asked', () => engine.started.length === 1);
    await client.close();
    await waitFor('the connection to be gone', () => server.realtime.connectionCount === 0);

    release.resolve();
    await waitFor('the late handle to be stopped', () => engine.subscription('sub-1').stopCalls === 1);
    expect(server.realtime.subscriptionCount).toBe(0);
  });

  it('close() stops every subscription, closes clients with 1001 and refuses new upgrades', async () => {
    const client = await connectAndInit();
    await startAndAck(client, 'sub-1');

    await server.realtime.close();
    expect(engine.subscription('sub-1').stopCalls).toBe(1);
    expect((await client.closed).code).toBe(1001);
    expect(server.realtime.connectionCount).toBe(0);
    expect(server.realtime.subscriptionCount).toBe(0);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/graphql/realtime`, ['graphql-ws', headerSubprotocol(API_KEY_HEADER)])).not.toBe(101);
  });
});

describe('back-pressure', () => {
  it('drops a connection that stops reading without holding up the others, and logs it', async () => {
    await server.close();
    server = await startTestServer(engine, { maxBufferedBytesPerConnection: 256 * 1024 });
    const slow = await connectAndInit();
    await startAndAck(slow, 'slow');
    const fast = await connectAndInit();
    await startAndAck(fast, 'fast');

    // Stop reading: the kernel buffers fill, then the server's own buffer grows.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const filler = 'x'.repeat(32 * 1024);
    const sentToFast: number[] = [];
    for (let i = 0; i < 4_000 && engine.subscription('slow').stopCalls === 0; i++) {
      engine.subscription('slow').emit({ data: { onThing: { id: String(i), filler } } });
      engine.subscription('fast').emit({ data: { onThing: { id: String(i) } } });
      sentToFast.push(i);
      // Let the event loop flush the fast client's socket as a real fan-out would.
      if (i % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }

    expect(engine.subscription('slow').stopCalls).toBe(1);
    expect(server.logLines.join('\n')).toMatch(/dropped connection .* the client is not reading fast enough/);
    await waitFor('the slow connection to be gone', () => server.realtime.connectionCount === 1);

    const received: number[] = [];
    for (let i = 0; i < sentToFast.length; i++) received.push(Number((await fast.next()).payload.data.onThing.id));
    expect(received).toEqual(sentToFast);
    expect(engine.subscription('fast').stopCalls).toBe(0);
  });

  it('drops, and logs, an event that cannot be serialized, without affecting the next one', async () => {
    const client = await connectAndInit();
    await startAndAck(client, 'sub-1');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    engine.subscription('sub-1').emit({ data: cyclic });
    engine.subscription('sub-1').emit({ data: { onThing: { id: 'ok' } } });
    expect((await client.next()).payload.data.onThing.id).toBe('ok');
    expect(server.logLines.join('\n')).toContain('not serializable as JSON');
  });
});

/** The HTTP status a WebSocket upgrade gets (101 when it succeeds). */
function upgradeStatus(url: string, protocols: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('upgrade', () => {
      resolve(101);
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (!/Unexpected server response|socket hang up|ECONNRESET/.test(error.message)) reject(error);
      else resolve(0);
    });
  });
}
