// AWS_IAM on the real-time endpoint, signed exactly as aws-amplify v6 signs it
// (@aws-amplify/api-graphql, AWSWebSocketProvider/authHeaders + AWSAppSyncRealTimeProvider):
// - the connection header (the `header-<base64url>` subprotocol, or the `?header=<base64>`
//   query parameter of AppSync's guide) holds the SigV4 headers of a POST of `{}` to
//   `<graphql endpoint>/connect`, with accept / content-encoding / content-type set to
//   AWS_APPSYNC_REALTIME_HEADERS;
// - each `start` message's `extensions.authorization` holds the headers of a POST to the
//   GraphQL endpoint whose body is the message's exact `payload.data` string (Amplify then
//   adds an unsigned x-amz-user-agent).
// The verifier must check those signatures over the bytes the client signed, and refuse
// anything altered.
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { signRequest } from '@aws-amplify/core/internals/aws-client-utils';
import WebSocket from 'ws';
import { RawClient, waitFor, type ServerMessage } from '../../unit/appsync-realtime/support';
import { AMPLIFY_REALTIME_HEADERS, IAM_CREDENTIALS, REGION, post, signPost, startTestApi, type TestApi } from './api-server';
import { ECHO_ARGUMENTS } from './support';

const SDL = /* GraphQL */ `
  type Booking @aws_iam {
    reference: ID!
    status: String
  }
  type Query {
    noop: String
  }
  type Mutation {
    publish(reference: ID!, status: String): Booking
  }
  type Subscription {
    onPublish(reference: ID): Booking @aws_subscribe(mutations: ["publish"])
    "Not for IAM callers."
    onKeyHolders: Booking @aws_subscribe(mutations: ["publish"]) @aws_api_key
  }
`;

const SUBSCRIPTION = 'subscription OnPublish($reference: ID) { onPublish(reference: $reference) { reference status } }';
const USER_AGENT = { 'x-amz-user-agent': 'aws-amplify/6.16.0 api/1 framework/0' };

let api: TestApi;
let port: number;
const clients: RawClient[] = [];

beforeAll(async () => {
  api = await startTestApi({ sdl: SDL, defaultMode: 'AWS_IAM', enabledModes: ['AWS_IAM'], resolvers: { 'Mutation.publish': ECHO_ARGUMENTS } });
  port = api.server.port;
});
afterEach(() => {
  for (const client of clients.splice(0)) client.socket.terminate();
});
afterAll(() => api.close());

const connectUrl = () => `${api.graphqlUrl}/connect`;

/** Connects with the header as Amplify v6 sends it (subprotocol) or as the guide shows it (query). */
async function connect(header: Record<string, string>, form: 'subprotocol' | 'query' = 'subprotocol'): Promise<RawClient> {
  const client =
    form === 'subprotocol'
      ? await RawClient.connect(port, { header })
      : await RawClient.connect(port, {
          path: `/graphql/realtime?header=${encodeURIComponent(Buffer.from(JSON.stringify(header)).toString('base64'))}&payload=e30=`,
          protocols: ['graphql-ws'],
        });
  clients.push(client);
  client.send({ type: 'connection_init' });
  return client;
}

async function connectAndAck(): Promise<RawClient> {
  const client = await connect(await signPost(connectUrl(), '{}'));
  expect((await client.next()).type).toBe('connection_ack');
  return client;
}

function startMessage(id: string, data: string, authorization: Record<string, string>) {
  return { id, type: 'start', payload: { data, extensions: { authorization: { ...authorization, ...USER_AGENT } } } };
}

async function publish(reference: string, status = 'BOOKED'): Promise<void> {
  const body = JSON.stringify({ query: 'mutation P($r: ID!, $s: String) { publish(reference: $r, status: $s) { reference status } }', variables: { r: reference, s: status } });
  const response = await post(api.graphqlUrl, body, await signPost(api.graphqlUrl, body));
  expect(response).toEqual({ status: 200, body: { data: { publish: { reference, status } } } });
}

function expectUnauthorized(message: ServerMessage, type: 'connection_error' | 'error'): void {
  expect(message.type).toBe(type);
  expect(message.payload.errors).toEqual([expect.objectContaining({ errorType: 'UnauthorizedException' })]);
}

function tamper(headers: Record<string, string>): Record<string, string> {
  const authorization = headers.authorization;
  const last = authorization.at(-1) === '0' ? '1' : '0';
  return { ...headers, authorization: authorization.slice(0, -1) + last };
}

