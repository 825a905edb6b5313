// Request-level authentication at POST /graphql, with the real verifiers: a request whose
// credentials are missing or invalid never reaches the engine and is answered
//   HTTP 401 { "errors": [{ "errorType": "UnauthorizedException", "message": ... }] }
// with no `data`, while a request that authenticates but touches a field its mode may not read
// gets HTTP 200 with that field's Unauthorized error.
import { API_KEY, AMPLIFY_REALTIME_HEADERS, IAM_CREDENTIALS, post, signPost, startTestApi, type TestApi } from './api-server';

const SDL = /* GraphQL */ `
  type Query {
    whoami: String @aws_api_key @aws_iam @aws_cognito_user_pools
    adminsOnly: String @aws_cognito_user_pools(cognito_groups: ["admin"])
    deep: Level @aws_api_key
  }
  type Level @aws_api_key {
    next: Level
    name: String
  }
`;

const WHOAMI = `
  import { util } from '@aws-appsync/utils';
  export function request(ctx) {
    const who = ctx.identity && (ctx.identity.username || ctx.identity.userArn);
    return { payload: util.authType() + (who ? ':' + who : '') };
  }
  export function response(ctx) { return ctx.result; }
`;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    sdl: SDL,
    defaultMode: 'AMAZON_COGNITO_USER_POOLS',
    enabledModes: ['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM'],
    queryDepthLimit: 3,
    resolvers: {
      'Query.whoami': WHOAMI,
      'Query.adminsOnly': `export function request() { return { payload: 'secret' }; } export function response(ctx) { return ctx.result; }`,
      'Query.deep': `export function request() { return { payload: { name: 'a', next: { name: 'b', next: { name: 'c', next: { name: 'd' } } } } }; } export function response(ctx) { return ctx.result; }`,
    },
  });
});
afterAll(() => api.close());

const QUERY = JSON.stringify({ query: '{ whoami }' });

function expectUnauthenticated(response: { status: number; body: any }): void {
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }] });
  expect(response.body).not.toHaveProperty('data');
}

describe('401 UnauthorizedException', () => {
  it('for a request with no credentials at all', async () => {
    expectUnauthenticated(await post(api.graphqlUrl, QUERY, {}));
  });

  it('for an unknown API key', async () => {
    expectUnauthenticated(await post(api.graphqlUrl, QUERY, { 'x-api-key': 'da2-notakeyofthisapi0000000000' }));
  });

  it.each([
    ['not a JWT', async () => 'not-a-token'],
    ['a JWT signed by another key', async () => api.forgedToken()],
    ['an expired JWT', async () => api.accessToken({ expiresInSeconds: -60 })],
    ['a JWT for another app client', async () => api.accessToken({ clientId: 'someone-elses-client' })],
    ['"Bearer " in front of a valid JWT', async () => `Bearer ${await api.accessToken()}`],
  ])('for %s', async (_name, token) => {
    expectUnauthenticated(await post(api.graphqlUrl, QUERY, { authorization: await token() }));
  });

  it('for a SigV4 signature over another body, or by a wrong secret', async () => {
    const signed = await signPost(api.graphqlUrl, QUERY);
    expectUnauthenticated(await post(api.graphqlUrl, JSON.stringify({ query: '{ whoami adminsOnly }' }), signed));
    const wrongSecret = await signPost(api.graphqlUrl, QUERY, AMPLIFY_REALTIME_HEADERS, { ...IAM_CREDENTIALS, secretAccessKey: 'guessed' });
    expectUnauthenticated(await post(api.graphqlUrl, QUERY, wrongSecret));
  });

  it('for an API key when API_KEY is not an auth mode of the API', async () => {
    const noKeys = await startTestApi({ sdl: SDL, defaultMode: 'AMAZON_COGNITO_USER_POOLS', enabledModes: ['AMAZON_COGNITO_USER_POOLS'], resolvers: { 'Query.whoami': WHOAMI } });
    try {
      expectUnauthenticated(await post(noKeys.graphqlUrl, QUERY, { 'x-api-key': API_KEY }));
    } finally {
      await noKeys.close();
    }
  });
});

describe('authenticated requests', () => {
  it('run with the identity each mode establishes', async () => {
    expect(await post(api.graphqlUrl, QUERY, { 'x-api-key': API_KEY })).toEqual({ status: 200, body: { data: { whoami: 'API Key Authorization' } } });
    expect(await post(api.graphqlUrl, QUERY, { authorization: await api.accessToken({ username: 'carl' }) })).toEqual({
      status: 200,
      body: { data: { whoami: 'User Pool Authorization:carl' } },
    });
    expect(await post(api.graphqlUrl, QUERY, await signPost(api.graphqlUrl, QUERY))).toEqual({
      status: 200,
      body: { data: { whoami: `IAM Authorization:${IAM_CREDENTIALS.accessKeyId}` } },
    });
  });

  it('take cognito groups from the token', async () => {
    const body = JSON.stringify({ query: '{ adminsOnly }' });
    expect(await post(api.graphqlUrl, body, { authorization: await api.accessToken({ groups: ['admin'] }) })).toEqual({ status: 200, body: { data: { adminsOnly: 'secret' } } });
    const courier = await post(api.graphqlUrl, body, { authorization: await api.accessToken({ groups: ['courier'] }) });
    expect(courier).toEqual({
      status: 200,
      body: {
        data: { adminsOnly: null },
        errors: [{ path: ['adminsOnly'], data: null, errorType: 'Unauthorized', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'Not Authorized to access adminsOnly on type Query' }],
      },
    });
  });

  it('answer a field out of the depth limit with 200 and a field error', async () => {
    const response = await post(api.graphqlUrl, JSON.stringify({ query: '{ deep { name next { name next { next { name } } } } }' }), { 'x-api-key': API_KEY });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ deep: { name: 'a', next: { name: 'b', next: { next: null } } } });
    expect(response.body.errors).toEqual([expect.objectContaining({ path: ['deep', 'next', 'next', 'next'], errorType: 'QueryDepthLimitExceeded' })]);
  });

  it('answer a body that is not GraphQL with 400, not 401 or 500', async () => {
    const response = await post(api.graphqlUrl, 'not json', { 'x-api-key': API_KEY });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].errorType).toBe('MalformedHttpRequestException');
  });
});
