// SigV4 end to end: requests signed by the AppSync IAM client's signer, verified by the
// local AppSync engine's verifier, and the same requests altered in transit.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  AppSyncClientConfigurationError,
  AppSyncRequestError,
  createAppSyncIamClient,
  resolveAppSyncRegion,
  signAppSyncRequest,
  type SignedAppSyncRequest,
} from '../../../functions/adapters/appsync-iam-client';
import { SigV4Verifier, SigV4VerificationError, type SigV4FailureReason, type SigV4Request } from '../../../local/auth/sigv4-verifier';

const NOW = new Date('2026-03-02T10:20:30Z');
const REGION = 'eu-west-2';
const CREDENTIALS = { accessKeyId: 'AKIALOCALBACKEND', secretAccessKey: 'local-backend-secret' };
const URL_ = 'http://127.0.0.1:8700/graphql';
const BODY = JSON.stringify({ query: 'mutation { publishBookingChange(reference: "CV-1") { reference } }' });

function verifier(overrides: Partial<ConstructorParameters<typeof SigV4Verifier>[0]> = {}): SigV4Verifier {
  return new SigV4Verifier({
    credentials: { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey },
    region: REGION,
    accountId: '123456789012',
    clock: () => NOW,
    ...overrides,
  });
}

function asReceived(signed: SignedAppSyncRequest, change: Partial<SigV4Request> = {}): SigV4Request {
  const url = new URL(signed.url);
  return { method: signed.method, path: url.pathname + url.search, headers: signed.headers, body: signed.body, ...change };
}

function sign(overrides: Partial<Parameters<typeof signAppSyncRequest>[0]> = {}): Promise<SignedAppSyncRequest> {
  return signAppSyncRequest({ url: URL_, body: BODY, region: REGION, credentials: CREDENTIALS, signingDate: NOW, ...overrides });
}

async function expectFailure(promise: Promise<unknown>, reason: SigV4FailureReason): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to be rejected');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SigV4VerificationError);
  expect((error as SigV4VerificationError).reason).toBe(reason);
}

