// The contract between the local AppSync engine and this runtime.

/** An error as it appears in the `errors` block of a GraphQL response. */
export interface AppSyncError {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

/** What util.authType() answers for each authorization mode (Built-in utilities, "Type and pattern matching utils"). */
export type AuthTypeName =
  | 'API Key Authorization'
  | 'IAM Authorization'
  | 'User Pool Authorization'
  | 'Open ID Connect Authorization'
  | 'Lambda Authorization';

/** Everything about one GraphQL field resolution that the resolver context (`ctx`) exposes. */
export interface ContextInit {
  arguments: Record<string, unknown>;
  /** AppSync identity object for the auth mode (null for API key). */
  identity: unknown;
  /** Parent object, or null for a root field. */
  source: unknown;
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  request: { headers: Record<string, string>; domainName: string | null };
  authType: AuthTypeName;
  stash?: Record<string, unknown>;
  /** The API's environment variables, `ctx.env`. */
  env?: Record<string, string>;
}

export type StepOutcome =
  /** What the function returned (a JSON-safe copy in the host realm; `undefined` becomes null). */
  | { kind: 'value'; value: unknown }
  /** util.error(...) or util.unauthorized() was called, or the code failed at run time (errorType "Code"). */
  | { kind: 'error'; error: AppSyncError }
  /** runtime.earlyReturn(...) was called; `skipTo` is present when the code passed return options. */
  | { kind: 'earlyReturn'; value: unknown; skipTo?: 'END' | 'NEXT' };

export interface ResolverCode {
  readonly name: string;
  has(fn: 'request' | 'response'): boolean;
}

export interface DataSourceOutcome {
  result?: unknown;
  error?: { message: string; type: string } | null;
}

export interface SubscriptionInvalidation {
  subscriptionField: string;
  payload: Record<string, unknown>;
}

export interface ResolverRequestScope {
  runRequest(code: ResolverCode): StepOutcome;
  runResponse(code: ResolverCode, dataSource: DataSourceOutcome): StepOutcome;
  /** ctx.prev.result for the next pipeline step. */
  setPrevResult(value: unknown): void;
  /** From util.appendError, in call order. */
  readonly appendedErrors: AppSyncError[];
  /** From extensions.setSubscriptionFilter (already converted by util.transform.toSubscriptionFilter). */
  readonly subscriptionFilter: unknown | undefined;
  readonly subscriptionInvalidationFilter: unknown | undefined;
  /** extensions.invalidateSubscriptions calls, in call order. */
  readonly invalidations: unknown[];
  readonly stash: Record<string, unknown>;
  /** From util.http.addResponseHeader(s); the last value set for a name wins, as the docs describe. */
  readonly responseHeaders: Record<string, string>;
}

export interface LogEntry {
  resolver: string;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

export interface AppSyncJsRuntimeOptions {
  /** Clock for util.time, Date and the time part of ULIDs and KSUIDs. */
  now?: () => number;
  /** Source of util.autoId(). */
  randomUUID?: () => string;
  /** Source of the random part of util.autoUlid() and util.autoKsuid(). */
  randomBytes?: (length: number) => Uint8Array;
  /**
   * How long one handler (or a module's top-level code) may run before it is stopped, as elapsed
   * time of its synchronous evaluation. Default 1000 ms. Each timed evaluation costs Node a
   * watchdog of roughly 0.2 ms, which is most of the runtime's per-call overhead.
   */
  timeoutMs?: number;
  /** Where console.log and friends inside resolvers go (CloudWatch on AWS). Default: discarded. */
  log?: (entry: LogEntry) => void;
}
