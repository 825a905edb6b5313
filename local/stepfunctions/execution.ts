// Runs one execution on aws-local-stepfunctions and keeps its record and AWS-shaped history.
//
// How the engine is driven (aws-local-stepfunctions 3.0.0, build/main.node.cjs):
// - Every Task state gets a local override (keyed by state name). The engine calls it with the
//   processed input (after InputPath and Parameters) right after evaluating Parameters, and reads
//   the state's TimeoutSeconds immediately afterwards — all synchronously. So:
//   * `$$.Task.Token` is a getter on the context's Task object that mints a token on first read and
//     remembers it; the override takes the remembered token, so each attempt gets a fresh one;
//   * TimeoutSeconds is a getter returning what the override just decided (scaled for callback
//     tasks, AWS's default when unset instead of the engine's 60 s).
// - A Task timeout must be the engine's own StatesTimeoutError, because only that one is excluded
//   from `States.TaskFailed` (as AWS documents). The attempt arms a marker timer with exactly the
//   engine's delay first, so it fires first and records TaskTimedOut before the engine fails the state.
// - The engine's event log is async, so events the overrides write could overtake the engine's
//   StateEntered. Overrides therefore wait one macrotask before writing TaskScheduled: every
//   engine event dispatched so far has been consumed by then (that path is microtasks only).
// - Wait states are Tasks in the local copy of the definition; their override sleeps the Wait's
//   duration × time scale. History reports them as Wait states.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ExecutionStatus, HistoryEventType, StateMachineType } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  AWS_DEFAULT_TASK_TIMEOUT_SECONDS,
  HIDDEN_HEARTBEAT_KEY,
  HIDDEN_TIMEOUT_KEY,
  LONGEST_TIMER_SECONDS,
  instantiateLocalDefinition,
  type CompiledStateMachine,
  type FailStatePlan,
  type JsonObject,
  type JsonValue,
  type MapStatePlan,
  type TaskStatePlan,
  type WaitStatePlan,
} from './definition';
import { StateFailure, UnhandleableStateFailure } from './errors';
import { ExecutionHistory } from './history';
import { callDynamoDb } from './integrations/dynamodb';
import { invokeFunctionResource, invokeLambdaIntegration, type InvokeLambda } from './integrations/lambda';
import { evaluateReferencePath } from './reference-path';
import type { IntegrationPattern } from './resources';
import type { TaskTokenListener, TaskTokenRegistry } from './task-tokens';

type EngineRun = ReturnType<StateMachine['run']>;
type EngineEvent = EngineRun['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly name: string;
  readonly type: StateMachineType;
  readonly roleArn: string;
  readonly input: string;
  readonly startDate: Date;
  /** The definition this execution runs, as registered (DescribeStateMachineForExecution). */
  readonly definitionText: string;
  readonly stateMachineUpdateDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly history: ExecutionHistory;
}

/** What an execution needs from the service around it. */
export interface ExecutionServices {
  region: string;
  timeScale(): number;
  tokens: TaskTokenRegistry;
  invokeLambda: InvokeLambda;
  dynamoDb: DynamoDBClient;
  /** Runs a states:startExecution task; calls `onSubmitted` once the child has started when the pattern waits for it. */
  startExecutionTask(parameters: JsonObject, pattern: IntegrationPattern, onSubmitted: (output: JsonValue) => void): Promise<JsonValue>;
  log(line: string): void;
}

const STATE_RUNTIME_ERROR = 'States.Runtime';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toJsonText(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** Promise.withResolvers, which the project's TypeScript lib (ES2023) does not declare. */
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Sleeps in steps no longer than Node's longest timer; resolves early when `signal` aborts. */
function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || milliseconds <= 0) return resolve();
    let timer: NodeJS.Timeout;
    const finish = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const deadline = Date.now() + milliseconds;
    const arm = (): void => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return finish();
      timer = setTimeout(arm, Math.min(remaining, LONGEST_TIMER_SECONDS * 1000));
    };
    signal.addEventListener('abort', finish, { once: true });
    arm();
  });
}

