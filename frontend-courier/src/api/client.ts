// One GraphQL client (Amplify v6). Couriers' calls sign with their Cognito tokens; the customer
// link pages use the API key. Errors arrive as ApiError with AppSync's errorType.
import { generateClient } from 'aws-amplify/api';
import { ApiError, toApiError } from '../../../frontend-shared/api-error';
import { markReachable } from '../offline/queue';

export { ApiError, toApiError };

/** The part of Amplify's client the app uses (its full generic type is too deep for tsc to compare). */
interface GraphQLCaller {
  graphql(options: { query: string; variables?: Record<string, unknown>; authMode?: 'userPool' | 'apiKey' }): unknown;
}
let client: GraphQLCaller | undefined;
const api = (): GraphQLCaller => (client ??= generateClient() as unknown as GraphQLCaller);

let onUnauthorized: () => void = () => {};
/** Called when the API refuses the session itself (401: expired or revoked). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A query or mutation as the signed-in courier; resolves with `data`, rejects with an ApiError. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  try {
    const result = (await api().graphql({ query, variables })) as { data: T };
    markReachable(true);
    return result.data;
  } catch (error) {
    const apiError = toApiError(error);
    markReachable(apiError.errorType !== 'NetworkError');
    if (apiError.errorType === 'UnauthorizedException') onUnauthorized();
    throw apiError;
  }
}

/** A query or mutation with the API key (public pages: no sign-in). */
export async function publicGql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  try {
    const result = (await api().graphql({ query, variables, authMode: 'apiKey' })) as { data: T };
    return result.data;
  } catch (error) {
    throw toApiError(error);
  }
}

export interface Subscription {
  unsubscribe(): void;
}

/** A subscription over the AppSync real-time protocol. */
export function subscribe<T>(query: string, variables: Record<string, unknown>, handlers: { next(data: T): void; error(error: ApiError): void }): Subscription {
  const observable = api().graphql({ query, variables }) as unknown as {
    subscribe(observer: { next(value: { data: T }): void; error(error: unknown): void }): Subscription;
  };
  return observable.subscribe({ next: ({ data }) => handlers.next(data), error: (error) => handlers.error(toApiError(error)) });
}
