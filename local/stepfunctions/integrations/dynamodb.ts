// DynamoDB as a Task resource, against DynamoDB Local.
// Two flavours, which AWS reports differently (error names and causes below are taken from
// execution histories recorded against AWS):
// - optimized `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem`: the result is the
//   API response plus SdkHttpMetadata/SdkResponseMetadata; errors are `DynamoDB.<ExceptionName>`
//   for DynamoDB's modelled exceptions (e.g. DynamoDB.ConditionalCheckFailedException,
//   DynamoDB.ResourceNotFoundException) and `DynamoDB.AmazonDynamoDBException` for the rest
//   (e.g. a ValidationException), with the Java SDK v1 message as Cause;
// - AWS SDK `arn:aws:states:::aws-sdk:dynamodb:<apiAction>`: the result is the API response alone;
//   errors are `DynamoDb.<ExceptionName>` (e.g. DynamoDb.TransactionCanceledException) and
//   `DynamoDb.DynamoDbException` for unmodelled ones, with the Java SDK v2 message as Cause.
// Parameters and results use DynamoDB's JSON (`{"S": "..."}`); binary values travel as base64 strings.
import { randomUUID } from 'node:crypto';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { DynamoDBServiceException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JsonObject, JsonValue } from '../definition';
import { StateFailure } from '../errors';
import { sdkHttpMetadata } from './sdk-http-metadata';

export type DynamoDbIntegrationFlavour = 'optimized' | 'sdk';

type CommandConstructor = new (input: unknown) => Parameters<DynamoDBClient['send']>[0];

function commandFor(action: string): CommandConstructor | undefined {
  const exportName = `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;
  const candidate = (dynamodb as unknown as Record<string, unknown>)[exportName];
  return typeof candidate === 'function' ? (candidate as CommandConstructor) : undefined;
}

/** Whether `action` (camelCase, as in `aws-sdk:dynamodb:transactWriteItems`) is a DynamoDB API action. */
export function isDynamoDbApiAction(action: string): boolean {
  return /^[a-z][A-Za-z]*$/.test(action) && commandFor(action) !== undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** AttributeValues `{"B": base64}` / `{"BS": [base64]}` become bytes, as the SDK's serializer expects. */
function toSdkValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSdkValue);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'B' && typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (keys.length === 1 && keys[0] === 'BS' && Array.isArray(value.BS) && value.BS.every((item) => typeof item === 'string')) {
    return { BS: value.BS.map((item) => Buffer.from(item as string, 'base64')) };
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toSdkValue(item)]));
}

function toStateJson(value: unknown): JsonValue {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toStateJson);
  if (value instanceof Set) return [...value].map(toStateJson);
  if (isPlainObject(value)) {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = toStateJson(item);
    return result;
  }
  return (value ?? null) as JsonValue;
}

function failureFor(flavour: DynamoDbIntegrationFlavour, error: unknown): StateFailure {
  const prefix = flavour === 'optimized' ? 'DynamoDB' : 'DynamoDb';
  if (error instanceof DynamoDBServiceException) {
    // Modelled exceptions deserialize into their own subclass; anything else (ValidationException,
    // UnrecognizedClientException, ...) arrives as the service's base exception.
    const modelled = error.constructor !== DynamoDBServiceException;
    const status = error.$metadata.httpStatusCode ?? 400;
    const requestId = error.$metadata.requestId ?? randomUUID();
    const name = modelled ? `${prefix}.${error.name}` : flavour === 'optimized' ? 'DynamoDB.AmazonDynamoDBException' : 'DynamoDb.DynamoDbException';
    const cause =
      flavour === 'optimized'
        ? `${error.message} (Service: AmazonDynamoDBv2; Status Code: ${status}; Error Code: ${error.name}; Request ID: ${requestId}; Proxy: null)`
        : `${error.message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`;
    return new StateFailure(name, cause);
  }
  // No response from DynamoDB at all (connection refused, timeout): the Java SDK's client-side error.
  const message = error instanceof Error ? error.message : String(error);
  return new StateFailure(`${prefix}.SdkClientException`, `Unable to execute HTTP request: ${message}`);
}

export async function callDynamoDb(
  client: DynamoDBClient,
  flavour: DynamoDbIntegrationFlavour,
  action: string,
  parameters: JsonObject
): Promise<JsonObject> {
  const Command = commandFor(action);
  if (!Command)
    throw new StateFailure(`${flavour === 'optimized' ? 'DynamoDB' : 'DynamoDb'}.UnknownOperationException`, `Unknown DynamoDB action ${action}`);
  let response: Record<string, unknown>;
  try {
    response = (await client.send(new Command(toSdkValue(parameters)))) as unknown as Record<string, unknown>;
  } catch (error) {
    throw failureFor(flavour, error);
  }
  const { $metadata, ...apiResponse } = response as { $metadata?: { requestId?: string } } & Record<string, unknown>;
  const result = toStateJson(apiResponse) as JsonObject;
  if (flavour === 'sdk') return result;
  return { ...result, ...sdkHttpMetadata($metadata?.requestId ?? randomUUID(), 'application/x-amz-json-1.0', JSON.stringify(result)) };
}
