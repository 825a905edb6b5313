// Workflows on AWS Step Functions (and the local Step Functions service, which speaks the
// same API). The booking saga is a STANDARD state machine started with the booking
// reference as execution name: Step Functions itself refuses a second execution of it.
import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Booking } from '../domain/booking';
import type { BookingSagaInput, BookingSagaOutcome, Workflows } from '../ports/workflows';
import { AdaptivePoll } from '../shared/adaptive-poll';

export interface StepFunctionsWorkflowsOptions {
  /** How long runBooking waits for the outcome before answering 'pending'. */
  maxWaitMs?: number;
}

/** Shared by every wait in this process (a Lambda container, or the local cloud): sagas take about as long as recent ones. */
const sagaDurations = new AdaptivePoll();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function executionArnFor(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** Failure causes are JSON from our saga ({ message, info }) or from Lambda ({ errorMessage }). */
function parseCause(cause: string | undefined): { message: string; info: Record<string, unknown> } {
  if (!cause) return { message: 'The booking could not be completed.', info: {} };
  try {
    const parsed = JSON.parse(cause) as { message?: string; errorMessage?: string; info?: Record<string, unknown> };
    return { message: parsed.message ?? parsed.errorMessage ?? cause, info: parsed.info ?? {} };
  } catch {
    return { message: cause, info: {} };
  }
}

export class StepFunctionsWorkflows implements Workflows {
  private readonly maxWaitMs: number;

  constructor(
    private readonly sfn: SFNClient,
    private readonly bookingStateMachineArn: string,
    options: StepFunctionsWorkflowsOptions = {},
  ) {
    this.maxWaitMs = options.maxWaitMs ?? 25_000;
  }

  async runBooking(input: BookingSagaInput): Promise<BookingSagaOutcome> {
    const serialized = JSON.stringify(input);
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.bookingStateMachineArn, name: input.reference, input: serialized }));
    } catch (error) {
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
      const existing = await this.describe(input.reference);
      if (!existing || existing.input !== serialized) {
        return { status: 'reference_taken', existing: JSON.parse(existing?.input ?? '{}') as BookingSagaInput };
      }
    }
    return this.awaitBooking(input.reference);
  }

  async awaitBooking(reference: string): Promise<BookingSagaOutcome> {
    const started = Date.now();
    const deadline = started + this.maxWaitMs;
    for (let poll = 0; ; poll++) {
      // The first look waits too: a saga started a moment ago is never finished yet.
      await sleep(Math.min(sagaDurations.delayBefore(poll), Math.max(0, deadline - Date.now())));
      const execution = await this.describe(reference);
      if (!execution) throw new Error(`no booking saga ran for ${reference}`);
      const outcome = this.outcomeOf(reference, execution);
      if (outcome.status !== 'pending') {
        // Only sagas started around this call: a retry finding an old outcome says nothing about today's durations.
        const { startDate, stopDate } = execution;
        if (startDate && stopDate && startDate.getTime() >= started - 1000) sagaDurations.observe(stopDate.getTime() - startDate.getTime());
        return outcome;
      }
      if (Date.now() >= deadline) return outcome;
    }
  }

  async findBookingSaga(reference: string): Promise<BookingSagaInput | null> {
    const execution = await this.describe(reference);
    return execution?.input ? (JSON.parse(execution.input) as BookingSagaInput) : null;
  }

  private outcomeOf(reference: string, execution: DescribeExecutionCommandOutput): BookingSagaOutcome {
    switch (execution.status) {
      case 'SUCCEEDED':
        return { status: 'confirmed', booking: JSON.parse(execution.output ?? 'null') as Booking };
      case 'FAILED': {
        const { message, info } = parseCause(execution.cause);
        return { status: 'rejected', error: execution.error ?? 'BookingFailed', message, info };
      }
      case 'TIMED_OUT':
      case 'ABORTED':
        return { status: 'rejected', error: 'BookingFailed', message: `The booking process ${execution.status.toLowerCase().replace('_', ' ')}.`, info: {} };
      default:
        return { status: 'pending', reference };
    }
  }

  private async describe(name: string): Promise<DescribeExecutionCommandOutput | null> {
    try {
      return await this.sfn.send(new DescribeExecutionCommand({ executionArn: executionArnFor(this.bookingStateMachineArn, name) }));
    } catch (error) {
      if ((error as Error).name === 'ExecutionDoesNotExist') return null;
      throw error;
    }
  }
}
