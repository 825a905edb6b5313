// Helpers for the courier and failed-delivery integration tests: book a delivery through the real
// saga, act as its courier, read what the customer was sent, and listen on the real-time endpoint.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  adminAuth,
  bookingInput,
  courierAuth,
  graphql,
  graphqlOk,
  localCloud,
  scanTable,
  signIn,
  storedBooking,
  storedTrackingEvents,
  type Auth,
  type GraphQLResponse,
} from './local-cloud';

export const DELIVERY_FIELDS = /* GraphQL */ `
  reference displayReference status courierId pickupDate jobDate failedAttempts depotCollection nextStatuses version
  customer { name phone }
  delivery { label city postcode location { lat lon } }
  parcel { size weightKg handling description }
  attempts { number kind date window { id label } instructions courierId startedAt outcome endedAt failure { reason notes at location { lat lon accuracyMeters source } } decision { option at by windowId instructions } }
  currentAttempt { number kind date window { id } courierId }
  returnToSender { reason date courierId }
  proof { attempt recipientName hasSignature hasPhoto signatureUrl photoUrl pinVerified recordedBy location { lat lon accuracyMeters source } }
  timeline { sequence status description actor courierId attempt failureReason locationSource locationAccuracyMeters clientUpdateId at recordedAt }
`;

export const UPDATE = /* GraphQL */ `
  mutation Update($input: DeliveryStatusUpdateInput!) {
    updateDeliveryStatus(input: $input) { replayed event { sequence status description courierId attempt clientUpdateId failureReason } delivery { ${DELIVERY_FIELDS} } }
  }
`;

export const MY_DELIVERIES = `query My($date: AWSDate) { myDeliveries(date: $date) { ${DELIVERY_FIELDS} } }`;
export const MY_DELIVERY = `query One($reference: ID!) { myDelivery(reference: $reference) { ${DELIVERY_FIELDS} } }`;
export const ADMIN_DELIVERY = `query One($reference: ID!) { delivery(reference: $reference) { ${DELIVERY_FIELDS} } }`;
export const OFFER = /* GraphQL */ `
  query Offer($token: String!) {
    failedDeliveryOptions(token: $token) {
      displayReference status attempt attemptsLeft reason reasonText failedAt deliverTo location { lat lon } options expiresAt closedReason
      windows { window { id label date } remaining }
      answer { option windowId instructions at }
    }
  }
`;
export const CHOOSE = /* GraphQL */ `
  mutation Choose($token: String!, $choice: FailedDeliveryOption!, $windowId: ID, $instructions: String) {
    chooseFailedDeliveryOption(token: $token, choice: $choice, windowId: $windowId, instructions: $instructions) { option window { id label } message }
  }
`;

export type Delivery = Record<string, any>;

