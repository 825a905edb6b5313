// A whole local AppSync API in this process for the request-level tests: the engine behind
// startAppSyncHttpServer (POST /graphql and the real-time endpoint), with the real
// authenticators — API keys, the Cognito token verifier reading a JWKS this file serves, and
// the SigV4 verifier — and helpers that sign requests as the clients do.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import type { AuthMode } from '../../../local/appsync/authorization';
import { startAppSyncHttpServer, type AppSyncHttpServer } from '../../../local/appsync/http-server';
import { CognitoTokenVerifier } from '../../../local/auth/cognito-token-verifier';
import { SigV4Verifier } from '../../../local/auth/sigv4-verifier';
import { testEngine, type TestEngineOptions } from './support';

export const API_KEY = 'da2-conformancetestkey0000000';
export const REGION = 'eu-west-2';
export const IAM_CREDENTIALS = { accessKeyId: 'AKIACONFORMANCE00001', secretAccessKey: 'conformance-secret-access-key' };
export const USER_POOL_CLIENT_ID = 'conformance-web-client';

/** The headers Amplify v6 signs for every real-time request (AWS_APPSYNC_REALTIME_HEADERS). */
export const AMPLIFY_REALTIME_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

export interface TestApi {
  server: AppSyncHttpServer;
  graphqlUrl: string;
  /** A Cognito access token for a user in `groups`, signed by the pool's key. */
  accessToken(claims?: { username?: string; groups?: string[]; expiresInSeconds?: number; clientId?: string }): Promise<string>;
  /** A token of the right shape signed by a key the pool does not have. */
  forgedToken(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApi(options: TestEngineOptions & { enabledModes: AuthMode[] }): Promise<TestApi> {
  const { engine } = testEngine(options);

  // The user pool: a key pair and a JWKS endpoint on loopback, as the local Cognito serves it.
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'pool-key-1', alg: 'RS256', use: 'sig' };
  const jwks = http.createServer((request, response) => {
    if (request.url === '/local_pool/.well-known/jwks.json') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/local_pool`;
  const userPool = new CognitoTokenVerifier({ mode: 'local', issuer, jwksUri: `${issuer}/.well-known/jwks.json`, allowedClientIds: [USER_POOL_CLIENT_ID] });
  const sigv4 = new SigV4Verifier({ credentials: { [IAM_CREDENTIALS.accessKeyId]: IAM_CREDENTIALS.secretAccessKey }, region: REGION, accountId: '123456789012' });

  const server = await startAppSyncHttpServer({
    engine,
    enabledModes: options.enabledModes,
    authenticators: {
      apiKeys: () => [API_KEY],
      verifyUserPoolToken: userPool.asUserPoolAuthenticator(),
      verifyIamRequest: async (request) => ({ ...(await sigv4.asAppSyncAuthenticator()(request)) }),
    },
  });

  const sign = async (key: CryptoKey, claims: JWTPayload, expiresInSeconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'pool-key-1' })
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(key);

  return {
    server,
    graphqlUrl: server.graphqlUrl,
    accessToken: ({ username = 'dana', groups = [], expiresInSeconds = 3600, clientId = USER_POOL_CLIENT_ID } = {}) =>
      sign(privateKey, { sub: `sub-${username}`, username, token_use: 'access', client_id: clientId, ...(groups.length ? { 'cognito:groups': groups } : {}) }, expiresInSeconds),
    forgedToken: async () => sign((await generateKeyPair('RS256')).privateKey, { sub: 'sub-mallory', username: 'mallory', token_use: 'access', client_id: USER_POOL_CLIENT_ID }, 3600),
    close: async () => {
      await server.close();
      jwks.closeAllConnections();
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    },
  };
}

/**
 * SigV4-signs a POST as Amplify v6 signs AppSync requests (`signRequest` in
 * @aws-amplify/core): the given headers plus `host` (with the port) and `x-amz-date`, every
 * header signed, no x-amz-content-sha256 header; service "appsync".
 */
export async function signPost(
  url: string,
  body: string,
  headers: Record<string, string> = AMPLIFY_REALTIME_HEADERS,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = IAM_CREDENTIALS,
  signingDate = new Date(),
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: 'appsync', region: REGION, credentials, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port ? Number(target.port) : undefined,
      path: target.pathname,
      headers: { ...headers, host: target.host },
      body,
    }),
    { signingDate },
  );
  return signed.headers as Record<string, string>;
}

/** The response of a raw POST /graphql. */
export async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  // fetch sets Host itself (to the same host:port the request was signed for).
  const { host: _host, ...sent } = headers;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...sent }, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
