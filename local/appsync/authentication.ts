// Works out who sent a request and by which auth mode, from its headers, as AppSync does:
// an x-api-key header means API key; an Authorization header starting with AWS4-HMAC-SHA256
// means IAM (SigV4); any other Authorization header is a user-pool JWT. Failures are 401s.
import type { AuthMode, Principal } from './authorization';

export class Unauthenticated extends Error {
  constructor(readonly reason: string) {
    super('You are not authorized to make this call.');
    this.name = 'UnauthorizedException';
  }
}

export interface SignedRequest {
  method: string;
  /** Path and query, e.g. /graphql */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Authenticators {
  /** Valid, unexpired API keys. */
  apiKeys(): readonly string[];
  /** Verifies a Cognito user-pool JWT; resolves the AppSync identity and the user's groups. */
  verifyUserPoolToken?(token: string): Promise<{ identity: Record<string, unknown>; groups: string[] }>;
  /** Verifies a SigV4-signed request; resolves the AppSync IAM identity. */
  verifyIamRequest?(request: SignedRequest): Promise<Record<string, unknown>>;
}

export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

export async function authenticate(
  request: SignedRequest,
  authenticators: Authenticators,
  enabledModes: readonly AuthMode[],
  sourceIp = '127.0.0.1',
): Promise<Principal> {
  const headers = lowerCaseHeaders(request.headers);
  const apiKey = headers['x-api-key'];
  const authorization = headers['authorization'];

  if (apiKey !== undefined) {
    if (!enabledModes.includes('API_KEY')) throw new Unauthenticated('API keys are not enabled on this API');
    if (!authenticators.apiKeys().includes(apiKey)) throw new Unauthenticated('unknown or expired API key');
    return { mode: 'API_KEY', identity: null, groups: [] };
  }
  if (!authorization) throw new Unauthenticated('no x-api-key or Authorization header');

  if (authorization.startsWith('AWS4-HMAC-SHA256')) {
    if (!enabledModes.includes('AWS_IAM') || !authenticators.verifyIamRequest) throw new Unauthenticated('IAM auth is not enabled on this API');
    try {
      const identity = await authenticators.verifyIamRequest({ ...request, headers });
      return { mode: 'AWS_IAM', identity: { ...identity, sourceIp: [sourceIp] }, groups: [] };
    } catch (error) {
      throw new Unauthenticated((error as Error).message);
    }
  }

  if (!enabledModes.includes('AMAZON_COGNITO_USER_POOLS') || !authenticators.verifyUserPoolToken) {
    throw new Unauthenticated('user-pool auth is not enabled on this API');
  }
  // AppSync expects the bare token; a "Bearer " prefix is a classic client mistake it rejects.
  try {
    const { identity, groups } = await authenticators.verifyUserPoolToken(authorization);
    return { mode: 'AMAZON_COGNITO_USER_POOLS', identity: { ...identity, sourceIp: [sourceIp] }, groups };
  } catch (error) {
    throw new Unauthenticated((error as Error).message);
  }
}
