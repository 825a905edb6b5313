// The AWS JSON 1.0 protocol the Step Functions API speaks: `POST /` with
// `X-Amz-Target: AWSStepFunctions.<Action>` and a JSON body; timestamps are epoch seconds; errors are
// status 400 with `{"__type": "<namespace>#<Code>", "message": ...}`. @aws-sdk/client-sfn keeps what
// follows the `#` of `__type` as the exception's name and reads `message` as its message.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { StepFunctionsApiError } from './errors';
import type { StepFunctionsService } from './service';
import { readBody } from '../support/http';

type ActionHandler = (input: never) => unknown;

const TARGET_PREFIX = 'AWSStepFunctions.';
const ERROR_NAMESPACE = 'com.amazonaws.sfn';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

function actionTable(service: StepFunctionsService): Record<string, ActionHandler> {
  return {
    CreateStateMachine: (input) => service.createStateMachine(input),
    UpdateStateMachine: (input) => service.updateStateMachine(input),
    DescribeStateMachine: (input) => service.describeStateMachine(input),
    ListStateMachines: (input) => service.listStateMachines(input),
    DeleteStateMachine: (input) => service.deleteStateMachine(input),
    StartExecution: (input) => service.startExecution(input),
    StartSyncExecution: (input) => service.startSyncExecution(input),
    DescribeExecution: (input) => service.describeExecution(input),
    DescribeStateMachineForExecution: (input) => service.describeStateMachineForExecution(input),
    ListExecutions: (input) => service.listExecutions(input),
    GetExecutionHistory: (input) => service.getExecutionHistory(input),
    StopExecution: (input) => service.stopExecution(input),
    SendTaskSuccess: (input) => service.sendTaskSuccess(input),
    SendTaskFailure: (input) => service.sendTaskFailure(input),
    SendTaskHeartbeat: (input) => service.sendTaskHeartbeat(input),
  };
}

/** JSON with Dates as epoch seconds (fractional, millisecond precision), the protocol's timestamp format. */
export function serializeResponse(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, converted: unknown) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : converted;
  });
}


function send(response: http.ServerResponse, status: number, body: string, requestId: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  response.end(body);
}

function sendError(response: http.ServerResponse, error: StepFunctionsApiError, requestId: string): void {
  send(response, error.httpStatus, JSON.stringify({ __type: `${ERROR_NAMESPACE}#${error.code}`, message: error.message }), requestId);
}

export function createStepFunctionsHttpServer(service: StepFunctionsService, log: (line: string) => void): http.Server {
  const actions = actionTable(service);
  const server = http.createServer((request, response) => {
    const requestId = randomUUID();
    void (async () => {
      try {
        if (request.method === 'GET') {
          // Readiness probe for the local cloud; the real API only accepts POST.
          send(response, 200, JSON.stringify({ service: 'local-stepfunctions', status: 'ready' }), requestId);
          return;
        }
        const target = request.headers['x-amz-target'];
        const action = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
        const handler = action ? actions[action] : undefined;
        if (!handler) {
          throw new StepFunctionsApiError('UnknownOperationException', `Unknown operation ${JSON.stringify(target ?? '')}`);
        }
        const body = await readBody(request, MAX_BODY_BYTES, () => new StepFunctionsApiError('ValidationException', `Request body exceeds ${MAX_BODY_BYTES} bytes`));
        let input: unknown;
        try {
          input = body.trim() === '' ? {} : JSON.parse(body);
        } catch {
          throw new StepFunctionsApiError('SerializationException', 'The request body is not valid JSON');
        }
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          throw new StepFunctionsApiError('SerializationException', 'The request body must be a JSON object');
        }
        const output = await handler(input as never);
        send(response, 200, serializeResponse(output ?? {}), requestId);
      } catch (error) {
        if (error instanceof StepFunctionsApiError) {
          sendError(response, error, requestId);
          return;
        }
        log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
        sendError(
          response,
          new StepFunctionsApiError('InternalFailure', 'The local Step Functions service failed to process the request', 500),
          requestId
        );
      }
    })();
  });
  // The SDK keeps connections alive and reuses them; Node's default 5 s idle timeout races with that
  // reuse (ECONNRESET on a request sent as the server closes the socket). AWS endpoints idle out later.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
