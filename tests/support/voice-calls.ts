// Voice tests talk to the local cloud like a caller: through the call API (flow interpreter →
// Lex runtime → code hook Lambda → DynamoDB / Step Functions), and arrange the deliveries a
// caller asks about — a booking made through the real saga, then moved to the status the
// scenario needs, with the courier's position and the audit trail that status implies.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BOOKING_FIELDS } from '../../functions/shared/graphql-documents';
import { adminAuth, bookableWindow, bookingInput, graphqlOk, localCloud, tables } from './local-cloud';

export interface PromptView {
  index: number;
  text: string;
  ssml?: string;
  source: 'flow' | 'bot';
  audioUrl?: string;
}

export interface TurnView {
  callId: string;
  state: 'IN_FLOW' | 'WITH_BOT' | 'TRANSFERRED' | 'DISCONNECTED';
  ended: boolean;
  prompts: PromptView[];
  lex: { intentName?: string; dialogAction?: string; intentState?: string; sessionAttributes: Record<string, string>; slots: Record<string, string | undefined> } | null;
  handover: { queue: string | null; reason: string } | null;
  queue: string | null;
  turnMs: number;
}

export function callsUrl(): string {
  const url = (localCloud() as unknown as { calls?: string }).calls;
  if (!url) throw new Error('the local cloud has no call API (connection.calls)');
  return url;
}

async function callApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${callsUrl()}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const payload = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(`call API ${method} ${path} answered ${response.status}: ${payload.message}`);
  return payload;
}

export const placeCall = (options: { from?: string; to?: string; queueAccepts?: boolean } = {}) => callApi<TurnView>('POST', '', options);
export const say = (callId: string, text: string) => callApi<TurnView>('POST', `/${callId}/say`, { text });
export const stayQuiet = (callId: string) => callApi<TurnView>('POST', `/${callId}/silence`);
export const hangUp = (callId: string) => callApi<unknown>('DELETE', `/${callId}`);
export const callRecord = (callId: string) => callApi<Record<string, unknown> & { transcript: { speaker: string; text: string }[] }>('GET', `/${callId}`);

/** A reference as a caller spells it: "C B 1 2 A B 3 4". */
export const spelled = (reference: string) => reference.split('').join(' ');

/** The references the bot read out, character by character, in SSML. */
export function referencesSpoken(prompts: PromptView[], prefix: 'CB' | 'FB'): string[] {
  const found = new Set<string>();
  for (const prompt of prompts) {
    for (const match of (prompt.ssml ?? '').matchAll(/<say-as interpret-as="characters">([A-Z0-9]{8})<\/say-as>/g)) if (match[1].startsWith(prefix)) found.add(match[1]);
  }
  return [...found];
}

// ----- fixtures ---------------------------------------------------------------------------------

