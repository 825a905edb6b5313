// The failed-delivery state machine on the local cloud, driven the way it runs in production:
// a courier marks the attempt failed → the customer gets a token link by SMS → their answer (or
// the deadline: 2 h in the tests' business rules, 7.2 s at their time scale) decides the next
// attempt → after the last allowed attempt the parcel goes back to the sender.
import { randomBytes } from 'node:crypto';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES } from '../../functions/domain/business-rules';
import { adminAuth, bookableWindow, courierAuth, graphql, graphqlOk, localCloud, scanTable, stepFunctions, storedTrackingEvents } from '../support/local-cloud';
import {
  authOfCourier,
  bookDelivery,
  CHOOSE,
  errorTypeOf,
  failAttempt,
  MY_DELIVERIES,
  OFFER,
  optionLinks,
  outboxFor,
  sendUpdate,
  snapshot,
  takeOutForDelivery,
  updateOk,
  waitFor,
  waitForBooking,
  waitForOptionLink,
  type Delivery,
} from '../support/deliveries';

const REDELIVER_WINDOW = bookableWindow(22);
const NO_ANSWER_WINDOW = bookableWindow(23);
const THREE_FAILURES_WINDOW = bookableWindow(24);
const CHOICES_WINDOW = bookableWindow(25);

const apiKey = () => ({ apiKey: localCloud().apiKey });
type Offer = Record<string, any>;

async function offer(token: string): Promise<Offer> {
  return (await graphqlOk<{ failedDeliveryOptions: Offer }>(apiKey(), OFFER, { token })).failedDeliveryOptions;
}