describe('SigV4Verifier with requests signed by the AppSync IAM client', () => {
  it('accepts a signed request and returns an AppSync-shaped IAM identity', async () => {
    const caller = await verifier().verify(asReceived(await sign(), { sourceIp: '10.0.0.7' }));
    expect(caller).toEqual({
      accessKeyId: CREDENTIALS.accessKeyId,
      signedAt: NOW,
      accountId: '123456789012',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ['10.0.0.7'],
      username: CREDENTIALS.accessKeyId,
      userArn: `arn:aws:iam::123456789012:user/${CREDENTIALS.accessKeyId}`,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    });
  });

  it('names a principal as configured and hands AppSync only AppSync identity fields', async () => {
    const roleArn = 'arn:aws:sts::123456789012:assumed-role/booking-saga/local';
    const v = verifier({ credentials: { [CREDENTIALS.accessKeyId]: { secretAccessKey: CREDENTIALS.secretAccessKey, userArn: roleArn, username: 'AROALOCAL:local' } } });
    const identity = await v.asAppSyncAuthenticator()(asReceived(await sign()));
    expect(identity).toMatchObject({ userArn: roleArn, username: 'AROALOCAL:local' });
    expect(identity).not.toHaveProperty('accessKeyId');
  });

  it('accepts temporary credentials whose session token was signed', async () => {
    const signed = await sign({ credentials: { ...CREDENTIALS, sessionToken: 'local-session-token' } });
    expect(signed.headers['x-amz-security-token']).toBe('local-session-token');
    await expect(verifier().verify(asReceived(signed))).resolves.toMatchObject({ accessKeyId: CREDENTIALS.accessKeyId });

    const swapped = { ...signed.headers, 'x-amz-security-token': 'another-session-token' };
    await expectFailure(verifier().verify(asReceived(signed, { headers: swapped })), 'signature-mismatch');
  });

  it('accepts query parameters and header names in any case', async () => {
    const signed = await sign({ url: `${URL_}?trace=on&b=2` });
    const upperCased = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toUpperCase(), value]));
    await expect(verifier().verify(asReceived(signed, { headers: upperCased }))).resolves.toMatchObject({ accountId: '123456789012' });
    await expectFailure(verifier().verify(asReceived(signed, { path: '/graphql?trace=off&b=2' })), 'signature-mismatch');
  });

  it('rejects a tampered body, also when the payload hash header is recomputed to match it', async () => {
    const signed = await sign();
    expect(signed.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(BODY).digest('hex'));
    const tampered = signed.body.replace('CV-1', 'CV-2');
    await expectFailure(verifier().verify(asReceived(signed, { body: tampered })), 'payload-hash-mismatch');

    const rehashed = { ...signed.headers, 'x-amz-content-sha256': createHash('sha256').update(tampered).digest('hex') };
    await expectFailure(verifier().verify(asReceived(signed, { body: tampered, headers: rehashed })), 'signature-mismatch');
  });

  it('rejects a tampered body signed without a payload hash header (the signature covers the body)', async () => {
    const signer = new SignatureV4({ service: 'appsync', region: REGION, credentials: CREDENTIALS, sha256: Sha256, applyChecksum: false });
    const request = new HttpRequest({ method: 'POST', hostname: '127.0.0.1', port: 8700, path: '/graphql', headers: { host: '127.0.0.1:8700', 'content-type': 'application/json' }, body: BODY });
    const signed = await signer.sign(request, { signingDate: NOW });
    expect(signed.headers['x-amz-content-sha256']).toBeUndefined();
    const received: SigV4Request = { method: 'POST', path: '/graphql', headers: signed.headers, body: BODY };
    await expect(verifier().verify(received)).resolves.toMatchObject({ accessKeyId: CREDENTIALS.accessKeyId });
    await expectFailure(verifier().verify({ ...received, body: BODY.replace('CV-1', 'CV-2') }), 'signature-mismatch');
  });

  it('rejects a tampered signed header and a different method or path', async () => {
    const signed = await sign();
    await expectFailure(verifier().verify(asReceived(signed, { headers: { ...signed.headers, 'content-type': 'text/plain' } })), 'signature-mismatch');
    await expectFailure(verifier().verify(asReceived(signed, { method: 'PUT' })), 'signature-mismatch');
    await expectFailure(verifier().verify(asReceived(signed, { path: '/graphql/realtime' })), 'signature-mismatch');
  });

  it('rejects a request signed with the wrong secret', async () => {
    const signed = await sign({ credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'guessed-secret' } });
    await expectFailure(verifier().verify(asReceived(signed)), 'signature-mismatch');
  });

  it('rejects an unknown access key', async () => {
    const signed = await sign({ credentials: { accessKeyId: 'AKIASOMEONEELSE', secretAccessKey: CREDENTIALS.secretAccessKey } });
    await expectFailure(verifier().verify(asReceived(signed)), 'unknown-access-key');
  });

  it('accepts a signature 14 minutes old and rejects one 16 minutes old or 16 minutes ahead', async () => {
    const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
    await expect(verifier().verify(asReceived(await sign({ signingDate: minutes(-14) })))).resolves.toBeDefined();
    await expectFailure(verifier().verify(asReceived(await sign({ signingDate: minutes(-16) }))), 'expired');
    await expectFailure(verifier().verify(asReceived(await sign({ signingDate: minutes(16) }))), 'expired');
  });

  it('rejects a credential scope for another region or service', async () => {
    await expectFailure(verifier().verify(asReceived(await sign({ region: 'us-east-1' }))), 'wrong-credential-scope');
    await expectFailure(verifier({ service: 'execute-api' }).verify(asReceived(await sign())), 'wrong-credential-scope');
  });

  it('rejects requests whose Authorization header is missing, not SigV4, or does not sign host', async () => {
    const signed = await sign();
    const { authorization, ...unsigned } = signed.headers;
    await expectFailure(verifier().verify(asReceived(signed, { headers: unsigned })), 'malformed');
    await expectFailure(verifier().verify(asReceived(signed, { headers: { ...unsigned, authorization: 'eyJhbGciOi.x.y' } })), 'malformed');
    const withoutHost = authorization!.replace(/SignedHeaders=([^,]*)host;/, 'SignedHeaders=$1');
    expect(withoutHost).not.toBe(authorization);
    await expectFailure(verifier().verify(asReceived(signed, { headers: { ...unsigned, authorization: withoutHost } })), 'malformed');
  });
});

