// One GraphQL client (Amplify v6, Cognito user-pool auth) and the typed errors the API answers
// with: AppSync puts `errorType` and `errorInfo` on each error; Amplify rejects with the whole
// response ({ data, errors }) when there are errors, or with an Error when the call failed.
import { generateClient } from 'aws-amplify/api';
import { track } from '../stores/busy';

/** The part of Amplify's client the app uses (its full generic type is too deep for tsc to compare). */
interface GraphQLCaller {
  graphql(options: { query: string; variables?: Record<string, unknown> }): unknown;
}
let client: GraphQLCaller | undefined;
const api = (): GraphQLCaller => (client ??= generateClient() as unknown as GraphQLCaller);

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
    readonly errorInfo: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** InvalidBookingRequest's field-by-field issues. */
  get issues(): FieldIssue[] {
    const issues = this.errorInfo?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }

  /** The network failed or the server did not answer: trying again may work. */
  get transient(): boolean {
    return ['NetworkError', 'BookingInProgress', 'PaymentGatewayUnavailable', 'ServiceUnavailable'].includes(this.errorType);
  }
}

interface RawGraphQLError {
  message?: string;
  errorType?: string;
  errorInfo?: Record<string, unknown> | null;
  originalError?: { name?: string; message?: string };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const errors = (error as { errors?: RawGraphQLError[] })?.errors;
  if (Array.isArray(errors) && errors.length) {
    const first = errors[0];
    const original = first.originalError;
    // Amplify wraps a failed fetch (no answer, 401/5xx) as an error with the cause attached.
    if (!first.errorType && original?.name) {
      const type = original.name.startsWith('Unauthorized') ? 'UnauthorizedException' : original.name === 'TypeError' ? 'NetworkError' : original.name;
      return new ApiError(type === 'NetworkError' ? 'The API cannot be reached. Check your connection and try again.' : (first.message ?? original.message ?? type), type);
    }
    return new ApiError(first.message ?? 'The request failed.', first.errorType ?? 'Error', first.errorInfo ?? null);
  }
  const message = (error as Error)?.message ?? String(error);
  if (/fetch|network/i.test(message)) return new ApiError('The API cannot be reached. Check your connection and try again.', 'NetworkError');
  return new ApiError(message, (error as Error)?.name ?? 'Error');
}

let onUnauthorized: () => void = () => {};
/** Called when the API refuses the session itself (401: expired or revoked), e.g. to show the sign-in page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A query or mutation; resolves with `data`, rejects with an ApiError. Shown in the progress bar. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, label = 'Loading…'): Promise<T> {
  try {
    const call = api().graphql({ query, variables }) as Promise<{ data: T }>;
    const result = await track(call, label);
    return result.data;
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.errorType === 'UnauthorizedException') onUnauthorized();
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
