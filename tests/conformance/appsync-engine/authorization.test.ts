// AppSync's multi-auth rules, enforced per field by the engine: a field allows the modes its
// own directives name; failing those, its type's; failing those, only the API's default mode.
// @aws_cognito_user_pools(cognito_groups: [...]) further requires one of the groups. A refused
// field resolves to null with an error
//   { path, data: null, errorType: "Unauthorized", errorInfo: null, locations, message:
//     "Not Authorized to access <field> on type <Type>" }
// and a refused non-null field nulls its parent, as any GraphQL field error does.
import type { Principal } from '../../../local/appsync/authorization';
import { ECHO_ARGUMENTS, apiKey, iam, realSchemaSdl, testEngine, userPool } from './support';

const SDL = /* GraphQL */ `
  "No directive: the default mode (user pools) only."
  type Plain {
    id: ID!
    note: String
  }

  "API key and user pools on the type; fields may narrow or replace that."
  type Parcel @aws_api_key @aws_cognito_user_pools {
    id: ID!
    label: String
    "Field directives replace the type's: admins only."
    cost: Int @aws_cognito_user_pools(cognito_groups: ["admin"])
    "IAM only, and non-null: refusing it nulls the whole Parcel."
    auditTrail: String! @aws_iam
    "Nullable IAM-only field."
    internalNote: String @aws_iam
  }

  "Only an additional mode on the type: the default mode no longer applies to its fields."
  type Receipt @aws_api_key {
    id: ID!
  }

  type Shared @aws_iam @aws_cognito_user_pools {
    id: ID!
    note: String
    "No mode in common with the type: user pools only."
    userNote: String @aws_cognito_user_pools
  }

  type Query {
    plain: Plain
    parcel: Parcel @aws_api_key @aws_iam @aws_cognito_user_pools
    requiredParcel: Parcel! @aws_api_key
    receipt: Receipt @aws_api_key @aws_cognito_user_pools
    adminsOrCouriers: Plain @aws_cognito_user_pools(cognito_groups: ["admin", "courier"])
    iamOrAdmins: Shared @aws_iam @aws_cognito_user_pools(cognito_groups: ["admin"])
    apiKeyOnly: Receipt @aws_api_key
    parcels: [Parcel] @aws_api_key @aws_cognito_user_pools
  }
`;

const PARCEL = { id: 'p-1', label: 'Box', cost: 1250, auditTrail: 'created', internalNote: 'fragile' };
const PLAIN = { id: 'x-1', note: 'hello' };
const fixed = (value: unknown) => `
  export function request() { return { payload: ${JSON.stringify(value)} }; }
  export function response(ctx) { return ctx.result; }
`;

const { run } = testEngine({
  sdl: SDL,
  defaultMode: 'AMAZON_COGNITO_USER_POOLS',
  enabledModes: ['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM'],
  resolvers: {
    'Query.plain': fixed(PLAIN),
    'Query.parcel': fixed(PARCEL),
    'Query.requiredParcel': fixed(PARCEL),
    'Query.receipt': fixed({ id: 'r-1' }),
    'Query.adminsOrCouriers': fixed(PLAIN),
    'Query.iamOrAdmins': fixed(PLAIN),
    'Query.apiKeyOnly': fixed({ id: 'r-1' }),
    'Query.parcels': fixed([PARCEL, { ...PARCEL, id: 'p-2' }]),
  },
});

function unauthorized(path: (string | number)[], field: string, type: string, line = 1, column = 3) {
  return { path, data: null, errorType: 'Unauthorized', errorInfo: null, locations: [{ line, column, sourceName: null }], message: `Not Authorized to access ${field} on type ${type}` };
}

