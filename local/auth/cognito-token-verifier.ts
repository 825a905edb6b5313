// Verifies Cognito user-pool JWTs for the local AppSync engine, doing what AppSync does in
// AMAZON_COGNITO_USER_POOLS mode: RS256 signature against the pool's JWKS, the pool's
// issuer, expiry, and the app client (`client_id` in access tokens, `aud` in ID tokens).
// AppSync accepts either token; Amplify v6 sends the access token.
//
// The local Cognito signs with a private key that ships inside the cognito-local package,
// so anyone can mint "local" tokens. A verifier therefore only trusts a loopback issuer
// when it was built with `mode: 'local'`, and an AWS-mode verifier only ever fetches keys
// from the AWS pool's own JWKS URL.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export type CognitoTokenUse = 'access' | 'id';

export type UnauthorizedReason =
  | 'malformed'
  | 'wrong-issuer'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-token-use'
  | 'wrong-client'
  | 'missing-claim'
  | 'jwks-unavailable';

/** The token was refused; `reason` says why (for logs — callers see one generic 401). */
export class UnauthorizedError extends Error {
  constructor(
    readonly reason: UnauthorizedReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnauthorizedError';
  }
}

/** The verifier was configured in a way that could accept forged tokens. */
export class TokenVerifierConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenVerifierConfigurationError';
  }
}

interface CommonVerifierOptions {
  /** App client ids whose tokens are accepted (AppSync's appIdClientRegex, as a list). */
  allowedClientIds: readonly string[];
  /** Which tokens to accept; AppSync accepts both. */
  acceptedTokenUses?: readonly CognitoTokenUse[];
  /** AppSync's user pool config defaultAction; reported as identity.defaultAuthStrategy. */
  defaultAuthStrategy?: 'ALLOW' | 'DENY';
  clock?: () => Date;
  clockToleranceSeconds?: number;
}

/** A real Cognito user pool; keys come from `<issuer>/.well-known/jwks.json`. */
export interface AwsCognitoVerifierOptions extends CommonVerifierOptions {
  mode: 'aws';
  /** https://cognito-idp.<region>.amazonaws.com/<userPoolId> */
  issuer: string;
}

/** The local cloud's cognito-local; only loopback issuers and JWKS URLs are allowed. */
export interface LocalCognitoVerifierOptions extends CommonVerifierOptions {
  mode: 'local';
  /** http://localhost:<port>/<userPoolId>, as the local Cognito announces it. */
  issuer: string;
  jwksUri: string;
}

export type CognitoTokenVerifierOptions = AwsCognitoVerifierOptions | LocalCognitoVerifierOptions;

/** What AppSync builds `ctx.identity` from for a user-pool caller (sourceIp is added per request). */
export interface CognitoTokenIdentity {
  sub: string;
  username: string;
  issuer: string;
  /** From `cognito:groups`; null when the user is in no group, as in AppSync. */
  groups: string[] | null;
  claims: JWTPayload;
  defaultAuthStrategy: 'ALLOW' | 'DENY';
  tokenUse: CognitoTokenUse;
  clientId: string;
  expiresAt: Date;
}

const AWS_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9-]+_[A-Za-z0-9]+$/;
const LOOPBACK_URL = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+\//;

function validateOptions(options: CognitoTokenVerifierOptions): { issuer: string; jwksUri: URL } {
  if (options.allowedClientIds.length === 0) {
    throw new TokenVerifierConfigurationError('allowedClientIds is empty: no token could ever be accepted');
  }
  if (options.mode === 'aws') {
    if (!AWS_ISSUER.test(options.issuer)) {
      throw new TokenVerifierConfigurationError(
        `"${options.issuer}" is not a Cognito user pool issuer (https://cognito-idp.<region>.amazonaws.com/<poolId>); ` +
          "a local issuer needs mode: 'local'",
      );
    }
    return { issuer: options.issuer, jwksUri: new URL(`${options.issuer}/.well-known/jwks.json`) };
  }
  if (options.mode === 'local') {
    if (!LOOPBACK_URL.test(`${options.issuer}/`)) {
      throw new TokenVerifierConfigurationError(`local mode only trusts a loopback issuer, not "${options.issuer}"`);
    }
    if (!LOOPBACK_URL.test(options.jwksUri)) {
      throw new TokenVerifierConfigurationError(`local mode only fetches keys from a loopback JWKS URL, not "${options.jwksUri}"`);
    }
    return { issuer: options.issuer, jwksUri: new URL(options.jwksUri) };
  }
  throw new TokenVerifierConfigurationError(`mode must be 'aws' or 'local', not "${(options as { mode?: unknown }).mode}"`);
}

