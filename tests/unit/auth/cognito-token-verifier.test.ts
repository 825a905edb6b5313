// The user-pool token verifier of the local AppSync engine, fed with real tokens from the
// local Cognito and with tokens altered or forged in the ways an attacker would try.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, base64url, decodeJwt, generateKeyPair } from 'jose';
import {
  CognitoTokenVerifier,
  TokenVerifierConfigurationError,
  UnauthorizedError,
  type CognitoTokenVerifierOptions,
  type UnauthorizedReason,
} from '../../../local/auth/cognito-token-verifier';
import { LOCAL_IAM_CREDENTIALS, localAuthenticators } from '../../../local/auth/local-authenticators';
import { authenticate, Unauthenticated } from '../../../local/appsync/authentication';
import { seedUserPool, startLocalCognito, type CognitoSeedResult, type LocalCognito } from '../../../local/cognito';
import { signAppSyncRequest } from '../../../functions/adapters/appsync-iam-client';

let dataDir: string;
let cognito: LocalCognito;
let seed: CognitoSeedResult;
let courier: { AccessToken: string; IdToken: string; RefreshToken: string };

function localVerifier(overrides: Partial<Extract<CognitoTokenVerifierOptions, { mode: 'local' }>> = {}): CognitoTokenVerifier {
  return new CognitoTokenVerifier({ mode: 'local', issuer: seed.issuer, jwksUri: seed.jwksUri, allowedClientIds: [seed.userPoolClientId], ...overrides });
}

async function rejection(promise: Promise<unknown>): Promise<UnauthorizedError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the token to be rejected');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedError);
  return error as UnauthorizedError;
}

async function expectRejected(promise: Promise<unknown>, reason: UnauthorizedReason): Promise<void> {
  expect((await rejection(promise)).reason).toBe(reason);
}

