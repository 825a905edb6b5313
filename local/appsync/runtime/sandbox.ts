// One node:vm context per loaded resolver bundle.
//
// Isolation rules, and why:
//  * The context's global starts from a null-prototype object and string code generation is off,
//    so the classic `this.constructor.constructor('return process')()` lands on the sandbox's own
//    Function, which refuses to compile strings. eval and new Function are unusable for the same reason.
//  * No host object or host function is ever handed to resolver code. Only one host function
//    exists inside the context - the bridge - and the prelude below captures it in a closure and
//    deletes it from the global before any resolver code runs. Every util/extensions/runtime/
//    dynamodb function is a sandbox-realm wrapper that sends its arguments as a JSON string and
//    parses the JSON string it gets back, so values are copied in both directions and a host
//    exception is turned into a sandbox Error built from its name and message only.
//  * Globals that could run code outside the per-call time limit or block the thread
//    (FinalizationRegistry, WeakRef, Atomics, SharedArrayBuffer, WebAssembly) are removed, and so
//    is Promise (APPSYNC_JS has none; async syntax is refused at load, see module-loader.ts), so
//    resolver code cannot queue microtasks. Should one appear anyway, 'afterEvaluate' keeps it on
//    the context's own queue, inside the timed evaluation, instead of on the host's.
//  * Date reads the runtime's injected clock, so `new Date()` and `Date.now()` agree with util.time.
//  * Error.prepareStackTrace is pinned to undefined so resolver code cannot observe stack frames.
// Every entry into the context goes through vm.Script#runInContext, with a timeout for any code
// that has a loop or generator, which is what bounds run time (elapsed time of the synchronous
// evaluation, so in practice CPU time); calling a sandbox function directly from the host would
// not be bounded. Loop-free code runs without the timeout's per-call watchdog thread.
import vm from 'node:vm';
import { MODULE_OBJECT, MODULE_REQUIRE } from './module-loader';

/** The host function the prelude captures: (operation, JSON arguments) -> JSON reply. */
export type Bridge = (operation: string, argumentsJson: string) => string;

const BRIDGE_GLOBAL = '__appsyncBridge';
const OPERATIONS_GLOBAL = '__appsyncOperations';
const UNSUPPORTED_GLOBAL = '__appsyncUnsupported';

/**
 * Runs first in every context. `operations` is [path, kind][]: each path becomes a wrapper function
 * on util / extensions / runtime / the dynamodb module. Written in plain JavaScript because it is
 * evaluated inside the sandbox; it may use try/catch, unlike resolver code.
 */
