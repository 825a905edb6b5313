// The booking saga end to end on the local cloud: GraphQL mutation → Step Functions →
// Lambda handlers → DynamoDB Local, checking what each path stores (and what it must not).
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { BOOKING_FIELDS } from '../../functions/shared/graphql-documents';
import {
  adminAuth,
  bookableWindow,
  bookingInput,
  graphql,
  graphqlOk,
  localCloud,
  scanTable,
  setPaymentRates,
  stepFunctions,
  storedBooking,
  storedTrackingEvents,
} from '../support/local-cloud';

const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const TRACKING = `query T($reference: ID!) { trackingHistory(reference: $reference) { reference sequence status at description actor } }`;
const WINDOWS = `query W($date: AWSDate!) { pickupWindows(date: $date) { window { id } capacity booked remaining } }`;

// This file's own windows (see bookableWindow): no other test file books into them.
const WINDOW = bookableWindow(0);
const REFUSAL_WINDOW = bookableWindow(1);

type Booking = Record<string, any>;

async function windowLoad(windowId: string): Promise<{ capacity: number; booked: number; remaining: number }> {
  const data = await graphqlOk<{ pickupWindows: { window: { id: string }; capacity: number; booked: number; remaining: number }[] }>(
    await adminAuth(),
    WINDOWS,
    { date: windowId.slice(0, 10) },
  );
  const found = data.pickupWindows.find((w) => w.window.id === windowId);
  if (!found) throw new Error(`window ${windowId} not listed`);
  return found;
}

/** The references holding a place in a window, read straight from the capacity table. */
async function reservationsIn(windowId: string): Promise<string[]> {
  const window = (await scanTable('capacity')).find((c) => c.windowId === windowId && c.entry === 'WINDOW');
  return window?.reservations ? [...(window.reservations as Set<string>)] : [];
}

async function bookingsFor(customerPhone: string): Promise<Record<string, unknown>[]> {
  return (await scanTable('bookings')).filter((b) => (b.customer as { phone: string }).phone === customerPhone);
}

describe('booking saga: a valid request', () => {
  let booking: Booking;
  const input = bookingInput(WINDOW, { customer: { name: 'Mary Jackson', phone: '+12065550177', email: 'mary@example.com' } });

  beforeAll(async () => {
    const data = await graphqlOk<{ createBooking: Booking }>(await adminAuth(), CREATE_BOOKING, { input });
    booking = data.createBooking;
  });

  it('returns the stored booking with a CB reference, a price and an assigned courier', async () => {
    expect(booking.reference).toMatch(/^CB[A-Z0-9]{6}$/);
    expect(booking.displayReference).toBe(`CB-${booking.reference.slice(2)}`);
    expect(booking.status).toBe('ASSIGNED');
    expect(booking.courierId).toMatch(/^C\d{3}$/);
    expect(booking.channel).toBe('ADMIN');
    expect(booking.price.totalMinor).toBeGreaterThan(0);
    expect(booking.price.lines.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['BASE', 'DISTANCE']));
    expect(booking.pickup.location.lat).toBeCloseTo(47.63, 1);
    expect(booking.pickup.approximate).toBe(true);
    expect(booking.pickupWindow.id).toBe(WINDOW);

    const stored = await storedBooking(booking.reference);
    expect(stored).toMatchObject({ reference: booking.reference, status: 'ASSIGNED', courierId: booking.courierId, pickupDate: WINDOW.slice(0, 10) });
  });

  it('records the audit trail: BOOKED then ASSIGNED', async () => {
    const events = await storedTrackingEvents(booking.reference);
    expect(events.map((e) => e.status)).toEqual(['BOOKED', 'ASSIGNED']);
    const data = await graphqlOk<{ trackingHistory: { sequence: number; status: string }[] }>(await adminAuth(), TRACKING, { reference: booking.reference });
    expect(data.trackingHistory.map((e) => [e.sequence, e.status])).toEqual([
      [1, 'BOOKED'],
      [2, 'ASSIGNED'],
    ]);
  });

  it('notifies the customer by SMS and email through the outbox', async () => {
    const messages = (await scanTable('outbox')).filter((m) => m.reference === booking.reference);
    expect(messages.map((m) => m.channel).sort()).toEqual(['EMAIL', 'SMS']);
    const sms = messages.find((m) => m.channel === 'SMS')!;
    expect(sms.to).toBe('+12065550177');
    expect(String(sms.body)).toContain(booking.displayReference);
  });

  it('reserves one place in the window', async () => {
    const load = await windowLoad(WINDOW);
    expect(load.booked).toBeGreaterThanOrEqual(1);
    expect(load.remaining).toBe(load.capacity - load.booked);
    expect(await reservationsIn(WINDOW)).toContain(booking.reference);
  });

  it('ran as a Step Functions execution named after the reference', async () => {
    const cloud = localCloud();
    const machineArn = cloud.stateMachineArns.booking;
    const executionArn = `${machineArn.replace(':stateMachine:', ':execution:')}:${booking.reference}`;
    const sfn = stepFunctions();
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    sfn.destroy();
    expect(execution.name).toBe(booking.reference);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).reference).toBe(booking.reference);
  });

  it('can be read back through getBooking and bookingsByDate', async () => {
    const auth = await adminAuth();
    const one = await graphqlOk<{ getBooking: Booking }>(auth, `query G($r: ID!) { getBooking(reference: $r) { reference status version } }`, { r: booking.reference });
    expect(one.getBooking).toEqual({ reference: booking.reference, status: 'ASSIGNED', version: 2 });
    const day = await graphqlOk<{ bookingsByDate: { items: Booking[] } }>(auth, `query D($d: AWSDate!) { bookingsByDate(date: $d) { items { reference } } }`, {
      d: WINDOW.slice(0, 10),
    });
    expect(day.bookingsByDate.items.map((b) => b.reference)).toContain(booking.reference);
  });
});

