// Handler flow conformance: the resolver context, stash and prev.result across a pipeline, and the
// ways a handler ends. Documented behaviour:
//  - "Resolver context object reference" https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html
//    (ctx.args/ctx.arguments, identity, source, stash living "through a single resolver execution",
//    prev.result, result/error in the response handler, info, request.headers)
//  - "Built-in utilities", error utils https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html
//    (util.error interrupts evaluation; util.appendError does not; util.unauthorized)
//  - "Runtime utilities" https://docs.aws.amazon.com/appsync/latest/devguide/runtime-utils-js.html (runtime.earlyReturn)
//  - "Extensions" https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html (subscription filters and invalidation)
import { ResolverInvocationError, type LogEntry } from '../../../local/appsync/runtime';
import { bundle, contextInit, newRuntime, requestValue, runRequest } from './helpers';

describe('the resolver context', () => {
  test('ctx.args and ctx.arguments are the same map', () => {
    expect(
      requestValue(
        `export function request(ctx) { ctx.args.added = 1; return { same: ctx.args === ctx.arguments, added: ctx.arguments.added, id: ctx.arguments.id }; }
         export function response(ctx) { return ctx.result; }`,
        { arguments: { id: 'b-1' } },
      ),
    ).toEqual({ same: true, added: 1, id: 'b-1' });
  });

  test('identity, source, info, request headers and env are what the engine passed', () => {
    const identity = { sub: 'u-1', username: 'ana', groups: ['courier'], claims: { email: 'a@example.com' }, issuer: 'x', sourceIp: ['1.2.3.4'], defaultAuthStrategy: 'ALLOW' };
    expect(
      requestValue(
        `export function request(ctx) {
           return { identity: ctx.identity, source: ctx.source, info: ctx.info, header: ctx.request.headers['x-trace'], domain: ctx.request.domainName, env: ctx.env.STAGE };
         }
         export function response(ctx) { return ctx.result; }`,
        {
          identity,
          source: { id: 'parent' },
          request: { headers: { 'x-trace': 't-1' }, domainName: null },
          env: { STAGE: 'local' },
          authType: 'User Pool Authorization',
        },
      ),
    ).toEqual({
      identity,
      source: { id: 'parent' },
      info: contextInit().info,
      header: 't-1',
      domain: null,
      env: 'local',
    });
  });

  test('the engine changing its objects after beginRequest does not change ctx', () => {
    const runtime = newRuntime();
    const code = runtime.load(bundle(`export function request(ctx) { return ctx.args; } export function response(ctx) { return ctx.result; }`), 'args');
    const args: Record<string, unknown> = { id: 'before' };
    const scope = runtime.beginRequest(contextInit({ arguments: args }));
    args.id = 'after';
    expect(scope.runRequest(code)).toEqual({ kind: 'value', value: { id: 'before' } });
  });

  test('returned values arrive as plain host objects; undefined becomes null', () => {
    const { outcome } = runRequest(`export function request() { return { list: [1, { a: 'x' }], when: new Date(0) }; } export function response() {}`);
    const value = (outcome as { value: { list: unknown[] } }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.list)).toBe(Array.prototype);
    expect(value).toEqual({ list: [1, { a: 'x' }], when: '1970-01-01T00:00:00.000Z' });
    expect(requestValue(`export function request() { return undefined; } export function response() {}`)).toBeNull();
  });
});