async function executionStatus(reference: string, attempt: number): Promise<string | undefined> {
  const sfn = stepFunctions();
  try {
    const arn = `${localCloud().stateMachineArns.failedDelivery.replace(':stateMachine:', ':execution:')}:${reference}-attempt-${attempt}`;
    return (await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status;
  } finally {
    sfn.destroy();
  }
}

const nextWorkingDayAfterToday = () => {
  let day = DateTime.now().setZone(DEFAULT_BUSINESS_RULES.serviceTimeZone).startOf('day');
  do day = day.plus({ days: 1 });
  while (!DEFAULT_BUSINESS_RULES.workingDays.includes(day.weekday));
  return day.toFormat('yyyy-MM-dd');
};

describe('failed → the customer picks a new window through the link → reserved and reassigned', () => {
  let reference: string;
  let token: string;
  let chosenWindow: { id: string; date: string; label: string };

  beforeAll(async () => {
    const booked = await bookDelivery(REDELIVER_WINDOW);
    reference = booked.reference;
    const courier = await authOfCourier(booked.courierId);
    await takeOutForDelivery(courier, reference);
    const failed = await failAttempt(courier, reference);
    expect(failed.status).toBe('FAILED_DELIVERY');
    token = await waitForOptionLink(reference);
  });

  it('records the failed attempt with its reason and starts one execution named after the attempt', async () => {
    const events = await storedTrackingEvents(reference);
    expect(events.find((e) => e.status === 'FAILED_DELIVERY')).toMatchObject({ attempt: 1, failureReason: 'RECIPIENT_ABSENT', description: 'Delivery attempt 1 failed: nobody was in to receive it' });
    expect(await executionStatus(reference, 1)).toBe('RUNNING');
    // The offer is audited too.
    expect(events.at(-1)).toMatchObject({ status: 'FAILED_DELIVERY', description: 'Delivery options sent to the customer', actor: 'system' });
  });

  it('the courier cannot move the parcel on while the customer decides', async () => {
    const booking = (await graphqlOk<{ delivery: Delivery }>(await adminAuth(), `query D($r: ID!) { delivery(reference: $r) { courierId } }`, { r: reference })).delivery;
    const before = await snapshot(reference);
    const response = await sendUpdate(await authOfCourier(booking.courierId), { reference, status: 'IN_TRANSIT' });
    expect(errorTypeOf(response)).toBe('AwaitingCustomerDecision');
    expect(await snapshot(reference)).toEqual(before);
  });

  it('the link shows why, the options and open windows, and only the delivery area', async () => {
    const shown = await offer(token);
    expect(shown).toMatchObject({ status: 'OPEN', attempt: 1, attemptsLeft: 2, reason: 'RECIPIENT_ABSENT', deliverTo: 'Bellevue, WA, 98004', answer: null });
    expect(shown.options).toEqual(['REDELIVER', 'NEIGHBOUR', 'SAFE_PLACE', 'DEPOT_COLLECTION', 'RETURN_TO_SENDER']);
    expect(shown.windows.length).toBeGreaterThan(0);
    expect(shown.windows.every((w: { remaining: number }) => w.remaining > 0)).toBe(true);
    chosenWindow = shown.windows.at(-1).window;
  });

  it('the link page needs the API key and the token: a signed-in courier or a made-up token gets nothing', async () => {
    expect(errorTypeOf(await graphql(await courierAuth('maria'), OFFER, { token }))).toBe('Unauthorized');
    expect(errorTypeOf(await graphql(apiKey(), OFFER, { token: randomBytes(32).toString('base64url') }))).toBe('FailedDeliveryLinkNotFound');
    expect(errorTypeOf(await graphql(apiKey(), OFFER, { token: reference }))).toBe('FailedDeliveryLinkNotFound');
  });

  it('choosing a window resumes the execution: the window is reserved, a courier assigned, the customer told', async () => {
    const { chooseFailedDeliveryOption } = await graphqlOk<{ chooseFailedDeliveryOption: Record<string, any> }>(apiKey(), CHOOSE, { token, choice: 'REDELIVER', windowId: chosenWindow.id });
    expect(chooseFailedDeliveryOption).toMatchObject({ option: 'REDELIVER', window: { id: chosenWindow.id } });

    const booking = await waitForBooking(reference, 'the redelivery to be booked', (b) => b.status === 'IN_TRANSIT');
    expect(booking.attempts).toHaveLength(2);
    expect(booking.attempts[0].decision).toMatchObject({ option: 'REDELIVER', by: 'customer', windowId: chosenWindow.id });
    expect(booking.attempts[1]).toMatchObject({ number: 2, kind: 'REDELIVERY', date: chosenWindow.date, window: { id: chosenWindow.id } });
    expect(booking.courierId).toMatch(/^C\d{3}$/);
    expect(booking.attempts[1].courierId).toBe(booking.courierId);

    const window = (await scanTable('capacity')).find((c) => c.windowId === chosenWindow.id && c.entry === 'WINDOW')!;
    expect([...(window.reservations as Set<string>)]).toContain(`${reference}#A2`);

    await waitFor('the execution to finish', async () => (await executionStatus(reference, 1)) === 'SUCCEEDED');
    expect((await outboxFor(reference)).some((m) => m.template === 'failed-delivery-decision' && m.body.includes('Redelivery booked for'))).toBe(true);

    // The new attempt is in the assigned courier's list for that day.
    const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(await authOfCourier(booking.courierId), MY_DELIVERIES, { date: chosenWindow.date });
    expect(myDeliveries.find((d) => d.reference === reference)).toMatchObject({ status: 'IN_TRANSIT', currentAttempt: { number: 2, kind: 'REDELIVERY' }, nextStatuses: ['OUT_FOR_DELIVERY', 'FAILED_DELIVERY'] });
  });

  it('a second answer through the same link changes nothing', async () => {
    const before = await snapshot(reference);
    const response = await graphql(apiKey(), CHOOSE, { token, choice: 'RETURN_TO_SENDER' });
    expect(errorTypeOf(response)).toBe('FailedDeliveryAlreadyAnswered');
    expect(response.errors![0].errorInfo).toMatchObject({ option: 'REDELIVER' });
    expect(await snapshot(reference)).toEqual(before);
    const shown = await offer(token);
    expect(shown).toMatchObject({ status: 'ANSWERED', options: [], windows: [], answer: { option: 'REDELIVER', windowId: chosenWindow.id } });
  });
});

describe('failed → no answer by the deadline → automatic reattempt on the next working day', () => {
  let reference: string;
  let token: string;

  beforeAll(async () => {
    const booked = await bookDelivery(NO_ANSWER_WINDOW);
    reference = booked.reference;
    const courier = await authOfCourier(booked.courierId);
    await takeOutForDelivery(courier, reference);
    await failAttempt(courier, reference, 'ACCESS_PROBLEM');
    token = await waitForOptionLink(reference);
  });

  it('after the deadline the parcel is planned for the next working day, decided by the system', async () => {
    const booking = await waitForBooking(reference, 'the automatic reattempt', (b) => b.status === 'IN_TRANSIT', 25_000);
    expect(booking.attempts[0].decision).toMatchObject({ option: 'NO_ANSWER', by: 'system' });
    expect(booking.attempts[1]).toMatchObject({ number: 2, kind: 'REATTEMPT', date: nextWorkingDayAfterToday() });
    const events = await storedTrackingEvents(reference);
    expect(events.at(-1)).toMatchObject({ status: 'IN_TRANSIT', actor: 'system', attempt: 1 });
    expect(events.at(-1)!.description).toMatch(/^No choice made in time: we will try again on /);
    expect((await outboxFor(reference)).some((m) => m.template === 'failed-delivery-decision' && m.channel === 'SMS')).toBe(true);
  }, 40_000);

  it('the stale link says so and changes nothing', async () => {
    const before = await snapshot(reference);
    const response = await graphql(apiKey(), CHOOSE, { token, choice: 'DEPOT_COLLECTION' });
    expect(errorTypeOf(response)).toBe('FailedDeliveryLinkExpired');
    expect(await snapshot(reference)).toEqual(before);
    expect(await offer(token)).toMatchObject({ status: 'EXPIRED', options: [], closedReason: expect.stringMatching(/did not hear back/) });
  });
});

describe('three failed attempts → back to the sender', () => {
  let reference: string;

  beforeAll(async () => {
    reference = (await bookDelivery(THREE_FAILURES_WINDOW)).reference;
  });

  const currentCourier = async () => (await graphqlOk<{ delivery: Delivery }>(await adminAuth(), `query D($r: ID!) { delivery(reference: $r) { courierId status } }`, { r: reference })).delivery;

  it('attempt 1 fails; the customer asks for a neighbour', async () => {
    const courier = await authOfCourier((await currentCourier()).courierId);
    await takeOutForDelivery(courier, reference);
    await failAttempt(courier, reference);
    const token = await waitForOptionLink(reference, 1);
    await graphqlOk(apiKey(), CHOOSE, { token, choice: 'NEIGHBOUR', instructions: 'Number 12, Mrs Lee' });
    const booking = await waitForBooking(reference, 'attempt 2', (b) => b.status === 'IN_TRANSIT');
    expect(booking.attempts[1]).toMatchObject({ number: 2, kind: 'NEIGHBOUR', instructions: 'Number 12, Mrs Lee' });
  });

  it('attempt 2 fails; the customer asks for a safe place', async () => {
    const courier = await authOfCourier((await currentCourier()).courierId);
    const out = await updateOk(courier, { reference, status: 'OUT_FOR_DELIVERY' });
    expect(out.delivery.currentAttempt).toMatchObject({ number: 2 });
    await failAttempt(courier, reference, 'ADDRESS_NOT_FOUND');
    const token = await waitForOptionLink(reference, 2);
    expect((await offer(token)).attemptsLeft).toBe(1);
    await graphqlOk(apiKey(), CHOOSE, { token, choice: 'SAFE_PLACE', instructions: 'Behind the blue gate' });
    const booking = await waitForBooking(reference, 'attempt 3', (b) => b.status === 'IN_TRANSIT' && b.attempts.length === 3);
    expect(booking.attempts[2]).toMatchObject({ number: 3, kind: 'SAFE_PLACE' });
  });

  it('attempt 3 fails: no more options, the parcel is returned to the sender by a courier', async () => {
    const courier = await authOfCourier((await currentCourier()).courierId);
    await updateOk(courier, { reference, status: 'OUT_FOR_DELIVERY' });
    await failAttempt(courier, reference, 'REFUSED');
    const booking = await waitForBooking(reference, 'the return to sender', (b) => b.returnToSender !== undefined);
    expect(booking.returnToSender).toMatchObject({ reason: 'MAX_ATTEMPTS', date: nextWorkingDayAfterToday() });
    expect(booking.status).toBe('IN_TRANSIT');
    expect(await optionLinks(reference)).toHaveLength(2);
    expect((await storedTrackingEvents(reference)).at(-1)!.description).toBe('Returning to sender after 3 failed delivery attempts');

    const returner = await authOfCourier(booking.courierId);
    const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(returner, MY_DELIVERIES, { date: booking.returnToSender.date });
    const job = myDeliveries.find((d) => d.reference === reference)!;
    expect(job).toMatchObject({ returnToSender: { reason: 'MAX_ATTEMPTS' }, nextStatuses: ['RETURNED'] });
    // Out for delivery again is not an option on the way back.
    expect(errorTypeOf(await sendUpdate(returner, { reference, status: 'OUT_FOR_DELIVERY' }))).toBe('DeliveryUpdateRefused');

    const { delivery } = await updateOk(returner, { reference, status: 'RETURNED', notes: 'Handed to the sender at reception' });
    expect(delivery).toMatchObject({ status: 'RETURNED', nextStatuses: [], failedAttempts: 3 });
    expect((await outboxFor(reference)).some((m) => m.template === 'delivery-returned')).toBe(true);
  }, 40_000);
});

describe('what a customer may choose', () => {
  let reference: string;
  let token: string;

  beforeAll(async () => {
    const booked = await bookDelivery(CHOICES_WINDOW, { parcel: { size: 'SMALL', weightKg: 1, handling: ['SIGNATURE_REQUIRED'], description: 'Contract' } });
    reference = booked.reference;
    const courier = await authOfCourier(booked.courierId);
    await takeOutForDelivery(courier, reference);
    await failAttempt(courier, reference);
    token = await waitForOptionLink(reference);
  });

  it('a parcel that must be signed for cannot be left in a safe place', async () => {
    expect((await offer(token)).options).toEqual(['REDELIVER', 'NEIGHBOUR', 'DEPOT_COLLECTION', 'RETURN_TO_SENDER']);
  });

  it.each([
    [{ choice: 'SAFE_PLACE', instructions: 'Porch' }, 'OPTION_NOT_AVAILABLE'],
    [{ choice: 'REDELIVER' }, 'WINDOW_REQUIRED'],
    [{ choice: 'REDELIVER', windowId: '2020-01-06T08:00' }, 'WINDOW_IN_THE_PAST'],
    [{ choice: 'REDELIVER', windowId: 'tomorrow' }, 'WINDOW_MALFORMED'],
    [{ choice: 'NEIGHBOUR', instructions: ' ' }, 'INSTRUCTIONS_REQUIRED'],
  ])('%j is refused (%s) and the question stays open', async (variables, code) => {
    const before = await snapshot(reference);
    const response = await graphql(apiKey(), CHOOSE, { token, ...variables });
    expect(errorTypeOf(response)).toBe('InvalidFailedDeliveryChoice');
    expect(response.errors![0].errorInfo).toMatchObject({ issues: [expect.objectContaining({ code })] });
    expect(await snapshot(reference)).toEqual(before);
    expect((await offer(token)).status).toBe('OPEN');
  });

  it('depot collection: the parcel goes back to the depot to wait for the customer', async () => {
    await graphqlOk(apiKey(), CHOOSE, { token, choice: 'DEPOT_COLLECTION' });
    const booking = await waitForBooking(reference, 'depot collection', (b) => b.status === 'IN_TRANSIT');
    expect(booking.depotCollection).toBeDefined();
    expect(booking.attempts).toHaveLength(1);
    expect((await storedTrackingEvents(reference)).at(-1)!.description).toBe('Taken back to the depot, ready for collection');
  });
});
