// One GraphQL client (Amplify v6) per app: queries and mutations that resolve with `data` and
// reject with an ApiError (api-error.ts), and subscriptions over the AppSync real-time protocol.
// Each app wraps callApi with what it does around a call (the admin app's progress bar, the
// courier app's reachability for its offline queue).
import { generateClient } from 'aws-amplify/api';
import { ApiError, toApiError } from './api-error';

export { ApiError, toApiError, type FieldIssue } from './api-error';

/** The part of Amplify's client the apps use (its full generic type is too deep for tsc to compare). */
interface GraphQLCaller {
  graphql(options: { query: string; variables?: Record<string, unknown>; authMode?: 'userPool' | 'apiKey' }): unknown;
}
let client: GraphQLCaller | undefined;
const api = (): GraphQLCaller => (client ??= generateClient() as unknown as GraphQLCaller);

let onUnauthorized: () => void = () => {};
/** Called when the API refuses the session itself (401: expired or revoked), e.g. to show the sign-in page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface CallOptions {
  /** 'apiKey' for public pages (no sign-in); the signed-in user's tokens otherwise. */
  authMode?: 'userPool' | 'apiKey';
  /** Wraps the pending call (e.g. to show it in a progress bar). */
  around?: <R>(call: Promise<R>) => Promise<R>;
  /** After the call: null when it succeeded, its error otherwise. */
  settled?: (error: ApiError | null) => void;
}

/** A query or mutation; resolves with `data`, rejects with an ApiError. */
export async function callApi<T>(query: string, variables: Record<string, unknown> = {}, options: CallOptions = {}): Promise<T> {
  try {
    const call = api().graphql({ query, variables, ...(options.authMode ? { authMode: options.authMode } : {}) }) as Promise<{ data: T }>;
    const result = await (options.around ? options.around(call) : call);
    options.settled?.(null);
    return result.data;
  } catch (error) {
    const apiError = toApiError(error);
    options.settled?.(apiError);
    if (apiError.errorType === 'UnauthorizedException' && options.authMode !== 'apiKey') onUnauthorized();
    throw apiError;
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
