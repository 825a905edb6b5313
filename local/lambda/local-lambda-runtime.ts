// Runs the Lambda handlers in-process: the same entry files CDK bundles with NodejsFunction.
// Modules are loaded on first invocation (so `npm start` stays fast) and kept, like a warm
// container. Errors are reported the way Lambda reports them: errorType + errorMessage.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FunctionDefinition } from '../../cdk/artifacts/functions';

export class LambdaInvocationError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: string[] = [],
  ) {
    super(errorMessage);
    this.name = errorType;
  }
}

export interface LocalLambdaRuntimeOptions {
  repositoryRoot: string;
  region: string;
  accountId: string;
  /** Physical function name for an id, e.g. courier-local-createBooking. */
  functionName: (id: string) => string;
  log?: (line: string) => void;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export interface InvocationRecord {
  functionId: string;
  durationMs: number;
  ok: boolean;
  errorType?: string;
}

export class LocalLambdaRuntime {
  private readonly byName = new Map<string, FunctionDefinition>();
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners: ((record: InvocationRecord) => void)[] = [];

  constructor(
    private readonly functions: readonly FunctionDefinition[],
    private readonly options: LocalLambdaRuntimeOptions,
  ) {
    for (const fn of functions) {
      this.byName.set(fn.id, fn);
      this.byName.set(options.functionName(fn.id), fn);
    }
  }

  functionArn(id: string): string {
    return `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${this.options.functionName(id)}`;
  }

  /** Accepts an id, a physical name or an ARN (with or without a qualifier). */
  resolve(nameOrArn: string): FunctionDefinition {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.split(':')[6] : nameOrArn.split(':')[0];
    const fn = this.byName.get(name);
    if (!fn) throw new LambdaInvocationError('ResourceNotFoundException', `Function not found: ${nameOrArn}`);
    return fn;
  }

  onInvocation(listener: (record: InvocationRecord) => void): void {
    this.listeners.push(listener);
  }

  /** Function id → the module file each handler was loaded from (absolute path, as Node resolved it). */
  loadedEntries(): Record<string, string> {
    this.warmUp();
    return Object.fromEntries(this.functions.map((fn) => [fn.id, require.resolve(path.join(this.options.repositoryRoot, fn.entry))]));
  }

  /** Loads every handler now, so the first real request does not pay for it. */
  warmUp(): void {
    for (const fn of this.functions) this.handlerFor(fn);
  }

  private handlerFor(fn: FunctionDefinition): Handler {
    let handler = this.handlers.get(fn.id);
    if (!handler) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(this.options.repositoryRoot, fn.entry)) as { handler?: Handler };
      if (typeof module.handler !== 'function') throw new Error(`${fn.entry} does not export a handler function`);
      handler = module.handler;
      this.handlers.set(fn.id, handler);
    }
    return handler;
  }

  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const fn = this.resolve(nameOrArn);
    const started = performance.now();
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const context = {
      functionName: this.options.functionName(fn.id),
      functionVersion: '$LATEST',
      invokedFunctionArn: this.functionArn(fn.id),
      memoryLimitInMB: String(fn.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${this.options.functionName(fn.id)}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    // Lambda passes events as JSON: the handler must not share objects with its caller.
    const payload = JSON.parse(JSON.stringify(event ?? null));
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        this.handlerFor(fn)(payload, context),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new LambdaInvocationError('Sandbox.Timedout', `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`)),
            fn.timeoutSeconds * 1000,
          );
        }),
      ]);
      this.emit({ functionId: fn.id, durationMs: performance.now() - started, ok: true });
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } catch (error) {
      const failure =
        error instanceof LambdaInvocationError
          ? error
          : new LambdaInvocationError((error as Error)?.name || 'Error', (error as Error)?.message ?? String(error), String((error as Error)?.stack ?? '').split('\n'));
      this.emit({ functionId: fn.id, durationMs: performance.now() - started, ok: false, errorType: failure.errorType });
      this.options.log?.(`lambda ${fn.id} failed: ${failure.errorType}: ${failure.errorMessage}`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  private emit(record: InvocationRecord): void {
    for (const listener of this.listeners) listener(record);
  }
}
