// Two kinds of failure live here: errors the Step Functions API returns to its caller
// (serialised as `{"__type": "...#Code", "message": "..."}`), and failures thrown into the
// execution engine, which matches Retry/Catch on `name` and reports `message` as the Cause.

/** Error codes the local service returns; each is a modelled exception of `@aws-sdk/client-sfn`. */
export type StepFunctionsErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'StateMachineTypeNotSupported'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalFailure';

/** A refusal by the Step Functions API. `name` is the error code the SDK turns into the exception's name. */
export class StepFunctionsApiError extends Error {
  constructor(readonly code: StepFunctionsErrorCode, message: string, readonly httpStatus = 400) {
    super(message);
    this.name = code;
  }
}

/** The definition cannot run here: bad JSON, invalid ASL, JSONata, or a Task resource the local service has no integration for. */
export class InvalidDefinitionError extends StepFunctionsApiError {
  constructor(message: string) {
    super('InvalidDefinition', message);
  }
}

/**
 * Fails a state inside the engine. aws-local-stepfunctions matches Retry/Catch `ErrorEquals`
 * against `name` and puts `message` in the Catch output's `Cause`, so both carry the
 * Step Functions error and cause verbatim.
 */
export class StateFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/**
 * A failure that no Retry or Catch may handle, like AWS's `States.Runtime`. The engine reads
 * `isRetryable`/`isCatchable` from the thrown object (duck-typed), so declaring them is enough.
 */
export class UnhandleableStateFailure extends StateFailure {
  readonly isRetryable = false;
  readonly isCatchable = false;
}
