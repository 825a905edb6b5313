// Subscription fan-out in the engine, as AppSync documents it:
// - a mutation named in @aws_subscribe publishes its *response* (its selection set) to every
//   matching subscriber; fields the mutation did not select reach subscribers as null;
// - subscription arguments filter on the published fields of the same name (AND); an omitted
//   argument does not filter, an argument given as null filters on null ("Argument null value
//   has meaning"), and a declared but unset variable counts as omitted;
// - enhanced filters set by the subscription resolver (extensions.setSubscriptionFilter):
//   OR across filter groups, AND within one;
// - auth applies at subscribe time and to each delivered field.
import type { AppSyncResponse, SubscriptionHandle } from '../../../local/appsync/engine';
import { RequestRejected } from '../../../local/appsync/engine';
import type { Principal } from '../../../local/appsync/authorization';
import { ECHO_ARGUMENTS, apiKey, settle, testEngine, userPool } from './support';

const SDL = /* GraphQL */ `
  type Booking @aws_api_key @aws_cognito_user_pools {
    reference: ID!
    status: String
    pickupDate: AWSDate
    courierId: ID
    priority: Int
    tags: [String]
    "User pools only."
    customerPhone: String @aws_cognito_user_pools
  }
  type Query {
    noop: String
  }
  type Mutation @aws_api_key @aws_cognito_user_pools {
    updateBooking(reference: ID!, status: String, pickupDate: AWSDate, courierId: ID, priority: Int, tags: [String], customerPhone: String): Booking
    failBooking(reference: ID!): Booking
    nullBooking(reference: ID!): Booking
    unrelated(reference: ID!): Booking
  }
  type Subscription @aws_api_key @aws_cognito_user_pools {
    onBookingChanged(reference: ID, pickupDate: AWSDate, courierId: ID): Booking
      @aws_subscribe(mutations: ["updateBooking", "failBooking", "nullBooking"])
    onUrgent(minPriority: Int!, tag: String): Booking @aws_subscribe(mutations: ["updateBooking"])
    onAdminFeed: Booking @aws_subscribe(mutations: ["updateBooking"]) @aws_cognito_user_pools(cognito_groups: ["admin"])
    onGuarded(reference: ID!): Booking @aws_subscribe(mutations: ["updateBooking"])
    onRequired: RequiredBooking @aws_subscribe(mutations: ["updateBooking"])
  }
  type RequiredBooking @aws_api_key {
    reference: ID!
    status: String!
  }
`;

const { engine } = testEngine({
  sdl: SDL,
  resolvers: {
    'Mutation.updateBooking': ECHO_ARGUMENTS,
    'Mutation.unrelated': ECHO_ARGUMENTS,
    'Mutation.failBooking': `
      import { util } from '@aws-appsync/utils';
      export function request() { util.error('Booking is locked', 'LockedError'); }
      export function response(ctx) { return ctx.result; }
    `,
    'Mutation.nullBooking': `
      export function request() { return { payload: null }; }
      export function response(ctx) { return ctx.result; }
    `,
    // Enhanced filtering: priority >= minPriority AND (tags contain tag), OR status URGENT.
    'Subscription.onUrgent': `
      import { util, extensions } from '@aws-appsync/utils';
      export function request() { return { payload: null }; }
      export function response(ctx) {
        const first = { priority: { ge: ctx.args.minPriority } };
        if (ctx.args.tag) first.tags = { contains: ctx.args.tag };
        extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ or: [first, { status: { eq: 'URGENT' } }] }));
        return null;
      }
    `,
    'Subscription.onGuarded': `
      import { util } from '@aws-appsync/utils';
      export function request(ctx) {
        if (ctx.args.reference.startsWith('secret')) util.unauthorized();
        return { payload: null };
      }
      export function response() { return null; }
    `,
  },
});

const handles: SubscriptionHandle[] = [];
afterEach(() => {
  for (const handle of handles.splice(0)) handle.stop();
});

async function subscribe(query: string, variables: Record<string, unknown> = {}, principal: Principal = apiKey()): Promise<AppSyncResponse[]> {
  const received: AppSyncResponse[] = [];
  handles.push(await engine.subscribe({ query, variables }, principal, {}, (payload) => received.push(payload)));
  return received;
}

async function mutate(query: string, variables: Record<string, unknown> = {}, principal: Principal = apiKey()): Promise<AppSyncResponse> {
  const response = await engine.execute({ query, variables }, principal, {});
  await settle();
  return response;
}