describe('stash and prev.result across a pipeline', () => {
  const before = `export function request(ctx) { ctx.stash.trail = ['before']; return {}; }
                  export function response(ctx) { ctx.stash.trail.push('after:' + ctx.prev.result.total); return ctx.prev.result; }`;
  const fn1 = `export function request(ctx) { ctx.stash.trail.push('fn1.request'); return { seen: ctx.prev.result }; }
               export function response(ctx) { ctx.stash.trail.push('fn1.response'); return { total: ctx.result.count }; }`;
  const fn2 = `export function request(ctx) { ctx.stash.trail.push('fn2.request:' + ctx.prev.result.total); return {}; }
               export function response(ctx) { ctx.stash.trail.push('fn2.response'); return { total: ctx.prev.result.total + 1 }; }`;

  test('one stash lives through every handler of the field resolution, and prev.result carries each result forward', () => {
    const runtime = newRuntime();
    const [resolver, first, second] = [before, fn1, fn2].map((source, index) => runtime.load(bundle(source), `step${index}`));
    const scope = runtime.beginRequest(contextInit());

    expect(scope.runRequest(resolver)).toEqual({ kind: 'value', value: {} });
    scope.setPrevResult({});
    expect(scope.runRequest(first)).toEqual({ kind: 'value', value: { seen: {} } });
    const afterFirst = scope.runResponse(first, { result: { count: 41 } });
    expect(afterFirst).toEqual({ kind: 'value', value: { total: 41 } });
    scope.setPrevResult((afterFirst as { value: unknown }).value);
    scope.runRequest(second);
    const afterSecond = scope.runResponse(second, { result: null });
    scope.setPrevResult((afterSecond as { value: unknown }).value);
    expect(scope.runResponse(resolver, { result: null })).toEqual({ kind: 'value', value: { total: 42 } });

    expect(scope.stash).toEqual({ trail: ['before', 'fn1.request', 'fn1.response', 'fn2.request:41', 'fn2.response', 'after:42'] });
    // a new field resolution starts from the stash the engine gives it
    const fresh = runtime.beginRequest(contextInit({ stash: { trail: ['seeded'] } }));
    fresh.runRequest(resolver);
    expect(fresh.stash).toEqual({ trail: ['before'] });
  });

  test('ctx.prev.result is absent before any step has set it', () => {
    expect(requestValue(`export function request(ctx) { return { prev: ctx.prev, has: Object.hasOwn(ctx.prev, 'result') }; } export function response() {}`)).toEqual({
      prev: {},
      has: false,
    });
  });

  test('the response handler sees the data source result, and ctx.error only when the data source failed', () => {
    const runtime = newRuntime();
    const code = runtime.load(
      bundle(`export function request() { return {}; }
              export function response(ctx) { return { result: ctx.result, error: ctx.error ?? 'none', hasError: Object.hasOwn(ctx, 'error') }; }`),
      'response',
    );
    const scope = runtime.beginRequest(contextInit());
    expect(scope.runResponse(code, { result: { id: 1 } })).toEqual({ kind: 'value', value: { result: { id: 1 }, error: 'none', hasError: false } });
    expect(scope.runResponse(code, { result: null, error: { message: 'boom', type: 'DynamoDB:ConditionalCheckFailedException' } })).toEqual({
      kind: 'value',
      value: { result: null, error: { message: 'boom', type: 'DynamoDB:ConditionalCheckFailedException' }, hasError: true },
    });
  });
});

