// Verifies SigV4-signed requests for the local AppSync engine (AWS_IAM auth mode), the way
// AWS does: parse the Authorization header, find the secret for the access key, recompute
// the signature over exactly the headers the caller signed, and compare. Only the local
// cloud's own credentials are known here; there is no STS, so session tokens are accepted
// as opaque signed values.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export type SigV4FailureReason =
  | 'malformed'
  | 'unknown-access-key'
  | 'wrong-credential-scope'
  | 'expired'
  | 'payload-hash-mismatch'
  | 'signature-mismatch';

export class SigV4VerificationError extends Error {
  constructor(
    readonly reason: SigV4FailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'SigV4VerificationError';
  }
}

export class MalformedSignatureError extends SigV4VerificationError {
  constructor(message: string) {
    super('malformed', message);
    this.name = 'MalformedSignatureError';
  }
}

export class UnknownAccessKeyError extends SigV4VerificationError {
  constructor(readonly accessKeyId: string) {
    super('unknown-access-key', `The security token included in the request is invalid: unknown access key ${accessKeyId}`);
    this.name = 'UnknownAccessKeyError';
  }
}

export class CredentialScopeError extends SigV4VerificationError {
  constructor(message: string) {
    super('wrong-credential-scope', message);
    this.name = 'CredentialScopeError';
  }
}

export class SignatureExpiredError extends SigV4VerificationError {
  constructor(
    readonly signedAt: Date,
    readonly now: Date,
  ) {
    super('expired', `Signature expired: signed at ${signedAt.toISOString()}, now ${now.toISOString()} (allowed skew 15 minutes)`);
    this.name = 'SignatureExpiredError';
  }
}

export class SignatureMismatchError extends SigV4VerificationError {
  constructor(reason: 'payload-hash-mismatch' | 'signature-mismatch', message: string) {
    super(reason, message);
    this.name = 'SignatureMismatchError';
  }
}

/** A local IAM principal: its secret, and optionally how AppSync should name it. */
export interface LocalIamPrincipal {
  secretAccessKey: string;
  /** Defaults to arn:aws:iam::<accountId>:user/<accessKeyId>. */
  userArn?: string;
  /** AppSync puts the principal's unique id here; defaults to the access key id. */
  username?: string;
}

export interface SigV4VerifierOptions {
  /** accessKeyId → secretAccessKey, or a fuller principal description. */
  credentials: Readonly<Record<string, string | LocalIamPrincipal>>;
  /** The region requests must be signed for. */
  region: string;
  /** The service name in the credential scope; AppSync's is "appsync". */
  service?: string;
  /** The account the local principals belong to. */
  accountId?: string;
  /** How far the signing time may be from now, either way. AWS allows 15 minutes. */
  maxClockSkewMs?: number;
  clock?: () => Date;
}

export interface SigV4Request {
  method: string;
  /** Request path as received, optionally with its query string (`/graphql?x=1`). */
  path: string;
  /** Query parameters not already in `path`. */
  query?: Readonly<Record<string, string | string[]>>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body?: string | Uint8Array;
  sourceIp?: string;
}

/** AppSync's `ctx.identity` for AWS_IAM callers (fields from the resolver context reference). */
export interface AppSyncIamIdentity {
  accountId: string;
  cognitoIdentityPoolId: string | null;
  cognitoIdentityId: string | null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: string | null;
  cognitoIdentityAuthProvider: string | null;
}

