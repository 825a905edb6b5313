// Lambda as a Task resource, in its two forms:
// - a function ARN as Resource (legacy): the effective input is the event, the function's result is
//   the task result, and a function error fails the task with Error = errorType;
// - `arn:aws:states:::lambda:invoke`: Parameters are the Invoke API request (FunctionName, Payload,
//   InvocationType, Qualifier) and the result is the Invoke response
//   `{ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}` (developer guide,
//   "Invoke an AWS Lambda function with Step Functions").
// In both, a function error's Cause is the runtime's error JSON; for the Node.js runtime that is
// `{"errorType", "errorMessage", "trace"}` (recorded AWS histories show the same error/cause pair
// in LambdaFunctionFailed and TaskFailed).
import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../definition';
import { StateFailure, UnhandleableStateFailure } from '../errors';
import { lambdaFunctionName } from '../resources';
import { sdkHttpMetadata } from './sdk-http-metadata';

export type InvokeLambda = (functionName: string, payload: unknown) => Promise<unknown>;

interface FunctionErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  errorType?: unknown;
  errorMessage?: unknown;
  trace?: unknown;
}

/** The task failure AWS reports for a function error: Error = errorType, Cause = the runtime's error JSON. */
export function functionErrorFailure(error: unknown): StateFailure {
  const source = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as FunctionErrorLike;
  const errorType = typeof source.errorType === 'string' ? source.errorType : typeof source.name === 'string' && source.name ? source.name : 'Error';
  const errorMessage = typeof source.errorMessage === 'string' ? source.errorMessage : typeof source.message === 'string' ? source.message : '';
  const trace = Array.isArray(source.trace)
    ? source.trace.map(String)
    : typeof source.stack === 'string'
    ? source.stack.split('\n').filter((line) => line.length > 0)
    : [];
  return new StateFailure(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

/** Lambda hands results over as JSON; this drops anything that would not survive the trip. */
function asJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

export async function invokeFunctionResource(invoke: InvokeLambda, functionName: string, payload: JsonValue): Promise<JsonValue> {
  try {
    return asJson(await invoke(functionName, payload));
  } catch (error) {
    throw functionErrorFailure(error);
  }
}

function invokeResponse(statusCode: number, payload: JsonValue, requestId: string): JsonObject {
  const body = statusCode === 200 ? JSON.stringify(payload) : '';
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    ...sdkHttpMetadata(requestId, 'application/json', body, statusCode, {
      'X-Amz-Executed-Version': '$LATEST',
      'x-amzn-Remapped-Content-Length': '0',
    }),
    StatusCode: statusCode,
  };
}

export async function invokeLambdaIntegration(invoke: InvokeLambda, parameters: JsonObject, log: (line: string) => void): Promise<JsonObject> {
  if (typeof parameters.FunctionName !== 'string' || parameters.FunctionName.length === 0) {
    throw new UnhandleableStateFailure('States.Runtime', 'lambda:invoke needs a FunctionName string parameter');
  }
  const functionName = lambdaFunctionName(parameters.FunctionName);
  // Without Payload, Lambda receives an empty JSON object.
  const payload = 'Payload' in parameters ? parameters.Payload : {};
  const invocationType = parameters.InvocationType ?? 'RequestResponse';
  const requestId = randomUUID();
  switch (invocationType) {
    case 'Event':
      // Asynchronous invocation: Lambda accepts the event (202) and the task does not wait for the function.
      invoke(functionName, payload).catch((error: unknown) =>
        log(`asynchronous invocation of ${functionName} failed: ${(error as Error)?.name}: ${(error as Error)?.message}`)
      );
      return invokeResponse(202, '', requestId);
    case 'DryRun':
      return invokeResponse(204, '', requestId);
    case 'RequestResponse': {
      const result = await invokeFunctionResource(invoke, functionName, payload);
      return invokeResponse(200, result, requestId);
    }
    default:
      throw new StateFailure(
        'Lambda.InvalidParameterValueException',
        `InvocationType ${JSON.stringify(invocationType)} is not one of RequestResponse, Event, DryRun`
      );
  }
}