function positiveInteger(stateName: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new UnhandleableStateFailure(
      STATE_RUNTIME_ERROR,
      `State '${stateName}': ${field} resolved to ${JSON.stringify(value)}, not a positive integer`
    );
  }
  return value;
}

/** Writes the history events AWS emits for one kind of Task resource. */
class TaskEventWriter {
  constructor(
    private readonly write: (type: HistoryEventType, details: object) => void,
    private readonly plan: TaskStatePlan,
    private readonly region: string
  ) {}

  private get isLambdaFunction(): boolean {
    return this.plan.resource.kind === 'lambda-function';
  }

  private get resourceFields(): { resourceType: string; resource: string } {
    const { resource } = this.plan;
    return resource.kind === 'lambda-function'
      ? { resourceType: 'lambda', resource: resource.functionArn }
      : { resourceType: resource.resourceType, resource: resource.resourceName };
  }

  scheduled(parameters: JsonValue, timeoutInSeconds?: number, heartbeatInSeconds?: number): void {
    if (this.isLambdaFunction) {
      this.write('LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: {
          resource: this.plan.resourceArn,
          input: toJsonText(parameters),
          inputDetails: { truncated: false },
          timeoutInSeconds,
        },
      });
      return;
    }
    this.write('TaskScheduled', {
      taskScheduledEventDetails: {
        ...this.resourceFields,
        region: this.region,
        parameters: toJsonText(parameters),
        timeoutInSeconds,
        heartbeatInSeconds,
      },
    });
  }

  started(): void {
    if (this.isLambdaFunction) this.write('LambdaFunctionStarted', {});
    else this.write('TaskStarted', { taskStartedEventDetails: this.resourceFields });
  }

  submitted(output: JsonValue): void {
    this.write('TaskSubmitted', {
      taskSubmittedEventDetails: { ...this.resourceFields, output: toJsonText(output), outputDetails: { truncated: false } },
    });
  }

  succeeded(output: JsonValue): void {
    if (this.isLambdaFunction) {
      this.write('LambdaFunctionSucceeded', {
        lambdaFunctionSucceededEventDetails: { output: toJsonText(output), outputDetails: { truncated: false } },
      });
    } else {
      this.write('TaskSucceeded', {
        taskSucceededEventDetails: { ...this.resourceFields, output: toJsonText(output), outputDetails: { truncated: false } },
      });
    }
  }

  failed(error: string | undefined, cause: string | undefined): void {
    if (this.isLambdaFunction) this.write('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } });
    else this.write('TaskFailed', { taskFailedEventDetails: { ...this.resourceFields, error, cause } });
  }

  timedOut(error: string): void {
    if (this.isLambdaFunction) this.write('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error } });
    else this.write('TaskTimedOut', { taskTimedOutEventDetails: { ...this.resourceFields, error } });
  }
}

interface AttemptTiming {
  /** Declared (unscaled) values, as TaskScheduled reports them. */
  declaredTimeoutSeconds?: number;
  declaredHeartbeatSeconds?: number;
  /** Exactly the delay the engine arms for its own timeout timer. */
  engineTimeoutMilliseconds: number;
  heartbeatMilliseconds?: number;
}

/** One attempt of one Task state: calls the resource, waits for a callback if asked, records events. */
class TaskAttempt implements TaskTokenListener {
  private readonly outcome = deferred<JsonValue>();
  private readonly events: TaskEventWriter;
  private startedEventsWritten = false;
  private submitted = false;
  private closed = false;
  private pendingCallback?: { ok: true; output: JsonValue } | { ok: false; error?: string; cause?: string };
  private timeoutMarker?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;

  constructor(
    private readonly execution: ExecutionRun,
    private readonly plan: TaskStatePlan,
    private readonly parameters: JsonValue,
    private readonly token: string | undefined,
    private readonly timing: AttemptTiming
  ) {
    this.events = new TaskEventWriter((type, details) => execution.recordTaskEvent(type, details), plan, execution.services.region);
  }

  /** Synchronous part: the token must be open and the timeout marker armed before the engine arms its timer. */
  start(): Promise<JsonValue> {
    if (this.token) this.execution.services.tokens.open(this.token, this);
    this.timeoutMarker = setTimeout(() => this.onEngineTimeout(), this.timing.engineTimeoutMilliseconds);
    void this.perform();
    return this.outcome.promise;
  }

  private writeStartedEvents(): void {
    if (this.startedEventsWritten) return;
    this.startedEventsWritten = true;
    this.events.scheduled(this.parameters, this.timing.declaredTimeoutSeconds, this.timing.declaredHeartbeatSeconds);
    this.events.started();
    if (this.token && this.timing.heartbeatMilliseconds !== undefined) this.armHeartbeat();
  }

  private armHeartbeat(): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => this.onHeartbeatTimeout(), this.timing.heartbeatMilliseconds);
  }

  private async perform(): Promise<void> {
    await nextMacrotask();
    if (this.closed) return;
    if (this.execution.isFinished) return this.abandon();
    this.writeStartedEvents();
    try {
      const result = await this.execution.callResource(this.plan, this.parameters, (output) => this.markSubmitted(output));
      if (this.closed) return;
      if (!this.token) return this.succeed(result);
      this.markSubmitted(result);
      const callback = this.pendingCallback;
      if (callback) {
        if (callback.ok) this.succeed(callback.output);
        else this.fail(callback.error, callback.cause);
      }
    } catch (error) {
      if (this.closed) return;
      if (error instanceof StateFailure) return this.fail(error.name, error.message, error);
      this.fail(STATE_RUNTIME_ERROR, `Unexpected error in state '${this.plan.name}': ${(error as Error)?.message ?? String(error)}`);
    }
  }

  private markSubmitted(output: JsonValue): void {
    if (this.submitted || this.closed) return;
    this.submitted = true;
    this.events.submitted(output);
  }

  private close(): void {
    this.closed = true;
    clearTimeout(this.timeoutMarker);
    clearTimeout(this.heartbeatTimer);
    if (this.token) this.execution.services.tokens.close(this.token);
    this.execution.forgetAttempt(this);
  }

  private succeed(output: JsonValue): void {
    this.close();
    this.events.succeeded(output);
    this.outcome.resolve(output);
  }

  private fail(error: string | undefined, cause: string | undefined, thrown?: StateFailure): void {
    this.close();
    this.events.failed(error, cause);
    this.outcome.reject(thrown ?? new StateFailure(error ?? '', cause ?? ''));
  }

  /** Fires just before the engine's identical timer, which then fails the state with States.Timeout. */
  private onEngineTimeout(): void {
    if (this.closed) return;
    this.writeStartedEvents();
    this.close();
    this.events.timedOut('States.Timeout');
    // Settle only after the engine's timer has run in this same timers phase, so the race is the engine's.
    setImmediate(() => this.outcome.resolve(null));
  }

  private onHeartbeatTimeout(): void {
    if (this.closed) return;
    this.close();
    this.events.timedOut('States.HeartbeatTimeout');
    this.outcome.reject(new StateFailure('States.HeartbeatTimeout', ''));
  }

  /** The execution ended (stopped, timed out, failed elsewhere): stop waiting without writing history. */
  abandon(): void {
    if (this.closed) return;
    this.close();
    this.outcome.reject(new UnhandleableStateFailure(STATE_RUNTIME_ERROR, 'The execution is no longer running'));
  }

  onTaskSuccess(output: JsonValue): void {
    if (this.closed) return;
    if (this.submitted) this.succeed(output);
    else this.pendingCallback = { ok: true, output };
  }

  onTaskFailure(error: string | undefined, cause: string | undefined): void {
    if (this.closed) return;
    if (this.submitted) this.fail(error, cause);
    else this.pendingCallback = { ok: false, error, cause };
  }

  onTaskHeartbeat(): void {
    if (!this.closed && this.timing.heartbeatMilliseconds !== undefined && this.startedEventsWritten) this.armHeartbeat();
  }
}

