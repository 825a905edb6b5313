// Resolver snippets are written in TypeScript exactly like files under resolvers/, and bundled the
// way CDK bundles them for APPSYNC_JS: ESM, bundled, with the two AppSync modules left external.
import { buildSync } from 'esbuild';
import { AppSyncJsRuntime, type AppSyncJsRuntimeOptions, type ContextInit, type ResolverCode, type StepOutcome } from '../../../local/appsync/runtime';

export const FIXED_NOW = Date.UTC(2018, 1, 6, 19, 1, 35, 749); // 2018-02-06T19:01:35.749Z, the docs' example instant

export function bundle(source: string, name = 'resolver.ts'): string {
  const result = buildSync({
    stdin: { contents: source, loader: 'ts', sourcefile: name, resolveDir: __dirname },
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

export function contextInit(overrides: Partial<ContextInit> = {}): ContextInit {
  return {
    arguments: {},
    identity: null,
    source: null,
    info: { fieldName: 'getThing', parentTypeName: 'Query', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{\n  id\n}' },
    request: { headers: { 'content-type': 'application/json' }, domainName: null },
    authType: 'API Key Authorization',
    ...overrides,
  };
}

export function newRuntime(options: AppSyncJsRuntimeOptions = {}): AppSyncJsRuntime {
  return new AppSyncJsRuntime({ now: () => FIXED_NOW, ...options });
}

/** Loads `source` and runs its request handler once in a fresh scope. */
export function runRequest(
  source: string,
  init: Partial<ContextInit> = {},
  runtime: AppSyncJsRuntime = newRuntime(),
): { outcome: StepOutcome; code: ResolverCode; runtime: AppSyncJsRuntime; scope: ReturnType<AppSyncJsRuntime['beginRequest']> } {
  const code = runtime.load(bundle(source), 'resolver');
  const scope = runtime.beginRequest(contextInit(init));
  return { outcome: scope.runRequest(code), code, runtime, scope };
}

/** The value a request handler returned; fails the test with the outcome if it did not return one. */
export function requestValue(source: string, init: Partial<ContextInit> = {}, runtime?: AppSyncJsRuntime): unknown {
  const { outcome } = runRequest(source, init, runtime);
  if (outcome.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

/**
 * Evaluates one expression per case inside a single resolver: `expressions` are source snippets
 * that may use `util`, `ddb` and `ctx`. Answers the values in order. Loading one bundle for many
 * cases keeps property tests fast.
 */
export function evaluateAll(expressions: string[], init: Partial<ContextInit> = {}, runtime?: AppSyncJsRuntime): unknown[] {
  const source = `
    import { util } from '@aws-appsync/utils';
    import * as ddb from '@aws-appsync/utils/dynamodb';
    export function request(ctx: any) {
      return [${expressions.join(',\n')}];
    }
    export function response(ctx: any) { return ctx.result; }
  `;
  return requestValue(source, init, runtime) as unknown[];
}

/** Evaluates `expression` inside a request handler with `args` as ctx.args. */
export function evaluate(expression: string, args: Record<string, unknown> = {}, runtime?: AppSyncJsRuntime): unknown {
  return evaluateAll([expression], { arguments: args }, runtime)[0];
}

/**
 * Loads a resolver once and answers a function that runs its request handler in a fresh scope
 * with the given ctx.args, for property tests that run hundreds of cases.
 */
export function compileRequest(source: string, runtime: AppSyncJsRuntime = newRuntime()): (args: Record<string, unknown>) => StepOutcome {
  const code = runtime.load(bundle(source), 'resolver');
  return (args) => runtime.beginRequest(contextInit({ arguments: args })).runRequest(code);
}

/** Like compileRequest, for a handler expected to return a value. */
export function compileValue(source: string, runtime?: AppSyncJsRuntime): (args: Record<string, unknown>) => unknown {
  const run = compileRequest(source, runtime);
  return (args) => {
    const outcome = run(args);
    if (outcome.kind !== 'value') throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
    return outcome.value;
  };
}

/** A resolver whose request handler answers `expression`, evaluated with `args` bound to ctx.args. */
export function expressionResolver(expression: string): string {
  return `
    import { util } from '@aws-appsync/utils';
    import * as ddb from '@aws-appsync/utils/dynamodb';
    export function request(ctx: any) {
      const args = ctx.args;
      return ${expression};
    }
    export function response(ctx: any) { return ctx.result; }
  `;
}
