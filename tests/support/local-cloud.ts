// What integration tests use to talk to the local cloud started by tests/setup/global-setup.ts:
// its connection details, GraphQL over each auth mode, Cognito sign-in, direct table reads
// (to check what was — or was not — written) and the control endpoint.
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createAppSyncIamClient, AppSyncRequestError } from '../../functions/adapters/appsync-iam-client';
import { LOCAL_IAM_CREDENTIALS } from '../../local/auth/local-authenticators';
import type { LocalCloudConnection } from '../../local/start';
import { upcomingBookableWindows } from '../../functions/domain/pickup-windows';
import { TEST_BUSINESS_RULES } from './test-business-rules';

export type { LocalCloudConnection };

export function localCloud(): LocalCloudConnection {
  const raw = process.env.LOCAL_CLOUD;
  if (!raw) throw new Error('LOCAL_CLOUD is not set: integration tests run under the integration project, whose global setup starts the local cloud');
  return JSON.parse(raw);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; errorType?: string; errorInfo?: unknown; path?: (string | number)[] }[];
}

export type Auth = { apiKey: string } | { token: string } | { iam: true } | { none: true };

/** A raw GraphQL request as a client would send it, returning status, data and errors untouched. */
export async function graphql<T = Record<string, unknown>>(auth: Auth, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const cloud = localCloud();
  if ('iam' in auth) {
    const client = createAppSyncIamClient({ url: cloud.graphqlUrl, region: cloud.region, credentials: LOCAL_IAM_CREDENTIALS });
    try {
      const data = await client.request<T>(query, variables);
      return { status: 200, data };
    } catch (error) {
      if (error instanceof AppSyncRequestError) return { status: error.statusCode, data: error.data as T, errors: [...error.errors] as GraphQLResponse['errors'] };
      throw error;
    }
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if ('apiKey' in auth) headers['x-api-key'] = auth.apiKey;
  if ('token' in auth) headers.authorization = auth.token;
  const response = await fetch(cloud.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/** Returns data or throws with the errors, for calls a test expects to succeed. */
export async function graphqlOk<T = Record<string, unknown>>(auth: Auth, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await graphql<T>(auth, query, variables);
  if (response.errors?.length || !response.data) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(response.errors)}`);
  return response.data;
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

const tokenCache = new Map<string, Promise<Tokens>>();

/** Signs a demo user in against the local Cognito with USER_PASSWORD_AUTH, as the apps do. */
export function signIn(username: string, password?: string): Promise<Tokens> {
  const cloud = localCloud();
  const user = cloud.users.find((u) => u.username === username);
  const secret = password ?? user?.password;
  if (!secret) throw new Error(`no password known for ${username}`);
  const key = `${username}\n${secret}`;
  let tokens = tokenCache.get(key);
  if (!tokens) {
    const client = new CognitoIdentityProviderClient({ endpoint: cloud.cognito, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    tokens = client
      .send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cloud.userPoolClientId, AuthParameters: { USERNAME: username, PASSWORD: secret } }))
      .then((out) => {
        const result = out.AuthenticationResult!;
        return { idToken: result.IdToken!, accessToken: result.AccessToken!, refreshToken: result.RefreshToken! };
      })
      .finally(() => client.destroy());
    tokenCache.set(key, tokens);
  }
  return tokens;
}

export async function adminAuth(): Promise<Auth> {
  return { token: (await signIn('admin')).accessToken };
}

export async function courierAuth(username = 'maria'): Promise<Auth> {
  return { token: (await signIn(username)).accessToken };
}

let documentClient: DynamoDBDocumentClient | undefined;
export function tables(): DynamoDBDocumentClient {
  const cloud = localCloud();
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: cloud.dynamodb, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  return documentClient;
}

export function stepFunctions(): SFNClient {
  const cloud = localCloud();
  return new SFNClient({ endpoint: cloud.stepFunctions, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

export async function storedBooking(reference: string): Promise<Record<string, unknown> | undefined> {
  const out = await tables().send(new GetCommand({ TableName: localCloud().tables.bookings, Key: { reference } }));
  return out.Item;
}

export async function storedTrackingEvents(reference: string): Promise<Record<string, unknown>[]> {
  const out = await tables().send(
    new QueryCommand({ TableName: localCloud().tables.trackingEvents, KeyConditionExpression: '#r = :r', ExpressionAttributeNames: { '#r': 'reference' }, ExpressionAttributeValues: { ':r': reference } }),
  );
  return out.Items ?? [];
}

/** Every item of a table (tests use small tables; paginates anyway). */
export async function scanTable(table: keyof LocalCloudConnection['tables'] | string): Promise<Record<string, unknown>[]> {
  const tableName = localCloud().tables[table as string] ?? table;
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await tables().send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Sets the local test payment gateway's failure rates (0..1); returns the previous ones. */
export async function setPaymentRates(rates: { outageRate?: number; declineRate?: number }): Promise<{ outageRate: number; declineRate: number }> {
  const response = await fetch(`${localCloud().control}/payment-gateway`, { method: 'POST', body: JSON.stringify(rates) });
  if (!response.ok) throw new Error(`control endpoint refused: ${await response.text()}`);
  return (await response.json()) as { outageRate: number; declineRate: number };
}

/**
 * Bookable windows from the business rules, skipping the first few so a window is never too
 * close to "now". Each test file takes its own slice (by `offset`) so files never share a window.
 */
export function bookableWindow(offset: number): string {
  const windows = upcomingBookableWindows(new Date(), TEST_BUSINESS_RULES, 400);
  const index = 3 + offset;
  if (index >= windows.length) throw new Error(`only ${windows.length} bookable windows; offset ${offset} is too far`);
  return windows[index].id;
}

let keyCounter = 0;
/** A valid createBooking input; override any part. */
export function bookingInput(pickupWindowId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  keyCounter++;
  return {
    idempotencyKey: `test-${process.pid}-${Date.now()}-${keyCounter}`,
    customer: { name: 'Ada Lovelace', phone: '+12065550123', email: 'ada@example.com' },
    pickup: { line1: '400 Broad St', city: 'Seattle', region: 'WA', postcode: '98109', country: 'US' },
    delivery: { line1: '500 108th Ave NE', city: 'Bellevue', region: 'WA', postcode: '98004', country: 'US' },
    parcel: { size: 'SMALL', weightKg: 2, handling: ['FRAGILE'], description: 'Books' },
    pickupWindowId,
    ...overrides,
  };
}
