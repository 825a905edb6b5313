// The host side of every function resolver code can call: `util`, `extensions`, `runtime` and the
// `@aws-appsync/utils/dynamodb` module. The sandbox holds only thin wrappers that serialise their
// arguments to JSON, call the single bridge function, and parse the JSON answer, so no host object
// or host function is ever reachable from resolver code (see sandbox.ts).
//
// Functions whose AppSync behaviour is documented but which this runtime does not implement are
// registered too, and fail with "not supported by the local AppSync runtime: <name>".
import * as ddb from './dynamodb-module';
import { NotSupportedLocallyError, UtilArgumentError } from './errors';
import type { AppSyncError, AuthTypeName } from './types';
import * as dynamodbUtil from './util/dynamodb';
import * as encoding from './util/encoding';
import { toDynamoDBExpressionJson, toSubscriptionFilter } from './util/expressions';
import { ksuid, ulid } from './util/ids';
import * as time from './util/time';
import * as types from './util/types';

/** How a handler ended early: util.error / util.unauthorized, or runtime.earlyReturn. */
export type Abort = { kind: 'error'; error: AppSyncError } | { kind: 'earlyReturn'; value: unknown; skipTo?: 'END' | 'NEXT' };

/** What a running handler records into its GraphQL field resolution. */
export interface ScopeRecorder {
  appendError(error: AppSyncError): void;
  setSubscriptionFilter(filter: unknown): void;
  setSubscriptionInvalidationFilter(filter: unknown): void;
  invalidateSubscriptions(invalidation: unknown): void;
  addResponseHeader(name: string, value: string): void;
}

/** The handler call in progress; null while a module's top-level code runs at load time. */
export interface CallState {
  readonly scope: ScopeRecorder;
  readonly fieldName: string;
  readonly parentTypeName: string;
  readonly authType: AuthTypeName;
  abort: Abort | null;
}

export interface HostEnvironment {
  now(): number;
  randomUUID(): string;
  randomBytes(length: number): Uint8Array;
}

type Operation = (args: unknown[], call: CallState | null, environment: HostEnvironment) => unknown;

/** `abort` wrappers throw after the host has recorded the outcome, which ends the handler. */
export interface OperationSpec {
  kind: 'call' | 'abort';
  run: Operation;
}

const notSupported =
  (feature: string): Operation =>
  () => {
    throw new NotSupportedLocallyError(feature);
  };

function requireCall(utility: string, call: CallState | null): CallState {
  if (call === null) {
    throw new UtilArgumentError(utility, 'can only be called inside a request or response handler, not at module load');
  }
  return call;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

function errorOf(args: unknown[]): AppSyncError {
  const [message, errorType, data, errorInfo] = args;
  const error: AppSyncError = { message: str(message) };
  if (typeof errorType === 'string') error.errorType = errorType;
  if (data !== undefined && data !== null) error.data = data;
  if (errorInfo !== undefined && errorInfo !== null) error.errorInfo = errorInfo;
  return error;
}

/** Header names AppSync refuses (util.http.addResponseHeader docs: restricted `x-amzn-` / `x-amz-` prefixes). */
const RESTRICTED_HEADER_PREFIX = /^x-amzn?-/i;

function addResponseHeader(name: unknown, value: unknown, call: CallState): void {
  if (typeof name !== 'string' || name.length === 0) throw new UtilArgumentError('util.http.addResponseHeader', 'the header name must be a non-empty string');
  if (RESTRICTED_HEADER_PREFIX.test(name)) {
    throw new UtilArgumentError('util.http.addResponseHeader', `header names cannot start with x-amz- or x-amzn-: ${name}`);
  }
  call.scope.addResponseHeader(name, typeof value === 'string' ? value : JSON.stringify(value));
}

function randomWithinRange(start: unknown, end: unknown): number {
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end)) {
    throw new UtilArgumentError('util.math.randomWithinRange', 'both bounds must be numbers');
  }
  const low = Math.ceil(Math.min(start, end));
  const high = Math.floor(Math.max(start, end));
  // both bounds included: "a random integer value within the specified range"
  return low + Math.floor(Math.random() * (high - low + 1));
}

