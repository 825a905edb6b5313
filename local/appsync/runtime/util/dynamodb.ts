// util.dynamodb: "DynamoDB helpers in util.dynamodb"
// (https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html).
//
// Two documented details matter to anyone consuming the output:
//  * Numbers stay JSON numbers inside the attribute value: toDynamoDB(1234) is { "N": 1234 }, not
//    { "N": "1234" } (the doc examples show this, and outputs recorded from AppSync's EvaluateCode
//    API agree). AppSync's DynamoDB data source accepts both; the local engine must too.
//  * toDynamoDB, toList, toMap and toMapValues are "opinionated": arrays always become lists ("L"),
//    never sets. Sets only come from the explicit toStringSet/toNumberSet/toBinarySet.
import { UtilArgumentError } from '../errors';

export type AttributeValue =
  | { S: string }
  | { N: number | string }
  | { BOOL: boolean }
  | { NULL: null }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: Array<number | string> }
  | { B: string }
  | { BS: string[] };

const isAbsent = (value: unknown): value is null | undefined => value === null || value === undefined;

export function toDynamoDB(value: unknown): AttributeValue {
  if (isAbsent(value)) return { NULL: null };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      if (!Number.isFinite(value)) {
        throw new UtilArgumentError('util.dynamodb.toDynamoDB', `${value} cannot be stored in DynamoDB`);
      }
      return { N: value };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      return Array.isArray(value)
        ? { L: value.map(toDynamoDB) }
        : { M: toMapValues(value as Record<string, unknown>) };
    default:
      throw new UtilArgumentError('util.dynamodb.toDynamoDB', `a ${typeof value} has no DynamoDB representation`);
  }
}

export function toMapValues(value: Record<string, unknown>): Record<string, AttributeValue> {
  if (isAbsent(value)) return null as unknown as Record<string, AttributeValue>;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new UtilArgumentError('util.dynamodb.toMapValues', 'expects an object');
  }
  const mapped: Record<string, AttributeValue> = {};
  for (const [key, member] of Object.entries(value)) {
    // An attribute whose value is undefined has no representation and is left out, as JSON would.
    // defineProperty rather than assignment, so an attribute named "__proto__" stays an attribute.
    if (member !== undefined) {
      Object.defineProperty(mapped, key, { value: toDynamoDB(member), enumerable: true, writable: true, configurable: true });
    }
  }
  return mapped;
}

export function toMap(value: Record<string, unknown>): { M: Record<string, AttributeValue> } | null {
  return isAbsent(value) ? null : { M: toMapValues(value) };
}

export function toList(value: unknown[]): { L: AttributeValue[] } | null {
  if (isAbsent(value)) return null;
  if (!Array.isArray(value)) throw new UtilArgumentError('util.dynamodb.toList', 'expects an array');
  return { L: value.map(toDynamoDB) };
}

// The single-type helpers answer null for a null or missing input, as their signatures
// (`OptionalInputType<T>` in, `... | null` out) document.
export const toString = (value: string | null | undefined): { S: string } | null => (isAbsent(value) ? null : { S: value });
export const toNumber = (value: number | null | undefined): { N: number } | null => (isAbsent(value) ? null : { N: value });
export const toBoolean = (value: boolean | null | undefined): { BOOL: boolean } | null =>
  isAbsent(value) ? null : { BOOL: value };
export const toBinary = (value: string | null | undefined): { B: string } | null => (isAbsent(value) ? null : { B: value });
export const toNull = (): { NULL: null } => ({ NULL: null });

function requireArray(utility: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new UtilArgumentError(utility, 'expects an array');
  return value;
}

export const toStringSet = (value: string[] | null | undefined): { SS: string[] } | null =>
  isAbsent(value) ? null : { SS: requireArray('util.dynamodb.toStringSet', value) as string[] };
/** Numbers in a number set stay numbers, like toNumber: { "NS": [1, 23, 4.56] } in the docs. */
export const toNumberSet = (value: number[] | null | undefined): { NS: number[] } | null =>
  isAbsent(value) ? null : { NS: requireArray('util.dynamodb.toNumberSet', value) as number[] };
export const toBinarySet = (value: string[] | null | undefined): { BS: string[] } | null =>
  isAbsent(value) ? null : { BS: requireArray('util.dynamodb.toBinarySet', value) as string[] };

export interface S3ObjectReference {
  key: string;
  bucket: string;
  region: string;
  version?: string;
}

/** The S3 object link AppSync stores as a string attribute: { "S": "{\"s3\":{\"key\":...}}" }. */
export function toS3Object(key: string, bucket: string, region: string, version?: string | null): { S: string } {
  const s3: S3ObjectReference = { key, bucket, region };
  if (!isAbsent(version)) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

/** Takes the JSON string an S3 link is stored as (not the { S } wrapper) and answers its parts. */
export function fromS3ObjectJson(value: string): S3ObjectReference | null {
  if (typeof value !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const s3 = (parsed as { s3?: Partial<S3ObjectReference> } | null)?.s3;
  if (!s3 || typeof s3 !== 'object') return null;
  const reference: S3ObjectReference = { key: s3.key as string, bucket: s3.bucket as string, region: s3.region as string };
  if (s3.version !== undefined) reference.version = s3.version;
  return reference;
}

/**
 * AppSync writes numbers as JSON numbers inside "N" and "NS" (see the top of this file) and null
 * as { "NULL": null }, and its DynamoDB data source accepts both; the DynamoDB API itself takes
 * numbers only as strings and null only as { "NULL": true }. A data source that forwards request
 * objects to DynamoDB passes them through this first. It rewrites every attribute value of the
 * form { N: number }, { NS: number[] } or { NULL: null } anywhere in `request`, and nothing else
 * (an attribute *named* "N" holds an object, not a number, and is left alone).
 */
export function toDynamoDBWireFormat<T>(request: T): T {
  if (Array.isArray(request)) return request.map(toDynamoDBWireFormat) as T;
  if (request === null || typeof request !== 'object') return request;
  const entries = Object.entries(request as Record<string, unknown>);
  if (entries.length === 1) {
    const [[type, value]] = entries;
    if (type === 'N' && typeof value === 'number') return { N: String(value) } as T;
    if (type === 'NULL' && value === null) return { NULL: true } as T;
    if (type === 'NS' && Array.isArray(value)) return { NS: value.map((member) => (typeof member === 'number' ? String(member) : member)) } as T;
  }
  const rewritten: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(rewritten, key, { value: toDynamoDBWireFormat(value), enumerable: true, writable: true, configurable: true });
  }
  return rewritten as T;
}