export class ExecutionRun {
  private readonly stopped = new AbortController();
  private readonly attempts = new Set<TaskAttempt>();
  private readonly failedContainerStates = new Set<string>();
  private readonly finished = deferred<void>();
  private engine?: EngineRun;
  private engineTaskTimeoutSeconds = LONGEST_TIMER_SECONDS;
  private lastMintedToken?: string;
  private lastEnteredFailState?: FailStatePlan;
  private stopRequest?: { error?: string; cause?: string };
  private parsedInput: JsonValue;
  isFinished = false;

  constructor(readonly record: ExecutionRecord, private readonly compiled: CompiledStateMachine, readonly services: ExecutionServices) {
    this.parsedInput = JSON.parse(record.input) as JsonValue;
  }

  /** Resolves once the execution has reached a terminal status. */
  get done(): Promise<void> {
    return this.finished.promise;
  }

  start(): void {
    const { record } = this;
    const definition = instantiateLocalDefinition(this.compiled, {
      taskTimeoutSeconds: () => this.engineTaskTimeoutSeconds,
      timeScale: () => this.services.timeScale(),
    });
    const overrides: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
    for (const plan of this.compiled.states.values()) {
      if (plan.type === 'Task') overrides[plan.name] = (input) => this.runTask(plan, input);
      if (plan.type === 'Wait') overrides[plan.name] = (input) => this.runWait(plan, input);
    }
    const task = {};
    Object.defineProperty(task, 'Token', {
      enumerable: true,
      get: () => (this.lastMintedToken ??= this.services.tokens.mint()),
    });
    record.history.append('ExecutionStarted', {
      executionStartedEventDetails: { input: record.input, inputDetails: { truncated: false }, roleArn: record.roleArn },
    });
    const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
    this.engine = machine.run(this.parsedInput as never, {
      overrides: { taskResourceLocalHandlers: overrides as never },
      noThrowOnAbort: true,
      // The engine spreads this object and adds Execution.Input and Execution.StartTime itself.
      context: {
        Execution: { Id: record.executionArn, Name: record.name, RoleArn: record.roleArn, RedriveCount: 0 },
        StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
        Task: task,
      },
    });
    // The terminal status comes from the event log; the result promise only needs a handler.
    this.engine.result.catch(() => undefined);
    void this.consume(this.engine.eventLogs);
    this.services.log(`execution ${record.name} of ${record.stateMachineName} started`);
  }