/** The AppSync identity plus what the verifier learned that AppSync does not expose. */
export interface VerifiedIamCaller extends AppSyncIamIdentity {
  accessKeyId: string;
  signedAt: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const DEFAULT_SKEW_MS = 15 * 60 * 1000;
const DEFAULT_ACCOUNT_ID = '000000000000';

interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (!header) throw new MalformedSignatureError('missing Authorization header');
  if (!header.startsWith(`${ALGORITHM} `)) throw new MalformedSignatureError(`Authorization header is not ${ALGORITHM}`);
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) throw new MalformedSignatureError(`Authorization header part "${part.trim()}" is not key=value`);
    fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw new MalformedSignatureError('Authorization header needs Credential, SignedHeaders and Signature');
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw new MalformedSignatureError(`credential "${credential}" is not <key>/<date>/<region>/<service>/aws4_request`);
  }
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new MalformedSignatureError('Signature is not 64 lowercase hex digits');
  const [accessKeyId, scopeDate, region, service] = scope as [string, string, string, string];
  return { accessKeyId, scopeDate, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

function parseAmzDate(value: string | undefined): Date {
  const match = value ? AMZ_DATE.exec(value) : null;
  if (!match) throw new MalformedSignatureError('missing or malformed X-Amz-Date header (expected YYYYMMDDTHHMMSSZ)');
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  if (Number.isNaN(date.getTime())) throw new MalformedSignatureError(`X-Amz-Date ${value} is not a date`);
  return date;
}

function lowerCaseHeaders(headers: SigV4Request['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
}

function splitPathAndQuery(request: SigV4Request): { path: string; query: Record<string, string | string[]> } {
  const [path, rawQuery] = request.path.split(/\?(.*)/s, 2) as [string, string | undefined];
  const query: Record<string, string | string[]> = {};
  const add = (key: string, value: string) => {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  if (rawQuery) new URLSearchParams(rawQuery).forEach((value, key) => add(key, value));
  for (const [key, value] of Object.entries(request.query ?? {})) for (const v of [value].flat()) add(key, v);
  return { path: path || '/', query };
}

function sha256Hex(body: string | Uint8Array | undefined): string {
  return createHash('sha256').update(body ?? '').digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SigV4Verifier {
  private readonly service: string;
  private readonly accountId: string;
  private readonly maxClockSkewMs: number;
  private readonly clock: () => Date;

  constructor(private readonly options: SigV4VerifierOptions) {
    this.service = options.service ?? 'appsync';
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.maxClockSkewMs = options.maxClockSkewMs ?? DEFAULT_SKEW_MS;
    this.clock = options.clock ?? (() => new Date());
  }

  async verify(request: SigV4Request): Promise<VerifiedIamCaller> {
    const headers = lowerCaseHeaders(request.headers);
    const authorization = parseAuthorization(headers['authorization']);
    const principal = this.principal(authorization.accessKeyId);

    const signedAt = parseAmzDate(headers['x-amz-date']);
    const amzDate = headers['x-amz-date']!;
    if (authorization.scopeDate !== amzDate.slice(0, 8)) {
      throw new CredentialScopeError(`credential scope date ${authorization.scopeDate} does not match X-Amz-Date ${amzDate}`);
    }
    if (authorization.region !== this.options.region) {
      throw new CredentialScopeError(`credential scope region "${authorization.region}" is wrong; expecting "${this.options.region}"`);
    }
    if (authorization.service !== this.service) {
      throw new CredentialScopeError(`credential scope service "${authorization.service}" is wrong; expecting "${this.service}"`);
    }
    const now = this.clock();
    if (Math.abs(now.getTime() - signedAt.getTime()) > this.maxClockSkewMs) throw new SignatureExpiredError(signedAt, now);

    const signed = new Set(authorization.signedHeaders);
    for (const required of ['host', 'x-amz-date']) {
      if (!signed.has(required)) throw new MalformedSignatureError(`the "${required}" header must be signed`);
    }
    // Unsigned, a session token could be swapped onto someone else's signature.
    if (headers['x-amz-security-token'] !== undefined && !signed.has('x-amz-security-token')) {
      throw new MalformedSignatureError('the "x-amz-security-token" header must be signed');
    }
    const signedHeaderValues: Record<string, string> = {};
    for (const name of signed) {
      const value = headers[name];
      if (value === undefined) throw new MalformedSignatureError(`signed header "${name}" is missing from the request`);
      signedHeaderValues[name] = value;
    }

    // A signed x-amz-content-sha256 stands in for the body in the signature, so it must
    // describe the body that actually arrived.
    const bodyHash = sha256Hex(request.body);
    const claimedHash = headers['x-amz-content-sha256'];
    if (claimedHash !== undefined && claimedHash !== bodyHash) {
      throw new SignatureMismatchError('payload-hash-mismatch', 'x-amz-content-sha256 does not match the request body');
    }

    const expected = await this.expectedSignature(request, authorization, principal.secretAccessKey, signedHeaderValues, signedAt);
    if (!sameHex(expected, authorization.signature)) {
      throw new SignatureMismatchError(
        'signature-mismatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
    }

    return {
      accessKeyId: authorization.accessKeyId,
      signedAt,
      accountId: this.accountId,
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: request.sourceIp ? [request.sourceIp] : [],
      username: principal.username ?? authorization.accessKeyId,
      userArn: principal.userArn ?? `arn:aws:iam::${this.accountId}:user/${authorization.accessKeyId}`,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    };
  }

  /** Adapts the verifier to the AppSync engine: the identity exactly as AppSync shapes it. */
  asAppSyncAuthenticator(): (request: SigV4Request) => Promise<AppSyncIamIdentity> {
    return async (request) => {
      const { accessKeyId: _accessKeyId, signedAt: _signedAt, ...identity } = await this.verify(request);
      return identity;
    };
  }

  private principal(accessKeyId: string): LocalIamPrincipal {
    const known = Object.hasOwn(this.options.credentials, accessKeyId) ? this.options.credentials[accessKeyId] : undefined;
    if (known === undefined) throw new UnknownAccessKeyError(accessKeyId);
    return typeof known === 'string' ? { secretAccessKey: known } : known;
  }

  private async expectedSignature(
    request: SigV4Request,
    authorization: ParsedAuthorization,
    secretAccessKey: string,
    signedHeaders: Record<string, string>,
    signedAt: Date,
  ): Promise<string> {
    const { path, query } = splitPathAndQuery(request);
    const host = signedHeaders['host']!;
    const signer = new SignatureV4({
      service: authorization.service,
      region: authorization.region,
      credentials: {
        accessKeyId: authorization.accessKeyId,
        secretAccessKey,
        sessionToken: signedHeaders['x-amz-security-token'],
      },
      sha256: Sha256,
      // Sign only what the caller signed: no added content hash header.
      applyChecksum: false,
    });
    const toSign = new HttpRequest({
      method: request.method.toUpperCase(),
      hostname: host.replace(/:\d+$/, ''),
      path,
      query,
      headers: { ...signedHeaders },
      body: request.body,
    });
    const signed = await signer.sign(toSign, {
      signingDate: signedAt,
      // Callers other than the JS SDK may sign headers it would skip (user-agent, ...).
      signableHeaders: new Set(Object.keys(signedHeaders)),
    });
    const recomputed = parseAuthorization(signed.headers['authorization']);
    // Guards against the signer silently leaving out a header the caller claims to have signed.
    if (recomputed.signedHeaders.join(';') !== [...authorization.signedHeaders].sort().join(';')) {
      throw new MalformedSignatureError(`SignedHeaders ${authorization.signedHeaders.join(';')} cannot be reproduced`);
    }
    return recomputed.signature;
  }
}
