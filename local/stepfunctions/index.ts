// The local Step Functions service: the same state machine files CDK deploys, run by
// aws-local-stepfunctions behind an HTTP endpoint that @aws-sdk/client-sfn talks to unchanged
// (AWS_ENDPOINT_URL_SFN). Executions live in memory.
//
// Clients calling StartSyncExecution must set `disableHostPrefix: true`: the SDK otherwise prepends
// the operation's `sync-` host prefix, and `sync-127.0.0.1` does not resolve.
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createStepFunctionsHttpServer } from './http-server';
import { StepFunctionsService } from './service';

export { InvalidDefinitionError, StepFunctionsApiError } from './errors';

export interface LocalStepFunctionsOptions {
  host?: string; // default 127.0.0.1
  port?: number; // 0 = ephemeral
  region: string; // e.g. 'us-east-1'
  accountId: string; // e.g. '000000000000'
  /** Calls an in-process Lambda handler. Rejects with an Error whose `name` is the Lambda errorType and `message` its errorMessage. */
  invokeLambda(functionName: string, payload: unknown): Promise<unknown>;
  /** Endpoint of DynamoDB Local, for dynamodb:* and aws-sdk:dynamodb:* task integrations. */
  dynamoDbEndpoint: string;
  /** 1 = real time. 0.001 makes a 48 h wait last ~173 s; applies to Wait states, Retry intervals, task TimeoutSeconds/HeartbeatSeconds of .waitForTaskToken tasks. */
  timeScale?: number;
  log?: (line: string) => void;
}

export interface LocalStepFunctions {
  endpoint: string; // http://127.0.0.1:<port>
  /** Returns the ARN; re-registering the same name updates it. Throws InvalidDefinitionError for definitions it cannot run. */
  registerStateMachine(input: { name: string; definition: string; type: 'STANDARD' | 'EXPRESS'; roleArn?: string }): string;
  setTimeScale(scale: number): void;
  stop(): Promise<void>;
}

export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  const log = options.log ?? (() => undefined);
  const dynamoDb = new DynamoDBClient({
    endpoint: options.dynamoDbEndpoint,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const service = new StepFunctionsService({
    region: options.region,
    accountId: options.accountId,
    invokeLambda: (functionName, payload) => options.invokeLambda(functionName, payload),
    dynamoDb,
    timeScale: 1,
    log: (line) => log(`[stepfunctions] ${line}`),
  });
  if (options.timeScale !== undefined) service.setTimeScale(options.timeScale);

  const server = createStepFunctionsHttpServer(service, (line) => log(`[stepfunctions] ${line}`));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`[stepfunctions] listening on ${endpoint}`);

  return {
    endpoint,
    registerStateMachine: (input) => service.registerStateMachine(input),
    setTimeScale: (scale) => service.setTimeScale(scale),
    stop: async () => {
      await service.stopAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      dynamoDb.destroy();
    },
  };
}
