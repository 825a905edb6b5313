// How resolver outcomes reach the GraphQL response, in AppSync's error format:
//   { path, data, errorType, errorInfo, locations: [{ line, column, sourceName: null }], message }
// util.error fails the field (null, bubbling to the nearest nullable parent); util.appendError
// adds an error and keeps the value; `data` is filtered by the field's selection set while
// `errorInfo` is not (@aws-appsync/utils, Util.error / Util.appendError); util.unauthorized
// answers like a refused field. Also ctx.info.selectionSetList, which names aliased fields by
// their alias.
import { RecordingDataSource, testEngine } from './support';

const SDL = /* GraphQL */ `
  type Owner {
    name: String
    email: String
  }
  type Item {
    id: ID!
    title: String
    owner: Owner
    tags: [String]
  }
  type Holder {
    required: Item!
    optional: Item
  }
  type Query {
    fail(withData: Boolean): Item
    failList: [Item]
    failLeaf: String
    partial: Item
    deny: Item
    holder: Holder
    crash: String
    fromDataSource: String
  }
`;

const DETAIL = { id: 'i-1', title: 'Keep', secret: 'drop me', owner: { name: 'Ann', email: 'ann@example.com', password: 'x' }, tags: ['a'] };

const dataSourceFailure = new RecordingDataSource(() => ({ error: { message: 'Conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' } }));

