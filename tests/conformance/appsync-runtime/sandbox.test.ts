// Sandbox isolation. APPSYNC_JS offers ECMAScript built-ins plus util/extensions/runtime and the
// DynamoDB module - no Node.js globals, no I/O, no timers ("Supported runtime features",
// https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html), and code runs in
// strict mode. Locally the same code runs in a node:vm context that must not reach the host.
import { ResolverLoadError } from '../../../local/appsync/runtime';
import { bundle, contextInit, newRuntime, requestValue, runRequest } from './helpers';

const probe = (expression: string) => `(() => { try { return ${expression}; } catch (e) { return 'threw ' + e.name + ': ' + e.message; } })()`;

describe('what resolver code can reach', () => {
  test('no Node.js or web host globals exist', () => {
    const names = ['process', 'require', 'module', 'exports', 'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'Buffer', 'global', 'WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry', 'WeakRef'];
    // through globalThis, because the bundler rewrites a bare `require` into its own shim (as it does for AppSync)
    const value = requestValue(`export function request() { return [${names.map((name) => `typeof (globalThis as any).${name}`).join(', ')}]; } export function response() {}`);
    expect(value).toEqual(names.map(() => 'undefined'));
    // the CommonJS scaffolding the runtime evaluates the bundle with is not in scope either
    expect(requestValue(`export function request() { return [typeof module, typeof exports]; } export function response() {}`)).toEqual(['undefined', 'undefined']);
  });

  test('constructor chains from the global, util functions, ctx and util errors end at a Function that cannot compile strings', () => {
    const value = requestValue(`
      import { util } from '@aws-appsync/utils';
      export function request(ctx) {
        const caught = (() => { try { util.urlDecode('%zz'); } catch (e) { return e; } })();
        return [
          ${probe("globalThis.constructor.constructor('return process')()")},
          ${probe("util.autoId.constructor('return process')()")},
          ${probe("ctx.constructor.constructor('return process')()")},
          ${probe("caught.constructor.constructor('return process')()")},
          ${probe("Object.getPrototypeOf(util.dynamodb.toMap({ a: 1 })).constructor.constructor('return process')()")},
          ${probe("eval('1 + 1')")},
          ${probe("new Function('return 1')()")},
          caught instanceof Error,
        ];
      }
      export function response() {}`);
    const refused = 'threw EvalError: Code generation from strings disallowed for this context';
    expect(value).toEqual([refused, refused, refused, refused, refused, refused, refused, true]);
  });

  test('handlers run in strict mode, as on AppSync', () => {
    expect(requestValue(`export function request() { return (function () { return this === undefined; })(); } export function response() {}`)).toBe(true);
  });

  test('stack-trace hooks cannot be installed', () => {
    expect(requestValue(`export function request() { return ${probe("(Error.prepareStackTrace = () => 'x', 'installed')")}; } export function response() {}`)).toMatch(
      /^threw TypeError: Cannot assign to read only property 'prepareStackTrace'/,
    );
  });

  test('each loaded bundle has its own realm: polluting a prototype in one does not reach another', () => {
    const runtime = newRuntime();
    runRequest(`export function request() { (Array.prototype as any).polluted = true; return {}; } export function response() {}`, {}, runtime);
    expect(requestValue(`export function request() { return (([] as any).polluted) ?? 'clean'; } export function response() {}`, {}, runtime)).toBe('clean');
    expect((Array.prototype as unknown as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('time limit on every evaluation', () => {
  test('an endless loop in a handler becomes a Code error, and the runtime keeps working', () => {
    const runtime = newRuntime({ timeoutMs: 50 });
    const code = runtime.load(
      bundle(`export function request(ctx) { if (ctx.args.spin) { for (;;) {} } return { fine: true }; } export function response() {}`),
      'spinner',
    );
    expect(runtime.beginRequest(contextInit({ arguments: { spin: true } })).runRequest(code)).toEqual({
      kind: 'error',
      error: { errorType: 'Code', message: 'spinner: the request handler exceeded the 50 ms time limit' },
    });
    expect(runtime.beginRequest(contextInit({ arguments: { spin: false } })).runRequest(code)).toEqual({ kind: 'value', value: { fine: true } });
  });

  // APPSYNC_JS has no promises; without them no work can be deferred past the time limit.
  test('nothing can defer work to a microtask: Promise and Array.fromAsync do not exist', () => {
    expect(requestValue(`export function request() { return [typeof Promise, typeof (Array as any).fromAsync]; } export function response() {}`)).toEqual([
      'undefined',
      'undefined',
    ]);
  });

  // Loop-free code runs without the time limit's watchdog thread (a cost on every call); what
  // remains to run away with is recursion, which ends in a stack overflow, not a hang.
  test('endless recursion in loop-free code ends as a Code error, and the runtime keeps working', () => {
    const runtime = newRuntime({ timeoutMs: 50 });
    const code = runtime.load(
      bundle(`function deeper(n: number): number { return deeper(n + 1) + 1; } export function request(ctx) { return ctx.args.recurse ? deeper(0) : { fine: true }; } export function response() {}`),
      'recursive',
    );
    const outcome = runtime.beginRequest(contextInit({ arguments: { recurse: true } })).runRequest(code);
    expect(outcome).toEqual({ kind: 'error', error: { errorType: 'Code', message: expect.stringMatching(/^recursive: RangeError: Maximum call stack size exceeded/) } });
    expect(runtime.beginRequest(contextInit({ arguments: { recurse: false } })).runRequest(code)).toEqual({ kind: 'value', value: { fine: true } });
  });

  test('an endless loop in top-level code fails the load', () => {
    const runtime = newRuntime({ timeoutMs: 50 });
    expect(() => runtime.load(bundle(`for (;;) {} export function request() {}`), 'stuck')).toThrow(
      new ResolverLoadError('stuck', 'top-level code exceeded the 50 ms time limit'),
    );
  });
});
