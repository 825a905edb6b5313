// The typed errors the API answers with: AppSync puts `errorType` and `errorInfo` on each error;
// Amplify rejects with the whole response ({ data, errors }) when there are errors, or with an
// Error when the call itself failed (no network, 401, 5xx).
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

/** Error types that mean "the request did not get through or was not processed: send it again". */
export const TRANSIENT_ERROR_TYPES = ['NetworkError', 'BookingInProgress', 'PaymentGatewayUnavailable', 'ServiceUnavailable', 'ConcurrentDeliveryUpdate', 'GeoProviderUnavailable'];

export class ApiError extends Error {
  constructor(
    message: string,
    readonly errorType: string,
    readonly errorInfo: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-by-field issues (InvalidBookingRequest, InvalidDeliveryUpdate, …). */
  get issues(): FieldIssue[] {
    const issues = this.errorInfo?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
  }

  /** The network failed or the server did not answer: trying again may work. */
  get transient(): boolean {
    return TRANSIENT_ERROR_TYPES.includes(this.errorType);
  }
}

interface RawGraphQLError {
  message?: string;
  errorType?: string;
  errorInfo?: Record<string, unknown> | null;
  originalError?: { name?: string; message?: string };
}

const NETWORK_MESSAGE = 'The API cannot be reached. Check your connection and try again.';

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const errors = (error as { errors?: RawGraphQLError[] })?.errors;
  if (Array.isArray(errors) && errors.length) {
    const first = errors[0];
    const original = first.originalError;
    // Amplify wraps a failed fetch (no answer, 401/5xx) as an error with the cause attached.
    if (!first.errorType && original?.name) {
      const type = original.name.startsWith('Unauthorized') ? 'UnauthorizedException' : original.name === 'TypeError' ? 'NetworkError' : original.name;
      return new ApiError(type === 'NetworkError' ? NETWORK_MESSAGE : (first.message ?? original.message ?? type), type);
    }
    if (!first.errorType && /fetch|network/i.test(first.message ?? '')) return new ApiError(NETWORK_MESSAGE, 'NetworkError');
    return new ApiError(first.message ?? 'The request failed.', first.errorType ?? 'Error', first.errorInfo ?? null);
  }
  const message = (error as Error)?.message ?? String(error);
  const name = (error as Error)?.name ?? 'Error';
  if (/fetch|network/i.test(message) || name === 'NetworkError') return new ApiError(NETWORK_MESSAGE, 'NetworkError');
  return new ApiError(message, name);
}