/** A 1×1 PNG, as a signature pad exports it. */
export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A JPEG of `size` bytes: the JFIF start of image, then filler (the server sniffs the first bytes). */
export function jpegDataUrl(size = 2048): string {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(bytes);
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

export const location = (overrides: Record<string, unknown> = {}) => ({ lat: 47.6101, lon: -122.2015, accuracyMeters: 12, source: 'GPS', ...overrides });

export function usernameOf(courierId: string): string {
  const user = localCloud().users.find((u) => u.courierId === courierId);
  if (!user) throw new Error(`no demo user for courier ${courierId}`);
  return user.username;
}

export async function authOfCourier(courierId: string): Promise<Auth> {
  return courierAuth(usernameOf(courierId));
}

/** An access token for 'admin' or a courier id, for the real-time endpoint. */
export async function signInToken(who: string): Promise<string> {
  return (await signIn(who === 'admin' ? 'admin' : usernameOf(who))).accessToken;
}

/** A courier other than `courierId`, for authorization checks. */
export function anotherCourier(courierId: string): string {
  return localCloud().users.find((u) => u.courierId && u.courierId !== courierId)!.courierId!;
}

/** Books through createBooking and returns the stored booking (assigned to a courier by the saga). */
export async function bookDelivery(windowId: string, overrides: Record<string, unknown> = {}): Promise<{ reference: string; courierId: string; pickupDate: string }> {
  const data = await graphqlOk<{ createBooking: { reference: string; courierId: string | null; pickupDate: string; status: string } }>(
    await adminAuth(),
    `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { reference courierId pickupDate status } }`,
    { input: bookingInput(windowId, overrides) },
  );
  const booking = data.createBooking;
  if (!booking.courierId) throw new Error(`booking ${booking.reference} got no courier (status ${booking.status})`);
  return { reference: booking.reference, courierId: booking.courierId, pickupDate: booking.pickupDate };
}

export interface UpdateInput {
  reference: string;
  status: string;
  clientUpdateId?: string;
  location?: Record<string, unknown>;
  notes?: string;
  proof?: Record<string, unknown>;
  failure?: Record<string, unknown>;
  occurredAt?: string;
}

export function updateInput(input: UpdateInput): Record<string, unknown> {
  return { clientUpdateId: randomUUID(), location: location(), ...input };
}

export async function sendUpdate(auth: Auth, input: UpdateInput): Promise<GraphQLResponse<{ updateDeliveryStatus: { replayed: boolean; event: Record<string, any>; delivery: Delivery } }>> {
  return graphql(auth, UPDATE, { input: updateInput(input) });
}

export async function updateOk(auth: Auth, input: UpdateInput): Promise<{ replayed: boolean; event: Record<string, any>; delivery: Delivery }> {
  const response = await sendUpdate(auth, input);
  if (response.errors?.length || !response.data) throw new Error(`update to ${input.status} failed: ${JSON.stringify(response.errors)}`);
  return response.data.updateDeliveryStatus;
}

/** Collected → in transit → out for delivery, as the courier. */
export async function takeOutForDelivery(auth: Auth, reference: string): Promise<void> {
  for (const status of ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']) await updateOk(auth, { reference, status });
}

export async function failAttempt(auth: Auth, reference: string, reason = 'RECIPIENT_ABSENT'): Promise<Delivery> {
  return (await updateOk(auth, { reference, status: 'FAILED_DELIVERY', failure: { reason, notes: 'Rang twice, nobody answered; card left.' } })).delivery;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function outboxFor(reference: string): Promise<Record<string, any>[]> {
  return (await scanTable('outbox')).filter((m) => m.reference === reference).sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
}

const LINK_TOKEN = /delivery-options\/([A-Za-z0-9_-]{43})/;

/** The options links sent by SMS for a booking, oldest first. */
export async function optionLinks(reference: string): Promise<string[]> {
  return (await outboxFor(reference))
    .filter((m) => m.template === 'failed-delivery-options' && m.channel === 'SMS')
    .map((m) => LINK_TOKEN.exec(String(m.body))?.[1])
    .filter((token): token is string => token !== undefined);
}

/** Waits for the n-th options link (1-based) of a booking. */
export async function waitForOptionLink(reference: string, n = 1): Promise<string> {
  return waitFor(`options link #${n} for ${reference}`, async () => (await optionLinks(reference))[n - 1]);
}

export async function waitForBooking(reference: string, what: string, condition: (booking: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>> {
  return waitFor(what, async () => {
    const booking = await storedBooking(reference);
    return booking && condition(booking) ? booking : undefined;
  }, timeoutMs);
}

/** What a refused call must leave behind: the same booking version, trail and update records. */
export async function snapshot(reference: string) {
  const booking = await storedBooking(reference);
  return {
    version: booking?.version as number | undefined,
    status: booking?.status,
    events: (await storedTrackingEvents(reference)).length,
    updates: (await scanTable('clientUpdates')).filter((u) => u.reference === reference).length,
    files: booking?.proof ?? null,
  };
}

export function errorTypeOf(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.errorType;
}

/** A minimal AppSync real-time client: one subscription, every data message collected. */
export class Subscriber {
  readonly received: Record<string, any>[] = [];
  readonly errors: unknown[] = [];
  private socket!: WebSocket;
  private acked!: Promise<void>;

  static async start(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Subscriber> {
    const subscriber = new Subscriber();
    await subscriber.open(token, query, variables);
    return subscriber;
  }

  private async open(token: string, query: string, variables: Record<string, unknown>): Promise<void> {
    const cloud = localCloud();
    const host = new URL(cloud.graphqlUrl).host;
    const header = { host, Authorization: token };
    this.socket = new WebSocket(cloud.realtimeUrl, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`]);
    this.acked = new Promise<void>((resolve, reject) => {
      this.socket.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as { type: string; payload?: any };
        if (message.type === 'connection_ack') {
          this.socket.send(JSON.stringify({ id: 'sub', type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization: header } } }));
        } else if (message.type === 'start_ack') resolve();
        else if (message.type === 'data') this.received.push(message.payload.data);
        else if (message.type === 'error') {
          this.errors.push(message.payload);
          resolve();
        }
      });
      this.socket.once('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.send(JSON.stringify({ type: 'connection_init' }));
    await this.acked;
  }

  close(): void {
    this.socket.close();
  }
}