const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { ${BOOKING_FIELDS} } }`;
const SET_CAPACITY = `mutation S($windowId: ID!, $capacity: Int!) { setPickupCapacity(windowId: $windowId, capacity: $capacity) { capacity } }`;

/**
 * A courier only voice tests use: off duty (so no other test's booking is assigned to them) and
 * with a position the tests set, so moving them moves nobody else's parcel.
 */
export const VOICE_TEST_COURIER = {
  courierId: 'C9V1',
  name: 'Vera Voice',
  phone: '+12065550999',
  email: 'vera.voice@courier.example',
  username: 'vera-voice-test',
  vehicle: 'VAN',
  onDuty: false,
  homeBase: { lat: 47.6062, lon: -122.3321 },
  region: 'Seattle',
} as const;

/** Where the test courier is "now": central Bellevue, WA. */
export const BELLEVUE = { lat: 47.6101, lon: -122.2015 };
/** Where an in-transit parcel was last scanned: Kirkland, WA. */
export const KIRKLAND = { lat: 47.6769, lon: -122.206 };

export type FixtureStatus = 'ASSIGNED' | 'IN_TRANSIT' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'FAILED_DELIVERY' | 'RETURNED' | 'CANCELLED';

export interface BookingFixture {
  status: FixtureStatus;
  /** bookableWindow offset of the pickup. */
  window: number;
  phone: string;
  handling?: string[];
}

async function ensureTestCourier(): Promise<void> {
  const cloud = localCloud();
  await tables().send(
    new PutCommand({
      TableName: cloud.tables.couriers,
      Item: { ...VOICE_TEST_COURIER, position: BELLEVUE, positionAt: new Date().toISOString() },
    }),
  );
}

/** Books through the saga (GraphQL createBooking), then moves the booking to `status`. */
export async function arrangeBooking(fixture: BookingFixture): Promise<string> {
  const cloud = localCloud();
  const input = bookingInput(bookableWindow(fixture.window), {
    customer: { name: 'Grace Hopper', phone: fixture.phone, email: 'grace@example.com' },
    ...(fixture.handling ? { parcel: { size: 'SMALL', weightKg: 2, handling: fixture.handling, description: 'Books' } } : {}),
  });
  const { createBooking } = await graphqlOk<{ createBooking: { reference: string } }>(await adminAuth(), CREATE_BOOKING, { input });
  const reference = createBooking.reference;
  if (fixture.status === 'ASSIGNED') return reference;

  await ensureTestCourier();
  const stored = (await tables().send(new GetCommand({ TableName: cloud.tables.bookings, Key: { reference } }))).Item!;
  const now = new Date();
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  let version = stored.version as number;
  const event = async (status: string, at: string, description: string, location?: { lat: number; lon: number }) => {
    version++;
    await tables().send(
      new PutCommand({
        TableName: cloud.tables.trackingEvents,
        Item: { reference, sequence: version, status, at, description, actor: `courier:${VOICE_TEST_COURIER.courierId}`, courierId: VOICE_TEST_COURIER.courierId, ...(location ? { location } : {}) },
      }),
    );
  };
  const extra: Record<string, unknown> = {};
  switch (fixture.status) {
    case 'IN_TRANSIT':
      await event('COLLECTED', minutesAgo(90), 'Parcel collected', stored.pickup.location);
      await event('IN_TRANSIT', minutesAgo(60), 'In transit', KIRKLAND);
      // The courier's live position is hours old: only the last scan says where the parcel is.
      await tables().send(
        new UpdateCommand({ TableName: cloud.tables.couriers, Key: { courierId: VOICE_TEST_COURIER.courierId }, UpdateExpression: 'SET positionAt = :old', ExpressionAttributeValues: { ':old': minutesAgo(240) } }),
      );
      break;
    case 'OUT_FOR_DELIVERY':
      await event('COLLECTED', minutesAgo(90), 'Parcel collected', stored.pickup.location);
      await event('OUT_FOR_DELIVERY', minutesAgo(20), 'Out for delivery', BELLEVUE);
      break;
    case 'DELIVERED':
      await event('COLLECTED', minutesAgo(180), 'Parcel collected', stored.pickup.location);
      await event('DELIVERED', minutesAgo(60), 'Delivered', stored.delivery.location);
      extra.deliveredAt = minutesAgo(60);
      break;
    case 'RETURNED':
      await event('RETURNED', minutesAgo(60), 'Returned to sender');
      extra.returnedAt = minutesAgo(60);
      break;
    case 'FAILED_DELIVERY':
      await event('COLLECTED', minutesAgo(180), 'Parcel collected', stored.pickup.location);
      await event('FAILED_DELIVERY', minutesAgo(30), 'Delivery attempt failed', stored.delivery.location);
      extra.attempts = [
        {
          number: 1,
          kind: 'FIRST',
          date: minutesAgo(30).slice(0, 10),
          courierId: VOICE_TEST_COURIER.courierId,
          outcome: 'FAILED',
          endedAt: minutesAgo(30),
          failure: { reason: 'RECIPIENT_ABSENT', notes: 'Nobody answered', at: minutesAgo(30), location: { ...stored.delivery.location, source: 'GPS' } },
        },
      ];
      break;
    case 'CANCELLED':
      await event('CANCELLED', minutesAgo(10), 'Booking cancelled');
      break;
  }
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':status': fixture.status, ':courier': VOICE_TEST_COURIER.courierId, ':version': version, ':now': now.toISOString() };
  let set = 'SET #status = :status, courierId = :courier, version = :version, updatedAt = :now';
  for (const [name, value] of Object.entries(extra)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    set += `, #${name} = :${name}`;
  }
  await tables().send(new UpdateCommand({ TableName: cloud.tables.bookings, Key: { reference }, UpdateExpression: set, ExpressionAttributeNames: names, ExpressionAttributeValues: values }));
  return reference;
}

/** Opens or closes a pickup window for bookings (admin GraphQL). */
export async function setWindowCapacity(offset: number, capacity: number): Promise<void> {
  await graphqlOk(await adminAuth(), SET_CAPACITY, { windowId: bookableWindow(offset), capacity });
}
