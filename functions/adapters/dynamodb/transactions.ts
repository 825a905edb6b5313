// Reading DynamoDB transaction cancellations: which item's condition failed, and
// whether the cancellation was only a conflict with another transaction (retryable).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

export function cancellationCodes(error: unknown): string[] | null {
  if (error instanceof TransactionCanceledException || (error as Error)?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return null;
}

export function isConflictOnly(codes: string[]): boolean {
  return codes.some((c) => c === 'TransactionConflict') && codes.every((c) => c === 'TransactionConflict' || c === 'None');
}

/** Full-jitter backoff between attempts, capped, so contending writers spread out. */
export function backoffDelayMs(attempt: number, baseMs = 5, capMs = 200): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