describe('booking saga: refusals compensate and leave nothing behind', () => {
  afterEach(async () => {
    await setPaymentRates({ outageRate: 0, declineRate: 0 });
  });

  it('a declined payment releases the window and stores no booking', async () => {
    const phone = '+12065550178';
    const before = await windowLoad(REFUSAL_WINDOW);
    await setPaymentRates({ declineRate: 1 });
    const response = await graphql(await adminAuth(), CREATE_BOOKING, { input: bookingInput(REFUSAL_WINDOW, { customer: { name: 'Dorothy Vaughan', phone } }) });
    expect(response.data).toBeNull();
    expect(response.errors?.[0].errorType).toBe('PaymentDeclined');
    expect(response.errors?.[0].message).toMatch(/declined/i);
    expect(await bookingsFor(phone)).toEqual([]);
    expect((await windowLoad(REFUSAL_WINDOW)).booked).toBe(before.booked);
    expect(await reservationsIn(REFUSAL_WINDOW)).toHaveLength(before.booked);
  });

  it('a payment gateway that stays down ends in a clear failure after retries, with nothing charged or booked', async () => {
    const phone = '+12065550179';
    await setPaymentRates({ outageRate: 1 });
    const response = await graphql(await adminAuth(), CREATE_BOOKING, { input: bookingInput(REFUSAL_WINDOW, { customer: { name: 'Annie Easley', phone } }) });
    expect(response.data).toBeNull();
    expect(response.errors?.[0].errorType).toBe('PaymentGatewayUnavailable');
    expect(response.errors?.[0].message).toMatch(/nothing was booked or charged/i);
    expect(await bookingsFor(phone)).toEqual([]);
  });

  it('a flaky gateway (outages on some calls) is retried by the state machine and the booking succeeds', async () => {
    await setPaymentRates({ outageRate: 0.5 });
    const results = await Promise.all(
      [0, 1, 2, 3].map(async (i) =>
        graphql<{ createBooking: Booking }>(await adminAuth(), CREATE_BOOKING, {
          input: bookingInput(REFUSAL_WINDOW, { customer: { name: `Flaky ${i}`, phone: `+1206555019${i}` } }),
        }),
      ),
    );
    // With three attempts at 50 % outage each call fails only 1 time in 8; all four failing is vanishingly rare.
    const booked = results.filter((r) => r.data?.createBooking);
    expect(booked.length).toBeGreaterThan(0);
    for (const r of results.filter((x) => !x.data?.createBooking)) expect(r.errors?.[0].errorType).toBe('PaymentGatewayUnavailable');
  });

  it('an address that cannot be found is refused with AddressNotFound and nothing is written', async () => {
    const phone = '+12065550180';
    const before = await windowLoad(REFUSAL_WINDOW);
    const response = await graphql(await adminAuth(), CREATE_BOOKING, {
      input: bookingInput(REFUSAL_WINDOW, {
        customer: { name: 'Nowhere Man', phone },
        delivery: { line1: '1 Nowhere Rd', city: 'Xqzzyville', region: 'WA', postcode: '00000', country: 'US' },
      }),
    });
    expect(response.errors?.[0].errorType).toBe('AddressNotFound');
    expect(response.errors?.[0].errorInfo).toMatchObject({ which: 'delivery' });
    expect(await bookingsFor(phone)).toEqual([]);
    expect((await windowLoad(REFUSAL_WINDOW)).booked).toBe(before.booked);
  });
});
