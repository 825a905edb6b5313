// The customer's tracking page on the local cloud, the way a customer reaches it: book → the
// confirmation SMS in the outbox → the token in its /track/<token> link → trackDelivery (API key).
// Only the token's hash is stored; made-up, expired and other-kind tokens and the booking reference
// open nothing (TrackingLinkInvalid); each status message carries a fresh link to the same page;
// after a failed attempt the page says so and its token opens the options page too.
import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { adminAuth, bookableWindow, graphql, graphqlOk, localCloud, scanTable, tables } from '../support/local-cloud';
import { authOfCourier, bookDelivery, errorTypeOf, failAttempt, OFFER, outboxFor, takeOutForDelivery, updateOk, waitFor, waitForOptionLink } from '../support/deliveries';

// This file's own windows (see bookableWindow).
const WINDOW = bookableWindow(60);
const FAILED_WINDOW = bookableWindow(61);

const TRACK = /* GraphQL */ `
  query Track($token: String!) {
    trackDelivery(token: $token) {
      displayReference status statusText pickupArea deliverTo location { lat lon } currentPlace courierFirstName
      pickupWindow { id date label }
      eta { kind at date window { id } }
      timeline { status title detail at place }
      deliveryOptionsOpen deliveryOptionsDeadline linkExpiresAt updatedAt
    }
  }
`;

const apiKey = () => ({ apiKey: localCloud().apiKey });
const TRACK_LINK = /\/track\/([A-Za-z0-9_-]{43})(?=\s|$)/;
type Page = Record<string, any>;

async function track(token: string): Promise<Page> {
  return (await graphqlOk<{ trackDelivery: Page }>(apiKey(), TRACK, { token })).trackDelivery;
}

