// Turns an ASL definition into what the local service needs to run it with aws-local-stepfunctions:
// a plan per state (which integration a Task uses, how a Wait computes its duration, ...) and a
// locally rewritten copy of the definition. The file itself is never changed; only the in-memory
// copy is, and only for timing: Wait states become Tasks (so a local override can scale their
// duration by the time scale), and timeouts/retry intervals are read through getters.
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { InvalidDefinitionError } from './errors';
import { isDynamoDbApiAction } from './integrations/dynamodb';
import { parseReferencePath, ReferencePathError } from './reference-path';
import { parseTaskResource, UnsupportedResourceError, type TaskResource } from './resources';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface TaskStatePlan {
  type: 'Task';
  name: string;
  resourceArn: string;
  resource: TaskResource;
  waitForTaskToken: boolean;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
  heartbeatSeconds?: number;
  heartbeatSecondsPath?: string;
  /** Whether the engine hands the override a Parameters result (then *SecondsPath values travel in hidden keys). */
  hasParameters: boolean;
}

export interface WaitStatePlan {
  type: 'Wait';
  name: string;
  seconds?: number;
  timestamp?: string;
  secondsPath?: string;
  timestampPath?: string;
}

export interface MapStatePlan {
  type: 'Map';
  name: string;
  inputPath?: string | null;
  itemsPath?: string;
}

export interface FailStatePlan {
  type: 'Fail';
  name: string;
  declaresError: boolean;
  declaresCause: boolean;
}

export interface OtherStatePlan {
  type: 'Pass' | 'Choice' | 'Succeed' | 'Parallel';
  name: string;
}

export type StatePlan = TaskStatePlan | WaitStatePlan | MapStatePlan | FailStatePlan | OtherStatePlan;

export interface CompiledStateMachine {
  /** The definition exactly as registered, for DescribeStateMachine(ForExecution). */
  definitionText: string;
  /** Every state in the machine, including those inside Parallel branches and Map processors (names are unique machine-wide). */
  states: ReadonlyMap<string, StatePlan>;
  /** The rewritten definition; instantiate a fresh copy per execution with {@link instantiateLocalDefinition}. */
  localTemplate: JsonObject;
}

/**
 * Parameters keys the rewrite adds so that TimeoutSecondsPath/HeartbeatSecondsPath are resolved
 * by the engine against the state's effective input and reach the override; the override removes them.
 */
export const HIDDEN_TIMEOUT_KEY = '__localStepFunctionsTimeoutSeconds';
export const HIDDEN_HEARTBEAT_KEY = '__localStepFunctionsHeartbeatSeconds';

/** Resource given to rewritten Wait states; only the local override ever sees it. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local-stepfunctions:wait';

/**
 * The longest timer the engine can arm: Node fires setTimeout delays above 2^31-1 ms at once,
 * so longer timeouts are capped at ~23 days (which a local run never reaches).
 */
export const LONGEST_TIMER_SECONDS = 2_000_000;

/** AWS's Task TimeoutSeconds when none is given (States Language: "99999999"); the engine's own default would be 60 s. */
export const AWS_DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

const JSONATA_ONLY_FIELDS = ['Assign', 'Arguments', 'Output'] as const;
const DISTRIBUTED_MAP_FIELDS = [
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
] as const;

/**
 * Deep copy through JSON, not structuredClone: the engine only evaluates nested Parameters objects whose
 * prototype is its own realm's Object.prototype, and structuredClone can come from another realm (Jest's
 * vm sandbox hands tests Node's). JSON.parse always builds objects of the calling realm.
 */
export function cloneJson<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonataExpression(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('{%') && trimmed.endsWith('%}');
}

