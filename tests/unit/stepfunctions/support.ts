// Starts DynamoDB Local and the local Step Functions service, and gives tests an SDK client plus
// a small registry of in-process Lambda handlers (what the local cloud's invokeLambda calls).
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  type DescribeExecutionOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';
import { startLocalStepFunctions, type LocalStepFunctions } from '../../../local/stepfunctions';

export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';

/** Thrown by test handlers the way the local Lambda runtime reports a function error. */
export class FunctionError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

export type TestHandler = (event: unknown) => unknown;

export interface Harness {
  dynamoDb?: DynamoDbLocal;
  stepFunctions: LocalStepFunctions;
  sfn: SFNClient;
  handlers: Map<string, TestHandler>;
  /** Every invocation, in order: function name and event. */
  invocations: { functionName: string; event: unknown }[];
  logs: string[];
  functionArn(name: string): string;
  stop(): Promise<void>;
}

export async function startHarness(options: { withDynamoDb: boolean; timeScale?: number }): Promise<Harness> {
  const dynamoDb = options.withDynamoDb ? await startDynamoDbLocal() : undefined;
  const handlers = new Map<string, TestHandler>();
  const invocations: Harness['invocations'] = [];
  const logs: string[] = [];
  const stepFunctions = await startLocalStepFunctions({
    port: 0,
    region: REGION,
    accountId: ACCOUNT_ID,
    // Nothing listens on port 9: tests without DynamoDB never reach it.
    dynamoDbEndpoint: dynamoDb?.endpoint ?? 'http://127.0.0.1:9',
    timeScale: options.timeScale,
    log: (line) => logs.push(line),
    invokeLambda: async (functionName, payload) => {
      invocations.push({ functionName, event: payload });
      const handler = handlers.get(functionName);
      if (!handler) throw new FunctionError('ResourceNotFoundException', `Function not found: ${functionName}`);
      return handler(payload);
    },
  });
  const sfn = new SFNClient({
    endpoint: stepFunctions.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // StartSyncExecution carries the `sync-` host prefix, which does not resolve for 127.0.0.1.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return {
    dynamoDb,
    stepFunctions,
    sfn,
    handlers,
    invocations,
    logs,
    functionArn: (name) => `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`,
    stop: async () => {
      sfn.destroy();
      await stepFunctions.stop();
      await dynamoDb?.stop();
    },
  };
}

let uniqueCounter = 0;
/** A name no other test in the run uses (state machines and executions live for the whole file). */
export function uniqueName(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  until: (execution: DescribeExecutionOutput) => boolean = (execution) => execution.status !== 'RUNNING',
  timeoutMs = 15_000
): Promise<DescribeExecutionOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (until(execution)) return execution;
    if (Date.now() > deadline) throw new Error(`execution ${executionArn} still ${execution.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Polls until `read()` returns a value (e.g. a task token a handler captured). */
export async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function definition(states: Record<string, unknown>, startAt: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ StartAt: startAt, States: states, ...extra });
}