describe('the connection header', () => {
  it.each(['subprotocol', 'query'] as const)('is accepted when signed over POST <endpoint>/connect with body {} (%s form)', async (form) => {
    const client = await connect(await signPost(connectUrl(), '{}'), form);
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: expect.any(Number) } });
  });

  it('is accepted with temporary credentials, the session token signed as X-Amz-Security-Token', async () => {
    const headers = await signPost(connectUrl(), '{}', AMPLIFY_REALTIME_HEADERS, { ...IAM_CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjELocal//token+=' });
    expect(headers['x-amz-security-token']).toBe('IQoJb3JpZ2luX2VjELocal//token+=');
    const client = await connect(headers);
    expect((await client.next()).type).toBe('connection_ack');
  });

  it('is refused when signed for the GraphQL path instead of /connect', async () => {
    const client = await connect(await signPost(api.graphqlUrl, '{}'));
    expectUnauthorized(await client.next(), 'connection_error');
    expect((await client.closed).code).toBe(1008);
  });

  it('is refused when signed over another body', async () => {
    const client = await connect(await signPost(connectUrl(), '{"x":1}'));
    expectUnauthorized(await client.next(), 'connection_error');
  });

  it('is refused with a tampered signature, as non-retryable 401', async () => {
    const client = await connect(tamper(await signPost(connectUrl(), '{}')));
    const message = await client.next();
    expectUnauthorized(message, 'connection_error');
    expect(message.payload.errors[0].errorCode).toBe(401);
  });

  it('is refused when signed with an unknown secret', async () => {
    const client = await connect(await signPost(connectUrl(), '{}', AMPLIFY_REALTIME_HEADERS, { ...IAM_CREDENTIALS, secretAccessKey: 'wrong' }));
    expectUnauthorized(await client.next(), 'connection_error');
  });
});

describe('a start message', () => {
  // JSON the server would not produce when re-serializing { query, variables }: another key
  // order, an operationName, spacing and an escaped character.
  const data = `{ "variables": { "reference": "CB\\u0031" }, "operationName": "OnPublish", "query": ${JSON.stringify(SUBSCRIPTION)} }`;

  it('is accepted when signed over its exact data string, and then receives events', async () => {
    const client = await connectAndAck();
    client.send(startMessage('s1', data, await signPost(api.graphqlUrl, data)));
    expect(await client.next()).toEqual({ type: 'start_ack', id: 's1' });
    await publish('CB2');
    await publish('CB1');
    expect(await client.next()).toEqual({ type: 'data', id: 's1', payload: { data: { onPublish: { reference: 'CB1', status: 'BOOKED' } } } });
  });

  it('is refused when its data was changed after signing, and the connection stays usable', async () => {
    const client = await connectAndAck();
    const signedFor = JSON.stringify({ query: SUBSCRIPTION, variables: { reference: 'CB1' } });
    client.send(startMessage('s1', JSON.stringify({ query: SUBSCRIPTION, variables: { reference: 'CB9' } }), await signPost(api.graphqlUrl, signedFor)));
    const refused = await client.next();
    expectUnauthorized(refused, 'error');
    expect(refused.id).toBe('s1');

    client.send(startMessage('s2', signedFor, await signPost(api.graphqlUrl, signedFor)));
    expect(await client.next()).toEqual({ type: 'start_ack', id: 's2' });
  });

  it('is refused with a tampered signature', async () => {
    const client = await connectAndAck();
    client.send(startMessage('s1', data, tamper(await signPost(api.graphqlUrl, data))));
    expectUnauthorized(await client.next(), 'error');
  });

  it('is refused when signed for the /connect path', async () => {
    const client = await connectAndAck();
    client.send(startMessage('s1', data, await signPost(connectUrl(), data)));
    expectUnauthorized(await client.next(), 'error');
  });
});

