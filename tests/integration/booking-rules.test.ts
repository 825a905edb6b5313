// Business rules that protect the booking book: capacity under concurrency, idempotent retries,
// typed errors for bad input with nothing written, and who may book at all.
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES } from '../../functions/domain/business-rules';
import {
  adminAuth,
  bookableWindow,
  bookingInput,
  courierAuth,
  graphql,
  graphqlOk,
  localCloud,
  scanTable,
  stepFunctions,
} from '../support/local-cloud';

const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { reference status pickupWindow { id } } }`;
const SET_CAPACITY = `mutation S($windowId: ID!, $capacity: Int!) { setPickupCapacity(windowId: $windowId, capacity: $capacity) { capacity booked remaining } }`;

const CONTENDED_WINDOW = bookableWindow(2);
const IDEMPOTENCY_WINDOW = bookableWindow(3);
const BAD_INPUT_WINDOW = bookableWindow(4);

type GraphQLError = { errorType?: string; message: string; errorInfo?: any };

async function storedBookingsWhere(predicate: (b: Record<string, any>) => boolean): Promise<Record<string, any>[]> {
  return (await scanTable('bookings')).filter(predicate);
}

async function executionCount(): Promise<number> {
  const sfn = stepFunctions();
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: localCloud().stateMachineArns.booking, nextToken }));
    count += page.executions?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken);
  sfn.destroy();
  return count;
}

describe('capacity under concurrency', () => {
  it('50 concurrent bookings on a window with capacity 10 book exactly 10 and refuse 40 with PickupWindowFull', async () => {
    const auth = await adminAuth();
    await graphqlOk(auth, SET_CAPACITY, { windowId: CONTENDED_WINDOW, capacity: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        graphql<{ createBooking: { reference: string } }>(auth, CREATE_BOOKING, {
          input: bookingInput(CONTENDED_WINDOW, { customer: { name: `Rush ${i}`, phone: `+1206555${String(1000 + i)}` } }),
        }),
      ),
    );
    const booked = results.filter((r) => r.data?.createBooking);
    const refused = results.filter((r) => !r.data?.createBooking);
    expect(booked).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.errors?.[0].errorType).toBe('PickupWindowFull');
      expect(r.errors?.[0].message).toContain(CONTENDED_WINDOW);
    }
    // Refusals offer the caller other windows.
    expect((refused[0].errors?.[0].errorInfo as { alternatives: string[] }).alternatives.length).toBeGreaterThan(0);

    const stored = await storedBookingsWhere((b) => b.pickupWindow.id === CONTENDED_WINDOW);
    expect(stored.map((b) => b.reference).sort()).toEqual(booked.map((r) => r.data!.createBooking.reference).sort());
    const load = await graphqlOk<{ setPickupCapacity: { capacity: number; booked: number; remaining: number } }>(auth, SET_CAPACITY, {
      windowId: CONTENDED_WINDOW,
      capacity: 10,
    });
    expect(load.setPickupCapacity).toEqual({ capacity: 10, booked: 10, remaining: 0 });
  });

  it('capacity cannot be set below what is already booked', async () => {
    const response = await graphql(await adminAuth(), SET_CAPACITY, { windowId: CONTENDED_WINDOW, capacity: 3 });
    expect(response.errors?.[0].errorType).toBe('InvalidCapacity');
  });
});

describe('idempotent retries', () => {
  it('the same request retried with the same key returns the same booking, even concurrently', async () => {
    const auth = await adminAuth();
    const input = bookingInput(IDEMPOTENCY_WINDOW, { customer: { name: 'Retry Rita', phone: '+12065552001' } });
    const first = await graphqlOk<{ createBooking: { reference: string } }>(auth, CREATE_BOOKING, { input });
    const retries = await Promise.all(Array.from({ length: 5 }, () => graphqlOk<{ createBooking: { reference: string } }>(auth, CREATE_BOOKING, { input })));
    expect(new Set(retries.map((r) => r.createBooking.reference))).toEqual(new Set([first.createBooking.reference]));
    expect(await storedBookingsWhere((b) => b.customer.phone === '+12065552001')).toHaveLength(1);
  });

  it('concurrent first attempts with one key make one booking', async () => {
    const auth = await adminAuth();
    const input = bookingInput(IDEMPOTENCY_WINDOW, { customer: { name: 'Double Click', phone: '+12065552002' } });
    const results = await Promise.all(Array.from({ length: 8 }, () => graphqlOk<{ createBooking: { reference: string } }>(auth, CREATE_BOOKING, { input })));
    expect(new Set(results.map((r) => r.createBooking.reference)).size).toBe(1);
    expect(await storedBookingsWhere((b) => b.customer.phone === '+12065552002')).toHaveLength(1);
  });

  it('reusing a key for a different request is refused and books nothing more', async () => {
    const auth = await adminAuth();
    const input = bookingInput(IDEMPOTENCY_WINDOW, { customer: { name: 'Key Reuse', phone: '+12065552003' } });
    await graphqlOk(auth, CREATE_BOOKING, { input });
    const changed = { ...input, parcel: { size: 'LARGE', weightKg: 12 } };
    const response = await graphql(auth, CREATE_BOOKING, { input: changed });
    expect(response.errors?.[0].errorType).toBe('IdempotencyKeyReused');
    expect(await storedBookingsWhere((b) => b.customer.phone === '+12065552003')).toHaveLength(1);
  });

  it('idempotency keys belong to the caller: the same key from another caller is a separate booking', async () => {
    const input = bookingInput(IDEMPOTENCY_WINDOW, { customer: { name: 'Two Callers', phone: '+12065552004' } });
    const asAdmin = await graphqlOk<{ createBooking: { reference: string } }>(await adminAuth(), CREATE_BOOKING, { input });
    const asBackend = await graphqlOk<{ createBooking: { reference: string } }>({ iam: true }, CREATE_BOOKING, { input });
    expect(asBackend.createBooking.reference).not.toBe(asAdmin.createBooking.reference);
  });
});

describe('bad input gets a typed error and writes nothing', () => {
  const yesterday = DateTime.now().setZone(DEFAULT_BUSINESS_RULES.serviceTimeZone).minus({ days: 1 });
  // A working day in the past, so the only problem is that it has passed.
  const pastDay = [0, 1, 2].map((d) => yesterday.minus({ days: d })).find((d) => DEFAULT_BUSINESS_RULES.workingDays.includes(d.weekday))!;
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a malformed email', { customer: { name: 'Bad Email', phone: '+12065553001', email: 'not-an-email' } }, 'email', /email/i],
    ['a malformed phone number', { customer: { name: 'Bad Phone', phone: 'call me maybe' } }, 'phone', /phone/i],
    ['a phone number that cannot exist', { customer: { name: 'Bad Phone', phone: '+1206555' } }, 'phone', /phone/i],
    ['an impossible weight', { parcel: { size: 'SMALL', weightKg: 900 } }, 'weight', /weigh|kg/i],
    ['a negative weight', { parcel: { size: 'MEDIUM', weightKg: -1 } }, 'weight', /weigh|kg/i],
    ['a pickup window in the past', { pickupWindowId: `${pastDay.toFormat('yyyy-MM-dd')}T10:00` }, 'window', /past|passed|too late|already/i],
    ['a pickup window that does not exist', { pickupWindowId: `${BAD_INPUT_WINDOW.slice(0, 10)}T03:00` }, 'window', /window/i],
    ['an empty name', { customer: { name: '  ', phone: '+12065553002' } }, 'name', /name/i],
  ];

  it.each(cases)('%s', async (_label, override, _field, messagePattern) => {
    const executionsBefore = await executionCount();
    const bookingsBefore = (await scanTable('bookings')).length;
    const capacityBefore = (await scanTable('capacity')).length;
    const response = await graphql(await adminAuth(), CREATE_BOOKING, { input: bookingInput(BAD_INPUT_WINDOW, override) });
    expect(response.data?.createBooking ?? null).toBeNull();
    const error = response.errors?.[0] as GraphQLError;
    expect(error).toBeDefined();
    expect(error.errorType).toMatch(/^(InvalidBookingRequest|BadRequestException|ValidationError)$/);
    expect(error.message).toMatch(messagePattern);
    // Nothing started, nothing stored, no capacity taken.
    expect(await executionCount()).toBe(executionsBefore);
    expect((await scanTable('bookings')).length).toBe(bookingsBefore);
    expect((await scanTable('capacity')).length).toBe(capacityBefore);
  });

  it('reports every problem of a request at once, field by field', async () => {
    const response = await graphql(await adminAuth(), CREATE_BOOKING, {
      input: bookingInput(BAD_INPUT_WINDOW, { parcel: { size: 'SMALL', weightKg: 900 }, customer: { name: '', phone: '+1206555' } }),
    });
    const error = response.errors?.[0] as GraphQLError;
    expect(error.errorType).toBe('InvalidBookingRequest');
    const fields = (error.errorInfo.issues as { field: string }[]).map((i) => i.field);
    expect(fields.length).toBeGreaterThanOrEqual(3);
  });
});

describe('who may book', () => {
  it('a courier is not authorised to create bookings', async () => {
    const response = await graphql(await courierAuth('maria'), CREATE_BOOKING, { input: bookingInput(BAD_INPUT_WINDOW) });
    expect(response.data?.createBooking ?? null).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access createBooking on type Mutation' });
  });

  it('an API key is not authorised to create bookings', async () => {
    const response = await graphql({ apiKey: localCloud().apiKey }, CREATE_BOOKING, { input: bookingInput(BAD_INPUT_WINDOW) });
    expect(response.errors?.[0].errorType).toBe('Unauthorized');
  });

  it('no credentials or a forged token get 401 UnauthorizedException', async () => {
    const none = await graphql({ none: true }, CREATE_BOOKING, { input: bookingInput(BAD_INPUT_WINDOW) });
    expect(none.status).toBe(401);
    expect(none.errors?.[0].errorType).toBe('UnauthorizedException');
    const admin = (await adminAuth()) as { token: string };
    const [header, payload] = admin.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const response = await graphql({ token: forged }, CREATE_BOOKING, { input: bookingInput(BAD_INPUT_WINDOW) });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].errorType).toBe('UnauthorizedException');
  });

  it('the outbox is for admins only: backend IAM callers and couriers cannot list it', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const query = `query O($day: AWSDate!) { outbox(day: $day) { items { messageId } } }`;
    expect((await graphql({ iam: true }, query, { day })).errors?.[0].errorType).toBe('Unauthorized');
    expect((await graphql(await courierAuth('james'), query, { day })).errors?.[0].errorType).toBe('Unauthorized');
    expect((await graphql(await adminAuth(), query, { day })).errors).toBeUndefined();
  });
});
