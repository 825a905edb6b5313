// End to end with the real aws-amplify v6 client, as the admin app uses it: sign in through
// Amplify Auth against the local Cognito, subscribe to onBookingChanged over the AppSync
// real-time protocol (Cognito user-pool auth), book through createBooking, and receive the
// change published by the saga's last step. Filters by reference and by date are checked too.
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLSubscription } from 'aws-amplify/api';
import { signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { adminAuth, bookableWindow, bookingInput, graphqlOk, localCloud } from '../support/local-cloud';
import { MemoryKeyValueStorage, LocalWebSocket } from '../support/amplify-node';

type BookingEvent = { reference: string; status: string; pickupDate: string; courierId: string | null; version: number };
const ON_BOOKING_CHANGED = /* GraphQL */ `
  subscription OnBookingChanged($reference: ID, $pickupDate: AWSDate) {
    onBookingChanged(reference: $reference, pickupDate: $pickupDate) { reference status pickupDate courierId version }
  }
`;
const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { reference status } }`;

const WINDOW = bookableWindow(5);
const OTHER_DAY_WINDOW = bookableWindow(12);
const originalWebSocket = globalThis.WebSocket;
const originalSetTimeout = globalThis.setTimeout;
const live: { unsubscribe(): void }[] = [];

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => originalSetTimeout(r, 20));
  }
}

async function realtimeStatus(): Promise<{ subscriptions: number; realtimeConnections: number }> {
  return (await (await fetch(`${localCloud().control}/status`)).json()) as { subscriptions: number; realtimeConnections: number };
}

/** Amplify reports nothing when start_ack arrives, so ask the engine how many subscriptions it holds. */
async function waitForSubscriptions(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await realtimeStatus()).subscriptions < count) {
    if (Date.now() > deadline) throw new Error(`the engine never held ${count} subscriptions`);
    await new Promise((r) => originalSetTimeout(r, 25));
  }
}

function subscribe(variables: Record<string, unknown>, received: BookingEvent[], errors: unknown[]): void {
  const subscription = generateClient()
    .graphql<GraphQLSubscription<{ onBookingChanged: BookingEvent }>>({ query: ON_BOOKING_CHANGED, variables })
    .subscribe({ next: ({ data }) => received.push(data.onBookingChanged), error: (error) => errors.push(error) });
  live.push(subscription);
}

beforeAll(async () => {
  (globalThis as { WebSocket: unknown }).WebSocket = LocalWebSocket;
  // Amplify arms a 15 s connection watchdog it never clears; unref'd it cannot hold Jest open.
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => originalSetTimeout(...args).unref()) as typeof setTimeout;
  const warn = console.warn;
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('custom Amazon')) warn(...args);
  });
  const cloud = localCloud();
  Amplify.configure({
    Auth: { Cognito: { userPoolId: cloud.userPoolId, userPoolClientId: cloud.userPoolClientId, userPoolEndpoint: cloud.cognito } },
    API: { GraphQL: { endpoint: cloud.graphqlUrl, region: cloud.region, defaultAuthMode: 'userPool' } },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(new MemoryKeyValueStorage());
  const admin = cloud.users.find((u) => u.groups.includes('admin'))!;
  const result = await signIn({ username: admin.username, password: admin.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  expect(result.isSignedIn).toBe(true);
});

afterAll(async () => {
  for (const subscription of live.splice(0)) subscription.unsubscribe();
  await signOut().catch(() => undefined);
  (globalThis as { WebSocket: unknown }).WebSocket = originalWebSocket;
  globalThis.setTimeout = originalSetTimeout;
});

it('an Amplify v6 subscriber receives the booking the saga stored, filtered by reference and by date', async () => {
  const before = await realtimeStatus();
  const byDate: BookingEvent[] = [];
  const otherDay: BookingEvent[] = [];
  const all: BookingEvent[] = [];
  const errors: unknown[] = [];
  subscribe({ pickupDate: WINDOW.slice(0, 10) }, byDate, errors);
  subscribe({ pickupDate: OTHER_DAY_WINDOW.slice(0, 10) }, otherDay, errors);
  subscribe({}, all, errors);
  await waitForSubscriptions(before.subscriptions + 3);

  const created = await graphqlOk<{ createBooking: { reference: string; status: string } }>(await adminAuth(), CREATE_BOOKING, {
    input: bookingInput(WINDOW, { customer: { name: 'Live Viewer', phone: '+12065554001' } }),
  });
  const reference = created.createBooking.reference;

  // A reference-filtered subscription opened now (after the booking) sees later changes only.
  const byReference: BookingEvent[] = [];
  subscribe({ reference }, byReference, errors);

  await waitFor('the booking event on the date subscription', () => byDate.some((e) => e.reference === reference));
  await waitFor('the booking event on the unfiltered subscription', () => all.some((e) => e.reference === reference));
  const event = byDate.find((e) => e.reference === reference)!;
  expect(event).toEqual({ reference, status: 'ASSIGNED', pickupDate: WINDOW.slice(0, 10), courierId: expect.stringMatching(/^C\d{3}$/), version: 2 });
  // The other day's subscriber got nothing about this booking.
  await new Promise((r) => originalSetTimeout(r, 200));
  expect(otherDay.filter((e) => e.reference === reference)).toEqual([]);
  expect(byReference).toEqual([]);
  expect(errors).toEqual([]);

  // Republishing (what any later status change does) reaches the reference subscriber.
  await waitForSubscriptions(before.subscriptions + 4);
  await graphqlOk({ iam: true }, `mutation P($r: ID!) { publishBookingChange(reference: $r) { reference status pickupDate courierId version } }`, { r: reference });
  await waitFor('the republished event on the reference subscription', () => byReference.length === 1);
  expect(byReference[0]).toMatchObject({ reference, status: 'ASSIGNED' });
});
