import type { GraphQLErrorPayload } from './types';

/** Thrown by a handler to refuse a connection (`connection_error`) or a subscription
 * (`error`). `errors` go on the wire unchanged. */
export class SubscriptionRejectedError extends Error {
  override readonly name = 'SubscriptionRejectedError';

  constructor(public readonly errors: GraphQLErrorPayload[]) {
    super(describeErrors(errors));
    if (!Array.isArray(errors) || errors.length === 0) {
      throw new TypeError('SubscriptionRejectedError needs at least one error');
    }
  }
}

/** Thrown by attachRealtimeServer for options that cannot work. */
export class RealtimeServerConfigurationError extends Error {
  override readonly name = 'RealtimeServerConfigurationError';
}

function describeErrors(errors: GraphQLErrorPayload[]): string {
  if (!Array.isArray(errors)) return 'subscription rejected';
  return errors.map((error) => (error.errorType ? `${error.errorType}: ${error.message}` : error.message)).join('; ');
}

// The error types and messages AppSync's real-time endpoint answers with. Clients branch
// on `errorType` (Amplify treats UnauthorizedException and errorCode 400/401/403 as
// non-retryable), so keep these literal.

export function duplicatedOperation(id: string): GraphQLErrorPayload {
  return { errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` };
}

export function maxSubscriptionsReached(limit: number): GraphQLErrorPayload {
  return { errorType: 'MaxSubscriptionsReachedError', message: `Max number of ${limit} subscriptions reached` };
}

/** AppSync's answer to a message it cannot classify: "<operation> not supported through
 * the realtime channel", where the operation is `unknown` when it cannot be determined. */
export function unsupportedOperation(operation: string): GraphQLErrorPayload {
  return { errorType: 'UnsupportedOperation', message: `${operation} not supported through the realtime channel` };
}

export function badRequest(message: string): GraphQLErrorPayload {
  return { errorType: 'BadRequestException', message, errorCode: 400 };
}

export function internalFailure(message: string): GraphQLErrorPayload {
  return { errorType: 'InternalFailure', message, errorCode: 500 };
}

/** `connection_error` always carries an errorCode on AppSync, and Amplify decides whether
 * to retry from it, so fill one in when the handler left it out. */
export function withConnectionErrorCode(error: GraphQLErrorPayload): GraphQLErrorPayload {
  if (typeof error.errorCode === 'number') return error;
  return { ...error, errorCode: error.errorType === 'UnauthorizedException' ? 401 : 400 };
}
