// Wires the local cloud's identities into the local AppSync engine: API keys, the local
// Cognito user pool (verifier in local mode — never used outside the local cloud), and the
// one IAM principal every local backend process signs with.
import type { Authenticators } from '../appsync/authentication';
import type { CognitoSeedResult } from '../cognito';
import { CognitoTokenVerifier } from './cognito-token-verifier';
import { SigV4Verifier } from './sigv4-verifier';

/**
 * The credentials the local cloud puts in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY for the
 * handlers and SDK clients it runs. DynamoDB Local only takes letters and digits in the key id.
 */
export const LOCAL_IAM_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIALOCALCLOUD000000',
  secretAccessKey: 'local-cloud-secret-access-key',
});

export interface LocalAuthenticatorsOptions {
  apiKeys: readonly string[];
  cognito: CognitoSeedResult;
  accountId: string;
  /** Region IAM requests must be signed for; the local cloud's AWS_REGION when omitted. */
  region?: string;
}

export function localAuthenticators(options: LocalAuthenticatorsOptions): Authenticators {
  const userPool = new CognitoTokenVerifier({
    mode: 'local',
    issuer: options.cognito.issuer,
    jwksUri: options.cognito.jwksUri,
    allowedClientIds: [options.cognito.userPoolClientId],
  }).asUserPoolAuthenticator();
  const iam = new SigV4Verifier({
    credentials: {
      [LOCAL_IAM_CREDENTIALS.accessKeyId]: {
        secretAccessKey: LOCAL_IAM_CREDENTIALS.secretAccessKey,
        // Local Lambdas all run as one backend role, as a deployed stack's functions would.
        userArn: `arn:aws:sts::${options.accountId}:assumed-role/local-backend/local`,
        username: 'AROALOCALBACKEND:local',
      },
    },
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    accountId: options.accountId,
  }).asAppSyncAuthenticator();

  return {
    apiKeys: () => options.apiKeys,
    verifyUserPoolToken: userPool,
    verifyIamRequest: async (request) => ({ ...(await iam(request)) }),
  };
}
