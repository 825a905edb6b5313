// The Step Functions API actions over in-memory state machines and executions. Request and
// response shapes are the SDK's own types, so what the HTTP layer returns is what
// `@aws-sdk/client-sfn` expects. Behaviour follows the Step Functions API reference; where a
// rule is subtle the reference's wording is quoted next to the code.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  CreateStateMachineInput,
  CreateStateMachineOutput,
  DeleteStateMachineInput,
  DeleteStateMachineOutput,
  DescribeExecutionInput,
  DescribeExecutionOutput,
  DescribeStateMachineForExecutionInput,
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineInput,
  DescribeStateMachineOutput,
  ExecutionListItem,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  HistoryEvent,
  ListExecutionsInput,
  ListExecutionsOutput,
  ListStateMachinesInput,
  ListStateMachinesOutput,
  SendTaskFailureInput,
  SendTaskFailureOutput,
  SendTaskHeartbeatInput,
  SendTaskHeartbeatOutput,
  SendTaskSuccessInput,
  SendTaskSuccessOutput,
  StartExecutionInput,
  StartExecutionOutput,
  StartSyncExecutionInput,
  StartSyncExecutionOutput,
  StateMachineType,
  StopExecutionInput,
  StopExecutionOutput,
  UpdateStateMachineInput,
  UpdateStateMachineOutput,
} from '@aws-sdk/client-sfn';
import { compileDefinition, type CompiledStateMachine, type JsonObject, type JsonValue } from './definition';
import { StateFailure, StepFunctionsApiError, UnhandleableStateFailure } from './errors';
import { ExecutionRun, type ExecutionRecord } from './execution';
import { ExecutionHistory, paginate } from './history';
import { sdkHttpMetadata } from './integrations/sdk-http-metadata';
import type { InvokeLambda } from './integrations/lambda';
import type { IntegrationPattern } from './resources';
import { TaskTokenRegistry } from './task-tokens';

export interface StepFunctionsServiceOptions {
  region: string;
  accountId: string;
  invokeLambda: InvokeLambda;
  dynamoDb: DynamoDBClient;
  timeScale: number;
  log: (line: string) => void;
}

interface StateMachineRecord {
  arn: string;
  name: string;
  type: StateMachineType;
  roleArn: string;
  compiled: CompiledStateMachine;
  creationDate: Date;
  updateDate: Date;
  revisionId: string;
}

export interface RegisterStateMachineInput {
  name: string;
  definition: string;
  type: 'STANDARD' | 'EXPRESS';
  roleArn?: string;
}

/** Names of state machines and executions: 1–80 characters, none of the characters the API reference forbids. */
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

export function isValidResourceName(name: string): boolean {
  return name.length >= 1 && name.length <= 80 && !FORBIDDEN_NAME_CHARACTERS.test(name);
}

