// Booking-saga steps report expected business refusals as data ({ ok: false, failure })
// so the state machine branches on them visibly with Choice states; only unexpected or
// transient problems are thrown (and retried or caught by the state machine).
import { isDomainError } from '../domain/errors';

export interface StepFailure {
  error: string;
  message: string;
  info: Record<string, unknown>;
}

export type StepOutcome<T> = ({ ok: true } & T) | { ok: false; failure: StepFailure };

/** Runs `step`; a DomainError becomes { ok: false, failure }, anything else propagates. */
export async function businessOutcome<T extends object>(step: () => Promise<T>): Promise<StepOutcome<T>> {
  try {
    return { ok: true, ...(await step()) };
  } catch (error) {
    if (isDomainError(error) && !error.transient) return { ok: false, failure: { error: error.name, message: error.message, info: error.info } };
    throw error;
  }
}