  /** StopExecution: aborts the engine, which reports ExecutionAborted through its event log. */
  async stop(error: string | undefined, cause: string | undefined): Promise<void> {
    if (!this.isFinished) {
      this.stopRequest = { error, cause };
      this.engine?.abort();
    }
    await this.done;
  }

  recordTaskEvent(type: HistoryEventType, details: object): void {
    if (!this.isFinished) this.record.history.append(type, details);
  }

  forgetAttempt(attempt: TaskAttempt): void {
    this.attempts.delete(attempt);
  }

  /** The context object as the engine builds it, for `$$` paths the override resolves itself. */
  private contextObject(): JsonObject {
    const { record } = this;
    return {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        RoleArn: record.roleArn,
        StartTime: record.startDate.toISOString(),
        Input: this.parsedInput,
        RedriveCount: 0,
      },
      StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
    };
  }

  private resolveSecondsPath(stateName: string, field: string, path: string, input: JsonValue): number {
    const lookup = evaluateReferencePath(path, input, this.contextObject());
    if (!lookup.found) throw new UnhandleableStateFailure(STATE_RUNTIME_ERROR, `State '${stateName}': ${field} '${path}' does not point to a value`);
    return positiveInteger(stateName, field, lookup.value);
  }

  private runTask(plan: TaskStatePlan, input: JsonValue): Promise<JsonValue> {
    // Everything up to attempt.start() runs synchronously inside the engine's call, before it
    // reads TimeoutSeconds and arms its timer.
    const token = plan.waitForTaskToken ? this.lastMintedToken ?? this.services.tokens.mint() : undefined;
    this.lastMintedToken = undefined;
    if (this.isFinished || this.stopped.signal.aborted) {
      this.engineTaskTimeoutSeconds = LONGEST_TIMER_SECONDS;
      return Promise.reject(new UnhandleableStateFailure(STATE_RUNTIME_ERROR, 'The execution is no longer running'));
    }
    let parameters = input;
    let timeoutSeconds = plan.timeoutSeconds;
    let heartbeatSeconds = plan.heartbeatSeconds;
    try {
      if (plan.hasParameters && isObject(input)) {
        const { [HIDDEN_TIMEOUT_KEY]: hiddenTimeout, [HIDDEN_HEARTBEAT_KEY]: hiddenHeartbeat, ...rest } = input;
        parameters = rest;
        if (plan.timeoutSecondsPath) timeoutSeconds = positiveInteger(plan.name, 'TimeoutSecondsPath', hiddenTimeout);
        if (plan.heartbeatSecondsPath) heartbeatSeconds = positiveInteger(plan.name, 'HeartbeatSecondsPath', hiddenHeartbeat);
      } else {
        if (plan.timeoutSecondsPath) timeoutSeconds = this.resolveSecondsPath(plan.name, 'TimeoutSecondsPath', plan.timeoutSecondsPath, input);
        if (plan.heartbeatSecondsPath)
          heartbeatSeconds = this.resolveSecondsPath(plan.name, 'HeartbeatSecondsPath', plan.heartbeatSecondsPath, input);
      }
    } catch (error) {
      this.engineTaskTimeoutSeconds = LONGEST_TIMER_SECONDS;
      return Promise.reject(error);
    }
    // Only callback waits stretch with the time scale; calls to Lambda and DynamoDB run in real time.
    const scale = plan.waitForTaskToken ? this.services.timeScale() : 1;
    this.engineTaskTimeoutSeconds = Math.min((timeoutSeconds ?? AWS_DEFAULT_TASK_TIMEOUT_SECONDS) * scale, LONGEST_TIMER_SECONDS);
    const attempt = new TaskAttempt(this, plan, parameters, token, {
      declaredTimeoutSeconds: timeoutSeconds,
      declaredHeartbeatSeconds: plan.waitForTaskToken ? heartbeatSeconds : undefined,
      // The same expression the engine evaluates (TimeoutSeconds * 1e3), so both timers share one delay.
      engineTimeoutMilliseconds: this.engineTaskTimeoutSeconds * 1e3,
      heartbeatMilliseconds:
        plan.waitForTaskToken && heartbeatSeconds !== undefined ? Math.min(heartbeatSeconds * scale, LONGEST_TIMER_SECONDS) * 1e3 : undefined,
    });
    this.attempts.add(attempt);
    return attempt.start();
  }

  private waitMilliseconds(plan: WaitStatePlan, input: JsonValue): number {
    if (plan.seconds !== undefined) return plan.seconds * 1000;
    if (plan.timestamp !== undefined) return Date.parse(plan.timestamp) - Date.now();
    const path = plan.secondsPath ?? plan.timestampPath;
    if (path === undefined) return 0;
    const lookup = evaluateReferencePath(path, input, this.contextObject());
    if (!lookup.found) throw new UnhandleableStateFailure(STATE_RUNTIME_ERROR, `State '${plan.name}': '${path}' does not point to a value`);
    if (plan.secondsPath !== undefined) {
      if (typeof lookup.value !== 'number' || !Number.isInteger(lookup.value) || lookup.value < 0) {
        throw new UnhandleableStateFailure(
          STATE_RUNTIME_ERROR,
          `State '${plan.name}': SecondsPath resolved to ${JSON.stringify(lookup.value)}, not a non-negative integer`
        );
      }
      return lookup.value * 1000;
    }
    const at = typeof lookup.value === 'string' ? Date.parse(lookup.value) : Number.NaN;
    if (Number.isNaN(at)) {
      throw new UnhandleableStateFailure(
        STATE_RUNTIME_ERROR,
        `State '${plan.name}': TimestampPath resolved to ${JSON.stringify(lookup.value)}, not an ISO 8601 timestamp`
      );
    }
    return at - Date.now();
  }

  private async runWait(plan: WaitStatePlan, input: JsonValue): Promise<JsonValue> {
    this.lastMintedToken = undefined;
    this.engineTaskTimeoutSeconds = LONGEST_TIMER_SECONDS;
    const milliseconds = this.waitMilliseconds(plan, input);
    await sleep(milliseconds * this.services.timeScale(), this.stopped.signal);
    if (this.stopped.signal.aborted) throw new UnhandleableStateFailure(STATE_RUNTIME_ERROR, 'The execution is no longer running');
    return input;
  }

  /** Calls the Task's resource; for .sync patterns `onSubmitted` reports the started job. */
  callResource(plan: TaskStatePlan, parameters: JsonValue, onSubmitted: (output: JsonValue) => void): Promise<JsonValue> {
    const { resource } = plan;
    const { services } = this;
    if (resource.kind === 'lambda-function') return invokeFunctionResource(services.invokeLambda, resource.functionName, parameters);
    if (!isObject(parameters)) {
      return Promise.reject(
        new UnhandleableStateFailure(STATE_RUNTIME_ERROR, `State '${plan.name}': Parameters must produce a JSON object for ${plan.resourceArn}`)
      );
    }
    switch (resource.kind) {
      case 'lambda-invoke':
        return invokeLambdaIntegration(services.invokeLambda, parameters, services.log);
      case 'dynamodb':
        return callDynamoDb(services.dynamoDb, 'optimized', resource.action, parameters);
      case 'aws-sdk-dynamodb':
        return callDynamoDb(services.dynamoDb, 'sdk', resource.action, parameters);
      case 'states-start-execution':
        return services.startExecutionTask(parameters, resource.pattern, onSubmitted);
    }
  }

  private async consume(events: AsyncGenerator<EngineEvent>): Promise<void> {
    try {
      for await (const event of events) this.onEngineEvent(event);
    } catch (error) {
      this.finish('FAILED', { error: STATE_RUNTIME_ERROR, cause: `The local engine failed: ${(error as Error)?.message ?? String(error)}` });
    }
    if (!this.isFinished) this.finish('FAILED', { error: STATE_RUNTIME_ERROR, cause: 'The local engine stopped without a result' });
  }

  private stateType(name: string, engineType: string): string {
    return this.compiled.states.get(name)?.type ?? engineType;
  }

  private mapLength(plan: MapStatePlan, rawInput: unknown): number | undefined {
    if (plan.inputPath === null) return undefined;
    const context = this.contextObject();
    const effective = plan.inputPath ? evaluateReferencePath(plan.inputPath, rawInput, context) : { found: true as const, value: rawInput };
    if (!effective.found) return undefined;
    const items = evaluateReferencePath(plan.itemsPath ?? '$', effective.value, context);
    return items.found && Array.isArray(items.value) ? items.value.length : undefined;
  }

  private onEngineEvent(event: EngineEvent): void {
    const { history } = this.record;
    switch (event.type) {
      case 'StateEntered': {
        const { name, input } = event.state;
        const type = this.stateType(name, event.state.type);
        history.append(`${type}StateEntered` as HistoryEventType, {
          stateEnteredEventDetails: { name, input: toJsonText(input), inputDetails: { truncated: false } },
        });
        const plan = this.compiled.states.get(name);
        if (plan?.type === 'Fail') this.lastEnteredFailState = plan;
        if (plan?.type === 'Map') history.append('MapStateStarted', { mapStateStartedEventDetails: { length: this.mapLength(plan, input) } });
        if (plan?.type === 'Parallel') history.append('ParallelStateStarted', {});
        return;
      }
      case 'StateExited': {
        const { name, output } = event.state;
        const type = this.stateType(name, event.state.type);
        if ((type === 'Map' || type === 'Parallel') && !this.failedContainerStates.delete(name)) {
          history.append(`${type}StateSucceeded` as HistoryEventType, {});
        }
        history.append(`${type}StateExited` as HistoryEventType, {
          stateExitedEventDetails: { name, output: toJsonText(output), outputDetails: { truncated: false } },
        });
        return;
      }
      case 'StateFailed': {
        // Task failures were recorded by the attempt (TaskFailed, LambdaFunctionTimedOut, ...).
        const type = this.stateType(event.state.name, event.state.type);
        if (type === 'Map' || type === 'Parallel') {
          this.failedContainerStates.add(event.state.name);
          history.append(`${type}StateFailed` as HistoryEventType, {});
        }
        return;
      }
      case 'MapIterationStarted':
        history.append('MapIterationStarted', { mapIterationStartedEventDetails: { name: event.parentState.name, index: event.index } });
        return;
      case 'MapIterationSucceeded':
        history.append('MapIterationSucceeded', { mapIterationSucceededEventDetails: { name: event.parentState.name, index: event.index } });
        return;
      case 'MapIterationFailed':
        history.append('MapIterationFailed', { mapIterationFailedEventDetails: { name: event.parentState.name, index: event.index } });
        return;
      case 'ExecutionSucceeded':
        this.finish('SUCCEEDED', { output: toJsonText(event.output) });
        return;
      case 'ExecutionFailed':
        this.finish('FAILED', this.failureDetails(event.Error, event.Cause));
        return;
      case 'ExecutionAborted':
        this.finish('ABORTED', { error: this.stopRequest?.error, cause: this.stopRequest?.cause });
        return;
      case 'ExecutionTimeout':
        this.finish('TIMED_OUT', { error: 'States.Timeout' });
        return;
      default:
        // ExecutionStarted is recorded at start; StateRetried/StateCaught and Parallel branch events have no AWS counterpart.
        return;
    }
  }

  /** Undoes the engine's stand-ins: a Fail state without Error/Cause, and the Cause it gives timeouts. */
  private failureDetails(engineError: string, engineCause: unknown): { error?: string; cause?: string } {
    let error: string | undefined = engineError;
    let cause: string | undefined = engineCause === undefined ? undefined : typeof engineCause === 'string' ? engineCause : toJsonText(engineCause);
    const failState = this.lastEnteredFailState;
    if (failState && engineError === 'FailStateError' && !failState.declaresError) error = undefined;
    if (failState && cause === 'Execution failed because of a Fail state' && !failState.declaresCause) cause = undefined;
    if (engineError === 'States.Timeout' && cause === 'States.Timeout') cause = undefined;
    return { error, cause: cause === '' ? undefined : cause };
  }

  private finish(status: ExecutionStatus, details: { output?: string; error?: string; cause?: string }): void {
    if (this.isFinished) return;
    const { record } = this;
    const { history } = record;
    record.status = status;
    record.stopDate = new Date();
    record.output = details.output;
    record.error = details.error;
    record.cause = details.cause;
    switch (status) {
      case 'SUCCEEDED':
        history.append('ExecutionSucceeded', { executionSucceededEventDetails: { output: details.output, outputDetails: { truncated: false } } });
        break;
      case 'FAILED':
        history.append('ExecutionFailed', { executionFailedEventDetails: { error: details.error, cause: details.cause } });
        break;
      case 'ABORTED':
        history.append('ExecutionAborted', { executionAbortedEventDetails: { error: details.error, cause: details.cause } });
        break;
      case 'TIMED_OUT':
        history.append('ExecutionTimedOut', { executionTimedOutEventDetails: { error: details.error, cause: details.cause } });
        break;
    }
    this.isFinished = true;
    this.stopped.abort();
    for (const attempt of [...this.attempts]) attempt.abandon();
    this.services.log(
      `execution ${record.name} of ${record.stateMachineName} ${status}${
        details.error ? `: ${details.error}${details.cause ? ` (${details.cause})` : ''}` : ''
      }`
    );
    this.finished.resolve();
  }
}
