// DeliveryWorkflows on AWS Step Functions (and the local service, which speaks the same API).
// A failed attempt's execution is named after the booking and the attempt, so a retried or
// replayed "failed" update never starts a second process for the same attempt.
import { SendTaskSuccessCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { CustomerChoiceResult, DeliveryWorkflows, FailedDeliveryInput } from '../ports/delivery-workflows';

export function failedDeliveryExecutionName(reference: string, attempt: number): string {
  return `${reference}-attempt-${attempt}`;
}

/** SendTaskSuccess answers for a token whose task is over (timed out, already answered) or never was. */
const TOKEN_NO_LONGER_WAITING = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export class StepFunctionsDeliveryWorkflows implements DeliveryWorkflows {
  constructor(
    private readonly sfn: SFNClient,
    private readonly failedDeliveryStateMachineArn: string,
  ) {}

  async startFailedDelivery(input: FailedDeliveryInput): Promise<void> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.failedDeliveryStateMachineArn,
          name: failedDeliveryExecutionName(input.reference, input.attempt),
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // Same name, different input (the response timeout changed between two tries): the first one stands.
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  }

  async resumeWithChoice(taskToken: string, choice: CustomerChoiceResult): Promise<'resumed' | 'expired'> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(choice) }));
      return 'resumed';
    } catch (error) {
      if (TOKEN_NO_LONGER_WAITING.has((error as Error).name)) return 'expired';
      throw error;
    }
  }
}