function findJsonataExpression(value: unknown): string | undefined {
  if (typeof value === 'string') return isJsonataExpression(value) ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findJsonataExpression(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isObject(value)) {
    for (const item of Object.values(value)) {
      const found = findJsonataExpression(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function refuse(message: string): never {
  throw new InvalidDefinitionError(message);
}

/** The nested state machines of a Parallel or Map state. */
function childMachines(state: JsonObject): JsonObject[] {
  const children: JsonObject[] = [];
  if (Array.isArray(state.Branches)) children.push(...state.Branches.filter(isObject));
  if (isObject(state.Iterator)) children.push(state.Iterator);
  if (isObject(state.ItemProcessor)) children.push(state.ItemProcessor);
  return children;
}

function forEachState(machine: JsonObject, visit: (name: string, state: JsonObject) => void): void {
  if (!isObject(machine.States)) return;
  for (const [name, state] of Object.entries(machine.States)) {
    if (!isObject(state)) continue;
    visit(name, state);
    for (const child of childMachines(state)) forEachState(child, visit);
  }
}

function checkReferencePath(stateName: string, field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') refuse(`State '${stateName}': ${field} must be a string`);
  try {
    parseReferencePath(value);
  } catch (error) {
    if (error instanceof ReferencePathError) refuse(`State '${stateName}': ${field} ${error.message}`);
    throw error;
  }
  return value;
}

/** Refuses what aws-local-stepfunctions cannot run: JSONata and variables, and distributed Map. */
function refuseUnsupportedLanguage(definition: JsonObject): void {
  if (definition.QueryLanguage === 'JSONata') {
    refuse('QueryLanguage "JSONata" is not supported by the local Step Functions engine; write the definition in JSONPath');
  }
  forEachState(definition, (name, state) => {
    if (state.QueryLanguage === 'JSONata') {
      refuse(`State '${name}' sets QueryLanguage "JSONata", which the local Step Functions engine does not support; use JSONPath`);
    }
    for (const field of JSONATA_ONLY_FIELDS) {
      if (field in state) {
        refuse(
          `State '${name}' uses '${field}', a JSONata/variables feature the local Step Functions engine does not support; use JSONPath fields (Parameters, ResultSelector, ResultPath, OutputPath)`
        );
      }
    }
    if (Array.isArray(state.Choices) && state.Choices.some((rule) => isObject(rule) && 'Condition' in rule)) {
      refuse(`State '${name}' has a Choice rule with 'Condition', a JSONata feature the local Step Functions engine does not support`);
    }
    const expression = findJsonataExpression(state);
    if (expression !== undefined) {
      refuse(`State '${name}' contains the JSONata expression ${JSON.stringify(expression)}; the local Step Functions engine supports JSONPath only`);
    }
    if (state.Type === 'Map') {
      const distributedField = DISTRIBUTED_MAP_FIELDS.find((field) => field in state);
      const processorConfig = isObject(state.ItemProcessor) ? state.ItemProcessor.ProcessorConfig : undefined;
      if (distributedField || (isObject(processorConfig) && processorConfig.Mode === 'DISTRIBUTED')) {
        refuse(
          `State '${name}' is a distributed Map${
            distributedField ? ` (${distributedField})` : ''
          }, which the local Step Functions engine does not support`
        );
      }
    }
  });
}

function planTask(name: string, state: JsonObject): TaskStatePlan {
  if (typeof state.Resource !== 'string') refuse(`State '${name}' is a Task without a Resource`);
  let resource: TaskResource;
  try {
    resource = parseTaskResource(state.Resource);
  } catch (error) {
    if (error instanceof UnsupportedResourceError) {
      refuse(`State '${name}' uses Resource '${state.Resource}', which the local Step Functions service cannot run: ${error.reason}`);
    }
    throw error;
  }
  if (resource.kind === 'aws-sdk-dynamodb' && !isDynamoDbApiAction(resource.action)) {
    refuse(`State '${name}' uses Resource '${state.Resource}', but '${resource.action}' is not a DynamoDB API action`);
  }
  if (resource.kind !== 'lambda-function' && !isObject(state.Parameters)) {
    refuse(`State '${name}' uses the service integration '${state.Resource}' without a Parameters object`);
  }
  return {
    type: 'Task',
    name,
    resourceArn: state.Resource,
    resource,
    waitForTaskToken: resource.kind !== 'lambda-function' && resource.pattern === 'wait-for-task-token',
    timeoutSeconds: typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined,
    timeoutSecondsPath: checkReferencePath(name, 'TimeoutSecondsPath', state.TimeoutSecondsPath),
    heartbeatSeconds: typeof state.HeartbeatSeconds === 'number' ? state.HeartbeatSeconds : undefined,
    heartbeatSecondsPath: checkReferencePath(name, 'HeartbeatSecondsPath', state.HeartbeatSecondsPath),
    hasParameters: 'Parameters' in state,
  };
}

function planState(name: string, state: JsonObject): StatePlan {
  switch (state.Type) {
    case 'Task':
      return planTask(name, state);
    case 'Wait':
      return {
        type: 'Wait',
        name,
        seconds: typeof state.Seconds === 'number' ? state.Seconds : undefined,
        timestamp: typeof state.Timestamp === 'string' ? state.Timestamp : undefined,
        secondsPath: checkReferencePath(name, 'SecondsPath', state.SecondsPath),
        timestampPath: checkReferencePath(name, 'TimestampPath', state.TimestampPath),
      };
    case 'Map':
      return {
        type: 'Map',
        name,
        inputPath: state.InputPath === null ? null : checkReferencePath(name, 'InputPath', state.InputPath),
        itemsPath: checkReferencePath(name, 'ItemsPath', state.ItemsPath),
      };
    case 'Fail':
      return { type: 'Fail', name, declaresError: 'Error' in state || 'ErrorPath' in state, declaresCause: 'Cause' in state || 'CausePath' in state };
    case 'Pass':
    case 'Choice':
    case 'Succeed':
    case 'Parallel':
      return { type: state.Type, name };
    default:
      return refuse(`State '${name}' has the unknown Type ${JSON.stringify(state.Type)}`);
  }
}

/** Rewrites the template copy in place: Wait → Task, hidden *SecondsPath parameters, capped execution timeout. */
function rewriteForLocalTiming(template: JsonObject, plans: ReadonlyMap<string, StatePlan>): void {
  if (typeof template.TimeoutSeconds === 'number') template.TimeoutSeconds = Math.min(template.TimeoutSeconds, LONGEST_TIMER_SECONDS);
  const rewrite = (machine: JsonObject): void => {
    if (!isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) continue;
      const plan = plans.get(name);
      if (plan?.type === 'Wait') {
        // A Task with only InputPath/OutputPath behaves like a Wait: its result (the override
        // returns its input) replaces the effective input, then OutputPath applies.
        const task: JsonObject = { Type: 'Task', Resource: LOCAL_WAIT_RESOURCE };
        for (const field of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End'] as const) {
          if (field in state) task[field] = state[field];
        }
        machine.States[name] = task;
        continue;
      }
      if (plan?.type === 'Task') {
        delete state.TimeoutSecondsPath;
        delete state.HeartbeatSecondsPath;
        if (plan.hasParameters && isObject(state.Parameters)) {
          if (plan.timeoutSecondsPath) state.Parameters[`${HIDDEN_TIMEOUT_KEY}.$`] = plan.timeoutSecondsPath;
          if (plan.heartbeatSecondsPath) state.Parameters[`${HIDDEN_HEARTBEAT_KEY}.$`] = plan.heartbeatSecondsPath;
        }
      }
      for (const child of childMachines(state)) rewrite(child);
    }
  };
  rewrite(template);
}

/**
 * asl-validator builds a fresh Ajv instance on every call (~250 ms), so results are remembered per
 * definition text; the local cloud re-registers the same files on every start and update.
 */
const validationResults = new Map<string, string | null>();
const MAX_REMEMBERED_VALIDATIONS = 256;

function aslValidationError(definitionText: string, definition: JsonObject): string | undefined {
  let result = validationResults.get(definitionText);
  if (result === undefined) {
    try {
      // The engine validates with asl-validator, which annotates the object it checks: give it a copy.
      new StateMachine(cloneJson(definition) as unknown as StateMachineDefinition);
      result = null;
    } catch (error) {
      result = (error as Error).message.replace(/\s+/g, ' ').trim();
    }
    if (validationResults.size >= MAX_REMEMBERED_VALIDATIONS) validationResults.delete(validationResults.keys().next().value!);
    validationResults.set(definitionText, result);
  }
  return result ?? undefined;
}

export function compileDefinition(definitionText: string): CompiledStateMachine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definitionText);
  } catch (error) {
    refuse(`The definition is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) refuse('The definition must be a JSON object');
  const definition = parsed;

  refuseUnsupportedLanguage(definition);

  const states = new Map<string, StatePlan>();
  forEachState(definition, (name, state) => {
    // The engine looks up Task overrides by state name across nested machines, as AWS requires
    // ("State names must be unique within the scope of the whole state machine").
    if (states.has(name)) refuse(`State name '${name}' is used more than once; state names must be unique in the whole state machine`);
    states.set(name, planState(name, state));
  });

  // Last, because it is the slow check: the refusals above name the offending state more precisely.
  const validationError = aslValidationError(definitionText, definition);
  if (validationError !== undefined) refuse(validationError);

  const localTemplate = cloneJson(definition);
  rewriteForLocalTiming(localTemplate, states);
  return { definitionText, states, localTemplate };
}

export interface LocalTimingHooks {
  /** TimeoutSeconds the engine must use for the Task attempt whose override has just run. */
  taskTimeoutSeconds(): number;
  /** Current time scale (1 = real time). */
  timeScale(): number;
}

function defineGetter(target: object, key: string, get: () => number | undefined): void {
  Object.defineProperty(target, key, { get, enumerable: true, configurable: true });
}

/**
 * A fresh engine definition for one execution. Task TimeoutSeconds and Retry intervals are getters:
 * the engine reads TimeoutSeconds right after calling the Task override (synchronously), so the
 * override decides the effective (possibly scaled) timeout; retry intervals follow the time scale.
 */
export function instantiateLocalDefinition(compiled: CompiledStateMachine, hooks: LocalTimingHooks): StateMachineDefinition {
  const copy = cloneJson(compiled.localTemplate);
  const instrument = (machine: JsonObject): void => {
    if (!isObject(machine.States)) return;
    for (const state of Object.values(machine.States)) {
      if (!isObject(state)) continue;
      if (state.Type === 'Task') {
        delete state.TimeoutSeconds;
        defineGetter(state, 'TimeoutSeconds', () => hooks.taskTimeoutSeconds());
      }
      if (Array.isArray(state.Retry)) {
        for (const retrier of state.Retry) {
          if (!isObject(retrier)) continue;
          // Engine defaults: IntervalSeconds 1; MaxDelaySeconds unset means no cap.
          const interval = typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1;
          const maxDelay = typeof retrier.MaxDelaySeconds === 'number' ? retrier.MaxDelaySeconds : undefined;
          delete retrier.IntervalSeconds;
          delete retrier.MaxDelaySeconds;
          defineGetter(retrier, 'IntervalSeconds', () => interval * hooks.timeScale());
          defineGetter(retrier, 'MaxDelaySeconds', () => (maxDelay === undefined ? undefined : maxDelay * hooks.timeScale()));
        }
      }
      for (const child of childMachines(state)) instrument(child);
    }
  };
  instrument(copy);
  return copy as unknown as StateMachineDefinition;
}