const PRELUDE = `
(function (global) {
  'use strict';
  const bridge = global.${BRIDGE_GLOBAL};
  const operations = global.${OPERATIONS_GLOBAL};
  delete global.${BRIDGE_GLOBAL};
  delete global.${OPERATIONS_GLOBAL};

  const { parse, stringify } = JSON;
  const { freeze, defineProperty, keys, hasOwn, getPrototypeOf } = Object;
  const construct = Reflect.construct;
  const NativeDate = Date;
  const NativeError = Error;
  const ABORT = freeze({});

  function makeError(name, message) {
    const error = new NativeError(message);
    defineProperty(error, 'name', { value: name, writable: true, configurable: true, enumerable: false });
    return error;
  }

  function host(operation, args) {
    // a circular or BigInt argument fails here, as the sandbox's own TypeError
    const payload = stringify(args);
    let reply;
    try {
      reply = bridge(operation, payload);
    } catch (ignored) {
      // never let a host-realm exception object reach resolver code
      throw makeError('Error', 'the local AppSync runtime failed to call ' + operation);
    }
    const answer = parse(reply);
    if (answer.error !== undefined) throw makeError(answer.error.name, answer.error.message);
    return answer.value;
  }

  const api = { util: {}, extensions: {}, runtime: {}, dynamodb: {} };
  for (const [path, kind] of parse(operations)) {
    const parts = path.split('.');
    let node = api;
    for (let index = 0; index < parts.length - 1; index += 1) {
      if (!hasOwn(node, parts[index])) node[parts[index]] = {};
      node = node[parts[index]];
    }
    const wrapper = kind === 'abort'
      ? function (...args) { host(path, args); throw ABORT; }
      : function (...args) { return host(path, args); };
    defineProperty(wrapper, 'name', { value: parts[parts.length - 1] });
    node[parts[parts.length - 1]] = wrapper;
  }
  for (const namespace of parse(global.${UNSUPPORTED_GLOBAL})) {
    const [root, member] = namespace.split('.');
    api[root][member] = new Proxy(freeze({}), {
      get(target, property) {
        if (typeof property === 'symbol') return undefined;
        throw makeError('NotSupportedLocallyError', 'not supported by the local AppSync runtime: ' + namespace + '.' + property);
      },
    });
  }
  delete global.${UNSUPPORTED_GLOBAL};
  const deepFreeze = (value) => {
    if (value === null || typeof value !== 'object' || getPrototypeOf(value) !== Object.prototype) return value;
    for (const key of keys(value)) deepFreeze(value[key]);
    return freeze(value);
  };
  deepFreeze(api);

  const modules = {
    '@aws-appsync/utils': freeze({ util: api.util, extensions: api.extensions, runtime: api.runtime }),
    '@aws-appsync/utils/dynamodb': api.dynamodb,
  };
  function requireModule(specifier) {
    if (hasOwn(modules, specifier)) return modules[specifier];
    throw makeError('Error', 'Cannot find module "' + specifier + '": APPSYNC_JS provides only @aws-appsync/utils and @aws-appsync/utils/dynamodb');
  }

  const formatForLog = (value) => {
    if (typeof value === 'string') return value;
    try { const text = stringify(value); return text === undefined ? String(value) : text; } catch (ignored) { return String(value); }
  };
  const consoleObject = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    consoleObject[level] = function (...args) { host('console', [level, args.map(formatForLog).join(' ')]); };
  }

  const now = () => host('now', []);
  function LocalDate(...args) {
    if (new.target === undefined) return new NativeDate(now()).toString();
    return construct(NativeDate, args.length === 0 ? [now()] : args, new.target);
  }
  LocalDate.prototype = NativeDate.prototype;
  LocalDate.now = function now() { return host('now', []); };
  LocalDate.parse = NativeDate.parse;
  LocalDate.UTC = NativeDate.UTC;
  defineProperty(NativeDate.prototype, 'constructor', { value: LocalDate, writable: true, configurable: true });

  for (const name of ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry', 'WeakRef', 'Promise']) delete global[name];
  // the last built-in that hands out promises (and calls back into code from a microtask)
  delete Array.fromAsync;
  defineProperty(NativeError, 'prepareStackTrace', { value: undefined, writable: false, configurable: false });
  global.Date = LocalDate;
  global.console = consoleObject;
  // AppSync also declares util, extensions and runtime as globals.
  global.util = api.util;
  global.extensions = api.extensions;
  global.runtime = api.runtime;

  let moduleExports = null;
  function define(factory) {
    if (moduleExports !== null) throw makeError('Error', 'the resolver module is already defined');
    const module = { exports: {} };
    moduleExports = module.exports;
    try {
      factory.call(undefined, requireModule, module);
      moduleExports = module.exports;
      return stringify({ functions: keys(moduleExports).filter((name) => typeof moduleExports[name] === 'function') });
    } catch (thrown) {
      return stringify({ error: describe(thrown) });
    }
  }

  function describe(thrown) {
    if (thrown instanceof NativeError) return { name: String(thrown.name), message: String(thrown.message) };
    return { name: 'Error', message: formatForLog(thrown) };
  }

  function finish(outcome, ctx) {
    outcome.stash = ctx.stash;
    try {
      return stringify(outcome);
    } catch (failure) {
      return stringify({
        status: 'threw',
        error: { name: 'TypeError', message: 'the handler result or ctx.stash cannot be converted to JSON: ' + describe(failure).message },
      });
    }
  }

  function invoke() {
    const input = host('takeInput', []);
    const handler = moduleExports === null ? undefined : moduleExports[input.handler];
    if (typeof handler !== 'function') return stringify({ status: 'missing' });
    const ctx = input.context;
    ctx.args = ctx.arguments;
    let value;
    try {
      value = handler(ctx);
    } catch (thrown) {
      if (thrown === ABORT) return finish({ status: 'aborted' }, ctx);
      return finish({ status: 'threw', error: describe(thrown) }, ctx);
    }
    if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
      return finish({ status: 'threw', error: { name: 'TypeError', message: 'the handler returned a thenable; APPSYNC_JS handlers return their result synchronously' } }, ctx);
    }
    return finish({ status: 'returned', value }, ctx);
  }

  defineProperty(global, '__appsyncDefine', { value: define, writable: false, configurable: false, enumerable: false });
  defineProperty(global, '__appsyncInvoke', { value: invoke, writable: false, configurable: false, enumerable: false });
})(globalThis);
`;

const preludeScript = new vm.Script(PRELUDE, { filename: 'appsync-runtime-prelude.js' });
const invokeScript = new vm.Script('__appsyncInvoke()', { filename: 'appsync-runtime-invoke.js' });

export interface SandboxSetup {
  name: string;
  bridge: Bridge;
  operations: ReadonlyArray<readonly [string, 'call' | 'abort']>;
  unsupportedNamespaces: readonly string[];
}

export class Sandbox {
  private readonly context: vm.Context;

  constructor(setup: SandboxSetup) {
    const globalObject = Object.create(null) as Record<string, unknown>;
    globalObject[BRIDGE_GLOBAL] = setup.bridge;
    globalObject[OPERATIONS_GLOBAL] = JSON.stringify(setup.operations);
    globalObject[UNSUPPORTED_GLOBAL] = JSON.stringify(setup.unsupportedNamespaces);
    this.context = vm.createContext(globalObject, {
      name: `appsync:${setup.name}`,
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    preludeScript.runInContext(this.context);
  }

  /**
   * Evaluates the CommonJS form of the bundle. Answers the names of its exported functions, or the
   * name and message of what its top-level code threw (read inside the sandbox, so no resolver
   * getter ever runs outside the time limit).
   */
  define(commonJsSource: string, filename: string, timeoutMs: number): { functions: string[] } | { error: { name: string; message: string } } {
    // "Functions operate in strict mode by default" on APPSYNC_JS; esbuild's CommonJS output does not say so itself.
    const script = new vm.Script(`__appsyncDefine(function (${MODULE_REQUIRE}, ${MODULE_OBJECT}) {'use strict';\n${commonJsSource}\n});`, {
      filename,
    });
    return JSON.parse(expectString(script.runInContext(this.context, { timeout: timeoutMs })));
  }

  /** Runs the handler the bridge's pending input names; answers the sandbox's JSON report.
   * Without `timeoutMs` (code the loader found loop-free) no watchdog thread is started. */
  invoke(timeoutMs?: number): string {
    return expectString(timeoutMs === undefined ? invokeScript.runInContext(this.context) : invokeScript.runInContext(this.context, { timeout: timeoutMs }));
  }
}

/** The prelude only ever answers strings; anything else means the module tampered with the wrapper. */
function expectString(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError('the resolver module interfered with the runtime wrapper');
  return value;
}
