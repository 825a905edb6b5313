import type { FailedDeliveryOption } from '../domain/delivery';

/** Input of state-machines/failed-delivery.asl.json. */
export interface FailedDeliveryInput {
  reference: string;
  /** The attempt that failed; with the reference it names the execution, so it starts once. */
  attempt: number;
  /** How long the customer has to answer (TimeoutSecondsPath of the wait). */
  responseTimeoutSeconds: number;
}

/** What the customer chose, as the waiting execution receives it. */
export interface CustomerChoiceResult {
  option: FailedDeliveryOption;
  windowId?: string;
  instructions?: string;
  answeredAt: string;
}

/** The failed-delivery process (Step Functions on both clouds). */
export interface DeliveryWorkflows {
  /** Starts handling a failed attempt; starting the same attempt again starts nothing. */
  startFailedDelivery(input: FailedDeliveryInput): Promise<void>;
  /** Resumes the execution waiting on `taskToken`; 'expired' when it no longer waits (timed out, answered). */
  resumeWithChoice(taskToken: string, choice: CustomerChoiceResult): Promise<'resumed' | 'expired'>;
}