function requireString(input: object, field: string): string {
  const value = (input as Record<string, unknown>)[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new StepFunctionsApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`
    );
  }
  return value;
}

function optionalString(input: object, field: string): string | undefined {
  const value = (input as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new StepFunctionsApiError('ValidationException', `'${field}' must be a string`);
  return value;
}

function parseExecutionInput(input: string): JsonValue {
  try {
    return JSON.parse(input) as JsonValue;
  } catch (error) {
    throw new StepFunctionsApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
  }
}

const REDRIVE_UNSUPPORTED = 'Redrive is not supported by the local Step Functions service';

export class StepFunctionsService {
  readonly tokens = new TaskTokenRegistry();
  private readonly stateMachines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, ExecutionRun>();
  private timeScale: number;

  constructor(private readonly options: StepFunctionsServiceOptions) {
    this.timeScale = options.timeScale;
  }

  setTimeScale(scale: number): void {
    if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`The time scale must be a positive finite number, got ${scale}`);
    this.timeScale = scale;
  }

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.options.region}:${this.options.accountId}:stateMachine:${name}`;
  }

  private defaultRoleArn(): string {
    return `arn:aws:iam::${this.options.accountId}:role/LocalStepFunctionsRole`;
  }

  // ---- state machines -------------------------------------------------------------------

  /** In-process registration for the local cloud: creates, or updates the machine of that name. */
  registerStateMachine(input: RegisterStateMachineInput): string {
    if (!isValidResourceName(input.name)) throw new StepFunctionsApiError('InvalidName', `Invalid State Machine Name: '${input.name}'`);
    if (input.type !== 'STANDARD' && input.type !== 'EXPRESS')
      throw new StepFunctionsApiError('ValidationException', `Unknown state machine type ${String(input.type)}`);
    const compiled = compileDefinition(input.definition);
    const arn = this.stateMachineArn(input.name);
    const existing = this.stateMachines.get(arn);
    const now = new Date();
    this.stateMachines.set(arn, {
      arn,
      name: input.name,
      type: input.type,
      roleArn: input.roleArn ?? existing?.roleArn ?? this.defaultRoleArn(),
      compiled,
      creationDate: existing?.creationDate ?? now,
      updateDate: now,
      revisionId: randomUUID(),
    });
    this.options.log(`state machine ${input.name} (${input.type}) ${existing ? 'updated' : 'registered'}`);
    return arn;
  }

  private machineFor(stateMachineArn: string): StateMachineRecord {
    if (!/^arn:aws[a-z-]*:states:[^:]*:[^:]*:stateMachine:/.test(stateMachineArn)) {
      throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${stateMachineArn}'`);
    }
    const machine = this.stateMachines.get(stateMachineArn);
    if (!machine) throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  }

  createStateMachine(input: CreateStateMachineInput): CreateStateMachineOutput {
    const name = requireString(input, 'name');
    const definition = requireString(input, 'definition');
    const type = input.type ?? 'STANDARD';
    if (!isValidResourceName(name)) throw new StepFunctionsApiError('InvalidName', `Invalid State Machine Name: '${name}'`);
    const existing = this.stateMachines.get(this.stateMachineArn(name));
    if (existing) {
      // "CreateStateMachine is an idempotent API": same name, definition, type and role return the existing machine.
      const same =
        existing.compiled.definitionText === definition && existing.type === type && (input.roleArn ?? existing.roleArn) === existing.roleArn;
      if (!same) throw new StepFunctionsApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${existing.arn}'`);
      return { stateMachineArn: existing.arn, creationDate: existing.creationDate };
    }
    const arn = this.registerStateMachine({ name, definition, type: type as 'STANDARD' | 'EXPRESS', roleArn: input.roleArn });
    const created = this.stateMachines.get(arn)!;
    return { stateMachineArn: arn, creationDate: created.creationDate };
  }

  updateStateMachine(input: UpdateStateMachineInput): UpdateStateMachineOutput {
    const machine = this.machineFor(requireString(input, 'stateMachineArn'));
    if (input.definition === undefined && input.roleArn === undefined) {
      throw new StepFunctionsApiError('ValidationException', 'Either the definition or the roleArn must be specified');
    }
    this.registerStateMachine({
      name: machine.name,
      type: machine.type as 'STANDARD' | 'EXPRESS',
      definition: input.definition ?? machine.compiled.definitionText,
      roleArn: input.roleArn ?? machine.roleArn,
    });
    const updated = this.stateMachines.get(machine.arn)!;
    return { updateDate: updated.updateDate, revisionId: updated.revisionId };
  }

  describeStateMachine(input: DescribeStateMachineInput): DescribeStateMachineOutput {
    const machine = this.machineFor(requireString(input, 'stateMachineArn'));
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.compiled.definitionText,
      roleArn: machine.roleArn,
      type: machine.type,
      creationDate: machine.creationDate,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
      revisionId: machine.revisionId,
    };
  }

  listStateMachines(input: ListStateMachinesInput): ListStateMachinesOutput {
    const machines = [...this.stateMachines.values()].sort(
      (a, b) => a.creationDate.getTime() - b.creationDate.getTime() || a.name.localeCompare(b.name)
    );
    const { page, nextToken } = paginate(machines, input.maxResults, input.nextToken, 'ListStateMachines');
    return {
      stateMachines: page.map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: machine.type,
        creationDate: machine.creationDate,
      })),
      nextToken,
    };
  }

  deleteStateMachine(input: DeleteStateMachineInput): DeleteStateMachineOutput {
    const arn = requireString(input, 'stateMachineArn');
    // Running executions keep running, as on AWS (the machine is marked for deletion).
    this.stateMachines.delete(arn);
    return {};
  }

  // ---- executions -----------------------------------------------------------------------

  private runFor(executionArn: string): ExecutionRun {
    if (!/^arn:aws[a-z-]*:states:[^:]*:[^:]*:(execution|express):/.test(executionArn)) {
      throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${executionArn}'`);
    }
    const run = this.executions.get(executionArn);
    if (!run) throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return run;
  }

  private launch(input: StartExecutionInput): ExecutionRun {
    const machine = this.machineFor(requireString(input, 'stateMachineArn'));
    const inputText = optionalString(input, 'input') ?? '{}';
    const parsedInput = parseExecutionInput(inputText);
    const name = optionalString(input, 'name') ?? randomUUID();
    if (!isValidResourceName(name)) throw new StepFunctionsApiError('InvalidName', `Invalid Execution Name: '${name}'`);
    const { region, accountId } = this.options;
    const executionArn =
      machine.type === 'EXPRESS'
        ? `arn:aws:states:${region}:${accountId}:express:${machine.name}:${name}:${randomUUID()}`
        : `arn:aws:states:${region}:${accountId}:execution:${machine.name}:${name}`;

    const existing = this.executions.get(executionArn);
    if (existing) {
      // "StartExecution is idempotent for STANDARD workflows. ... if you call StartExecution with the same
      // name and input as a running execution, the call succeeds and return the same response as the
      // original request. If the execution is closed or if the input is different, it returns a
      // 400 ExecutionAlreadyExists error." Inputs are compared as JSON values, not as text.
      const sameInput = isDeepStrictEqual(parseExecutionInput(existing.record.input), parsedInput);
      if (existing.record.status === 'RUNNING' && sameInput) return existing;
      throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }

    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      name,
      type: machine.type,
      roleArn: machine.roleArn,
      input: inputText,
      startDate: new Date(),
      definitionText: machine.compiled.definitionText,
      stateMachineUpdateDate: machine.updateDate,
      status: 'RUNNING',
      history: new ExecutionHistory(),
    };
    const run = new ExecutionRun(record, machine.compiled, {
      region,
      timeScale: () => this.timeScale,
      tokens: this.tokens,
      invokeLambda: this.options.invokeLambda,
      dynamoDb: this.options.dynamoDb,
      startExecutionTask: (parameters, pattern, onSubmitted) => this.startExecutionTask(parameters, pattern, onSubmitted),
      log: this.options.log,
    });
    this.executions.set(executionArn, run);
    run.start();
    return run;
  }

  startExecution(input: StartExecutionInput): StartExecutionOutput {
    const run = this.launch(input);
    return { executionArn: run.record.executionArn, startDate: run.record.startDate };
  }

  async startSyncExecution(input: StartSyncExecutionInput): Promise<StartSyncExecutionOutput> {
    const machine = this.machineFor(requireString(input, 'stateMachineArn'));
    if (machine.type !== 'EXPRESS') {
      throw new StepFunctionsApiError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
    }
    const run = this.launch(input);
    await run.done;
    const { record } = run;
    const stopDate = record.stopDate ?? new Date();
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      startDate: record.startDate,
      stopDate,
      status: record.status === 'SUCCEEDED' || record.status === 'TIMED_OUT' ? record.status : 'FAILED',
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      outputDetails: record.output === undefined ? undefined : { included: true },
      error: record.error,
      cause: record.cause,
      billingDetails: {
        billedMemoryUsedInMB: 64,
        // Express executions are billed in 100 ms increments.
        billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate.getTime() - record.startDate.getTime()) / 100) * 100),
      },
    };
  }

  describeExecution(input: DescribeExecutionInput): DescribeExecutionOutput {
    const { record } = this.runFor(requireString(input, 'executionArn'));
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      stopDate: record.stopDate,
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      outputDetails: record.output === undefined ? undefined : { included: true },
      error: record.error,
      cause: record.cause,
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: record.status === 'RUNNING' ? 'Execution is RUNNING and cannot be redriven' : REDRIVE_UNSUPPORTED,
    };
  }

  describeStateMachineForExecution(input: DescribeStateMachineForExecutionInput): DescribeStateMachineForExecutionOutput {
    const { record } = this.runFor(requireString(input, 'executionArn'));
    return {
      stateMachineArn: record.stateMachineArn,
      name: record.stateMachineName,
      definition: record.definitionText,
      roleArn: record.roleArn,
      updateDate: record.stateMachineUpdateDate,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  listExecutions(input: ListExecutionsInput): ListExecutionsOutput {
    const stateMachineArn = requireString(input, 'stateMachineArn');
    this.machineFor(stateMachineArn);
    const statusFilter = optionalString(input, 'statusFilter');
    // Newest first, as AWS lists them.
    const matching = [...this.executions.values()]
      .map((run) => run.record)
      .filter((record) => record.stateMachineArn === stateMachineArn && (!statusFilter || record.status === statusFilter))
      .reverse();
    const { page, nextToken } = paginate(matching, input.maxResults, input.nextToken, `ListExecutions:${stateMachineArn}:${statusFilter ?? ''}`);
    return {
      executions: page.map(
        (record): ExecutionListItem => ({
          executionArn: record.executionArn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          status: record.status,
          startDate: record.startDate,
          stopDate: record.stopDate,
          redriveCount: 0,
        })
      ),
      nextToken,
    };
  }

  getExecutionHistory(input: GetExecutionHistoryInput): GetExecutionHistoryOutput {
    const executionArn = requireString(input, 'executionArn');
    const { record } = this.runFor(executionArn);
    const events = [...record.history.list()];
    if (input.reverseOrder) events.reverse();
    const { page, nextToken } = paginate(
      events,
      input.maxResults,
      input.nextToken,
      `GetExecutionHistory:${executionArn}:${Boolean(input.reverseOrder)}`
    );
    const includeData = input.includeExecutionData ?? true;
    return { events: includeData ? page : page.map(withoutExecutionData), nextToken };
  }

  async stopExecution(input: StopExecutionInput): Promise<StopExecutionOutput> {
    const run = this.runFor(requireString(input, 'executionArn'));
    await run.stop(optionalString(input, 'error'), optionalString(input, 'cause'));
    return { stopDate: run.record.stopDate ?? new Date() };
  }

  // ---- callbacks ------------------------------------------------------------------------

  sendTaskSuccess(input: SendTaskSuccessInput): SendTaskSuccessOutput {
    this.tokens.succeed(requireString(input, 'taskToken'), requireString(input, 'output'));
    return {};
  }

  sendTaskFailure(input: SendTaskFailureInput): SendTaskFailureOutput {
    this.tokens.fail(requireString(input, 'taskToken'), optionalString(input, 'error'), optionalString(input, 'cause'));
    return {};
  }

  sendTaskHeartbeat(input: SendTaskHeartbeatInput): SendTaskHeartbeatOutput {
    this.tokens.heartbeat(requireString(input, 'taskToken'));
    return {};
  }

  // ---- states:startExecution as a Task resource ------------------------------------------

  /**
   * `arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]`. Request-response returns
   * `{ExecutionArn, StartDate}` plus SDK metadata; `.sync` waits for the child and returns its
   * DescribeExecution result (`.sync:2` with Input/Output as JSON, `.sync` as strings); a child that
   * does not succeed fails the task with States.TaskFailed (developer guide, "Start a new AWS Step
   * Functions state machine from a running execution").
   */
  private async startExecutionTask(
    parameters: JsonObject,
    pattern: IntegrationPattern,
    onSubmitted: (output: JsonValue) => void
  ): Promise<JsonValue> {
    if (typeof parameters.StateMachineArn !== 'string') {
      throw new UnhandleableStateFailure('States.Runtime', 'states:startExecution needs a StateMachineArn string parameter');
    }
    const input = parameters.Input === undefined ? '{}' : typeof parameters.Input === 'string' ? parameters.Input : JSON.stringify(parameters.Input);
    const requestId = randomUUID();
    let child: ExecutionRun;
    try {
      child = this.launch({
        stateMachineArn: parameters.StateMachineArn,
        input,
        name: typeof parameters.Name === 'string' ? parameters.Name : undefined,
      });
    } catch (error) {
      if (error instanceof StepFunctionsApiError) {
        const exception = error.code.endsWith('Exception') ? error.code : `${error.code}Exception`;
        throw new StateFailure(
          `StepFunctions.${exception}`,
          `${error.message} (Service: AWSStepFunctions; Status Code: ${error.httpStatus}; Error Code: ${error.code}; Request ID: ${requestId}; Proxy: null)`
        );
      }
      throw error;
    }
    const started: JsonObject = { ExecutionArn: child.record.executionArn, StartDate: child.record.startDate.getTime() };
    const startResponse = { ...started, ...sdkHttpMetadata(requestId, 'application/x-amz-json-1.0', JSON.stringify(started)) };
    if (pattern === 'request-response' || pattern === 'wait-for-task-token') return startResponse;

    onSubmitted(startResponse);
    await child.done;
    const { record } = child;
    const asJson = pattern === 'sync:2';
    const description: JsonObject = {
      ExecutionArn: record.executionArn,
      Input: asJson ? parseExecutionInput(record.input) : record.input,
      InputDetails: { Included: true },
      Name: record.name,
      ...(record.output === undefined
        ? {}
        : { Output: asJson ? parseExecutionInput(record.output) : record.output, OutputDetails: { Included: true } }),
      ...(record.error === undefined ? {} : { Error: record.error }),
      ...(record.cause === undefined ? {} : { Cause: record.cause }),
      RedriveCount: 0,
      StartDate: record.startDate.getTime(),
      StateMachineArn: record.stateMachineArn,
      Status: record.status,
      StopDate: (record.stopDate ?? new Date()).getTime(),
    };
    if (record.status !== 'SUCCEEDED') throw new StateFailure('States.TaskFailed', JSON.stringify(description));
    return description;
  }

  /** Stops every running execution (clearing its timers); the service stays usable. */
  async stopAll(): Promise<void> {
    const running = [...this.executions.values()].filter((run) => !run.isFinished);
    await Promise.all(running.map((run) => run.stop('LocalStepFunctions.Shutdown', 'The local Step Functions service stopped')));
  }
}

/** GetExecutionHistory with includeExecutionData=false: events without their input and output. */
function withoutExecutionData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object') {
      const { input: _input, output: _output, parameters: _parameters, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    }
  }
  return copy as unknown as HistoryEvent;
}
