// Builds small in-process AppSync engines for the conformance tests: a schema written for the
// test, APPSYNC_JS resolvers given as source text (bundled the way CDK bundles resolvers), and
// data sources that record what they were asked. Nothing here starts a process.
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { AuthorizationRules, type AuthMode, type Principal } from '../../../local/appsync/authorization';
import { AppSyncEngine, type AppSyncResponse, type ResolverBinding } from '../../../local/appsync/engine';
import { AppSyncJsRuntime } from '../../../local/appsync/runtime';
import { buildAppSyncSchema } from '../../../local/appsync/schema';
import { NoneDataSource } from '../../../local/appsync/data-sources/none';
import type { DataSource, DataSourceInvocation, DataSourceResponse } from '../../../local/appsync/data-sources/types';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../..');

/** The deployed schema, read as CDK reads it. */
export function realSchemaSdl(): string {
  return fs.readFileSync(path.join(REPOSITORY_ROOT, 'graphql/schema.graphql'), 'utf8');
}

/** Bundles resolver source the way CDK bundles resolvers/ for APPSYNC_JS: ESM, AppSync modules external. */
export function bundle(source: string): string {
  const result = buildSync({
    stdin: { contents: source, loader: 'ts', sourcefile: 'resolver.ts', resolveDir: __dirname },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** A NONE resolver that answers `ctx.arguments` as the field's value. */
export const ECHO_ARGUMENTS = `
  export function request(ctx) { return { payload: ctx.arguments }; }
  export function response(ctx) { return ctx.result; }
`;

/** A data source that records every invocation and answers with `answer`. */
export class RecordingDataSource implements DataSource {
  readonly kind = 'NONE' as const;
  readonly calls: { request: unknown; invocation: DataSourceInvocation }[] = [];

  constructor(private readonly answer: (request: unknown) => DataSourceResponse = (request) => ({ result: (request as { payload?: unknown })?.payload ?? null })) {}

  async invoke(request: unknown, invocation: DataSourceInvocation): Promise<DataSourceResponse> {
    this.calls.push({ request, invocation });
    return this.answer(request);
  }
}

export interface ResolverSpec {
  code: string;
  dataSource?: DataSource;
}

export interface TestEngineOptions {
  sdl: string;
  /** `Type.field` → resolver source. */
  resolvers?: Record<string, string | ResolverSpec>;
  defaultMode?: AuthMode;
  enabledModes?: AuthMode[];
  queryDepthLimit?: number;
}

export interface TestEngine {
  engine: AppSyncEngine;
  runtime: AppSyncJsRuntime;
  rules: AuthorizationRules;
  run(query: string, principal?: Principal, variables?: Record<string, unknown>): Promise<AppSyncResponse>;
}

export function testEngine(options: TestEngineOptions): TestEngine {
  const schema = buildAppSyncSchema(options.sdl);
  const runtime = new AppSyncJsRuntime();
  const defaultMode = options.defaultMode ?? 'API_KEY';
  const rules = new AuthorizationRules(schema, defaultMode, options.enabledModes ?? [defaultMode]);
  const none = new NoneDataSource();
  const bindings: ResolverBinding[] = Object.entries(options.resolvers ?? {}).map(([key, spec]) => {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const { code, dataSource } = typeof spec === 'string' ? { code: spec, dataSource: undefined } : spec;
    return { typeName, fieldName, code: runtime.load(bundle(code), key), dataSource: dataSource ?? none };
  });
  const engine = new AppSyncEngine({ schema, rules, runtime, resolvers: bindings, queryDepthLimit: options.queryDepthLimit });
  return {
    engine,
    runtime,
    rules,
    run: (query, principal = apiKey(), variables) => engine.execute({ query, variables }, principal, {}),
  };
}

// ---- principals, as authentication hands them to the engine -----------------------------

export function apiKey(): Principal {
  return { mode: 'API_KEY', identity: null, groups: [] };
}

export function iam(): Principal {
  return {
    mode: 'AWS_IAM',
    identity: { accountId: '000000000000', username: 'AROALOCALBACKEND:local', userArn: 'arn:aws:sts::000000000000:assumed-role/local-backend/local', sourceIp: ['127.0.0.1'] },
    groups: [],
  };
}

export function userPool(groups: string[] = [], username = 'dana'): Principal {
  return {
    mode: 'AMAZON_COGNITO_USER_POOLS',
    identity: { sub: `sub-${username}`, username, groups: groups.length ? groups : null, claims: {}, sourceIp: ['127.0.0.1'] },
    groups,
  };
}

/** Resolves once every pending delivery (the engine fans out asynchronously) has run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
