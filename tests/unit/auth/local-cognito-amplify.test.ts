// The real Amplify v6 Auth API against the local Cognito: sign in with USER_PASSWORD_AUTH,
// read the session, force a refresh (GetTokensFromRefreshToken), and verify every token
// with the verifier the local AppSync engine uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { decodeJwt } from 'jose';
import { startLocalCognito, seedUserPool, type CognitoSeedResult, type LocalCognito } from '../../../local/cognito';
import { CognitoTokenVerifier } from '../../../local/auth/cognito-token-verifier';
import { MemoryKeyValueStorage } from '../../support/amplify-node';


const USERS = [
  { username: 'alice-admin', email: 'alice@example.com', password: 'Admin-pass-1!', groups: ['admin'] },
  { username: 'carl-courier', email: 'carl@example.com', password: 'Courier-pass-1!', groups: ['courier'], attributes: { name: 'Carl' } },
];

let dataDir: string;
let cognito: LocalCognito;
let seed: CognitoSeedResult;
let verifier: CognitoTokenVerifier;

beforeAll(async () => {
  // Amplify warns on every configure that a custom endpoint is in use, which is the point here.
  const warn = console.warn;
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('custom Amazon')) warn(...args);
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cognito-amplify-'));
  cognito = await startLocalCognito({ dataDir });
  seed = await seedUserPool(cognito.endpoint, { poolName: 'courier-users', clientName: 'web', groups: ['admin', 'courier'], users: USERS });
  verifier = new CognitoTokenVerifier({ mode: 'local', issuer: seed.issuer, jwksUri: seed.jwksUri, allowedClientIds: [seed.userPoolClientId] });
  Amplify.configure({
    Auth: { Cognito: { userPoolId: seed.userPoolId, userPoolClientId: seed.userPoolClientId, userPoolEndpoint: cognito.endpoint } },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(new MemoryKeyValueStorage());
});

afterAll(async () => {
  await cognito?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await signOut().catch(() => undefined);
});

it('signs an admin in with USER_PASSWORD_AUTH and both tokens verify with the admin group', async () => {
  const result = await signIn({ username: 'alice-admin', password: 'Admin-pass-1!', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  expect(result.isSignedIn).toBe(true);

  const { tokens } = await fetchAuthSession();
  const access = await verifier.verify(tokens!.accessToken.toString());
  expect(access).toMatchObject({ tokenUse: 'access', username: 'alice-admin', groups: ['admin'], clientId: seed.userPoolClientId, defaultAuthStrategy: 'ALLOW' });
  expect(access.issuer).toBe(seed.issuer);

  const id = await verifier.verify(tokens!.idToken!.toString());
  expect(id).toMatchObject({ tokenUse: 'id', username: 'alice-admin', groups: ['admin'], sub: access.sub });
  expect(id.claims['email']).toBe('alice@example.com');
});

it('refreshes the session through GetTokensFromRefreshToken and the new token verifies', async () => {
  await signIn({ username: 'carl-courier', password: 'Courier-pass-1!', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const before = (await fetchAuthSession()).tokens!.accessToken.toString();

  const after = (await fetchAuthSession({ forceRefresh: true })).tokens!.accessToken.toString();

  expect(decodeJwt(after).jti).not.toBe(decodeJwt(before).jti);
  const refreshed = await verifier.verify(after);
  expect(refreshed).toMatchObject({ tokenUse: 'access', username: 'carl-courier', groups: ['courier'] });
});

it('answers a wrong password with NotAuthorizedException, as Cognito does, and leaves no session', async () => {
  await expect(
    signIn({ username: 'carl-courier', password: 'not-the-password', options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
  ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  expect((await fetchAuthSession()).tokens).toBeUndefined();
});
