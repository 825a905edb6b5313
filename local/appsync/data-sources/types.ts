/** What a data source hands back to a resolver's response handler (ctx.result / ctx.error). */
export interface DataSourceResponse {
  result?: unknown;
  error?: { message: string; type: string } | null;
}

export interface DataSourceInvocation {
  typeName: string;
  fieldName: string;
}

export interface DataSource {
  readonly kind: 'NONE' | 'AMAZON_DYNAMODB' | 'AWS_LAMBDA';
  invoke(request: unknown, invocation: DataSourceInvocation): Promise<DataSourceResponse>;
}
