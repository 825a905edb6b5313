// Who may see and change which delivery, and what bad updates get: courier B can neither read nor
// change courier A's delivery through any query, mutation or subscription; admin fields refuse
// couriers; customer-link fields refuse everyone but the API key. Every refused update leaves the
// booking, its trail and the update records exactly as they were.
import { adminAuth, bookableWindow, graphql, graphqlOk, localCloud } from '../support/local-cloud';
import {
  ADMIN_DELIVERY,
  anotherCourier,
  authOfCourier,
  bookDelivery,
  errorTypeOf,
  jpegDataUrl,
  location,
  MY_DELIVERIES,
  MY_DELIVERY,
  PNG_DATA_URL,
  sendUpdate,
  signInToken,
  snapshot,
  Subscriber,
  updateOk,
  waitFor,
  type Delivery,
} from '../support/deliveries';
import { DEFAULT_BUSINESS_RULES } from '../../functions/domain/business-rules';

const WINDOW = bookableWindow(26);
const BAD_INPUT_WINDOW = bookableWindow(27);

describe('courier B and courier A’s delivery', () => {
  let reference: string;
  let ownerId: string;
  let pickupDate: string;
  let owner: Awaited<ReturnType<typeof authOfCourier>>;
  let intruderId: string;
  let intruder: Awaited<ReturnType<typeof authOfCourier>>;

  beforeAll(async () => {
    ({ reference, courierId: ownerId, pickupDate } = await bookDelivery(WINDOW));
    owner = await authOfCourier(ownerId);
    intruderId = anotherCourier(ownerId);
    intruder = await authOfCourier(intruderId);
  });

  it('is not in B’s list', async () => {
    const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(intruder, MY_DELIVERIES, { date: pickupDate });
    expect(myDeliveries.map((d) => d.reference)).not.toContain(reference);
    expect(myDeliveries.every((d) => d.courierId === intruderId)).toBe(true);
  });

  it('cannot be read by B, with the same answer as a reference that does not exist', async () => {
    expect(errorTypeOf(await graphql(intruder, MY_DELIVERY, { reference }))).toBe('DeliveryNotFound');
    expect(errorTypeOf(await graphql(intruder, MY_DELIVERY, { reference: 'CBZZZZZZ' }))).toBe('DeliveryNotFound');
  });

  it('cannot be changed by B, in any status', async () => {
    const before = await snapshot(reference);
    for (const status of ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'FAILED_DELIVERY', 'DELIVERED', 'RETURNED']) {
      const response = await sendUpdate(intruder, {
        reference,
        status,
        ...(status === 'FAILED_DELIVERY' ? { failure: { reason: 'OTHER', notes: 'not mine' } } : {}),
        ...(status === 'DELIVERED' ? { proof: { recipientName: 'Someone' } } : {}),
      });
      expect([status, errorTypeOf(response)]).toEqual([status, 'DeliveryNotFound']);
    }
    expect(await snapshot(reference)).toEqual(before);
  });

  it('does not reach B through B’s own subscription, but reaches A', async () => {
    const [forOwner, forIntruder] = [await Subscriber.start(await signInToken(ownerId), `subscription { onMyDeliveryChanged { reference courierId status } }`), await Subscriber.start(await signInToken(intruderId), `subscription { onMyDeliveryChanged { reference courierId status } }`)];
    try {
      await updateOk(owner, { reference, status: 'COLLECTED' });
      await waitFor('the owner to hear of it', async () => forOwner.received.some((d) => d.onMyDeliveryChanged.reference === reference));
      expect(forIntruder.received.filter((d) => d.onMyDeliveryChanged.reference === reference)).toEqual([]);
    } finally {
      forOwner.close();
      forIntruder.close();
    }
  });

  it('a courier cannot subscribe to every booking (onBookingChanged is for admins)', async () => {
    const subscriber = await Subscriber.start(await signInToken(intruderId), `subscription S($r: ID) { onBookingChanged(reference: $r) { reference status } }`, { r: reference });
    try {
      expect(JSON.stringify(subscriber.errors)).toMatch(/Unauthorized/);
    } finally {
      subscriber.close();
    }
  });

  it.each([
    ['getBooking', `query Q($r: ID!) { getBooking(reference: $r) { reference } }`, { r: 'CB000000' }],
    ['trackingHistory', `query Q($r: ID!) { trackingHistory(reference: $r) { sequence } }`, { r: 'CB000000' }],
    ['bookingsByDate', `query Q($d: AWSDate!) { bookingsByDate(date: $d) { items { reference } } }`, { d: '2026-01-05' }],
    ['delivery', ADMIN_DELIVERY, { reference: 'CB000000' }],
    ['courierDeliveries', `query Q($c: ID!) { courierDeliveries(courierId: $c) { reference } }`, { c: 'C001' }],
    ['courierReport', `query Q($c: ID!) { courierReport(courierId: $c, period: DAY) { delivered } }`, { c: 'C001' }],
  ])('admin field %s refuses couriers', async (_field, query, variables) => {
    expect(errorTypeOf(await graphql(intruder, query, variables))).toBe('Unauthorized');
  });

  it('courier fields refuse the API key, and admins have no deliveries of their own', async () => {
    expect(errorTypeOf(await graphql({ apiKey: localCloud().apiKey }, MY_DELIVERIES, {}))).toBe('Unauthorized');
    expect(errorTypeOf(await graphql({ apiKey: localCloud().apiKey }, `mutation { updateDeliveryStatus(input: { clientUpdateId: "abcdefgh1", reference: "CB000000", status: COLLECTED, location: { lat: 1, lon: 1, accuracyMeters: 1, source: GPS } }) { replayed } }`))).toBe('Unauthorized');
    expect(errorTypeOf(await graphql(await adminAuth(), MY_DELIVERIES, {}))).toBe('Unauthorized');
  });

  it('history pages one delivery at a time, each once; another courier’s paging token is refused', async () => {
    const HISTORY = `query H($next: String) { myDeliveryHistory(limit: 1, nextToken: $next) { items { reference timeline { courierId } } nextToken } }`;
    const seen: string[] = [];
    let next: string | null = null;
    for (let page = 0; page < 50; page++) {
      const data: { myDeliveryHistory: { items: Delivery[]; nextToken: string | null } } = await graphqlOk(owner, HISTORY, { next });
      const { myDeliveryHistory } = data;
      expect(myDeliveryHistory.items.length).toBeLessThanOrEqual(1);
      for (const item of myDeliveryHistory.items) {
        seen.push(item.reference);
        expect(item.timeline.some((e: { courierId: string | null }) => e.courierId === ownerId)).toBe(true);
      }
      next = myDeliveryHistory.nextToken;
      if (!next) break;
    }
    expect(next).toBeNull();
    expect(seen).toContain(reference);
    expect(new Set(seen).size).toBe(seen.length);

    const forged = Buffer.from(JSON.stringify({ courierId: ownerId, at: '2099-01-01T00:00:00.000Z', reference, sequence: 1 })).toString('base64url');
    expect(errorTypeOf(await graphql(intruder, HISTORY, { next: forged }))).toBe('InvalidNextToken');
    expect(errorTypeOf(await graphql(intruder, HISTORY, { next: 'garbage' }))).toBe('InvalidNextToken');
  });

  it('admins may read and move any delivery; their updates are audited as theirs', async () => {
    const { delivery } = await graphqlOk<{ delivery: Delivery }>(await adminAuth(), ADMIN_DELIVERY, { reference });
    expect(delivery.courierId).toBe(ownerId);
    const { event } = await updateOk(await adminAuth(), { reference, status: 'IN_TRANSIT', notes: 'Moved by dispatch' });
    expect(event.courierId).toBeNull();
    expect(delivery.timeline.map((e: { status: string }) => e.status)).toContain('COLLECTED');
  });
});