const UPDATE = `mutation U($reference: ID!, $status: String, $pickupDate: AWSDate, $courierId: ID, $priority: Int, $tags: [String]) {
  updateBooking(reference: $reference, status: $status, pickupDate: $pickupDate, courierId: $courierId, priority: $priority, tags: $tags) {
    reference status pickupDate courierId priority tags
  }
}`;

const update = (variables: Record<string, unknown>) => mutate(UPDATE, variables);
const references = (received: AppSyncResponse[], field = 'onBookingChanged') =>
  received.map((r) => (r.data?.[field] as { reference: string } | null)?.reference ?? null);

describe('fan-out', () => {
  it('delivers a mutation to every subscriber of the field, each with its own selection', async () => {
    const a = await subscribe('subscription { onBookingChanged { reference status } }');
    const b = await subscribe('subscription { onBookingChanged { pickupDate } }');
    const c = await subscribe('subscription { changed: onBookingChanged { reference } }');
    await update({ reference: 'CB1', status: 'BOOKED', pickupDate: '2026-11-24' });
    expect(a).toEqual([{ data: { onBookingChanged: { reference: 'CB1', status: 'BOOKED' } } }]);
    expect(b).toEqual([{ data: { onBookingChanged: { pickupDate: '2026-11-24' } } }]);
    expect(c).toEqual([{ data: { changed: { reference: 'CB1' } } }]);
  });

  it('publishes only from the mutations named in @aws_subscribe, and only successful non-null results', async () => {
    const all = await subscribe('subscription { onBookingChanged { reference } }');
    await mutate('mutation { unrelated(reference: "CB2") { reference } }');
    const failed = await mutate('mutation { failBooking(reference: "CB3") { reference } }');
    await mutate('mutation { nullBooking(reference: "CB4") { reference } }');
    expect(failed.errors![0].errorType).toBe('LockedError');
    expect(all).toEqual([]);
    await mutate('mutation { renamed: updateBooking(reference: "CB5") { reference } }');
    expect(references(all)).toEqual(['CB5']);
  });

  it('stops delivering once a subscription is stopped', async () => {
    const received = await subscribe('subscription { onBookingChanged { reference } }');
    await update({ reference: 'CB1' });
    handles.pop()!.stop();
    await update({ reference: 'CB2' });
    expect(references(received)).toEqual(['CB1']);
    expect(engine.subscriptionCount).toBe(0);
  });
});

describe('argument filters', () => {
  it('filters on the published field of the same name', async () => {
    const one = await subscribe('subscription { onBookingChanged(reference: "CB1") { reference } }');
    await update({ reference: 'CB1' });
    await update({ reference: 'CB2' });
    expect(references(one)).toEqual(['CB1']);
  });

  it('requires every given argument to match', async () => {
    const both = await subscribe('subscription S($d: AWSDate, $c: ID) { onBookingChanged(pickupDate: $d, courierId: $c) { reference } }', { d: '2026-11-24', c: 'courier-1' });
    await update({ reference: 'CB1', pickupDate: '2026-11-24', courierId: 'courier-1' });
    await update({ reference: 'CB2', pickupDate: '2026-11-24', courierId: 'courier-2' });
    await update({ reference: 'CB3', pickupDate: '2026-11-25', courierId: 'courier-1' });
    expect(references(both)).toEqual(['CB1']);
  });

  it('does not filter on an omitted argument, nor on a declared variable left unset', async () => {
    const omitted = await subscribe('subscription { onBookingChanged(pickupDate: "2026-11-24") { reference } }');
    const unset = await subscribe('subscription S($r: ID, $d: AWSDate) { onBookingChanged(reference: $r, pickupDate: $d) { reference } }', { d: '2026-11-24' });
    await update({ reference: 'CB1', pickupDate: '2026-11-24', courierId: 'courier-1' });
    await update({ reference: 'CB2', pickupDate: '2026-11-24' });
    expect(references(omitted)).toEqual(['CB1', 'CB2']);
    expect(references(unset)).toEqual(['CB1', 'CB2']);
  });

  it('filters on null when an argument is given as null', async () => {
    const literalNull = await subscribe('subscription { onBookingChanged(courierId: null) { reference } }');
    const variableNull = await subscribe('subscription S($c: ID) { onBookingChanged(courierId: $c) { reference } }', { c: null });
    await update({ reference: 'CB1', courierId: 'courier-1' });
    await update({ reference: 'CB2', courierId: null });
    expect(references(literalNull)).toEqual(['CB2']);
    expect(references(variableNull)).toEqual(['CB2']);
  });

  it('matches on the mutation response, not its arguments: an unselected field matches nothing', async () => {
    const byCourier = await subscribe('subscription { onBookingChanged(courierId: "courier-1") { reference } }');
    const everything = await subscribe('subscription { onBookingChanged { reference courierId } }');
    await mutate('mutation { updateBooking(reference: "CB1", courierId: "courier-1") { reference } }');
    expect(byCourier).toEqual([]);
    expect(everything).toEqual([{ data: { onBookingChanged: { reference: 'CB1', courierId: null } } }]);
  });
});