describe('how a handler ends', () => {
  test('util.error stops the handler at once and carries message, errorType, data and errorInfo', () => {
    const { outcome, scope } = runRequest(`
      import { util } from '@aws-appsync/utils';
      export function request(ctx) {
        ctx.stash.beforeError = true;
        util.error('Booking not found', 'NotFound', { id: ctx.args.id }, { hint: 'check the reference' });
        ctx.stash.afterError = true;
        return { unreachable: true };
      }
      export function response(ctx) { return ctx.result; }`,
      { arguments: { id: 'b-9' } },
    );
    expect(outcome).toEqual({
      kind: 'error',
      error: { message: 'Booking not found', errorType: 'NotFound', data: { id: 'b-9' }, errorInfo: { hint: 'check the reference' } },
    });
    expect(scope.stash).toEqual({ beforeError: true });
  });

  test('util.appendError records errors in order and lets the handler return its value', () => {
    const { outcome, scope } = runRequest(`
      import { util } from '@aws-appsync/utils';
      export function request() {
        util.appendError('first');
        util.appendError('second', 'Partial', { n: 2 });
        return { ok: true };
      }
      export function response() {}`);
    expect(outcome).toEqual({ kind: 'value', value: { ok: true } });
    expect(scope.appendedErrors).toEqual([{ message: 'first' }, { message: 'second', errorType: 'Partial', data: { n: 2 } }]);
  });

  test('util.unauthorized raises the Unauthorized error AppSync reports for the field', () => {
    const { outcome } = runRequest(`import { util } from '@aws-appsync/utils'; export function request() { util.unauthorized(); } export function response() {}`, {
      info: { fieldName: 'cancelBooking', parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    });
    expect(outcome).toEqual({ kind: 'error', error: { errorType: 'Unauthorized', message: 'Not Authorized to access cancelBooking on type Mutation' } });
  });

  test('runtime.earlyReturn ends the step with its value, and passes skipTo when given', () => {
    expect(runRequest(`import { runtime } from '@aws-appsync/utils'; export function request() { runtime.earlyReturn({ cached: 1 }); return 'no'; } export function response() {}`).outcome).toEqual({
      kind: 'earlyReturn',
      value: { cached: 1 },
    });
    expect(runRequest(`import { runtime } from '@aws-appsync/utils'; export function request() { runtime.earlyReturn(null, { skipTo: 'NEXT' }); } export function response() {}`).outcome).toEqual({
      kind: 'earlyReturn',
      value: null,
      skipTo: 'NEXT',
    });
  });

  test('the globals util and runtime work without an import, as AppSync declares them', () => {
    expect(runRequest(`export function request() { util.appendError('x'); runtime.earlyReturn(util.typeOf([])); } export function response() {}`).outcome).toEqual({
      kind: 'earlyReturn',
      value: 'List',
    });
  });

  test('an abort stands even if Node-only code catches the throw that implements it', () => {
    expect(
      runRequest(`import { util } from '@aws-appsync/utils';
        export function request() { try { util.error('kept'); } catch (e) { /* not possible on AppSync */ } return 'swallowed'; }
        export function response() {}`).outcome,
    ).toEqual({ kind: 'error', error: { message: 'kept' } });
  });

  test('a run-time failure is an error of type Code naming the resolver', () => {
    expect(runRequest(`export function request(ctx) { return ctx.args.missing.deeper; } export function response() {}`).outcome).toEqual({
      kind: 'error',
      error: { errorType: 'Code', message: "resolver: TypeError: Cannot read properties of undefined (reading 'deeper')" },
    });
  });

  test('a handler returning a thenable or an unserialisable value is a Code error', () => {
    expect(runRequest(`export function request() { return { then() { return 1; } }; } export function response() {}`).outcome).toMatchObject({
      kind: 'error',
      error: { errorType: 'Code', message: expect.stringContaining('returned a thenable') },
    });
    expect(runRequest(`export function request() { const a: any = {}; a.self = a; return a; } export function response() {}`).outcome).toMatchObject({
      kind: 'error',
      error: { errorType: 'Code', message: expect.stringContaining('cannot be converted to JSON') },
    });
  });
});

describe('extensions, response headers and logs', () => {
  test('setSubscriptionFilter and setSubscriptionInvalidationFilter record the converted filters', () => {
    // a resolver that sets no filter leaves none
    expect(runRequest(`export function request() { return {}; } export function response() { return null; }`).scope.subscriptionFilter).toBeUndefined();
    const runtime = newRuntime();
    const code = runtime.load(
      bundle(`
        import { util, extensions } from '@aws-appsync/utils';
        export function request() { return { payload: null }; }
        export function response(ctx) {
          extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ region: { eq: ctx.args.region } }));
          extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ courierId: { eq: ctx.args.courierId } }));
          return null;
        }`),
      'onCourierMoved',
    );
    const subscription = runtime.beginRequest(contextInit({ arguments: { region: 'SEA', courierId: 'c-7' } }));
    expect(subscription.runResponse(code, { result: null })).toEqual({ kind: 'value', value: null });
    expect(subscription.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'region', operator: 'eq', value: 'SEA' }] }] });
    expect(subscription.subscriptionInvalidationFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'courierId', operator: 'eq', value: 'c-7' }] }] });
  });

  test('invalidateSubscriptions records each call', () => {
    const { scope } = runRequest(`
      import { extensions } from '@aws-appsync/utils';
      export function request(ctx) {
        extensions.invalidateSubscriptions({ subscriptionField: 'onCourierMoved', payload: { courierId: ctx.args.id } });
        return {};
      }
      export function response() {}`,
      { arguments: { id: 'c-7' } },
    );
    expect(scope.invalidations).toEqual([{ subscriptionField: 'onCourierMoved', payload: { courierId: 'c-7' } }]);
  });

  test('util.http.addResponseHeader(s) records headers, the last value winning; x-amz- names are refused', () => {
    const { outcome, scope } = runRequest(`
      import { util } from '@aws-appsync/utils';
      export function request() {
        util.http.addResponseHeader('itemsCount', 7);
        util.http.addResponseHeaders({ render: 'list', itemsCount: 8 });
        util.http.addResponseHeader('x-amzn-RequestId', 'no');
      }
      export function response() {}`);
    expect(scope.responseHeaders).toEqual({ itemsCount: '8', render: 'list' });
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'Code', message: expect.stringContaining('cannot start with x-amz-') } });
  });

  test('console output goes to the log option with the resolver name', () => {
    const entries: LogEntry[] = [];
    const runtime = newRuntime({ log: (entry) => entries.push(entry) });
    runRequest(`export function request(ctx) { console.log('booking', { id: 1 }); console.error('bad'); return {}; } export function response() {}`, {}, runtime);
    expect(entries).toEqual([
      { resolver: 'resolver', level: 'log', message: 'booking {"id":1}' },
      { resolver: 'resolver', level: 'error', message: 'bad' },
    ]);
  });
});

describe('engine misuse is reported to the engine', () => {
  test('running a handler the code does not export, or code from another runtime', () => {
    const runtime = newRuntime();
    const code = runtime.load(bundle(`export function request() { return {}; }`), 'requestOnly');
    expect(code.has('request')).toBe(true);
    expect(code.has('response')).toBe(false);
    const scope = runtime.beginRequest(contextInit());
    expect(() => scope.runResponse(code, { result: null })).toThrow(new ResolverInvocationError('requestOnly', 'the code does not export a response function'));
    expect(() => newRuntime().beginRequest(contextInit()).runRequest(code)).toThrow('requestOnly: this code was not loaded by this runtime');
  });

  test('an unknown authType is refused', () => {
    expect(() => newRuntime().beginRequest(contextInit({ authType: 'Basic' as never }))).toThrow(/unknown authType "Basic"/);
  });
});