describe('default mode', () => {
  it('lets the default mode read a type and field with no directive', async () => {
    expect(await run('{ plain { id note } }', userPool())).toEqual({ data: { plain: PLAIN } });
  });

  it.each<[string, Principal]>([
    ['API key', apiKey()],
    ['IAM', iam()],
  ])('refuses %s on a root field with no directive, with AppSync\'s Unauthorized error', async (_name, principal) => {
    expect(await run('{ plain { id } }', principal)).toEqual({ data: { plain: null }, errors: [unauthorized(['plain'], 'plain', 'Query')] });
  });

  it('does not apply the default mode to a type that names only another mode', async () => {
    // Receipt carries @aws_api_key only, so a user-pool caller may reach Query.receipt but not Receipt.id.
    expect(await run('{ receipt { id } }', apiKey())).toEqual({ data: { receipt: { id: 'r-1' } } });
    expect(await run('{ receipt { id } }', userPool(['admin']))).toEqual({
      data: { receipt: null },
      errors: [unauthorized(['receipt', 'id'], 'id', 'Receipt', 1, 13)],
    });
  });
});

describe('precedence: field over type over default', () => {
  it('uses the type directives for a field that has none', async () => {
    expect(await run('{ parcel { id label } }', apiKey())).toEqual({ data: { parcel: { id: 'p-1', label: 'Box' } } });
    expect(await run('{ parcel { id label } }', userPool())).toEqual({ data: { parcel: { id: 'p-1', label: 'Box' } } });
  });

  it('lets a field directive replace the type directives, not add to them', async () => {
    // Parcel allows API keys, but Parcel.cost names only admin user pools.
    const response = await run('{ parcel { id cost } }', apiKey());
    expect(response).toEqual({ data: { parcel: { id: 'p-1', cost: null } }, errors: [unauthorized(['parcel', 'cost'], 'cost', 'Parcel', 1, 15)] });
  });

  it('lets a field name a mode its type does not', async () => {
    // IAM reaches Parcel.internalNote (field directive) but not Parcel.label (type directives).
    const response = await run('{ parcel { internalNote label } }', iam());
    expect(response.data).toEqual({ parcel: { internalNote: 'fragile', label: null } });
    expect(response.errors).toEqual([unauthorized(['parcel', 'label'], 'label', 'Parcel', 1, 25)]);
  });
});

describe('cognito_groups', () => {
  it.each([
    [['admin'], true],
    [['courier'], true],
    [['courier', 'dispatcher'], true],
    [['dispatcher'], false],
    [[], false],
  ])('a user in %p may read a field for admin or courier: %p', async (groups, allowed) => {
    const response = await run('{ adminsOrCouriers { id } }', userPool(groups));
    if (allowed) expect(response).toEqual({ data: { adminsOrCouriers: { id: 'x-1' } } });
    else expect(response).toEqual({ data: { adminsOrCouriers: null }, errors: [unauthorized(['adminsOrCouriers'], 'adminsOrCouriers', 'Query')] });
  });

  it('applies groups on a nested field only to user-pool callers, other modes by their own directive', async () => {
    expect((await run('{ parcel { cost } }', userPool(['admin']))).data).toEqual({ parcel: { cost: 1250 } });
    expect((await run('{ parcel { cost } }', userPool(['courier']))).errors).toEqual([unauthorized(['parcel', 'cost'], 'cost', 'Parcel', 1, 12)]);
  });
});

describe('several modes on one field', () => {
  it.each<[string, Principal, boolean]>([
    ['IAM', iam(), true],
    ['an admin user', userPool(['admin']), true],
    ['a courier user', userPool(['courier']), false],
    ['an API key', apiKey(), false],
  ])('@aws_iam @aws_cognito_user_pools(admin) lets %s in: %p', async (_name, principal, allowed) => {
    const response = await run('{ iamOrAdmins { id } }', principal);
    if (allowed) expect(response).toEqual({ data: { iamOrAdmins: { id: 'x-1' } } });
    else expect(response).toEqual({ data: { iamOrAdmins: null }, errors: [unauthorized(['iamOrAdmins'], 'iamOrAdmins', 'Query')] });
  });

  it('checks every field of the response, not only the root', async () => {
    // IAM may call Query.iamOrAdmins and read Shared.note, but Shared.userNote is user pools only.
    const response = await run('{ iamOrAdmins { note userNote } }', iam());
    expect(response).toEqual({ data: { iamOrAdmins: { note: 'hello', userNote: null } }, errors: [unauthorized(['iamOrAdmins', 'userNote'], 'userNote', 'Shared', 1, 22)] });
  });
});

