// The APPSYNC_JS runtime of the local AppSync engine.
//
// The engine loads each resolver/function bundle once (`load`), then for every GraphQL field it
// resolves opens a `ResolverRequestScope` (`beginRequest`) and runs the request/response handlers
// of the unit resolver, or of the pipeline resolver and its functions, through that scope. The
// scope carries what AppSync keeps for one field resolution: ctx.stash, ctx.prev.result, appended
// errors, subscription filters and invalidations. Semantics follow "Resolver context object
// reference" (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html)
// and "Runtime utilities" (https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html).
import { randomBytes as cryptoRandomBytes, randomUUID as cryptoRandomUUID } from 'node:crypto';
import { ResolverInvocationError, ResolverLoadError } from './errors';
import { OPERATIONS, UNSUPPORTED_NAMESPACES, type CallState, type HostEnvironment, type ScopeRecorder } from './host-api';
import { toCommonJs } from './module-loader';
import { Sandbox, type Bridge } from './sandbox';
import type {
  AppSyncError,
  AppSyncJsRuntimeOptions,
  AuthTypeName,
  ContextInit,
  DataSourceOutcome,
  LogEntry,
  ResolverCode,
  ResolverRequestScope,
  StepOutcome,
  SubscriptionInvalidation,
} from './types';

export type {
  AppSyncError,
  AppSyncJsRuntimeOptions,
  AuthTypeName,
  ContextInit,
  DataSourceOutcome,
  LogEntry,
  ResolverCode,
  ResolverRequestScope,
  StepOutcome,
  SubscriptionInvalidation,
} from './types';
export { NotSupportedLocallyError, ResolverInvocationError, ResolverLoadError, UtilArgumentError } from './errors';
export { MAX_CODE_LENGTH } from './module-loader';
export { toDynamoDBWireFormat } from './util/dynamodb';

/** Guards runaway code; AppSync documents no per-handler figure, only a 30 s limit for a whole request. */
const DEFAULT_TIMEOUT_MS = 1000;

const AUTH_TYPES: ReadonlySet<AuthTypeName> = new Set([
  'API Key Authorization',
  'IAM Authorization',
  'User Pool Authorization',
  'Open ID Connect Authorization',
  'Lambda Authorization',
]);
const LOG_LEVELS: ReadonlySet<string> = new Set(['log', 'info', 'warn', 'error', 'debug']);
const OPERATION_LIST = Object.entries(OPERATIONS).map(([path, spec]) => [path, spec.kind] as const);

type Handler = 'request' | 'response';

/** What the sandbox reports after running a handler (see `invoke` in sandbox.ts). */
type SandboxReport =
  | { status: 'missing' }
  | { status: 'returned'; value?: unknown; stash?: unknown }
  | { status: 'aborted'; stash?: unknown }
  | { status: 'threw'; error: { name: string; message: string }; stash?: unknown };

interface LoadedCode {
  readonly sandbox: Sandbox;
  readonly functions: ReadonlySet<string>;
  /** Only code with loops or generators runs under the time limit (see toCommonJs). */
  readonly mayRunUnbounded: boolean;
}

/** The call in progress: what the bridge hands to the sandbox and what host operations record into. */
interface ActiveCall {
  readonly state: CallState | null;
  pendingInput: string | null;
}

