// NONE data source: ctx.result is the request's `payload` (AppSync "None data source" reference).
import type { DataSource, DataSourceResponse } from './types';

export class NoneDataSource implements DataSource {
  readonly kind = 'NONE' as const;

  async invoke(request: unknown): Promise<DataSourceResponse> {
    const payload = request && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
    return { result: payload ?? null };
  }
}