describe('null propagation', () => {
  it('nulls the parent of a refused non-null field and keeps the sibling roots', async () => {
    const response = await run('{ parcel { id auditTrail } apiKeyOnly { id } }', apiKey());
    expect(response.data).toEqual({ parcel: null, apiKeyOnly: { id: 'r-1' } });
    expect(response.errors).toEqual([unauthorized(['parcel', 'auditTrail'], 'auditTrail', 'Parcel', 1, 15)]);
  });

  it('nulls all data when the refusal propagates into a non-null root', async () => {
    const response = await run('{ requiredParcel { auditTrail } }', apiKey());
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([unauthorized(['requiredParcel', 'auditTrail'], 'auditTrail', 'Parcel', 1, 20)]);
  });

  it('reports a refusal once per list item, with the index in the path', async () => {
    const response = await run('{ parcels { id internalNote } }', apiKey());
    expect(response.data).toEqual({ parcels: [{ id: 'p-1', internalNote: null }, { id: 'p-2', internalNote: null }] });
    expect(response.errors!.map((e) => e.path)).toEqual([
      ['parcels', 0, 'internalNote'],
      ['parcels', 1, 'internalNote'],
    ]);
  });

  it('runs no resolver for a refused root field', async () => {
    const calls: unknown[] = [];
    const engine = testEngine({
      sdl: 'type Query { secret: String @aws_iam open: String }',
      defaultMode: 'API_KEY',
      enabledModes: ['API_KEY', 'AWS_IAM'],
      resolvers: {
        'Query.secret': {
          code: ECHO_ARGUMENTS,
          dataSource: { kind: 'NONE', invoke: async (request) => (calls.push(request), { result: 'leaked' }) },
        },
      },
    });
    const response = await engine.run('{ secret }', apiKey());
    expect(response).toEqual({ data: { secret: null }, errors: [unauthorized(['secret'], 'secret', 'Query')] });
    expect(calls).toEqual([]);
  });
});

describe('the deployed schema (graphql/schema.graphql)', () => {
  // Resolvers are not needed to see the auth rules: refused fields never reach them, and a
  // field without a resolver reads its parent (null at the root).
  const real = testEngine({
    sdl: realSchemaSdl(),
    defaultMode: 'AMAZON_COGNITO_USER_POOLS',
    enabledModes: ['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM'],
  });

  it.each<[string, Principal, boolean]>([
    ['an admin', userPool(['admin']), true],
    ['a courier', userPool(['courier']), false],
    ['the backend (IAM)', iam(), true],
    ['an API key (customer link)', apiKey(), false],
  ])('Query.getBooking admits %s: %p', async (_name, principal, allowed) => {
    const response = await real.run('{ getBooking(reference: "CB123456") { reference } }', principal);
    if (allowed) expect(response).toEqual({ data: { getBooking: null } });
    else expect(response).toEqual({ data: { getBooking: null }, errors: [unauthorized(['getBooking'], 'getBooking', 'Query')] });
  });

  it('keeps the outbox from IAM callers: the field names admin user pools only', async () => {
    const response = await real.run('{ outbox(day: "2026-11-24") { items { messageId } } }', iam());
    expect(response).toEqual({ data: null, errors: [unauthorized(['outbox'], 'outbox', 'Query')] });
  });

  it('lets only IAM publish booking changes', async () => {
    const asAdmin = await real.run('mutation { publishBookingChange(reference: "CB123456") { reference } }', userPool(['admin']));
    expect(asAdmin).toEqual({ data: { publishBookingChange: null }, errors: [unauthorized(['publishBookingChange'], 'publishBookingChange', 'Mutation', 1, 12)] });
  });

  it('gives OutboxMessage (no directive) to the default mode only', () => {
    expect(real.rules.rulesFor('OutboxMessage', 'body')).toEqual([{ mode: 'AMAZON_COGNITO_USER_POOLS' }]);
    expect(real.rules.rulesFor('Booking', 'reference')).toEqual([{ mode: 'AMAZON_COGNITO_USER_POOLS' }, { mode: 'AWS_IAM' }]);
    expect(real.rules.rulesFor('Query', 'getBooking')).toEqual([{ mode: 'AMAZON_COGNITO_USER_POOLS', groups: ['admin'] }, { mode: 'AWS_IAM' }]);
  });
});