describe('the protocol, with the engine behind it', () => {
  async function start(client: RawClient, id: string, query: string, variables: Record<string, unknown> = {}): Promise<void> {
    const data = JSON.stringify({ query, variables });
    client.send(startMessage(id, data, await signPost(api.graphqlUrl, data)));
  }

  it('acknowledges with connectionTimeoutMs and keeps the connection alive with ka', async () => {
    const client = await connect(await signPost(connectUrl(), '{}'));
    expect(await client.nextIncludingKeepAlive()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } });
    expect(await client.nextIncludingKeepAlive()).toEqual({ type: 'ka' });
  });

  it('answers stop with complete, after which nothing more is delivered', async () => {
    const client = await connectAndAck();
    await start(client, 's1', SUBSCRIPTION);
    expect(await client.next()).toEqual({ type: 'start_ack', id: 's1' });
    await publish('CB1');
    expect((await client.next()).type).toBe('data');
    client.send({ type: 'stop', id: 's1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 's1' });
    await publish('CB2');
    expect(await client.drain()).toEqual([]);
  });

  it("refuses a subscription field the caller's mode may not read with an Unauthorized error", async () => {
    const client = await connectAndAck();
    await start(client, 's1', 'subscription { onKeyHolders { reference } }');
    expect(await client.next()).toEqual({
      type: 'error',
      id: 's1',
      payload: { errors: [expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access onKeyHolders on type Subscription' })] },
    });
  });

  it('refuses an invalid subscription document with a validation error', async () => {
    const client = await connectAndAck();
    await start(client, 's1', 'subscription { onPublish { nope } }');
    const message = await client.next();
    expect(message).toMatchObject({ type: 'error', id: 's1' });
    expect(message.payload.errors).toEqual([expect.objectContaining({ errorType: 'ValidationError', message: expect.stringContaining('nope') })]);
  });
});

describe('Amplify v6', () => {
  it("signs real-time requests exactly as the signer used by these tests does", async () => {
    const signingDate = new Date('2026-03-02T10:20:30Z');
    const body = JSON.stringify({ query: SUBSCRIPTION, variables: {} });
    for (const [url, payload] of [
      [connectUrl(), '{}'],
      [api.graphqlUrl, body],
    ] as const) {
      const amplify = signRequest(
        { headers: { ...AMPLIFY_REALTIME_HEADERS }, method: 'POST', url: new URL(url), body: payload },
        { credentials: IAM_CREDENTIALS, signingRegion: REGION, signingService: 'appsync', signingDate },
      ).headers;
      expect(await signPost(url, payload, AMPLIFY_REALTIME_HEADERS, IAM_CREDENTIALS, signingDate)).toEqual(amplify);
    }
  });

  describe('the real client in IAM mode', () => {
    // The front ends' localhost shim (DESIGN.md §9): Amplify always dials wss://.
    class LocalWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(String(url).replace(/^wss:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/])/, 'ws://$1$2'), protocols);
      }
    }
    const originalWebSocket = globalThis.WebSocket;
    const originalSetTimeout = globalThis.setTimeout;
    const subscriptions: Array<{ unsubscribe(): void }> = [];

    beforeAll(() => {
      (globalThis as { WebSocket: unknown }).WebSocket = LocalWebSocket;
      // Amplify's connection_init watchdog is never cleared; let it not hold the process open.
      globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => originalSetTimeout(...args).unref()) as typeof setTimeout;
      Amplify.configure(
        { API: { GraphQL: { endpoint: api.graphqlUrl, region: REGION, defaultAuthMode: 'iam' } } },
        {
          Auth: {
            credentialsProvider: { getCredentialsAndIdentityId: async () => ({ credentials: IAM_CREDENTIALS }), clearCredentialsAndIdentityId: () => {} },
            tokenProvider: { getTokens: async () => null },
          },
        },
      );
    });
    afterAll(async () => {
      for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
      await waitFor('Amplify to close its connection', () => api.server.realtime.connectionCount === 0).catch(() => {});
      (globalThis as { WebSocket: unknown }).WebSocket = originalWebSocket;
      globalThis.setTimeout = originalSetTimeout;
    });

    it('subscribes, and receives what an IAM mutation through the same client publishes', async () => {
      const client = generateClient();
      const received: unknown[] = [];
      const errors: unknown[] = [];
      subscriptions.push(
        client
          .graphql<GraphQLSubscription<{ onPublish: { reference: string; status: string } }>>({ query: SUBSCRIPTION, variables: { reference: 'CB7' } })
          .subscribe({ next: (value) => received.push(value), error: (error) => errors.push(error) }),
      );
      await waitFor('the subscription to be acknowledged', () => api.server.realtime.subscriptionCount === 1 || errors.length > 0);
      expect(errors).toEqual([]);

      const result = await client.graphql({ query: 'mutation P($r: ID!) { publish(reference: $r, status: "COLLECTED") { reference status } }', variables: { r: 'CB7' } });
      expect(result).toMatchObject({ data: { publish: { reference: 'CB7', status: 'COLLECTED' } } });
      await waitFor('the event to arrive', () => received.length === 1 || errors.length > 0);
      expect(errors).toEqual([]);
      expect(received).toEqual([expect.objectContaining({ data: { onPublish: { reference: 'CB7', status: 'COLLECTED' } } })]);
    });
  });
});
