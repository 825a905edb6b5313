// A minimal GraphQL client for AppSync's AWS_IAM auth mode: backend Lambdas (and the local
// seed) publish mutations with the caller's IAM identity, signed with SigV4 for the
// "appsync" service exactly as AppSync expects, on AWS and against the local engine alike.
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** Static AWS credentials (structurally the SDK's AwsCredentialIdentity). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

export interface AppSyncIamClientOptions {
  /** The API's GraphQL endpoint, e.g. https://abc.appsync-api.eu-west-2.amazonaws.com/graphql */
  url: string;
  /** Signing region; taken from an AppSync URL, else AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  /** Fixed credentials or a provider; the default provider chain when omitted. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface AppSyncIamClient {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** One entry of a GraphQL response's `errors`, as AppSync reports it. */
export interface AppSyncGraphQLError {
  errorType?: string;
  message: string;
  path?: ReadonlyArray<string | number>;
  data?: unknown;
  errorInfo?: unknown;
}

/** The API answered with GraphQL errors, an HTTP error, or something that is not GraphQL. */
export class AppSyncRequestError extends Error {
  constructor(
    message: string,
    readonly errors: readonly AppSyncGraphQLError[],
    readonly statusCode: number,
    /** Whatever partial `data` came back alongside the errors. */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'AppSyncRequestError';
  }

  /** The first error's type, e.g. "UnauthorizedException" or a resolver's util.error type. */
  get errorType(): string | undefined {
    return this.errors[0]?.errorType;
  }
}

export class AppSyncClientConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppSyncClientConfigurationError';
  }
}

const APPSYNC_HOST = /\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** The region the request must be signed for: explicit, from an AppSync hostname, or the environment. */
export function resolveAppSyncRegion(url: URL, region?: string): string {
  if (region) return region;
  const fromHost = APPSYNC_HOST.exec(url.hostname)?.[1];
  if (fromHost) return fromHost;
  const fromEnv = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  throw new AppSyncClientConfigurationError(`cannot tell the signing region of ${url.origin}: pass region or set AWS_REGION`);
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new AppSyncClientConfigurationError(`"${url}" is not a valid AppSync GraphQL URL`);
  }
}

export interface SignAppSyncRequestInput {
  url: string;
  body: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Defaults to now; tests pass other dates to exercise the verifier's time window. */
  signingDate?: Date;
}

export interface SignedAppSyncRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Signs a GraphQL POST for AppSync; the returned headers must be sent unchanged. */
export async function signAppSyncRequest(input: SignAppSyncRequestInput): Promise<SignedAppSyncRequest> {
  const url = parseUrl(input.url);
  const signer = new SignatureV4({ service: 'appsync', region: input.region, credentials: input.credentials, sha256: Sha256 });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    // `host` must be signed and must equal what fetch sends, port included.
    headers: { 'content-type': 'application/json', host: url.host },
    body: input.body,
  });
  const signed = await signer.sign(request, { signingDate: input.signingDate });
  return { method: 'POST', url: url.toString(), headers: signed.headers, body: input.body };
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: AppSyncGraphQLError[];
}

function describe(errors: readonly AppSyncGraphQLError[]): string {
  return errors.map((error) => (error.errorType ? `${error.errorType}: ${error.message}` : error.message)).join('; ');
}

export function createAppSyncIamClient(options: AppSyncIamClientOptions): AppSyncIamClient {
  const url = parseUrl(options.url);
  const region = resolveAppSyncRegion(url, options.region);
  // The default chain caches and refreshes (Lambda's role credentials arrive via env vars).
  const credentials = options.credentials ?? defaultProvider();

  return {
    async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const body = JSON.stringify(variables === undefined ? { query } : { query, variables });
      const signed = await signAppSyncRequest({ url: url.toString(), body, region, credentials });
      // fetch derives Host from the URL, which is exactly the value that was signed.
      const { host: _host, ...headers } = signed.headers;
      const response = await fetch(signed.url, { method: 'POST', headers, body: signed.body });
      const text = await response.text();
      let parsed: GraphQLResponseBody;
      try {
        parsed = JSON.parse(text) as GraphQLResponseBody;
      } catch {
        throw new AppSyncRequestError(
          `AppSync answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
          [{ errorType: 'InvalidResponse', message: text.slice(0, 200) }],
          response.status,
        );
      }
      const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
      if (errors.length > 0) {
        throw new AppSyncRequestError(`AppSync request failed (${response.status}): ${describe(errors)}`, errors, response.status, parsed.data);
      }
      if (!response.ok) {
        const error = { errorType: `HTTP${response.status}`, message: response.statusText || `HTTP ${response.status}` };
        throw new AppSyncRequestError(`AppSync request failed (${response.status})`, [error], response.status, parsed.data);
      }
      return parsed.data as T;
    },
  };
}
