// A courier's day on the local cloud: the assigned delivery in their list → collected → in transit →
// out for delivery (PIN by SMS) → delivered with a signature, a photo and a name. Every update writes
// a tracking event, tells the customer and reaches live subscribers; replays of the same update
// change nothing; history, timeline and report reflect the work.
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES } from '../../functions/domain/business-rules';
import { adminAuth, bookableWindow, graphqlOk, scanTable, storedBooking, storedTrackingEvents } from '../support/local-cloud';
import {
  anotherCourier,
  authOfCourier,
  bookDelivery,
  errorTypeOf,
  jpegDataUrl,
  location,
  MY_DELIVERIES,
  MY_DELIVERY,
  outboxFor,
  PNG_DATA_URL,
  sendUpdate,
  signInToken,
  snapshot,
  Subscriber,
  updateOk,
  waitFor,
  type Delivery,
} from '../support/deliveries';

// This file's own windows (see bookableWindow).
const WINDOW = bookableWindow(20);
const HIGH_VALUE_WINDOW = bookableWindow(21);

const today = () => DateTime.now().setZone(DEFAULT_BUSINESS_RULES.serviceTimeZone).toFormat('yyyy-MM-dd');

describe('a delivery from assignment to proof of delivery', () => {
  let reference: string;
  let courierId: string;
  let pickupDate: string;
  let courier: Awaited<ReturnType<typeof authOfCourier>>;
  const collectedId = `collect-${Date.now()}`;
  const subscribers: Subscriber[] = [];

  beforeAll(async () => {
    ({ reference, courierId, pickupDate } = await bookDelivery(WINDOW, {
      customer: { name: 'Dorothy Vaughan', phone: '+12065550191', email: 'dorothy@example.com' },
      parcel: { size: 'SMALL', weightKg: 1.5, handling: ['SIGNATURE_REQUIRED'], description: 'Slide rule' },
    }));
    courier = await authOfCourier(courierId);
  });

  afterAll(() => subscribers.forEach((s) => s.close()));

  it('is in the courier’s list for the pickup date, with what the courier may do next', async () => {
    const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(courier, MY_DELIVERIES, { date: pickupDate });
    const mine = myDeliveries.find((d) => d.reference === reference);
    expect(mine).toMatchObject({ status: 'ASSIGNED', courierId, jobDate: pickupDate, nextStatuses: ['COLLECTED'], attempts: [], proof: null });
    expect(mine!.customer.phone).toBe('+12065550191');
    // Every delivery in the list is the courier's own.
    expect(myDeliveries.every((d) => d.courierId === courierId)).toBe(true);
  });

  it('an admin and the courier are told live; another courier is not', async () => {
    const other = anotherCourier(courierId);
    subscribers.push(
      await Subscriber.start(await signInToken('admin'), `subscription S($reference: ID) { onBookingChanged(reference: $reference) { reference status version } }`, { reference }),
      await Subscriber.start(await signInToken(courierId), `subscription { onMyDeliveryChanged { reference status courierId } }`),
      await Subscriber.start(await signInToken(other), `subscription { onMyDeliveryChanged { reference status courierId } }`),
    );
    for (const subscriber of subscribers) expect(subscriber.errors).toEqual([]);
  });

  it('collected: a tracking event with the confirmed location, the customer told, nothing else changed', async () => {
    const before = await snapshot(reference);
    const { delivery, event, replayed } = await updateOk(courier, { reference, status: 'COLLECTED', clientUpdateId: collectedId, location: location({ source: 'MANUAL', accuracyMeters: 40 }), notes: 'At reception' });
    expect(replayed).toBe(false);
    expect(delivery.status).toBe('COLLECTED');
    expect(event).toMatchObject({ status: 'COLLECTED', courierId, clientUpdateId: collectedId, sequence: (before.version as number) + 1 });
    const stored = (await storedTrackingEvents(reference)).find((e) => e.sequence === event.sequence)!;
    expect(stored).toMatchObject({ actor: `courier:${courierId}`, locationSource: 'MANUAL', locationAccuracyMeters: 40, notes: 'At reception', location: { lat: 47.6101, lon: -122.2015 } });
    const sms = (await outboxFor(reference)).filter((m) => m.template === 'delivery-collected');
    expect(sms.map((m) => m.channel).sort()).toEqual(['EMAIL', 'SMS']);
    expect((await storedBooking(reference))!.collectedAt).toBe(stored.at);
  });

  it('replaying the same update (offline queue) answers the same and changes nothing', async () => {
    const before = await snapshot(reference);
    // Sent again as an offline queue might: the same update, with its unused optional fields as null.
    const replay = await updateOk(courier, {
      reference,
      status: 'COLLECTED',
      clientUpdateId: collectedId,
      location: location({ source: 'MANUAL', accuracyMeters: 40 }),
      notes: 'At reception',
      proof: null,
      failure: null,
    } as never);
    expect(replay.replayed).toBe(true);
    expect(replay.event.sequence).toBe(before.version);
    expect(await snapshot(reference)).toEqual(before);
    expect((await outboxFor(reference)).filter((m) => m.template === 'delivery-collected')).toHaveLength(2);
  });

  it('the same update id with different content is refused', async () => {
    const before = await snapshot(reference);
    const response = await sendUpdate(courier, { reference, status: 'IN_TRANSIT', clientUpdateId: collectedId });
    expect(errorTypeOf(response)).toBe('ClientUpdateIdReused');
    expect(await snapshot(reference)).toEqual(before);
  });

  it('in transit, then out for delivery: attempt 1 opens and the customer gets a PIN by SMS', async () => {
    await updateOk(courier, { reference, status: 'IN_TRANSIT' });
    const { delivery } = await updateOk(courier, { reference, status: 'OUT_FOR_DELIVERY' });
    expect(delivery.currentAttempt).toMatchObject({ number: 1, kind: 'FIRST', courierId });
    expect(delivery.nextStatuses.sort()).toEqual(['DELIVERED', 'FAILED_DELIVERY', 'IN_TRANSIT']);
    const sms = (await outboxFor(reference)).find((m) => m.template === 'delivery-out_for_delivery' && m.channel === 'SMS')!;
    const pin = /PIN is (\d{4})/.exec(sms.body)![1];
    // Kept on the server to check against; the courier's view of the delivery never carries it.
    expect((await storedBooking(reference))!.deliveryPin).toMatchObject({ code: pin, attempt: 1, failures: 0 });
    expect(JSON.stringify(delivery)).not.toContain(`"${pin}"`);
  });

  it('a parcel that must be signed for is not delivered on a name alone', async () => {
    const before = await snapshot(reference);
    const response = await sendUpdate(courier, { reference, status: 'DELIVERED', proof: { recipientName: 'D. Vaughan' } });
    expect(errorTypeOf(response)).toBe('InvalidDeliveryUpdate');
    expect(response.errors![0].errorInfo).toMatchObject({ issues: [expect.objectContaining({ code: 'SIGNATURE_REQUIRED' })] });
    expect(await snapshot(reference)).toEqual(before);
  });

  it('delivered with a signature, a photo and the recipient’s name: proof stored as files, keys on the booking', async () => {
    const photo = jpegDataUrl(4096);
    const { delivery } = await updateOk(courier, {
      reference,
      status: 'DELIVERED',
      proof: { signature: PNG_DATA_URL, photo, recipientName: 'Dorothy Vaughan' },
      notes: 'Handed over at the door',
    });
    expect(delivery).toMatchObject({ status: 'DELIVERED', nextStatuses: [], currentAttempt: null });
    expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, outcome: 'DELIVERED' })]);
    expect(delivery.proof).toMatchObject({ attempt: 1, recipientName: 'Dorothy Vaughan', hasSignature: true, hasPhoto: true, pinVerified: false, recordedBy: `courier:${courierId}` });

    const stored = (await storedBooking(reference)) as Record<string, any>;
    expect(stored.proof.photoKey).toMatch(new RegExp(`^proof/${reference}/attempt-1/.+-photo\\.jpg$`));
    expect(stored.proof).not.toHaveProperty('photo');
    // The short-lived URLs serve exactly the bytes sent.
    const served = Buffer.from(await (await fetch(delivery.proof.photoUrl)).arrayBuffer());
    expect(served.equals(Buffer.from(photo.split(',')[1], 'base64'))).toBe(true);
    const signature = await fetch(delivery.proof.signatureUrl);
    expect(signature.headers.get('content-type')).toBe('image/png');
    // A tampered URL is refused.
    expect((await fetch(delivery.proof.photoUrl.replace(/signature=[^&]+/, 'signature=forged'))).status).toBe(403);

    const events = await storedTrackingEvents(reference);
    expect(events.map((e) => e.status)).toEqual(['BOOKED', 'ASSIGNED', 'COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(events.at(-1)).toMatchObject({ description: 'Delivered, signed for by Dorothy Vaughan', attempt: 1, courierId });
    expect((await outboxFor(reference)).some((m) => m.template === 'delivery-delivered' && /delivered/.test(m.body))).toBe(true);
  });

  it('a delivered parcel takes no further status', async () => {
    const before = await snapshot(reference);
    const response = await sendUpdate(courier, { reference, status: 'IN_TRANSIT' });
    expect(errorTypeOf(response)).toBe('IllegalStatusTransition');
    expect(await snapshot(reference)).toEqual(before);
  });

  it('the live views heard every change; the other courier heard nothing', async () => {
    const [admin, own, other] = subscribers;
    await waitFor('the admin to see DELIVERED', async () => admin.received.some((d) => d.onBookingChanged?.status === 'DELIVERED'));
    await waitFor('the courier to see DELIVERED', async () => own.received.some((d) => d.onMyDeliveryChanged?.reference === reference && d.onMyDeliveryChanged.status === 'DELIVERED'));
    expect(own.received.every((d) => d.onMyDeliveryChanged.courierId === courierId)).toBe(true);
    expect(other.received.filter((d) => d.onMyDeliveryChanged.reference === reference)).toEqual([]);
  });

  it('the courier’s history finds it by search, with its timeline; the delivery itself shows its trail', async () => {
    const history = await graphqlOk<{ myDeliveryHistory: { items: Delivery[]; nextToken: string | null } }>(
      courier,
      `query H($search: String) { myDeliveryHistory(search: $search, limit: 5) { items { reference status timeline { sequence status } } nextToken } }`,
      { search: 'vaughan slide' },
    );
    expect(history.myDeliveryHistory.items.map((d) => d.reference)).toEqual([reference]);
    expect(history.myDeliveryHistory.items[0].timeline.map((e: { status: string }) => e.status)).toEqual(['BOOKED', 'ASSIGNED', 'COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    const { myDelivery } = await graphqlOk<{ myDelivery: Delivery }>(courier, MY_DELIVERY, { reference });
    expect(myDelivery.timeline).toHaveLength(6);
  });

  it('the report counts the delivery, its earnings and the courier’s place among peers', async () => {
    const { myReport } = await graphqlOk<{ myReport: Record<string, any> }>(
      courier,
      `query R { myReport(period: DAY) { courierId range { period from to } delivered deliveredOnDay deliveredInWeek deliveredInMonth successRate averagePickupToDeliveryMinutes earnings { currency perDeliveryMinor totalMinor } perDay { date delivered failed } rank { position outOf betterThanPercent } peakHours { hour deliveries } topAreas { area deliveries } suggestions { code message } } }`,
    );
    expect(myReport.courierId).toBe(courierId);
    expect(myReport.range).toEqual({ period: 'DAY', from: today(), to: today() });
    expect(myReport.delivered).toBeGreaterThanOrEqual(1);
    expect(myReport.deliveredOnDay).toBe(myReport.delivered);
    expect(myReport.deliveredInWeek).toBeGreaterThanOrEqual(myReport.deliveredOnDay);
    expect(myReport.earnings).toEqual({ currency: 'USD', perDeliveryMinor: DEFAULT_BUSINESS_RULES.courierPayPerDeliveryMinor, totalMinor: myReport.delivered * DEFAULT_BUSINESS_RULES.courierPayPerDeliveryMinor });
    expect(myReport.averagePickupToDeliveryMinutes).toBeGreaterThanOrEqual(0);
    // Every courier on the books counts (other test files may add couriers while this runs).
    expect(myReport.rank.outOf).toBeGreaterThanOrEqual(6);
    expect(myReport.rank.position).toBeGreaterThanOrEqual(1);
    expect(myReport.rank.position).toBeLessThanOrEqual(myReport.rank.outOf);
    expect(myReport.topAreas.map((a: { area: string }) => a.area)).toContainEqual(expect.stringMatching(/^Bellevue/));
    expect(myReport.suggestions.length).toBeGreaterThan(0);
  });

  it('an admin reads the same delivery, with its proof', async () => {
    const { delivery } = await graphqlOk<{ delivery: Delivery }>(await adminAuth(), `query D($reference: ID!) { delivery(reference: $reference) { status nextStatuses proof { hasPhoto photoUrl } } }`, { reference });
    expect(delivery.status).toBe('DELIVERED');
    expect(delivery.proof.hasPhoto).toBe(true);
  });
});

