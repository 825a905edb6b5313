// AppSync's query depth limit (queryDepthLimit, 1–75; 0 = none): "Depth refers to the amount
// of nested levels allowed in the body of query ... This field will produce a limit error if the
// operation falls out of bounds. Note that fields can still be set to nullable or non-nullable.
// If a non-nullable field produces an error, the error will be thrown upwards to the first
// nullable field available." (CreateGraphqlApi API reference.) So each field below the limit
// fails, null propagation applies, and the rest of the response stands.
import { RecordingDataSource, testEngine } from './support';

const SDL = /* GraphQL */ `
  type Node {
    id: ID!
    name: String
    child: Node
    requiredChild: Node!
    computed: String
  }
  type Query {
    root: Node
    requiredRoot: Node!
    nodes: [Node]
  }
`;

function chain(depth: number): Record<string, unknown> {
  const node: Record<string, unknown> = { id: `n${depth}`, name: `node ${depth}` };
  if (depth < 8) node.child = node.requiredChild = chain(depth + 1);
  return node;
}

const computedSource = new RecordingDataSource(() => ({ result: 'computed' }));
const fixed = (value: unknown) => `
  export function request() { return { payload: ${JSON.stringify(value)} }; }
  export function response(ctx) { return ctx.result; }
`;

function engineWithLimit(queryDepthLimit: number) {
  return testEngine({
    sdl: SDL,
    queryDepthLimit,
    resolvers: {
      'Query.root': fixed(chain(1)),
      'Query.requiredRoot': fixed(chain(1)),
      'Query.nodes': fixed([chain(1), chain(1)]),
      'Node.computed': { code: 'export function request() { return {}; }', dataSource: computedSource },
    },
  });
}

const { run } = engineWithLimit(3);

function depthError(path: (string | number)[]) {
  return expect.objectContaining({ path, errorType: 'QueryDepthLimitExceeded', message: expect.stringContaining('depth limit of 3') });
}

it('answers an operation within the limit in full', async () => {
  expect(await run('{ root { id child { id name } } }')).toEqual({ data: { root: { id: 'n1', child: { id: 'n2', name: 'node 2' } } } });
});

it('nulls a nullable field below the limit and keeps everything above it', async () => {
  const response = await run('{ root { id child { id child { name } } } }');
  expect(response.data).toEqual({ root: { id: 'n1', child: { id: 'n2', child: { name: null } } } });
  expect(response.errors).toEqual([depthError(['root', 'child', 'child', 'name'])]);
});

it('propagates a non-null field below the limit to the first nullable parent', async () => {
  const response = await run('{ root { id child { id child { id } } } }');
  expect(response.data).toEqual({ root: { id: 'n1', child: { id: 'n2', child: null } } });
  expect(response.errors).toEqual([depthError(['root', 'child', 'child', 'id'])]);
});

it('propagates through a chain of non-null fields up to a nullable root', async () => {
  const response = await run('{ root { requiredChild { requiredChild { id } } } }');
  expect(response.data).toEqual({ root: null });
  expect(response.errors).toEqual([depthError(['root', 'requiredChild', 'requiredChild', 'id'])]);
});

it('nulls all data when the chain reaches a non-null root', async () => {
  const response = await run('{ requiredRoot { requiredChild { requiredChild { id } } } root { id } }');
  expect(response.data).toBeNull();
  expect(response.errors).toEqual([depthError(['requiredRoot', 'requiredChild', 'requiredChild', 'id'])]);
});

it('counts fields inside fragments, and not list indices', async () => {
  const response = await run(`
    { nodes { ...Deep } }
    fragment Deep on Node { id child { name ... on Node { child { name } } } }
  `);
  expect(response.data).toEqual({
    nodes: [
      { id: 'n1', child: { name: 'node 2', child: { name: null } } },
      { id: 'n1', child: { name: 'node 2', child: { name: null } } },
    ],
  });
  // child at depth 3 is allowed; its name at depth 4 fails and, being nullable, nulls only itself.
  expect(response.errors!.map((e) => e.path)).toEqual([
    ['nodes', 0, 'child', 'child', 'name'],
    ['nodes', 1, 'child', 'child', 'name'],
  ]);
});

it('runs no resolver below the limit', async () => {
  const before = computedSource.calls.length;
  await run('{ root { child { computed } } }');
  expect(computedSource.calls.length).toBe(before + 1);
  const response = await run('{ root { child { child { computed } } } }');
  expect(computedSource.calls.length).toBe(before + 1);
  expect(response.errors).toEqual([depthError(['root', 'child', 'child', 'computed'])]);
});

it('refuses the whole request when an introspection selection is deeper than the limit', async () => {
  const response = await run('{ __schema { types { fields { name } } } }');
  expect(response).toEqual({
    data: null,
    errors: [expect.objectContaining({ path: null, errorType: 'QueryDepthLimitExceeded' })],
  });
  expect((await run('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
});

it('has no limit when queryDepthLimit is 0', async () => {
  const unlimited = engineWithLimit(0);
  const response = await unlimited.run('{ root { child { child { child { child { id } } } } } }');
  expect(response).toEqual({ data: { root: { child: { child: { child: { child: { id: 'n5' } } } } } } });
});