describe('bad updates are refused with a typed error and nothing written', () => {
  let reference: string;
  let courier: Awaited<ReturnType<typeof authOfCourier>>;

  beforeAll(async () => {
    const booked = await bookDelivery(BAD_INPUT_WINDOW);
    reference = booked.reference;
    courier = await authOfCourier(booked.courierId);
  });

  const refused = async (input: Parameters<typeof sendUpdate>[1], errorType: string, code?: string) => {
    const before = await snapshot(reference);
    const response = await sendUpdate(courier, input);
    expect(errorTypeOf(response)).toBe(errorType);
    if (code) expect(response.errors![0].errorInfo).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ code })]) });
    expect(await snapshot(reference)).toEqual(before);
    return response;
  };

  it('an illegal transition (assigned → delivered)', async () => {
    await refused({ reference, status: 'DELIVERED', proof: { recipientName: 'Ann' } }, 'IllegalStatusTransition');
  });

  it('a status that is not the courier’s to set', async () => {
    await refused({ reference, status: 'CANCELLED' }, 'InvalidDeliveryUpdate', 'NOT_A_DELIVERY_STATUS');
  });

  it.each([
    [{ lat: 91, lon: 0, accuracyMeters: 5, source: 'GPS' }, 'INVALID_LOCATION'],
    [{ lat: 0, lon: 0, accuracyMeters: 5, source: 'GPS' }, 'LOCATION_UNKNOWN'],
    [{ lat: 47.6, lon: -122.3, accuracyMeters: -1, source: 'GPS' }, 'INVALID_ACCURACY'],
  ])('a location that is no location: %j', async (where, code) => {
    await refused({ reference, status: 'COLLECTED', location: where }, 'InvalidDeliveryUpdate', code);
  });

  it('an update from the future, or queued offline for too long', async () => {
    await refused({ reference, status: 'COLLECTED', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'InvalidDeliveryUpdate', 'IN_THE_FUTURE');
    await refused({ reference, status: 'COLLECTED', occurredAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }, 'InvalidDeliveryUpdate', 'TOO_OLD');
  });

  it('an update id that is not one', async () => {
    await refused({ reference, status: 'COLLECTED', clientUpdateId: 'x' }, 'InvalidDeliveryUpdate', 'INVALID_CLIENT_UPDATE_ID');
  });

  describe('at the door', () => {
    beforeAll(async () => {
      for (const status of ['COLLECTED', 'OUT_FOR_DELIVERY']) await updateOk(courier, { reference, status });
    });

    it('delivered without proof', async () => {
      await refused({ reference, status: 'DELIVERED' }, 'InvalidDeliveryUpdate', 'PROOF_REQUIRED');
      await refused({ reference, status: 'DELIVERED', proof: { recipientName: '   ' } }, 'InvalidDeliveryUpdate', 'PROOF_REQUIRED');
    });

    it('failed without a reason, or without notes', async () => {
      await refused({ reference, status: 'FAILED_DELIVERY' }, 'InvalidDeliveryUpdate', 'FAILURE_REASON_REQUIRED');
      await refused({ reference, status: 'FAILED_DELIVERY', failure: { reason: 'REFUSED', notes: '' } }, 'InvalidDeliveryUpdate', 'NOTES_REQUIRED');
    });

    it('a "photo" that is not an image, whatever it claims to be', async () => {
      const text = `data:image/jpeg;base64,${Buffer.from('this is not a photo at all').toString('base64')}`;
      await refused({ reference, status: 'DELIVERED', proof: { photo: text } }, 'InvalidDeliveryUpdate', 'PHOTO_NOT_AN_IMAGE');
      await refused({ reference, status: 'DELIVERED', proof: { photo: 'https://example.com/photo.jpg' } }, 'InvalidDeliveryUpdate', 'PHOTO_MALFORMED');
    });

    it('a photo over the size limit', async () => {
      await refused({ reference, status: 'DELIVERED', proof: { photo: jpegDataUrl(DEFAULT_BUSINESS_RULES.proofPhotoMaxBytes + 1) } }, 'InvalidDeliveryUpdate', 'PHOTO_TOO_LARGE');
    });

    it('a signature that is not a PNG', async () => {
      await refused({ reference, status: 'DELIVERED', proof: { signature: jpegDataUrl(100) } }, 'InvalidDeliveryUpdate', 'SIGNATURE_WRONG_TYPE');
    });

    it('proof on anything but a delivery, a failure reason on anything but a failure', async () => {
      await refused({ reference, status: 'IN_TRANSIT', proof: { signature: PNG_DATA_URL } }, 'InvalidDeliveryUpdate', 'PROOF_NOT_EXPECTED');
      await refused({ reference, status: 'IN_TRANSIT', failure: { reason: 'OTHER', notes: 'hmm' } }, 'InvalidDeliveryUpdate', 'FAILURE_NOT_EXPECTED');
    });

    it('returned, when no return to the sender was decided', async () => {
      await refused({ reference, status: 'RETURNED' }, 'DeliveryUpdateRefused');
    });

    it('after all that, a good update still goes through', async () => {
      const { delivery } = await updateOk(courier, { reference, status: 'DELIVERED', location: location(), proof: { photo: jpegDataUrl(1024), recipientName: 'Ann' } });
      expect(delivery.status).toBe('DELIVERED');
    });
  });
});