const { run } = testEngine({
  sdl: SDL,
  resolvers: {
    'Query.fail': `
      import { util } from '@aws-appsync/utils';
      export function request(ctx) {
        if (ctx.arguments.withData) util.error('Item is locked', 'LockedError', ${JSON.stringify(DETAIL)}, { retryAfterSeconds: 30, secret: 'kept' });
        util.error('Item is locked', 'LockedError');
      }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.failList': `
      import { util } from '@aws-appsync/utils';
      export function request() { util.error('Nope', 'ListError', [${JSON.stringify(DETAIL)}, { id: 'i-2', secret: 'x' }]); }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.failLeaf': `
      import { util } from '@aws-appsync/utils';
      export function request() { util.error('Leaf failed', 'LeafError', { any: 'shape' }); }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.partial': `
      import { util } from '@aws-appsync/utils';
      export function request() { return { payload: { id: 'i-1', title: 'Partial' } }; }
      export function response(ctx) {
        util.appendError('Owner lookup timed out', 'PartialResult', { owner: { name: 'n/a', email: 'hidden' }, id: 'i-1' }, { source: 'owners' });
        util.appendError('Second note');
        return ctx.result;
      }
    `,
    'Query.deny': `
      import { util } from '@aws-appsync/utils';
      export function request() { util.unauthorized(); }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.holder': `
      export function request() { return { payload: { optional: null } }; }
      export function response(ctx) { return ctx.result; }
    `,
    'Holder.required': `
      import { util } from '@aws-appsync/utils';
      export function request() { util.error('Required item missing', 'NotFound'); }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.crash': `
      export function request(ctx) { return ctx.arguments.missing.deeper; }
      export function response(ctx) { return ctx.result; }
    `,
    'Query.fromDataSource': { code: 'export function request() { return { payload: null }; }', dataSource: dataSourceFailure },
  },
});

describe('util.error', () => {
  it('nulls the field and reports message, errorType, path and location in AppSync\'s shape', async () => {
    expect(await run('{ fail { id } }')).toEqual({
      data: { fail: null },
      errors: [{ path: ['fail'], data: null, errorType: 'LockedError', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'Item is locked' }],
    });
  });

  it('filters data by the selection set and passes errorInfo through untouched', async () => {
    const response = await run('{ fail(withData: true) { id owner { name } } }');
    expect(response.errors).toEqual([
      expect.objectContaining({
        errorType: 'LockedError',
        data: { id: 'i-1', owner: { name: 'Ann' } },
        errorInfo: { retryAfterSeconds: 30, secret: 'kept' },
      }),
    ]);
  });

  it('filters data through lists, fragments and aliases', async () => {
    const response = await run(`
      query { failList { ...Basic headline: title } }
      fragment Basic on Item { id ... on Item { tags } }
    `);
    expect(response.errors![0].data).toEqual([
      { id: 'i-1', tags: ['a'], headline: 'Keep' },
      { id: 'i-2' },
    ]);
  });

  it('passes data through unfiltered for a leaf field', async () => {
    expect((await run('{ failLeaf }')).errors![0]).toMatchObject({ path: ['failLeaf'], errorType: 'LeafError', data: { any: 'shape' } });
  });

  it('propagates a failed non-null field to the nearest nullable parent', async () => {
    const response = await run('{ holder { required { id } optional { id } } }');
    expect(response.data).toEqual({ holder: null });
    expect(response.errors).toEqual([
      { path: ['holder', 'required'], data: null, errorType: 'NotFound', errorInfo: null, locations: [{ line: 1, column: 12, sourceName: null }], message: 'Required item missing' },
    ]);
  });
});

describe('util.appendError', () => {
  it('keeps the value and adds each error, data filtered, in call order', async () => {
    const response = await run('{ partial { id title owner { name } } }');
    expect(response.data).toEqual({ partial: { id: 'i-1', title: 'Partial', owner: null } });
    expect(response.errors).toEqual([
      {
        path: ['partial'],
        data: { owner: { name: 'n/a' }, id: 'i-1' },
        errorType: 'PartialResult',
        errorInfo: { source: 'owners' },
        locations: [{ line: 1, column: 3, sourceName: null }],
        message: 'Owner lookup timed out',
      },
      { path: ['partial'], data: null, errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'Second note' },
    ]);
  });
});

describe('util.unauthorized', () => {
  it('answers like a field refused by the schema\'s auth rules', async () => {
    expect(await run('{ deny { id } }')).toEqual({
      data: { deny: null },
      errors: [{ path: ['deny'], data: null, errorType: 'Unauthorized', errorInfo: null, locations: [{ line: 1, column: 3, sourceName: null }], message: 'Not Authorized to access deny on type Query' }],
    });
  });
});

describe('other failures', () => {
  it('turns a data source error without a response handler into a field error of its type', async () => {
    expect((await run('{ fromDataSource }')).errors).toEqual([
      expect.objectContaining({ path: ['fromDataSource'], errorType: 'DynamoDB:ConditionalCheckFailedException', message: 'Conditional request failed' }),
    ]);
  });

  it('turns resolver code that throws into a field error, not a failed request', async () => {
    const response = await run('{ crash fail { id } }');
    expect(response.data).toEqual({ crash: null, fail: null });
    expect(response.errors!.map((e) => e.path)).toEqual([['crash'], ['fail']]);
    expect(response.errors![0].message).toMatch(/deeper/);
  });

  it('refuses an invalid document before any resolver, with no path', async () => {
    const response = await run('{ nope }');
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ path: null, errorType: 'ValidationError', message: expect.stringContaining('nope') })]);
  });
});

describe('ctx.info.selectionSetList', () => {
  it('lists nested fields as paths and aliased fields by their alias only', async () => {
    const engine = testEngine({
      sdl: 'type Owner { name: String email: String } type Item { id: ID title: String owner: Owner } type Query { item: Item }',
      resolvers: {
        'Query.item': `
          export function request(ctx) { return { payload: { id: 'i-1', title: JSON.stringify(ctx.info.selectionSetList) } }; }
          export function response(ctx) { return ctx.result; }
        `,
      },
    });
    const response = await engine.run('query { item { id title heading: title owner { name } boss: owner { contact: email } } }');
    expect(JSON.parse((response.data!.item as { title: string }).title)).toEqual(['id', 'title', 'heading', 'owner', 'owner/name', 'boss', 'boss/contact']);
  });
});