describe('createAppSyncIamClient against a SigV4-checking GraphQL endpoint', () => {
  let server: http.Server;
  let url: string;
  let respond: (body: unknown) => { status: number; body: unknown } = (body) => ({ status: 200, body });
  const endpointVerifier = new SigV4Verifier({ credentials: { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey }, region: REGION });

  beforeAll(async () => {
    server = http.createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        await endpointVerifier.verify({ method: request.method!, path: request.url!, headers: request.headers, body });
      } catch (error) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message: (error as Error).message }] }));
        return;
      }
      const { status, body: reply } = respond(JSON.parse(body));
      response.writeHead(status, { 'content-type': 'application/json' }).end(typeof reply === 'string' ? reply : JSON.stringify(reply));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the operation signed and returns data', async () => {
    respond = (request) => ({ status: 200, body: { data: { echo: request } } });
    const client = createAppSyncIamClient({ url, region: REGION, credentials: CREDENTIALS });
    const data = await client.request<{ echo: unknown }>('query Q($id: ID!) { booking(id: $id) { id } }', { id: 'B-1' });
    expect(data.echo).toEqual({ query: 'query Q($id: ID!) { booking(id: $id) { id } }', variables: { id: 'B-1' } });
  });

  it('takes credentials from a provider', async () => {
    respond = () => ({ status: 200, body: { data: { ok: true } } });
    const client = createAppSyncIamClient({ url, region: REGION, credentials: async () => CREDENTIALS });
    await expect(client.request('{ ok }')).resolves.toEqual({ ok: true });
  });

  it('throws AppSyncRequestError carrying the GraphQL errors', async () => {
    respond = () => ({
      status: 200,
      body: { data: { publish: null }, errors: [{ errorType: 'CapacityExceeded', message: 'no slot left', path: ['publish'] }] },
    });
    const client = createAppSyncIamClient({ url, region: REGION, credentials: CREDENTIALS });
    const error = (await client.request('mutation { publish }').catch((e: unknown) => e)) as AppSyncRequestError;
    expect(error).toBeInstanceOf(AppSyncRequestError);
    expect(error.errorType).toBe('CapacityExceeded');
    expect(error.errors).toEqual([{ errorType: 'CapacityExceeded', message: 'no slot left', path: ['publish'] }]);
    expect(error.data).toEqual({ publish: null });
    expect(error.statusCode).toBe(200);
  });

  it('surfaces a refused signature as UnauthorizedException', async () => {
    const client = createAppSyncIamClient({ url, region: REGION, credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } });
    await expect(client.request('{ ok }')).rejects.toMatchObject({ name: 'AppSyncRequestError', errorType: 'UnauthorizedException', statusCode: 401 });
  });

  it('reports a non-JSON answer as an invalid response', async () => {
    respond = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    const client = createAppSyncIamClient({ url, region: REGION, credentials: CREDENTIALS });
    await expect(client.request('{ ok }')).rejects.toMatchObject({ errorType: 'InvalidResponse', statusCode: 502 });
  });
});

describe('signing region', () => {
  const savedRegion = process.env.AWS_REGION;
  const savedDefault = process.env.AWS_DEFAULT_REGION;
  afterEach(() => {
    process.env.AWS_REGION = savedRegion;
    process.env.AWS_DEFAULT_REGION = savedDefault;
    if (savedRegion === undefined) delete process.env.AWS_REGION;
    if (savedDefault === undefined) delete process.env.AWS_DEFAULT_REGION;
  });

  it('comes from an AppSync hostname before the environment', () => {
    process.env.AWS_REGION = 'us-east-1';
    expect(resolveAppSyncRegion(new URL('https://abcdefghij.appsync-api.eu-west-2.amazonaws.com/graphql'))).toBe('eu-west-2');
    expect(resolveAppSyncRegion(new URL('https://abcdefghij.appsync-api.eu-west-2.amazonaws.com/graphql'), 'ap-south-1')).toBe('ap-south-1');
  });

  it('falls back to AWS_REGION for other hosts, and fails clearly without one', () => {
    process.env.AWS_REGION = 'us-west-2';
    expect(resolveAppSyncRegion(new URL('http://127.0.0.1:8700/graphql'))).toBe('us-west-2');
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    expect(() => createAppSyncIamClient({ url: 'http://127.0.0.1:8700/graphql' })).toThrow(AppSyncClientConfigurationError);
  });
});