/** The tracking tokens in a booking's messages of a template and channel, oldest first. */
async function trackingTokens(reference: string, template: string, channel = 'SMS'): Promise<string[]> {
  return (await outboxFor(reference))
    .filter((m) => m.template === template && m.channel === channel)
    .map((m) => TRACK_LINK.exec(String(m.body))?.[1])
    .filter((t): t is string => t !== undefined);
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

describe('book → the link in the confirmation SMS → the tracking page', () => {
  let reference: string;
  let courierId: string;
  let token: string;

  beforeAll(async () => {
    const booked = await bookDelivery(WINDOW);
    reference = booked.reference;
    courierId = booked.courierId;
    token = await waitFor('the confirmation SMS with a tracking link', async () => (await trackingTokens(reference, 'booking-confirmed'))[0]);
  });

  it('sends a token link, not the reference, in the SMS and the email', async () => {
    const messages = (await outboxFor(reference)).filter((m) => m.template === 'booking-confirmed');
    expect(messages.map((m) => m.channel).sort()).toEqual(['EMAIL', 'SMS']);
    for (const m of messages) {
      expect(String(m.body)).toMatch(TRACK_LINK);
      expect(String(m.body)).not.toContain(`/track/${reference}`);
    }
    expect(String(messages.find((m) => m.channel === 'SMS')!.body)).toMatch(new RegExp(`Track: https?://[^\\s]+/track/${token}$`));
  });

  it('stores only the token’s hash, as a TRACKING link that expires 30 days after pickup (TTL)', async () => {
    const items = (await scanTable('customerLinks')).filter((l) => l.reference === reference);
    const item = items.find((l) => l.tokenHash === sha256(token));
    expect(item).toMatchObject({ kind: 'TRACKING', reference });
    expect(typeof item!.expiresAt).toBe('number');
    for (const stored of items) expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('shows the booking’s public view: status, window, estimate, area and timeline — no personal data', async () => {
    const page = await track(token);
    expect(page).toMatchObject({
      displayReference: `CB-${reference.slice(2)}`,
      status: 'ASSIGNED',
      pickupArea: 'Seattle, WA',
      deliverTo: 'Bellevue, WA, 98004',
      pickupWindow: { id: WINDOW },
      eta: { kind: 'COLLECTION', window: { id: WINDOW } },
      deliveryOptionsOpen: false,
      courierFirstName: null,
    });
    expect(page.timeline.map((s: Page) => s.status)).toEqual(['BOOKED', 'ASSIGNED']);
    expect(page.timeline[0].place).toBe('Seattle, WA');
    const json = JSON.stringify(page);
    for (const secret of ['Ada', 'Lovelace', '+12065550123', 'ada@example.com', '400 Broad St', '500 108th Ave NE', 'Books', reference, courierId]) expect(json).not.toContain(secret);
    // One link per step: the email carries the SMS's link.
    expect(await trackingTokens(reference, 'booking-confirmed', 'EMAIL')).toEqual([token]);
  });

  it.each([
    ['a made-up token', () => 'A'.repeat(43)],
    ['the booking reference', () => reference],
    ['the display reference', () => `CB-${reference.slice(2)}`],
    ['the token’s stored hash', () => sha256(token)],
  ])('answers %s with TrackingLinkInvalid and nothing else', async (_what, candidate) => {
    const response = await graphql(apiKey(), TRACK, { token: candidate() });
    expect(errorTypeOf(response)).toBe('TrackingLinkInvalid');
    expect(response.data?.trackDelivery ?? null).toBeNull();
    expect(JSON.stringify(response)).not.toContain(reference);
  });

  it('is an API-key field only: a signed-in admin gets no page through it', async () => {
    expect(errorTypeOf(await graphql(await adminAuth(), TRACK, { token }))).toBe('Unauthorized');
  });

  it('each status message carries a fresh link to the same, updated page (with the courier’s first name)', async () => {
    const courier = await authOfCourier(courierId);
    await updateOk(courier, { reference, status: 'COLLECTED' });
    const collectedToken = await waitFor('the collected SMS', async () => (await trackingTokens(reference, 'delivery-collected'))[0]);
    expect(collectedToken).not.toBe(token);
    const page = await track(collectedToken);
    expect(page.status).toBe('COLLECTED');
    expect(page.timeline.map((s: Page) => s.status)).toEqual(['BOOKED', 'ASSIGNED', 'COLLECTED']);
    expect(page.courierFirstName).toMatch(/^[A-Z][a-z]+$/);
    // The first link still works and shows the same.
    expect((await track(token)).status).toBe('COLLECTED');
    const courierProfile = (await scanTable('couriers')).find((c) => c.courierId === courierId)!;
    const json = JSON.stringify(page);
    expect(json).not.toContain(String(courierProfile.phone));
    expect(json).not.toContain(String(courierProfile.name));
  });

  it('stops opening once expired', async () => {
    const [collectedToken] = await trackingTokens(reference, 'delivery-collected');
    await tables().send(
      new UpdateCommand({
        TableName: localCloud().tables.customerLinks,
        Key: { tokenHash: sha256(collectedToken) },
        UpdateExpression: 'SET deadline = :past',
        ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
      }),
    );
    expect(errorTypeOf(await graphql(apiKey(), TRACK, { token: collectedToken }))).toBe('TrackingLinkInvalid');
    // Other links of the booking are untouched.
    expect((await track(token)).displayReference).toMatch(/^CB-/);
  });
});

describe('after a failed attempt the page offers the options, through its own token', () => {
  let reference: string;
  let token: string;

  beforeAll(async () => {
    const booked = await bookDelivery(FAILED_WINDOW);
    reference = booked.reference;
    token = await waitFor('the confirmation SMS', async () => (await trackingTokens(reference, 'booking-confirmed'))[0]);
    const courier = await authOfCourier(booked.courierId);
    await takeOutForDelivery(courier, reference);
    await failAttempt(courier, reference);
    await waitForOptionLink(reference);
  });

  it('says a choice is open, until when, and why the attempt failed', async () => {
    const page = await track(token);
    expect(page).toMatchObject({ status: 'FAILED_DELIVERY', deliveryOptionsOpen: true });
    expect(Date.parse(page.deliveryOptionsDeadline)).toBeGreaterThan(Date.now());
    const failed = page.timeline.find((s: Page) => s.status === 'FAILED_DELIVERY');
    expect(failed).toMatchObject({ title: 'Delivery attempt failed', detail: 'Nobody was in to receive it' });
    // One step for the failure, though the trail also records the options being sent.
    expect(page.timeline.filter((s: Page) => s.status === 'FAILED_DELIVERY')).toHaveLength(1);
    // The courier's notes about the attempt stay off the page.
    expect(JSON.stringify(page)).not.toContain('Rang twice');
  });

  it('its token opens the options page (failedDeliveryOptions) for the open question', async () => {
    const offer = (await graphqlOk<{ failedDeliveryOptions: Page }>(apiKey(), OFFER, { token })).failedDeliveryOptions;
    expect(offer).toMatchObject({ status: 'OPEN', attempt: 1, reason: 'RECIPIENT_ABSENT' });
  });

  it('while an options token does not open the tracking page', async () => {
    const optionsToken = await waitForOptionLink(reference);
    expect(errorTypeOf(await graphql(apiKey(), TRACK, { token: optionsToken }))).toBe('TrackingLinkInvalid');
  });
});