const NORMALIZATION_FORMS = new Set(['NFC', 'NFD', 'NFKC', 'NFKD']);

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  // ---- util: encoding, ids, errors, matching ----
  'util.escapeJavaScript': { kind: 'call', run: ([value]) => encoding.escapeJavaScript(str(value)) },
  'util.urlEncode': { kind: 'call', run: ([value]) => encoding.urlEncode(str(value)) },
  'util.urlDecode': { kind: 'call', run: ([value]) => encoding.urlDecode(str(value)) },
  'util.base64Encode': { kind: 'call', run: ([value]) => encoding.base64Encode(str(value)) },
  'util.base64Decode': { kind: 'call', run: ([value]) => encoding.base64Decode(str(value)) },
  'util.autoId': { kind: 'call', run: (_args, _call, environment) => environment.randomUUID() },
  'util.autoUlid': { kind: 'call', run: (_args, _call, environment) => ulid(environment.now(), environment.randomBytes) },
  'util.autoKsuid': { kind: 'call', run: (_args, _call, environment) => ksuid(environment.now(), environment.randomBytes) },
  'util.error': {
    kind: 'abort',
    run: (args, call) => {
      requireCall('util.error', call).abort ??= { kind: 'error', error: errorOf(args) };
    },
  },
  'util.appendError': {
    kind: 'call',
    run: (args, call) => {
      requireCall('util.appendError', call).scope.appendError(errorOf(args));
    },
  },
  // The error AppSync itself reports when a field is not authorized, e.g.
  // { "errorType": "Unauthorized", "message": "Not Authorized to access getPost on type Query" }.
  'util.unauthorized': {
    kind: 'abort',
    run: (_args, call) => {
      const active = requireCall('util.unauthorized', call);
      active.abort ??= {
        kind: 'error',
        error: { errorType: 'Unauthorized', message: `Not Authorized to access ${active.fieldName} on type ${active.parentTypeName}` },
      };
    },
  },
  'util.matches': { kind: 'call', run: ([pattern, value]) => types.matches(pattern as string, value as string) },
  'util.authType': { kind: 'call', run: (_args, call) => requireCall('util.authType', call).authType },
  'util.isNull': { kind: 'call', run: ([value]) => types.isNull(value) },
  'util.isNullOrEmpty': { kind: 'call', run: ([value]) => types.isNullOrEmpty(value) },
  'util.isNullOrBlank': { kind: 'call', run: ([value]) => types.isNullOrBlank(value) },
  'util.defaultIfNull': { kind: 'call', run: ([value, fallback]) => types.defaultIfNull(value, fallback) },
  'util.defaultIfNullOrEmpty': { kind: 'call', run: ([value, fallback]) => types.defaultIfNullOrEmpty(value, fallback) },
  'util.defaultIfNullOrBlank': { kind: 'call', run: ([value, fallback]) => types.defaultIfNullOrBlank(value, fallback) },
  'util.isString': { kind: 'call', run: ([value]) => types.isString(value) },
  'util.isNumber': { kind: 'call', run: ([value]) => types.isNumber(value) },
  'util.isBoolean': { kind: 'call', run: ([value]) => types.isBoolean(value) },
  'util.isList': { kind: 'call', run: ([value]) => types.isList(value) },
  'util.isMap': { kind: 'call', run: ([value]) => types.isMap(value) },
  'util.typeOf': { kind: 'call', run: ([value]) => types.typeOf(value) },

  // ---- util.time ----
  'util.time.nowISO8601': { kind: 'call', run: (_args, _call, environment) => time.epochMillisToISO8601(environment.now()) },
  'util.time.nowEpochSeconds': { kind: 'call', run: (_args, _call, environment) => time.epochMillisToSeconds(environment.now()) },
  'util.time.nowEpochMilliSeconds': { kind: 'call', run: (_args, _call, environment) => environment.now() },
  'util.time.nowFormatted': {
    kind: 'call',
    run: ([format, timezone], _call, environment) => time.formatEpochMillis(environment.now(), format as string, timezone as string | null),
  },
  'util.time.parseFormattedToEpochMilliSeconds': {
    kind: 'call',
    run: ([timestamp, format, timezone]) => time.parseFormattedToEpochMillis(timestamp as string, format as string, timezone as string | null),
  },
  'util.time.parseISO8601ToEpochMilliSeconds': { kind: 'call', run: ([timestamp]) => time.parseISO8601ToEpochMillis(timestamp as string) },
  'util.time.epochMilliSecondsToSeconds': {
    kind: 'call',
    run: ([milliseconds]) => {
      if (typeof milliseconds !== 'number') throw new UtilArgumentError('util.time.epochMilliSecondsToSeconds', 'expects a number');
      return time.epochMillisToSeconds(milliseconds);
    },
  },
  'util.time.epochMilliSecondsToISO8601': { kind: 'call', run: ([milliseconds]) => time.epochMillisToISO8601(milliseconds as number) },
  'util.time.epochMilliSecondsToFormatted': {
    kind: 'call',
    run: ([milliseconds, format, timezone]) => time.formatEpochMillis(milliseconds as number, format as string, timezone as string | null),
  },

  // ---- util.dynamodb ----
  'util.dynamodb.toDynamoDB': { kind: 'call', run: ([value]) => dynamodbUtil.toDynamoDB(value) },
  'util.dynamodb.toString': { kind: 'call', run: ([value]) => dynamodbUtil.toString(value as string) },
  'util.dynamodb.toStringSet': { kind: 'call', run: ([value]) => dynamodbUtil.toStringSet(value as string[]) },
  'util.dynamodb.toNumber': { kind: 'call', run: ([value]) => dynamodbUtil.toNumber(value as number) },
  'util.dynamodb.toNumberSet': { kind: 'call', run: ([value]) => dynamodbUtil.toNumberSet(value as number[]) },
  'util.dynamodb.toBinary': { kind: 'call', run: ([value]) => dynamodbUtil.toBinary(value as string) },
  'util.dynamodb.toBinarySet': { kind: 'call', run: ([value]) => dynamodbUtil.toBinarySet(value as string[]) },
  'util.dynamodb.toBoolean': { kind: 'call', run: ([value]) => dynamodbUtil.toBoolean(value as boolean) },
  'util.dynamodb.toNull': { kind: 'call', run: () => dynamodbUtil.toNull() },
  'util.dynamodb.toList': { kind: 'call', run: ([value]) => dynamodbUtil.toList(value as unknown[]) },
  'util.dynamodb.toMap': { kind: 'call', run: ([value]) => dynamodbUtil.toMap(value as Record<string, unknown>) },
  'util.dynamodb.toMapValues': { kind: 'call', run: ([value]) => dynamodbUtil.toMapValues(value as Record<string, unknown>) },
  'util.dynamodb.toS3Object': {
    kind: 'call',
    run: ([key, bucket, region, version]) => dynamodbUtil.toS3Object(str(key), str(bucket), str(region), version as string | null),
  },
  'util.dynamodb.fromS3ObjectJson': { kind: 'call', run: ([value]) => dynamodbUtil.fromS3ObjectJson(value as string) },

  // ---- util.transform ----
  'util.transform.toDynamoDBFilterExpression': { kind: 'call', run: ([filter]) => toDynamoDBExpressionJson(filter) },
  'util.transform.toDynamoDBConditionExpression': { kind: 'call', run: ([condition]) => toDynamoDBExpressionJson(condition) },
  'util.transform.toSubscriptionFilter': {
    kind: 'call',
    run: ([filter, ignoredFields, rules]) => toSubscriptionFilter(filter, ignoredFields, rules),
  },
  'util.transform.toElasticsearchQueryDSL': { kind: 'call', run: notSupported('util.transform.toElasticsearchQueryDSL') },

  // ---- util.math and util.str ----
  // Java's Math.round: halves round up, toward positive infinity.
  'util.math.roundNum': { kind: 'call', run: ([value]) => Math.floor((value as number) + 0.5) },
  'util.math.minVal': { kind: 'call', run: ([a, b]) => Math.min(a as number, b as number) },
  'util.math.maxVal': { kind: 'call', run: ([a, b]) => Math.max(a as number, b as number) },
  'util.math.randomDouble': { kind: 'call', run: () => Math.random() },
  'util.math.randomWithinRange': { kind: 'call', run: ([start, end]) => randomWithinRange(start, end) },
  'util.str.normalize': {
    kind: 'call',
    run: ([value, form]) => {
      const normalizationForm = str(form).toUpperCase();
      if (!NORMALIZATION_FORMS.has(normalizationForm)) {
        throw new UtilArgumentError('util.str.normalize', 'the normalization type must be one of nfc, nfd, nfkc, nfkd');
      }
      return str(value).normalize(normalizationForm);
    },
  },

  // ---- util.http and util.xml ----
  'util.http.addResponseHeader': {
    kind: 'call',
    run: ([name, value], call) => addResponseHeader(name, value, requireCall('util.http.addResponseHeader', call)),
  },
  'util.http.addResponseHeaders': {
    kind: 'call',
    run: ([headers], call) => {
      const active = requireCall('util.http.addResponseHeaders', call);
      if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
        throw new UtilArgumentError('util.http.addResponseHeaders', 'expects an object of header names to values');
      }
      for (const [name, value] of Object.entries(headers)) addResponseHeader(name, value, active);
    },
  },
  // AppSync does not publish its list of restricted request headers, so a faithful copy is impossible.
  'util.http.copyHeaders': { kind: 'call', run: notSupported('util.http.copyHeaders') },
  'util.xml.toMap': { kind: 'call', run: notSupported('util.xml.toMap') },
  'util.xml.toJsonString': { kind: 'call', run: notSupported('util.xml.toJsonString') },

  // ---- extensions ----
  'extensions.setSubscriptionFilter': {
    kind: 'call',
    run: ([filter], call) => requireCall('extensions.setSubscriptionFilter', call).scope.setSubscriptionFilter(filter),
  },
  'extensions.setSubscriptionInvalidationFilter': {
    kind: 'call',
    run: ([filter], call) =>
      requireCall('extensions.setSubscriptionInvalidationFilter', call).scope.setSubscriptionInvalidationFilter(filter),
  },
  'extensions.invalidateSubscriptions': {
    kind: 'call',
    run: ([invalidation], call) => {
      const active = requireCall('extensions.invalidateSubscriptions', call);
      const candidate = invalidation as { subscriptionField?: unknown; payload?: unknown } | null;
      if (candidate === null || typeof candidate !== 'object' || typeof candidate.subscriptionField !== 'string') {
        throw new UtilArgumentError('extensions.invalidateSubscriptions', 'expects { subscriptionField, payload }');
      }
      active.scope.invalidateSubscriptions(invalidation);
    },
  },
  // The local engine keeps no resolver cache, so there is never anything to evict.
  'extensions.evictFromApiCache': {
    kind: 'call',
    run: ([typeName, fieldName], call) => {
      requireCall('extensions.evictFromApiCache', call);
      if (typeof typeName !== 'string' || typeof fieldName !== 'string') {
        throw new UtilArgumentError('extensions.evictFromApiCache', 'expects a type name, a field name and the caching keys');
      }
    },
  },

  // ---- runtime ----
  'runtime.earlyReturn': {
    kind: 'abort',
    run: ([value, options], call) => {
      const active = requireCall('runtime.earlyReturn', call);
      const skipTo = (options as { skipTo?: unknown } | null | undefined)?.skipTo;
      if (skipTo !== undefined && skipTo !== null && skipTo !== 'END' && skipTo !== 'NEXT') {
        throw new UtilArgumentError('runtime.earlyReturn', `skipTo must be 'END' or 'NEXT', not ${JSON.stringify(skipTo)}`);
      }
      active.abort ??= skipTo ? { kind: 'earlyReturn', value: value ?? null, skipTo } : { kind: 'earlyReturn', value: value ?? null };
    },
  },

  // ---- @aws-appsync/utils/dynamodb ----
  'dynamodb.get': { kind: 'call', run: ([payload]) => ddb.get(payload) },
  'dynamodb.put': { kind: 'call', run: ([payload]) => ddb.put(payload) },
  'dynamodb.remove': { kind: 'call', run: ([payload]) => ddb.remove(payload) },
  'dynamodb.update': { kind: 'call', run: ([payload]) => ddb.update(payload) },
  'dynamodb.query': { kind: 'call', run: ([payload]) => ddb.query(payload) },
  'dynamodb.scan': { kind: 'call', run: ([payload]) => ddb.scan(payload) },
  'dynamodb.sync': { kind: 'call', run: ([payload]) => ddb.sync(payload) },
  'dynamodb.batchGet': { kind: 'call', run: ([payload]) => ddb.batchGet(payload) },
  'dynamodb.batchPut': { kind: 'call', run: ([payload]) => ddb.batchPut(payload) },
  'dynamodb.batchDelete': { kind: 'call', run: ([payload]) => ddb.batchDelete(payload) },
  'dynamodb.transactGet': { kind: 'call', run: ([payload]) => ddb.transactGet(payload) },
  'dynamodb.transactWrite': { kind: 'call', run: ([payload]) => ddb.transactWrite(payload) },
  'dynamodb.toStringSet': { kind: 'call', run: ([list]) => ddb.toStringSet(list) },
  'dynamodb.toNumberSet': { kind: 'call', run: ([list]) => ddb.toNumberSet(list) },
  'dynamodb.toBinarySet': { kind: 'call', run: ([list]) => ddb.toBinarySet(list) },
  'dynamodb.operations.add': { kind: 'call', run: ([value]) => ddb.operations.add(value) },
  'dynamodb.operations.remove': { kind: 'call', run: () => ddb.operations.remove() },
  'dynamodb.operations.replace': { kind: 'call', run: ([value]) => ddb.operations.replace(value) },
  'dynamodb.operations.increment': { kind: 'call', run: ([by]) => ddb.operations.increment((by ?? undefined) as number | undefined) },
  'dynamodb.operations.decrement': { kind: 'call', run: ([by]) => ddb.operations.decrement((by ?? undefined) as number | undefined) },
  'dynamodb.operations.append': { kind: 'call', run: ([items]) => ddb.operations.append(items as unknown[]) },
  'dynamodb.operations.prepend': { kind: 'call', run: ([items]) => ddb.operations.prepend(items as unknown[]) },
  'dynamodb.operations.updateListItem': { kind: 'call', run: ([value, index]) => ddb.operations.updateListItem(value, index as number) },
};

/** Namespaces AppSync documents that the local runtime does not provide at all; any member access fails. */
export const UNSUPPORTED_NAMESPACES: readonly string[] = ['util.rds'];