describe('a high-value parcel is handed over only against the customer’s PIN', () => {
  let reference: string;
  let courier: Awaited<ReturnType<typeof authOfCourier>>;

  beforeAll(async () => {
    const booked = await bookDelivery(HIGH_VALUE_WINDOW, { parcel: { size: 'SMALL', weightKg: 0.3, handling: ['HIGH_VALUE'], description: 'Ring' } });
    reference = booked.reference;
    courier = await authOfCourier(booked.courierId);
    for (const status of ['COLLECTED', 'OUT_FOR_DELIVERY']) await updateOk(courier, { reference, status });
  });

  const pinSent = async () => /PIN is (\d{4})/.exec((await outboxFor(reference)).find((m) => m.template === 'delivery-out_for_delivery' && m.channel === 'SMS')!.body)![1];

  it('without the PIN, or with a wrong one, nothing is delivered', async () => {
    const before = await snapshot(reference);
    expect(errorTypeOf(await sendUpdate(courier, { reference, status: 'DELIVERED', proof: { recipientName: 'Ann' } }))).toBe('InvalidDeliveryUpdate');
    const wrong = String((Number(await pinSent()) + 1) % 10_000).padStart(4, '0');
    const response = await sendUpdate(courier, { reference, status: 'DELIVERED', proof: { recipientName: 'Ann', pin: wrong } });
    expect(errorTypeOf(response)).toBe('DeliveryPinMismatch');
    expect(response.errors![0].errorInfo).toEqual({ triesLeft: DEFAULT_BUSINESS_RULES.deliveryPinMaxFailures - 1 });
    expect(await snapshot(reference)).toEqual(before);
    // Wrong PINs are counted (outside the audit trail), so guessing all 10,000 is not an option.
    expect(((await storedBooking(reference)) as Record<string, any>).deliveryPin.failures).toBe(1);
  });

  it('with the PIN from the SMS it is delivered, and the proof says the PIN was checked', async () => {
    const { delivery } = await updateOk(courier, { reference, status: 'DELIVERED', proof: { recipientName: 'Ann', pin: await pinSent() } });
    expect(delivery.status).toBe('DELIVERED');
    expect(delivery.proof).toMatchObject({ pinVerified: true, hasPhoto: false, hasSignature: false, recipientName: 'Ann' });
  });

  it('one update record per accepted update, kept under the courier who sent it', async () => {
    const updates = (await scanTable('clientUpdates')).filter((u) => u.reference === reference);
    expect(updates).toHaveLength(3);
    expect(new Set(updates.map((u) => u.principal))).toEqual(new Set([`courier:${(await storedBooking(reference))!.courierId}`]));
  });
});