function unauthorizedFromJose(error: unknown): UnauthorizedError {
  if (error instanceof UnauthorizedError) return error;
  if (error instanceof errors.JWTExpired) return new UnauthorizedError('expired', 'token has expired', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return new UnauthorizedError('not-yet-valid', `token is not valid yet (${error.claim})`, { cause: error });
    if (error.claim === 'iss') return new UnauthorizedError('wrong-issuer', 'token was issued by another user pool', { cause: error });
    return new UnauthorizedError('malformed', `claim "${error.claim}" is invalid: ${error.message}`, { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new UnauthorizedError('bad-signature', 'token signature is invalid', { cause: error });
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new UnauthorizedError('unknown-key', 'token was not signed by a key of this user pool', { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new UnauthorizedError('bad-signature', 'token is not signed with RS256', { cause: error });
  if (error instanceof errors.JOSEError) return new UnauthorizedError('malformed', `token is malformed: ${error.message}`, { cause: error });
  return new UnauthorizedError('malformed', `token could not be verified: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

function stringClaim(payload: JWTPayload, name: string): string {
  const value = payload[name];
  if (typeof value !== 'string' || value === '') throw new UnauthorizedError('missing-claim', `token has no "${name}" claim`);
  return value;
}

export class CognitoTokenVerifier {
  private readonly issuer: string;
  private readonly keys: JWTVerifyGetKey;
  private readonly allowedClientIds: ReadonlySet<string>;
  private readonly acceptedTokenUses: ReadonlySet<string>;
  private readonly clock: () => Date;

  constructor(private readonly options: CognitoTokenVerifierOptions) {
    const { issuer, jwksUri } = validateOptions(options);
    this.issuer = issuer;
    this.allowedClientIds = new Set(options.allowedClientIds);
    this.acceptedTokenUses = new Set(options.acceptedTokenUses ?? ['access', 'id']);
    this.clock = options.clock ?? (() => new Date());
    // jose caches the key set and refetches (at most every 30 s) when a token names an unknown kid,
    // which is how Cognito key rotation is picked up.
    const remoteKeys = createRemoteJWKSet(jwksUri, { cacheMaxAge: 10 * 60 * 1000, timeoutDuration: 5000 });
    this.keys = async (header, token) => {
      try {
        return await remoteKeys(header, token);
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        throw new UnauthorizedError('jwks-unavailable', `cannot load the user pool's keys from ${jwksUri}: ${(error as Error).message}`, { cause: error });
      }
    };
  }

  async verify(token: string): Promise<CognitoTokenIdentity> {
    if (typeof token !== 'string' || token.split('.').length !== 3) {
      throw new UnauthorizedError('malformed', 'not a JWT (AppSync expects the bare token, without "Bearer ")');
    }
    // Refuse foreign issuers before any key lookup, so forged tokens cannot make us fetch.
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch (error) {
      throw unauthorizedFromJose(error);
    }
    if (unverified.iss !== this.issuer) {
      throw new UnauthorizedError('wrong-issuer', `token issuer "${String(unverified.iss)}" is not "${this.issuer}"`);
    }

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        algorithms: ['RS256'],
        currentDate: this.clock(),
        clockTolerance: this.options.clockToleranceSeconds ?? 0,
      }));
    } catch (error) {
      throw unauthorizedFromJose(error);
    }
    if (typeof payload.exp !== 'number') throw new UnauthorizedError('missing-claim', 'token has no "exp" claim');

    const tokenUse = payload['token_use'];
    if (tokenUse !== 'access' && tokenUse !== 'id') {
      throw new UnauthorizedError('wrong-token-use', `token_use "${String(tokenUse)}" is neither "access" nor "id"`);
    }
    if (!this.acceptedTokenUses.has(tokenUse)) throw new UnauthorizedError('wrong-token-use', `${tokenUse} tokens are not accepted here`);

    const clientId = tokenUse === 'access' ? payload['client_id'] : payload.aud;
    if (typeof clientId !== 'string' || !this.allowedClientIds.has(clientId)) {
      const claim = tokenUse === 'access' ? 'client_id' : 'aud';
      throw new UnauthorizedError('wrong-client', `token ${claim} "${String(clientId)}" is not an allowed app client`);
    }

    const groups = payload['cognito:groups'];
    return {
      sub: stringClaim(payload, 'sub'),
      username: stringClaim(payload, tokenUse === 'access' ? 'username' : 'cognito:username'),
      issuer: this.issuer,
      groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : null,
      claims: payload,
      defaultAuthStrategy: this.options.defaultAuthStrategy ?? 'ALLOW',
      tokenUse,
      clientId,
      expiresAt: new Date(payload.exp * 1000),
    };
  }

  /** Adapts the verifier to the AppSync engine's user-pool authenticator hook. */
  asUserPoolAuthenticator(): (token: string) => Promise<{ identity: Record<string, unknown>; groups: string[] }> {
    return async (token) => {
      const verified = await this.verify(token);
      const identity = {
        sub: verified.sub,
        issuer: verified.issuer,
        username: verified.username,
        claims: verified.claims,
        defaultAuthStrategy: verified.defaultAuthStrategy,
        groups: verified.groups,
      };
      return { identity, groups: verified.groups ?? [] };
    };
  }
}

export function createCognitoTokenVerifier(options: CognitoTokenVerifierOptions): CognitoTokenVerifier {
  return new CognitoTokenVerifier(options);
}
