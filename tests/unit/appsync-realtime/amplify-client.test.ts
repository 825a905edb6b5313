// The real aws-amplify v6 GraphQL client, in Node, subscribing through the real-time
// server. Amplify derives `wss://<endpoint>/realtime` for a non-AppSync hostname and
// always dials wss://, so this installs the same localhost shim the front ends use
// (DESIGN.md §9), built on `ws`.
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { FakeEngine, startTestServer, waitFor, type TestServer } from './support';
import { LocalWebSocket } from '../../support/amplify-node';


const API_KEY = 'da2-amplifylocaltestkey';
const originalWebSocket = globalThis.WebSocket;
let engine: FakeEngine;
let server: TestServer;
/** Unsubscribed after each test even when it fails: a live Amplify subscription keeps
 * reconnecting, and its timers would keep Jest from exiting. */
const amplifySubscriptions: Array<{ unsubscribe(): void }> = [];

function subscribe(observer: { next: (value: unknown) => void; error: (error: unknown) => void }): { unsubscribe(): void } {
  const subscription = generateClient()
    .graphql<GraphQLSubscription<{ onThing: { id: string } }>>({ query: 'subscription OnThing { onThing { id } }' })
    .subscribe(observer);
  amplifySubscriptions.push(subscription);
  return subscription;
}

// Amplify arms a 15 s connection_init watchdog per connection and never clears it after the
// ack. Harmless in a browser; in Node it would hold the test process open for 15 s after
// the last test. Timers created while these tests run are unref'd: they still fire, but
// cannot keep the process alive.
const originalSetTimeout = globalThis.setTimeout;

beforeAll(() => {
  (globalThis as { WebSocket: unknown }).WebSocket = LocalWebSocket;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => originalSetTimeout(...args).unref()) as typeof setTimeout;
});

afterAll(() => {
  (globalThis as { WebSocket: unknown }).WebSocket = originalWebSocket;
  globalThis.setTimeout = originalSetTimeout;
});

beforeEach(async () => {
  engine = new FakeEngine();
  server = await startTestServer(engine);
  Amplify.configure({
    API: { GraphQL: { endpoint: `http://127.0.0.1:${server.port}/graphql`, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey: API_KEY } },
  });
});

afterEach(async () => {
  for (const subscription of amplifySubscriptions.splice(0)) subscription.unsubscribe();
  await waitFor('Amplify to close its connection', () => server.realtime.connectionCount === 0).catch(() => {});
  await server.close();
});

it('delivers an emitted event to the Amplify observer, and unsubscribe reaches stop()', async () => {
  const received: unknown[] = [];
  const errors: unknown[] = [];
  const subscription = subscribe({ next: (value) => received.push(value), error: (error) => errors.push(error) });

  await waitFor('the subscription to be acknowledged', () => server.realtime.subscriptionCount === 1);

  // The connection header arrived as the `header-<base64url>` subprotocol, API-key form.
  expect(engine.connectionAuthorizations).toEqual([
    { host: `127.0.0.1:${server.port}`, 'x-api-key': API_KEY, 'x-amz-date': expect.stringMatching(/^\d{8}T\d{6}Z$/) },
  ]);
  const [started] = engine.started;
  // Amplify re-prints the document it was given.
  expect(started.request.query.replace(/\s+/g, ' ').trim()).toBe('subscription OnThing { onThing { id } }');
  expect(started.request.authorization).toEqual(expect.objectContaining({ host: `127.0.0.1:${server.port}`, 'x-api-key': API_KEY }));

  started.emit({ data: { onThing: { id: 'thing-1' } } });
  started.emit({ data: { onThing: { id: 'thing-2' } } });
  await waitFor('Amplify to deliver both events', () => received.length === 2);
  expect(received).toEqual([
    expect.objectContaining({ data: { onThing: { id: 'thing-1' } } }),
    expect.objectContaining({ data: { onThing: { id: 'thing-2' } } }),
  ]);
  expect(errors).toEqual([]);

  subscription.unsubscribe();
  await waitFor('stop() to be called', () => started.stopCalls === 1);
  expect(server.realtime.subscriptionCount).toBe(0);
  // With no subscription left Amplify closes its socket itself.
  await waitFor('Amplify to close the connection', () => server.realtime.connectionCount === 0);
});

it('surfaces a refused connection header to the Amplify observer as a non-retryable error', async () => {
  engine.connectionRejection = [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }];
  const errors: unknown[] = [];
  const subscription = subscribe({ next: () => {}, error: (error) => errors.push(error) });

  await waitFor('Amplify to report the refusal', () => errors.length === 1);
  expect(JSON.stringify(errors[0])).toContain('UnauthorizedException');
  // Non-retryable: Amplify made exactly one attempt.
  expect(engine.connectionAuthorizations).toHaveLength(1);
  expect(engine.started).toEqual([]);
  subscription.unsubscribe();
  await waitFor('the refused connection to be gone', () => server.realtime.connectionCount === 0);
});