describe('delivered fields', () => {
  it('delivers what the mutation selected; a field it did not select arrives as null', async () => {
    const received = await subscribe('subscription { onBookingChanged { reference status priority } }');
    await mutate('mutation { updateBooking(reference: "CB1", status: "BOOKED", priority: 3) { reference status } }');
    expect(received).toEqual([{ data: { onBookingChanged: { reference: 'CB1', status: 'BOOKED', priority: null } } }]);
  });

  it('nulls the subscription field, with an error, when an unselected field is non-null', async () => {
    const received = await subscribe('subscription { onRequired { reference status } }');
    await mutate('mutation { updateBooking(reference: "CB1", status: "BOOKED") { reference } }');
    expect(received).toHaveLength(1);
    expect(received[0].data).toEqual({ onRequired: null });
    expect(received[0].errors).toEqual([expect.objectContaining({ path: ['onRequired', 'status'] })]);
  });

  it('applies field auth to each delivery for the subscriber, not the publisher', async () => {
    const viaKey = await subscribe('subscription { onBookingChanged { reference customerPhone } }', {}, apiKey());
    const viaUser = await subscribe('subscription { onBookingChanged { reference customerPhone } }', {}, userPool());
    await mutate('mutation { updateBooking(reference: "CB1", customerPhone: "+12065550100") { reference customerPhone } }', {}, userPool());
    expect(viaUser).toEqual([{ data: { onBookingChanged: { reference: 'CB1', customerPhone: '+12065550100' } } }]);
    expect(viaKey[0].data).toEqual({ onBookingChanged: { reference: 'CB1', customerPhone: null } });
    expect(viaKey[0].errors).toEqual([
      expect.objectContaining({ path: ['onBookingChanged', 'customerPhone'], errorType: 'Unauthorized', message: 'Not Authorized to access customerPhone on type Booking' }),
    ]);
  });
});

describe('enhanced filters', () => {
  it('delivers when any filter group matches, and a group matches only when all its filters do', async () => {
    const high = await subscribe('subscription { onUrgent(minPriority: 5) { reference } }');
    const tagged = await subscribe('subscription { onUrgent(minPriority: 5, tag: "fragile") { reference } }');
    await update({ reference: 'LOW', priority: 1, status: 'BOOKED' });
    await update({ reference: 'HIGH', priority: 7, status: 'BOOKED', tags: ['bulky'] });
    await update({ reference: 'HIGH-FRAGILE', priority: 9, status: 'BOOKED', tags: ['fragile', 'bulky'] });
    await update({ reference: 'URGENT', priority: 0, status: 'URGENT' });
    expect(references(high, 'onUrgent')).toEqual(['HIGH', 'HIGH-FRAGILE', 'URGENT']);
    expect(references(tagged, 'onUrgent')).toEqual(['HIGH-FRAGILE', 'URGENT']);
  });
});

describe('authorization at subscribe time', () => {
  async function refusal(query: string, principal: Principal = apiKey()): Promise<RequestRejected> {
    const error = await engine.subscribe({ query }, principal, {}, () => {}).then(
      (handle) => {
        handles.push(handle);
        throw new Error('expected the subscription to be refused');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequestRejected);
    return error as RequestRejected;
  }

  it('refuses a subscription field the caller may not access, with AppSync\'s Unauthorized error', async () => {
    expect((await refusal('subscription { onAdminFeed { reference } }', userPool(['courier']))).errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access onAdminFeed on type Subscription' }),
    ]);
    const admin = await subscribe('subscription { onAdminFeed { reference } }', {}, userPool(['admin']));
    await update({ reference: 'CB1' });
    expect(references(admin, 'onAdminFeed')).toEqual(['CB1']);
  });

  it('refuses when the subscription resolver calls util.unauthorized', async () => {
    expect((await refusal('subscription { onGuarded(reference: "secret-1") { reference } }')).errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access onGuarded on type Subscription' }),
    ]);
    expect(engine.subscriptionCount).toBe(0);
  });

  it('refuses a query or mutation sent as a subscription', async () => {
    expect((await refusal('query { noop }')).errors).toEqual([expect.objectContaining({ errorType: 'UnsupportedOperation' })]);
  });
});
