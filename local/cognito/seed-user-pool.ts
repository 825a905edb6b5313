// Brings a local user pool to a known state: the pool, its groups, one app client that
// allows the flows our apps use, and users with permanent passwords in the given groups.
// Safe to run on every start: it converges on the input instead of failing on what exists.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UserNotFoundException,
  type AttributeType,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';

export interface SeedUser {
  username: string;
  email: string;
  password: string;
  groups: string[];
  attributes?: Record<string, string>;
}

export interface CognitoSeedResult {
  userPoolId: string;
  userPoolClientId: string;
  /** The `iss` claim of this pool's tokens, as the local Cognito announces it. */
  issuer: string;
  jwksUri: string;
  /** The region part of the pool id, which is what Amplify derives its region from. */
  region: string;
}

export interface SeedUserPoolInput {
  poolName: string;
  clientName: string;
  groups: string[];
  users: SeedUser[];
}

export class CognitoSeedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CognitoSeedError';
  }
}

/** USER_PASSWORD_AUTH because cognito-local refuses SRP; refresh for Amplify's session renewal. */
const REQUIRED_AUTH_FLOWS: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

function validate(input: SeedUserPoolInput): void {
  const known = new Set(input.groups);
  const usernames = new Set<string>();
  for (const user of input.users) {
    if (usernames.has(user.username)) throw new CognitoSeedError(`user "${user.username}" is listed twice`);
    usernames.add(user.username);
    const unknown = user.groups.filter((group) => !known.has(group));
    if (unknown.length > 0) {
      throw new CognitoSeedError(`user "${user.username}" is in group(s) ${unknown.join(', ')} that are not in the seed's groups`);
    }
  }
}

async function findOrCreatePool(cognito: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }));
    const existing = page.UserPools?.find((pool) => pool.Name === poolName);
    if (existing?.Id) return existing.Id;
    nextToken = page.NextToken;
  } while (nextToken);
  const created = await cognito.send(
    new CreateUserPoolCommand({ PoolName: poolName, AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } }),
  );
  if (!created.UserPool?.Id) throw new CognitoSeedError(`CreateUserPool returned no id for pool "${poolName}"`);
  return created.UserPool.Id;
}

async function ensureGroups(cognito: CognitoIdentityProviderClient, userPoolId: string, groups: readonly string[]): Promise<void> {
  const existing = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60, NextToken: nextToken }));
    for (const group of page.Groups ?? []) if (group.GroupName) existing.add(group.GroupName);
    nextToken = page.NextToken;
  } while (nextToken);
  for (const group of groups) {
    if (!existing.has(group)) await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
}

async function ensureClient(cognito: CognitoIdentityProviderClient, userPoolId: string, clientName: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: nextToken }));
    const existing = page.UserPoolClients?.find((client) => client.ClientName === clientName);
    if (existing?.ClientId) {
      const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: existing.ClientId }));
      const flows = new Set(UserPoolClient?.ExplicitAuthFlows ?? []);
      if (REQUIRED_AUTH_FLOWS.some((flow) => !flows.has(flow))) {
        await cognito.send(
          new UpdateUserPoolClientCommand({
            UserPoolId: userPoolId,
            ClientId: existing.ClientId,
            ClientName: clientName,
            ExplicitAuthFlows: [...new Set([...flows, ...REQUIRED_AUTH_FLOWS])],
          }),
        );
      }
      return existing.ClientId;
    }
    nextToken = page.NextToken;
  } while (nextToken);
  const created = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: clientName, ExplicitAuthFlows: REQUIRED_AUTH_FLOWS, GenerateSecret: false }),
  );
  if (!created.UserPoolClient?.ClientId) throw new CognitoSeedError(`CreateUserPoolClient returned no id for client "${clientName}"`);
  return created.UserPoolClient.ClientId;
}

function userAttributes(user: SeedUser): AttributeType[] {
  const attributes: Record<string, string> = { ...user.attributes, email: user.email, email_verified: 'true' };
  return Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
}

async function userExists(cognito: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<boolean> {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
}

async function ensureUser(
  cognito: CognitoIdentityProviderClient,
  userPoolId: string,
  user: SeedUser,
  managedGroups: readonly string[],
): Promise<void> {
  const UserPoolId = userPoolId;
  const Username = user.username;
  if (await userExists(cognito, UserPoolId, Username)) {
    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username, UserAttributes: userAttributes(user) }));
  } else {
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username, UserAttributes: userAttributes(user), TemporaryPassword: user.password, MessageAction: 'SUPPRESS' }),
    );
  }
  // A permanent password skips the NEW_PASSWORD_REQUIRED challenge a created user starts with.
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: user.password, Permanent: true }));

  const current = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username, Limit: 60, NextToken: nextToken }));
    for (const group of page.Groups ?? []) if (group.GroupName) current.add(group.GroupName);
    nextToken = page.NextToken;
  } while (nextToken);
  const wanted = new Set(user.groups);
  for (const group of wanted) {
    if (!current.has(group)) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: group }));
  }
  // Only groups this seed manages are taken away, so groups added by hand elsewhere survive.
  for (const group of managedGroups) {
    if (current.has(group) && !wanted.has(group)) {
      await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username, GroupName: group }));
    }
  }
}

async function discoverIssuer(endpoint: string, userPoolId: string): Promise<string> {
  const url = `${endpoint}/${userPoolId}/.well-known/openid-configuration`;
  const response = await fetch(url);
  if (!response.ok) throw new CognitoSeedError(`${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown };
  if (typeof document.issuer !== 'string') throw new CognitoSeedError(`${url} names no issuer`);
  return document.issuer;
}

/** Idempotent: reuses a pool with the same name if it exists, creates groups, an app client allowing USER_PASSWORD_AUTH + REFRESH_TOKEN_AUTH, and users with permanent passwords. */
export async function seedUserPool(endpoint: string, input: SeedUserPoolInput): Promise<CognitoSeedResult> {
  validate(input);
  const base = endpoint.replace(/\/+$/, '');
  const cognito = new CognitoIdentityProviderClient({
    endpoint: base,
    region: 'us-east-1',
    // The local Cognito ignores signatures; the SDK still wants something to sign with.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    const userPoolId = await findOrCreatePool(cognito, input.poolName);
    await ensureGroups(cognito, userPoolId, input.groups);
    const userPoolClientId = await ensureClient(cognito, userPoolId, input.clientName);
    for (const user of input.users) await ensureUser(cognito, userPoolId, user, input.groups);
    return {
      userPoolId,
      userPoolClientId,
      issuer: await discoverIssuer(base, userPoolId),
      jwksUri: `${base}/${userPoolId}/.well-known/jwks.json`,
      region: userPoolId.split('_')[0]!,
    };
  } catch (error) {
    if (error instanceof CognitoSeedError) throw error;
    throw new CognitoSeedError(`seeding user pool "${input.poolName}" at ${base} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    cognito.destroy();
  }
}
