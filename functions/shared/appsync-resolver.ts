// Lambda resolvers answer { data } or, for expected business errors, { error }. The
// shared APPSYNC_JS resolver (resolvers/invoke-lambda.ts) turns { error } into a GraphQL
// error with that errorType; anything else thrown surfaces as Lambda:Unhandled.
import { isDomainError } from '../domain/errors';
import { logger } from './logger';

export interface AppSyncLambdaEvent<TArgs = Record<string, unknown>> {
  fieldName: string;
  parentTypeName: string;
  arguments: TArgs;
  identity: AppSyncIdentity | null;
  source: unknown;
}

export interface AppSyncIdentity {
  sub?: string;
  username?: string;
  groups?: string[] | null;
  issuer?: string;
  claims?: Record<string, unknown>;
  /** IAM identities */
  accountId?: string;
  userArn?: string;
}

export type AppSyncLambdaAnswer<T> = { data: T } | { error: { errorType: string; message: string; errorInfo: Record<string, unknown> | null } };

export function appSyncResolver<TArgs, TResult>(
  resolve: (event: AppSyncLambdaEvent<TArgs>) => Promise<TResult>,
): (event: AppSyncLambdaEvent<TArgs>) => Promise<AppSyncLambdaAnswer<TResult>> {
  return async (event) => {
    try {
      return { data: await resolve(event) };
    } catch (error) {
      if (isDomainError(error)) {
        logger.info('request refused', { field: event.fieldName, errorType: error.name, errorMessage: error.message });
        return { error: { errorType: error.name, message: error.message, errorInfo: error.info } };
      }
      logger.error('resolver failed', { field: event.fieldName, error: error as Error });
      throw error;
    }
  };
}

/** Who is asking, in words the domain uses: "admin:alice", "iam:<arn>". */
export function principalOf(identity: AppSyncIdentity | null): string {
  if (!identity) return 'api-key';
  if (identity.userArn) return `iam:${identity.userArn}`;
  const groups = identity.groups ?? [];
  const role = groups.includes('admin') ? 'admin' : groups.includes('courier') ? 'courier' : 'user';
  return `${role}:${identity.username ?? identity.sub ?? 'unknown'}`;
}