/** Re-encodes a token's payload, keeping the original header and signature. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
  change(claims);
  return `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-verifier-'));
  cognito = await startLocalCognito({ dataDir });
  seed = await seedUserPool(cognito.endpoint, {
    poolName: 'courier-users',
    clientName: 'web',
    groups: ['admin', 'courier'],
    users: [{ username: 'carl-courier', email: 'carl@example.com', password: 'Courier-pass-1!', groups: ['courier'] }],
  });
  const sdk = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const result = await sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: seed.userPoolClientId,
      AuthParameters: { USERNAME: 'carl-courier', PASSWORD: 'Courier-pass-1!' },
    }),
  );
  sdk.destroy();
  courier = result.AuthenticationResult as typeof courier;
});

afterAll(async () => {
  await cognito?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('genuine tokens', () => {
  it('accepts an access token and builds the AppSync identity from it', async () => {
    const identity = await localVerifier().verify(courier.AccessToken);
    const claims = decodeJwt(courier.AccessToken);
    expect(identity).toEqual({
      sub: claims.sub,
      username: 'carl-courier',
      issuer: seed.issuer,
      groups: ['courier'],
      claims,
      defaultAuthStrategy: 'ALLOW',
      tokenUse: 'access',
      clientId: seed.userPoolClientId,
      expiresAt: new Date(claims.exp! * 1000),
    });
  });

  it('accepts an ID token, taking the client from aud and the user from cognito:username', async () => {
    const identity = await localVerifier().verify(courier.IdToken);
    expect(identity).toMatchObject({ tokenUse: 'id', username: 'carl-courier', clientId: seed.userPoolClientId, groups: ['courier'] });
    expect(identity.claims['email']).toBe('carl@example.com');
  });

  it('adapts to the AppSync engine: identity without sourceIp, and the groups', async () => {
    const { identity, groups } = await localVerifier({ defaultAuthStrategy: 'DENY' }).asUserPoolAuthenticator()(courier.AccessToken);
    expect(groups).toEqual(['courier']);
    expect(Object.keys(identity).sort()).toEqual(['claims', 'defaultAuthStrategy', 'groups', 'issuer', 'sub', 'username']);
    expect(identity['defaultAuthStrategy']).toBe('DENY');
  });

  it('accepts a token right up to its expiry on the injected clock', async () => {
    const exp = decodeJwt(courier.AccessToken).exp!;
    const verifier = localVerifier({ clock: () => new Date((exp - 1) * 1000) });
    await expect(verifier.verify(courier.AccessToken)).resolves.toMatchObject({ username: 'carl-courier' });
  });
});

describe('rejected tokens', () => {
  it('rejects a token whose claims were changed after signing (courier promoting itself to admin)', async () => {
    const promoted = withPayload(courier.AccessToken, (claims) => (claims['cognito:groups'] = ['admin']));
    await expectRejected(localVerifier().verify(promoted), 'bad-signature');
  });

  it('rejects a token signed with another key under the local key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const claims = decodeJwt(courier.AccessToken);
    const forged = await new SignJWT({ ...claims, 'cognito:groups': ['admin'] }).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(privateKey);
    await expectRejected(localVerifier().verify(forged), 'bad-signature');
  });

  it('rejects a token naming a key the pool does not have', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(decodeJwt(courier.AccessToken)).setProtectedHeader({ alg: 'RS256', kid: 'attacker-key' }).sign(privateKey);
    await expectRejected(localVerifier().verify(forged), 'unknown-key');
  });

  it('rejects a token from another issuer', async () => {
    const otherPool = localVerifier({ issuer: `http://localhost:${cognito.port}/local_0therPool` });
    const error = await rejection(otherPool.verify(courier.AccessToken));
    expect(error.reason).toBe('wrong-issuer');
    expect(error.message).toContain(seed.issuer);
  });

  it('rejects access and ID tokens of an app client that is not allowed', async () => {
    const verifier = localVerifier({ allowedClientIds: ['someOtherClientId'] });
    await expectRejected(verifier.verify(courier.AccessToken), 'wrong-client');
    await expectRejected(verifier.verify(courier.IdToken), 'wrong-client');
  });

  it('rejects an expired token (injected clock one second past exp)', async () => {
    const exp = decodeJwt(courier.AccessToken).exp!;
    const verifier = localVerifier({ clock: () => new Date((exp + 1) * 1000) });
    await expectRejected(verifier.verify(courier.AccessToken), 'expired');
  });

  it('rejects a refresh token presented as an access token', async () => {
    await expectRejected(localVerifier().verify(courier.RefreshToken), 'wrong-token-use');
  });

  it('rejects a token use this verifier was told not to accept', async () => {
    await expectRejected(localVerifier({ acceptedTokenUses: ['id'] }).verify(courier.AccessToken), 'wrong-token-use');
  });

  it('rejects a "Bearer " prefixed header and other non-JWTs as malformed', async () => {
    await expectRejected(localVerifier().verify(`Bearer ${courier.AccessToken}`), 'malformed');
    await expectRejected(localVerifier().verify('not-a-token'), 'malformed');
  });

  it('reports an unreachable JWKS as such rather than as a bad token', async () => {
    const verifier = localVerifier({ jwksUri: `http://127.0.0.1:1/${seed.userPoolId}/.well-known/jwks.json` });
    await expectRejected(verifier.verify(courier.AccessToken), 'jwks-unavailable');
  });
});

describe('local issuers need local mode', () => {
  it('refuses to build an AWS-mode verifier for a local issuer', () => {
    expect(() => new CognitoTokenVerifier({ mode: 'aws', issuer: seed.issuer, allowedClientIds: [seed.userPoolClientId] })).toThrow(
      TokenVerifierConfigurationError,
    );
  });

  it('refuses local mode with a non-loopback issuer or JWKS URL', () => {
    const base = { mode: 'local' as const, allowedClientIds: ['client'] };
    expect(() => new CognitoTokenVerifier({ ...base, issuer: 'https://example.com/pool', jwksUri: seed.jwksUri })).toThrow(TokenVerifierConfigurationError);
    expect(() => new CognitoTokenVerifier({ ...base, issuer: seed.issuer, jwksUri: 'https://example.com/jwks.json' })).toThrow(
      TokenVerifierConfigurationError,
    );
    expect(() => new CognitoTokenVerifier({ ...base, issuer: 'http://localhost:1@example.com/pool', jwksUri: seed.jwksUri })).toThrow(
      TokenVerifierConfigurationError,
    );
  });

  it('an AWS-mode verifier rejects a locally minted token by its issuer', async () => {
    const aws = new CognitoTokenVerifier({
      mode: 'aws',
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123',
      allowedClientIds: [seed.userPoolClientId],
    });
    await expectRejected(aws.verify(courier.AccessToken), 'wrong-issuer');
  });

  it('refuses an empty allow-list of app clients', () => {
    expect(() => new CognitoTokenVerifier({ mode: 'local', issuer: seed.issuer, jwksUri: seed.jwksUri, allowedClientIds: [] })).toThrow(
      TokenVerifierConfigurationError,
    );
  });
});

describe('localAuthenticators (what the local AppSync engine is given)', () => {
  const region = 'us-east-1';

  it('authenticates a user-pool token and an IAM-signed request through the engine', async () => {
    const authenticators = localAuthenticators({ apiKeys: ['da2-localkey'], cognito: seed, accountId: '000000000000', region });
    const modes = ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM', 'API_KEY'] as const;

    const user = await authenticate({ method: 'POST', path: '/graphql', headers: { authorization: courier.AccessToken }, body: '{}' }, authenticators, modes);
    expect(user).toMatchObject({ mode: 'AMAZON_COGNITO_USER_POOLS', groups: ['courier'], identity: { username: 'carl-courier', sourceIp: ['127.0.0.1'] } });

    const signed = await signAppSyncRequest({ url: 'http://127.0.0.1:8700/graphql', body: '{"query":"{ ok }"}', region, credentials: LOCAL_IAM_CREDENTIALS });
    const backend = await authenticate({ method: 'POST', path: '/graphql', headers: signed.headers, body: signed.body }, authenticators, modes);
    expect(backend).toMatchObject({ mode: 'AWS_IAM', identity: { accountId: '000000000000', userArn: 'arn:aws:sts::000000000000:assumed-role/local-backend/local' } });
    expect(backend.identity).not.toHaveProperty('accessKeyId');
  });

  it('refuses a forged user-pool token and a request signed with another secret', async () => {
    const authenticators = localAuthenticators({ apiKeys: [], cognito: seed, accountId: '000000000000', region });
    const modes = ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'] as const;
    const promoted = withPayload(courier.AccessToken, (claims) => (claims['cognito:groups'] = ['admin']));
    await expect(authenticate({ method: 'POST', path: '/graphql', headers: { authorization: promoted }, body: '{}' }, authenticators, modes)).rejects.toBeInstanceOf(
      Unauthenticated,
    );
    const signed = await signAppSyncRequest({
      url: 'http://127.0.0.1:8700/graphql',
      body: '{}',
      region,
      credentials: { accessKeyId: LOCAL_IAM_CREDENTIALS.accessKeyId, secretAccessKey: 'guessed' },
    });
    await expect(authenticate({ method: 'POST', path: '/graphql', headers: signed.headers, body: signed.body }, authenticators, modes)).rejects.toBeInstanceOf(
      Unauthenticated,
    );
  });
});
