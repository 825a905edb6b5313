// The local Cognito process: data kept where it is told, idempotent seeding, persistence
// across restarts, the refresh API Amplify v6 needs, CORS for browser apps, discovery.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { CognitoSeedError, seedUserPool, startLocalCognito, type LocalCognito, type SeedUserPoolInput } from '../../../local/cognito';

const SEED: SeedUserPoolInput = {
  poolName: 'courier-users',
  clientName: 'web',
  groups: ['admin', 'courier'],
  users: [
    { username: 'alice-admin', email: 'alice@example.com', password: 'Admin-pass-1!', groups: ['admin'] },
    { username: 'carl-courier', email: 'carl@example.com', password: 'Courier-pass-1!', groups: ['courier'] },
  ],
};

const tempDirs: string[] = [];
const running: LocalCognito[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cognito-'));
  tempDirs.push(dir);
  return dir;
}

async function start(dataDir: string, port?: number): Promise<LocalCognito> {
  const cognito = await startLocalCognito({ dataDir, port });
  running.push(cognito);
  return cognito;
}

function client(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

afterAll(async () => {
  await Promise.all(running.map((cognito) => cognito.stop()));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('one running local Cognito', () => {
  let dataDir: string;
  let cognito: LocalCognito;

  beforeAll(async () => {
    dataDir = tempDir();
    cognito = await start(dataDir);
  });

  it('keeps its data in the given directory: one file per pool and the clients file, nothing else', async () => {
    const seed = await seedUserPool(cognito.endpoint, SEED);
    expect(fs.readdirSync(dataDir).sort()).toEqual(['clients.json', `${seed.userPoolId}.json`].sort());
  });

  it('seeds idempotently and converges group membership on the input', async () => {
    const first = await seedUserPool(cognito.endpoint, SEED);
    const moved = {
      ...SEED,
      users: SEED.users.map((user) => (user.username === 'carl-courier' ? { ...user, groups: ['admin'] } : user)),
    };
    const second = await seedUserPool(cognito.endpoint, moved);

    expect(second).toEqual(first);
    const sdk = client(cognito.endpoint);
    const pools = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(pools.UserPools?.filter((pool) => pool.Name === SEED.poolName)).toHaveLength(1);
    const groups = await sdk.send(new AdminListGroupsForUserCommand({ UserPoolId: first.userPoolId, Username: 'carl-courier' }));
    expect(groups.Groups?.map((group) => group.GroupName)).toEqual(['admin']);
    sdk.destroy();
    await seedUserPool(cognito.endpoint, SEED);
  });

  it('reports the issuer its tokens carry, on the port it listens on', async () => {
    const seed = await seedUserPool(cognito.endpoint, SEED);
    expect(seed.issuer).toBe(`http://localhost:${cognito.port}/${seed.userPoolId}`);
    expect(seed.region).toBe(seed.userPoolId.split('_')[0]);

    const sdk = client(cognito.endpoint);
    const signedIn = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: seed.userPoolClientId,
        AuthParameters: { USERNAME: 'alice-admin', PASSWORD: 'Admin-pass-1!' },
      }),
    );
    sdk.destroy();
    expect(decodeJwt(signedIn.AuthenticationResult!.AccessToken!).iss).toBe(seed.issuer);

    const discovery = (await (await fetch(`${cognito.endpoint}/${seed.userPoolId}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery['issuer']).toBe(seed.issuer);
    const jwks = (await (await fetch(seed.jwksUri)).json()) as { keys: { kid: string; alg: string }[] };
    expect(jwks.keys.map((key) => key.alg)).toEqual(['RS256']);
  });

  it('answers GetTokensFromRefreshToken with fresh tokens for the same user', async () => {
    const seed = await seedUserPool(cognito.endpoint, SEED);
    const sdk = client(cognito.endpoint);
    const signedIn = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: seed.userPoolClientId,
        AuthParameters: { USERNAME: 'carl-courier', PASSWORD: 'Courier-pass-1!' },
      }),
    );
    const refreshed = await sdk.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: seed.userPoolClientId, RefreshToken: signedIn.AuthenticationResult!.RefreshToken! }),
    );
    const before = decodeJwt(signedIn.AuthenticationResult!.AccessToken!);
    const after = decodeJwt(refreshed.AuthenticationResult!.AccessToken!);
    expect(after.jti).not.toBe(before.jti);
    expect(after).toMatchObject({ sub: before.sub, username: 'carl-courier', 'cognito:groups': ['courier'] });
    expect(decodeJwt(refreshed.AuthenticationResult!.IdToken!).aud).toBe(seed.userPoolClientId);

    await expect(
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: seed.userPoolClientId, RefreshToken: 'not-a-refresh-token' })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    sdk.destroy();
  });

  it('lets a browser app on another localhost port call it (CORS preflight and response)', async () => {
    const origin = 'http://localhost:5173';
    const preflight = await fetch(`${cognito.endpoint}/`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'cache-control,content-type,x-amz-target,x-amz-user-agent',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('cache-control,content-type,x-amz-target,x-amz-user-agent');

    const actual = await fetch(`${cognito.endpoint}/`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools' },
      body: JSON.stringify({ MaxResults: 1 }),
    });
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBe('*');
    expect(actual.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
  });

  it('refuses a seed that puts a user in a group it does not create', async () => {
    const input = { ...SEED, users: [{ ...SEED.users[0]!, groups: ['partner'] }] };
    await expect(seedUserPool(cognito.endpoint, input)).rejects.toBeInstanceOf(CognitoSeedError);
  });
});

it('keeps pools, clients and users across a restart on the same data directory, and frees its port on stop', async () => {
  const dataDir = tempDir();
  const first = await start(dataDir);
  const seeded = await seedUserPool(first.endpoint, SEED);
  await first.stop();
  expect(await canConnect(first.port)).toBe(false);

  const second = await start(dataDir);
  const reseeded = await seedUserPool(second.endpoint, SEED);
  expect(reseeded.userPoolId).toBe(seeded.userPoolId);
  expect(reseeded.userPoolClientId).toBe(seeded.userPoolClientId);
  await second.stop();
});

it('fails to start with a clear error when its port is taken', async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    await expect(startLocalCognito({ dataDir: tempDir(), port })).rejects.toMatchObject({
      name: 'LocalCognitoStartError',
      message: expect.stringContaining(`port ${port} is in use`),
    });
  } finally {
    holder.close();
  }
});