const jsonCopy = <T>(value: T): T => (value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T));
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isTimeout = (error: unknown) => (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

class LoadedResolverCode implements ResolverCode {
  constructor(
    readonly name: string,
    private readonly functions: ReadonlySet<string>,
  ) {}

  has(fn: Handler): boolean {
    return this.functions.has(fn);
  }
}

export class AppSyncJsRuntime {
  private readonly timeoutMs: number;
  private readonly environment: HostEnvironment;
  private readonly log: ((entry: LogEntry) => void) | undefined;
  private readonly loaded = new WeakMap<ResolverCode, LoadedCode>();
  private active: ActiveCall | null = null;

  constructor(options: AppSyncJsRuntimeOptions = {}) {
    const now = options.now ?? Date.now;
    const randomUUID = options.randomUUID ?? cryptoRandomUUID;
    const randomBytes = options.randomBytes ?? ((length: number) => new Uint8Array(cryptoRandomBytes(length)));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
    this.log = options.log;
    this.environment = {
      now: () => {
        const value = now();
        if (!Number.isFinite(value)) throw new TypeError('the runtime clock answered something other than a number');
        return Math.trunc(value);
      },
      randomUUID,
      randomBytes,
    };
  }

  /** `code` is the ESM bundle text; fails with a clear error if it uses something APPSYNC_JS cannot load (other imports). */
  load(code: string, name: string): ResolverCode {
    const { source: commonJs, mayRunUnbounded } = toCommonJs(code, name);
    const sandbox = new Sandbox({
      name,
      bridge: this.bridgeFor(name),
      operations: OPERATION_LIST,
      unsupportedNamespaces: UNSUPPORTED_NAMESPACES,
    });
    // Top-level code runs once, now, with no handler call: utilities that need one refuse.
    this.enter({ state: null, pendingInput: null }, name);
    let report: ReturnType<Sandbox['define']>;
    try {
      report = sandbox.define(commonJs, `${name}.js`, this.timeoutMs);
    } catch (error) {
      if (isTimeout(error)) throw new ResolverLoadError(name, `top-level code exceeded the ${this.timeoutMs} ms time limit`);
      throw new ResolverLoadError(name, `the code could not be evaluated: ${error instanceof Error ? error.message : 'unknown failure'}`);
    } finally {
      this.active = null;
    }
    if ('error' in report) throw new ResolverLoadError(name, `top-level code failed: ${report.error.name}: ${report.error.message}`);
    const functions = new Set(report.functions);
    const resolverCode = new LoadedResolverCode(name, functions);
    this.loaded.set(resolverCode, { sandbox, functions, mayRunUnbounded });
    return resolverCode;
  }

  beginRequest(init: ContextInit): ResolverRequestScope {
    if (!AUTH_TYPES.has(init.authType)) {
      throw new TypeError(`unknown authType ${JSON.stringify(init.authType)}; expected one of ${[...AUTH_TYPES].join(', ')}`);
    }
    return new RequestScope(init, (code, handler, scope, context) => this.execute(code, handler, scope, context));
  }

  private enter(call: ActiveCall, name: string): void {
    if (this.active !== null) throw new ResolverInvocationError(name, 'another handler is already running; handlers cannot call each other');
    this.active = call;
  }

  private execute(code: ResolverCode, handler: Handler, scope: RequestScope, context: Record<string, unknown>): StepOutcome {
    const loaded = this.loaded.get(code);
    if (loaded === undefined) throw new ResolverInvocationError(code.name, 'this code was not loaded by this runtime');
    if (!loaded.functions.has(handler)) throw new ResolverInvocationError(code.name, `the code does not export a ${handler} function`);
    let input: string;
    try {
      input = JSON.stringify({ handler, context });
    } catch (error) {
      throw new ResolverInvocationError(code.name, `the resolver context cannot be converted to JSON: ${(error as Error).message}`);
    }
    const state: CallState = {
      scope: scope.recorder,
      fieldName: scope.fieldName,
      parentTypeName: scope.parentTypeName,
      authType: scope.authType,
      abort: null,
    };
    this.enter({ state, pendingInput: input }, code.name);
    let report: SandboxReport;
    try {
      report = JSON.parse(loaded.sandbox.invoke(loaded.mayRunUnbounded ? this.timeoutMs : undefined)) as SandboxReport;
    } catch (error) {
      if (isTimeout(error)) {
        return codeError(code.name, `the ${handler} handler exceeded the ${this.timeoutMs} ms time limit`);
      }
      return codeError(code.name, `the ${handler} handler could not be run${error instanceof Error ? `: ${error.message}` : ''}`);
    } finally {
      this.active = null;
    }
    if (report.status === 'missing') throw new ResolverInvocationError(code.name, `the code does not export a ${handler} function`);
    if (isPlainObject(report.stash)) scope.replaceStash(report.stash);
    // An abort recorded by util.error / util.unauthorized / runtime.earlyReturn stands even if the
    // code caught the throw that followed it (try/catch does not exist on AppSync).
    if (state.abort !== null) return state.abort.kind === 'error' ? { kind: 'error', error: state.abort.error } : { ...state.abort };
    if (report.status === 'returned') return { kind: 'value', value: report.value === undefined ? null : report.value };
    if (report.status === 'threw') return codeError(code.name, `${report.error.name}: ${report.error.message}`);
    return codeError(code.name, `the ${handler} handler ended without a result`);
  }

  private bridgeFor(name: string): Bridge {
    return (operation, argumentsJson) => {
      try {
        if (typeof operation !== 'string' || typeof argumentsJson !== 'string') throw new TypeError('malformed runtime call');
        if (operation === 'takeInput') {
          const input = this.active?.pendingInput;
          if (input === null || input === undefined) throw new Error('no handler call is pending');
          this.active!.pendingInput = null;
          return `{"value":${input}}`;
        }
        const args = JSON.parse(argumentsJson) as unknown[];
        if (operation === 'now') return JSON.stringify({ value: this.environment.now() });
        if (operation === 'console') {
          const [level, message] = args;
          if (typeof level === 'string' && LOG_LEVELS.has(level) && typeof message === 'string') {
            try {
              this.log?.({ resolver: name, level: level as LogEntry['level'], message });
            } catch {
              // a failing log sink must not fail the resolver that logged
            }
          }
          return '{}';
        }
        const spec = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
        if (spec === undefined) throw new Error(`unknown runtime operation ${operation}`);
        const value = spec.run(args, this.active?.state ?? null, this.environment);
        return value === undefined ? '{}' : JSON.stringify({ value });
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        return JSON.stringify({ error: { name: failure.name, message: failure.message } });
      }
    };
  }
}

/** A run-time failure of resolver code, reported as AppSync does: errorType "Code". */
function codeError(name: string, message: string): StepOutcome {
  return { kind: 'error', error: { errorType: 'Code', message: `${name}: ${message}` } };
}

type Execute = (code: ResolverCode, handler: Handler, scope: RequestScope, context: Record<string, unknown>) => StepOutcome;

class RequestScope implements ResolverRequestScope {
  readonly appendedErrors: AppSyncError[] = [];
  readonly invalidations: unknown[] = [];
  readonly responseHeaders: Record<string, string> = {};
  readonly fieldName: string;
  readonly parentTypeName: string;
  readonly authType: AuthTypeName;
  readonly recorder: ScopeRecorder;
  private currentStash: Record<string, unknown>;
  private prevResult: { value: unknown } | null = null;
  private filter: unknown = undefined;
  private invalidationFilter: unknown = undefined;
  private readonly staticContext: Record<string, unknown>;

  constructor(
    init: ContextInit,
    private readonly execute: Execute,
  ) {
    this.fieldName = init.info.fieldName;
    this.parentTypeName = init.info.parentTypeName;
    this.authType = init.authType;
    // Copied once: nothing the engine does to its objects afterwards leaks into ctx, and the
    // sandbox receives plain JSON.
    this.staticContext = jsonCopy({
      arguments: init.arguments ?? {},
      identity: init.identity ?? null,
      source: init.source ?? null,
      info: init.info,
      request: init.request,
      env: init.env ?? {},
    });
    this.currentStash = jsonCopy(init.stash ?? {});
    this.recorder = {
      appendError: (error) => this.appendedErrors.push(error),
      setSubscriptionFilter: (filter) => (this.filter = filter),
      setSubscriptionInvalidationFilter: (filter) => (this.invalidationFilter = filter),
      invalidateSubscriptions: (invalidation) => this.invalidations.push(invalidation),
      addResponseHeader: (name, value) => (this.responseHeaders[name] = value),
    };
  }

  get stash(): Record<string, unknown> {
    return this.currentStash;
  }

  get subscriptionFilter(): unknown | undefined {
    return this.filter;
  }

  get subscriptionInvalidationFilter(): unknown | undefined {
    return this.invalidationFilter;
  }

  replaceStash(stash: Record<string, unknown>): void {
    this.currentStash = stash;
  }

  setPrevResult(value: unknown): void {
    this.prevResult = { value: jsonCopy(value) };
  }

  runRequest(code: ResolverCode): StepOutcome {
    return this.execute(code, 'request', this, this.context({}));
  }

  runResponse(code: ResolverCode, dataSource: DataSourceOutcome): StepOutcome {
    const extra: Record<string, unknown> = { result: dataSource.result === undefined ? null : dataSource.result };
    // ctx.error is only present when the data source failed.
    if (dataSource.error) extra.error = { message: dataSource.error.message, type: dataSource.error.type };
    return this.execute(code, 'response', this, this.context(extra));
  }

  private context(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      ...this.staticContext,
      stash: this.currentStash,
      prev: this.prevResult === null ? {} : { result: this.prevResult.value },
      ...extra,
    };
  }
}
