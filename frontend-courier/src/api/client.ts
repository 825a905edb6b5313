// The GraphQL client (frontend-shared/graphql-client.ts: Amplify v6, typed ApiErrors). Couriers'
// calls sign with their Cognito tokens and tell the offline queue whether the API answers; the
// customer link pages use the API key.
import { callApi } from '../../../frontend-shared/graphql-client';
import { markReachable } from '../offline/queue';

export { ApiError, setUnauthorizedHandler, subscribe, toApiError, type FieldIssue, type Subscription } from '../../../frontend-shared/graphql-client';

/** A query or mutation as the signed-in courier; resolves with `data`, rejects with an ApiError. */
export function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return callApi<T>(query, variables, { settled: (error) => markReachable(error?.errorType !== 'NetworkError') });
}

/** A query or mutation with the API key (public pages: no sign-in). */
export function publicGql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return callApi<T>(query, variables, { authMode: 'apiKey' });
}
