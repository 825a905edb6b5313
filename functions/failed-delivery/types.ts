// Shapes passed between failed-delivery states (see state-machines/failed-delivery.asl.json).
import type { ProcessChoice } from '../use-cases/failed-delivery-process';

export interface AttemptStepInput {
  reference: string;
  attempt: number;
}

export interface OfferStepInput extends AttemptStepInput {
  /** $$.Task.Token of the waiting task. */
  taskToken: string;
  responseTimeoutSeconds: number;
  /** Why the customer is asked again ("the window you chose filled up"); empty the first time. */
  note?: string;
}

export interface ActStepInput extends AttemptStepInput {
  choice: ProcessChoice;
}
