// Turns the ESM bundle CDK deploys into CommonJS that a vm context can evaluate, and refuses what
// APPSYNC_JS could not load. The bundle keeps `@aws-appsync/utils` and
// `@aws-appsync/utils/dynamodb` as external imports, exactly as AppSync receives it; those are
// the only modules this runtime provides. esbuild reports every import of the code (static,
// require and dynamic) in its metafile, which is what the check reads.
import { buildSync, type Message } from 'esbuild';
import ts from 'typescript';
import { NotSupportedLocallyError, ResolverLoadError } from './errors';

export const PROVIDED_MODULES: ReadonlySet<string> = new Set(['@aws-appsync/utils', '@aws-appsync/utils/dynamodb']);
/** Built-in modules AppSync documents that the local runtime does not provide. */
const UNSUPPORTED_MODULES: ReadonlySet<string> = new Set(['@aws-appsync/utils/rds', '@aws-appsync/utils/ai']);
/** The API reference limits a resolver's or function's `code` to 32,768 characters. */
export const MAX_CODE_LENGTH = 32_768;

const describeMessages = (messages: Message[]) =>
  messages
    .map((message) => (message.location ? `${message.location.line}:${message.location.column}: ${message.text}` : message.text))
    .join('; ');

export interface CommonJsModule {
  source: string;
  /**
   * False when the code has a loop statement or a generator — the only ways loop-free code could
   * run without end (recursion ends in a stack overflow, built-in iteration over finite values).
   * Only such code needs the watchdog thread a vm time limit starts on every call (~0.1–0.2 ms each).
   */
  mayRunUnbounded: boolean;
}

export function toCommonJs(code: string, name: string): CommonJsModule {
  if (typeof code !== 'string' || code.trim().length === 0) throw new ResolverLoadError(name, 'the code is empty');
  if (code.length > MAX_CODE_LENGTH) {
    throw new ResolverLoadError(name, `the code is ${code.length} characters; AppSync accepts at most ${MAX_CODE_LENGTH}`);
  }
  let result;
  try {
    result = buildSync({
      stdin: { contents: code, loader: 'js', sourcefile: name },
      bundle: true,
      external: ['*'],
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    throw new ResolverLoadError(name, `the code does not parse: ${errors ? describeMessages(errors) : String(error)}`);
  }
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.kind === 'dynamic-import') {
        throw new ResolverLoadError(name, `APPSYNC_JS cannot load modules dynamically: import("${imported.path}")`);
      }
      if (imported.kind === 'require-call' || imported.kind === 'require-resolve') {
        throw new ResolverLoadError(name, `APPSYNC_JS has no require(): require("${imported.path}")`);
      }
      if (UNSUPPORTED_MODULES.has(imported.path)) {
        throw new ResolverLoadError(name, new NotSupportedLocallyError(`the built-in module ${imported.path}`).message);
      }
      if (!PROVIDED_MODULES.has(imported.path)) {
        throw new ResolverLoadError(
          name,
          `APPSYNC_JS cannot load "${imported.path}": only @aws-appsync/utils and @aws-appsync/utils/dynamodb are available; bundle everything else into the code`,
        );
      }
    }
  }
  const output = result.outputFiles[0].text;
  // import() with a computed specifier is invisible to the metafile; without this check the vm
  // would reject it with a host-realm error object.
  if (/\bimport\s*\(/.test(output)) throw new ResolverLoadError(name, 'APPSYNC_JS cannot load modules dynamically (import())');
  const file = ts.createSourceFile(`${name}.js`, output, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const asynchronous = findAsynchronousCode(file);
  if (asynchronous !== null) throw new ResolverLoadError(name, `APPSYNC_JS does not support ${asynchronous}`);
  // Judged on the code as deployed: esbuild's CommonJS scaffolding has (bounded) loops of its own.
  const deployed = ts.createSourceFile(`${name}.mjs`, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  return { source: hideModuleScaffolding(output), mayRunUnbounded: hasLoopOrGenerator(deployed) };
}

function hasLoopOrGenerator(file: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIterationStatement(node, false) || ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken)) {
      found = true;
    } else ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The names the sandbox's module wrapper passes in place of CommonJS's `require` and `module`. */
export const MODULE_REQUIRE = '__appsyncRequire';
export const MODULE_OBJECT = '__appsyncModule';

/**
 * esbuild's CommonJS output reads the built-in modules with `require("...")` and publishes the
 * exports with `module.exports = ...`. Renaming those two generated statements lets the wrapper
 * avoid binding `require`, `module` and `exports`, which APPSYNC_JS code does not have: code that
 * probes `typeof require` sees what it would see on AppSync. Every other require call was refused above.
 */
function hideModuleScaffolding(output: string): string {
  return output
    .replace(/\brequire\((?="@aws-appsync\/utils(?:\/dynamodb)?"\))/g, `${MODULE_REQUIRE}(`)
    .replace(/^module\.exports = /m, `${MODULE_OBJECT}.exports = `);
}

/**
 * APPSYNC_JS has no promises, async functions or await (the AppSync linter reports them, and
 * "Supported runtime features" lists none of them). They are refused at load rather than left to
 * fail later, for a second reason: asynchronous code is the one way a handler could leave work on
 * a microtask queue, and a time limit that fires while Node drains that queue can corrupt the
 * host's async-hooks state and abort the process. The sandbox also has no global Promise.
 */
function findAsynchronousCode(file: ts.SourceFile): string | null {
  let found: string | null = null;
  const at = (node: ts.Node) => {
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `(line ${line + 1}, column ${character + 1} of the CommonJS form)`;
  };
  const visit = (node: ts.Node): void => {
    if (found !== null) return;
    if (ts.isAwaitExpression(node)) found = `await ${at(node)}`;
    else if (ts.isForOfStatement(node) && node.awaitModifier) found = `for await ${at(node)}`;
    else if (ts.isFunctionLike(node) && ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) {
      found = `async functions ${at(node)}`;
    } else ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
