// The GraphQL client (frontend-shared/graphql-client.ts: Amplify v6, Cognito user-pool auth,
// typed ApiErrors); every call the UI waits for shows in the header's progress bar.
import { callApi } from '../../../frontend-shared/graphql-client';
import { track } from '../stores/busy';

export { ApiError, setUnauthorizedHandler, subscribe, toApiError, type FieldIssue, type Subscription } from '../../../frontend-shared/graphql-client';

/** A query or mutation; resolves with `data`, rejects with an ApiError. Shown in the progress bar. */
export function gql<T>(query: string, variables: Record<string, unknown> = {}, label = 'Loading…'): Promise<T> {
  return callApi<T>(query, variables, { around: (call) => track(call, label) });
}
