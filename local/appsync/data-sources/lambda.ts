// AWS_LAMBDA data source: { operation: 'Invoke', payload } → the function's result. A thrown
// error reaches the resolver as ctx.error { message, type: 'Lambda:Unhandled' }, as on AppSync.
import type { DataSource, DataSourceResponse } from './types';

export type InvokeFunction = (functionName: string, payload: unknown) => Promise<unknown>;

export class LambdaDataSource implements DataSource {
  readonly kind = 'AWS_LAMBDA' as const;

  constructor(
    private readonly functionName: string,
    private readonly invokeFunction: InvokeFunction,
  ) {}

  async invoke(request: unknown): Promise<DataSourceResponse> {
    const { operation, payload } = (request ?? {}) as { operation?: string; payload?: unknown };
    if (operation !== 'Invoke' && operation !== 'BatchInvoke') {
      return { error: { message: `Unsupported operation for a Lambda data source: ${String(operation)}`, type: 'Lambda:IllegalArgument' } };
    }
    try {
      return { result: await this.invokeFunction(this.functionName, payload ?? null) };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'Sandbox.Timedout') return { error: { message: (error as Error).message, type: 'Lambda:ExecutionTimeoutException' } };
      return { error: { message: (error as Error).message, type: 'Lambda:Unhandled' } };
    }
  }
}
