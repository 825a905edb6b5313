// The public tracking page: what its view may show (no personal data — a property over random
// bookings, trails and whereabouts full of marked secrets), its timeline, its links' expiry, the
// links in the messages, and the use case's refusals (unknown, expired, other-kind tokens).
import fc from 'fast-check';
import { BOOKING_STATUSES, confirmBooking, type Booking, type BookingStatus, type TrackingEvent } from '../../../functions/domain/booking';
import { DEFAULT_BUSINESS_RULES as rules } from '../../../functions/domain/business-rules';
import type { DeliveryFailureReason } from '../../../functions/domain/delivery';
import { TrackingLinkInvalid } from '../../../functions/domain/errors';
import { linkTokenHash, newLinkToken } from '../../../functions/domain/failed-delivery';
import { bookingConfirmed, trackingLink } from '../../../functions/domain/notification-templates';
import { deliveryStatusMessage, statusMessageHasTrackingLink } from '../../../functions/domain/delivery-notifications';
import { trackingLinkExpiry, trackingPageView, trackingTimeline, type TrackingPageFacts } from '../../../functions/domain/tracking-page';
import type { DeliveryEstimate, DeliveryWhereabouts, NamedPlace } from '../../../functions/domain/voice/tracking-reply';
import type { CustomerLink, TrackingLink } from '../../../functions/ports/customer-link-store';
import { trackingPage, type TrackingPageDependencies } from '../../../functions/use-cases/tracking-page';

const WINDOW = { id: '2026-11-24T08:00', date: '2026-11-24', startLocal: '08:00', endLocal: '10:00', startsAt: '2026-11-24T16:00:00Z', endsAt: '2026-11-24T18:00:00Z', label: 'Tue 24 Nov, 8:00 AM – 10:00 AM' };

function baseBooking(overrides: Partial<Booking> = {}): Booking {
  const { booking } = confirmBooking(
    {
      reference: 'CBTRACK1',
      channel: 'ADMIN',
      customer: { name: 'Ada Lovelace', phone: '+12065550100', email: 'ada@example.com' },
      pickup: { line1: '400 Broad St', city: 'Seattle', region: 'WA', postcode: '98109', country: 'US', location: { lat: 47.6205, lon: -122.3493 }, precision: 'STREET', approximate: false, label: '400 Broad St, Seattle' },
      delivery: { line1: '500 108th Ave NE', city: 'Bellevue', region: 'WA', postcode: '98004', country: 'US', location: { lat: 47.61537, lon: -122.19612 }, precision: 'STREET', approximate: false, label: '500 108th Ave NE, Bellevue' },
      parcel: { size: 'SMALL', weightKg: 1, handling: [], description: 'Books' },
      pickupWindow: WINDOW,
      price: { currency: 'USD', totalMinor: 1200, lines: [], distanceKm: 12 },
      paymentId: 'pay_123',
    },
    '2026-11-23T10:00:00Z',
  );
  return { ...booking, ...overrides };
}

function event(sequence: number, status: BookingStatus, extra: Partial<TrackingEvent> = {}): TrackingEvent {
  return { reference: 'CBTRACK1', sequence, status, at: `2026-11-24T1${sequence % 10}:00:00Z`, description: `desc ${sequence}`, actor: 'system', ...extra };
}

describe('the tracking page view: never personal data (property)', () => {
  // Marked secrets: every one is a string the page must never contain.
  const secret = fc.string({ minLength: 3, maxLength: 10, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')) }).map((s) => `ZQX${s}`);
  const phone = fc.stringMatching(/^\+1[2-9]\d{9}$/);
  const statusArb = fc.constantFrom(...BOOKING_STATUSES);
  const reasonArb = fc.constantFrom<DeliveryFailureReason>('RECIPIENT_ABSENT', 'ADDRESS_NOT_FOUND', 'REFUSED', 'ACCESS_PROBLEM', 'DAMAGED', 'OTHER');
  const estimateArb: fc.Arbitrary<DeliveryEstimate | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.constant<DeliveryEstimate>({ kind: 'collection', window: WINDOW }),
    fc.constant<DeliveryEstimate>({ kind: 'arrival', at: '2026-11-24T19:30:00Z' }),
    fc.constant<DeliveryEstimate>({ kind: 'next_attempt', date: '2026-11-26' }),
    fc.constant<DeliveryEstimate>({ kind: 'delivered', at: '2026-11-24T19:31:00Z' }),
  );

  const factsArb = fc
    .record({
      name: secret,
      phone,
      email: secret.map((s) => `${s}@example.com`),
      pickupLine1: secret,
      pickupLine2: secret,
      deliveryLine1: secret,
      parcelDescription: secret,
      notes: secret,
      paymentId: secret,
      status: statusArb,
      courierSurname: secret,
      courierPhone: phone,
      recipientName: secret,
      events: fc.array(
        fc.record({
          status: statusArb,
          description: secret,
          notes: secret,
          actorCourier: fc.boolean(),
          courierId: secret,
          clientUpdateId: secret,
          reason: fc.option(reasonArb, { nil: undefined }),
          attempt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          located: fc.boolean(),
        }),
        { maxLength: 12 },
      ),
      estimate: estimateArb,
      withCourier: fc.boolean(),
      optionsOpen: fc.boolean(),
    })
    .map((r) => {
      const booking = baseBooking({
        status: r.status,
        customer: { name: r.name, phone: r.phone, email: r.email },
        notes: r.notes,
        paymentId: r.paymentId,
        courierId: 'C-hidden',
        deliveryPin: { code: '9876', attempt: 1, issuedAt: '2026-11-24T10:00:00Z', failures: 0 },
        proof: { attempt: 1, capturedAt: '2026-11-24T19:31:00Z', location: { lat: 47.6, lon: -122.2, accuracyMeters: 5, source: 'GPS' }, recipientName: r.recipientName, pinVerified: false, signatureKey: `proof/${r.recipientName}.png` } as Booking['proof'],
      });
      booking.pickup = { ...booking.pickup, line1: r.pickupLine1, line2: r.pickupLine2, label: `${r.pickupLine1}, Seattle` };
      booking.delivery = { ...booking.delivery, line1: r.deliveryLine1, label: `${r.deliveryLine1}, Bellevue` };
      booking.parcel = { ...booking.parcel, description: r.parcelDescription };
      const events = r.events.map((e, i) =>
        event(i + 1, e.status, {
          description: `Courier ${e.description} assigned`,
          notes: e.notes,
          actor: e.actorCourier ? `courier:${e.courierId}` : 'system',
          ...(e.actorCourier ? { courierId: e.courierId, clientUpdateId: e.clientUpdateId } : {}),
          ...(e.reason ? { failureReason: e.reason } : {}),
          ...(e.attempt ? { attempt: e.attempt } : {}),
          ...(e.located ? { location: { lat: 47.6, lon: -122.2 } } : {}),
        }),
      );
      const whereabouts: DeliveryWhereabouts = {
        booking,
        place: { locality: 'Kirkland', region: 'WA', country: 'US' },
        ...(r.estimate ? { estimate: r.estimate } : {}),
        ...(r.withCourier ? { courier: { firstName: 'Maria', phone: r.courierPhone } } : {}),
      };
      const eventPlaces = new Map<number, NamedPlace>(events.filter((e) => e.location).map((e) => [e.sequence, { locality: 'Bellevue', region: 'WA' }]));
      const facts: TrackingPageFacts = {
        booking,
        events,
        whereabouts,
        eventPlaces,
        openOptions: r.optionsOpen ? { deadline: '2026-11-25T20:00:00Z' } : null,
        linkExpiresAt: '2026-12-25T07:59:59.999Z',
      };
      const secrets = [r.name, r.phone, r.email, r.pickupLine1, r.pickupLine2, r.deliveryLine1, r.parcelDescription, r.notes, r.paymentId, r.courierSurname, r.courierPhone, r.recipientName, 'C-hidden', '9876', booking.reference, 'pay_123', 'Books'];
      for (const e of r.events) secrets.push(e.description, e.notes, e.courierId, e.clientUpdateId);
      return { facts, secrets };
    });

  const ALLOWED_KEYS = new Set([
    'displayReference', 'status', 'statusText', 'pickupWindow', 'pickupArea', 'deliverTo', 'location', 'currentPlace', 'eta', 'courierFirstName', 'timeline',
    'deliveryOptionsOpen', 'deliveryOptionsDeadline', 'linkExpiresAt', 'updatedAt',
    // PickupWindow, GeoPoint, TrackingEstimate, TrackingStep
    'id', 'date', 'startLocal', 'endLocal', 'startsAt', 'endsAt', 'label', 'lat', 'lon', 'kind', 'at', 'window', 'title', 'detail', 'place',
  ]);
  const keysOf = (value: unknown): string[] =>
    value === null || typeof value !== 'object' ? [] : Object.entries(value).flatMap(([k, v]) => (Array.isArray(value) ? keysOf(v) : [k, ...keysOf(v)]));

  it('contains none of the booking’s personal data, notes, proof, PIN or internal ids — only the fields the page needs', () => {
    fc.assert(
      fc.property(factsArb, ({ facts, secrets }) => {
        const view = trackingPageView(facts);
        const json = JSON.stringify(view);
        for (const s of secrets) expect(json).not.toContain(s);
        for (const key of keysOf(view)) expect(ALLOWED_KEYS).toContain(key);
        // The courier by first name only, and only when the use case found them with the parcel.
        expect(view.courierFirstName).toBe(facts.whereabouts.courier ? 'Maria' : null);
      }),
      { numRuns: 300 },
    );
  });

  it('shows the delivery area and a point rounded to about 100 m, never the street', () => {
    const view = trackingPageView({ booking: baseBooking(), events: [], whereabouts: { booking: baseBooking() }, eventPlaces: new Map(), openOptions: null, linkExpiresAt: 'x' });
    expect(view).toMatchObject({ deliverTo: 'Bellevue, WA, 98004', pickupArea: 'Seattle, WA', location: { lat: 47.615, lon: -122.196 }, displayReference: 'CB-TRACK1' });
    expect(JSON.stringify(view)).not.toMatch(/108th|Broad St/);
  });
});

describe('the tracking timeline', () => {
  it('has one step per status change, with made-up-free titles, failure reasons and place names', () => {
    const booking = baseBooking({ status: 'FAILED_DELIVERY' });
    const events = [
      event(1, 'BOOKED'),
      event(2, 'ASSIGNED', { description: 'Courier Maria Garcia assigned' }),
      event(3, 'ASSIGNED', { description: 'Courier James Smith assigned' }),
      event(4, 'COLLECTED', { actor: 'courier:C1', location: { lat: 47.62, lon: -122.35 } }),
      event(5, 'OUT_FOR_DELIVERY', { attempt: 1, location: { lat: 47.6, lon: -122.2 } }),
      event(6, 'FAILED_DELIVERY', { attempt: 1, failureReason: 'RECIPIENT_ABSENT', notes: 'Dog barking, nobody in', location: { lat: 47.6, lon: -122.2 } }),
      event(7, 'FAILED_DELIVERY', { attempt: 1, description: 'Delivery options sent to the customer' }),
      event(8, 'OUT_FOR_DELIVERY', { attempt: 2 }),
    ];
    const places = new Map<number, NamedPlace>([
      [4, { locality: 'Seattle', region: 'WA' }],
      [5, { locality: 'Bellevue', region: 'WA' }],
      [6, { locality: 'Bellevue', region: 'WA' }],
    ]);
    expect(trackingTimeline(booking, events, places)).toEqual([
      { status: 'BOOKED', title: 'Booking confirmed', detail: null, at: events[0].at, place: 'Seattle, WA' },
      { status: 'ASSIGNED', title: 'Courier assigned', detail: null, at: events[1].at, place: 'Seattle, WA' },
      { status: 'COLLECTED', title: 'Parcel collected', detail: null, at: events[3].at, place: 'Seattle, WA' },
      { status: 'OUT_FOR_DELIVERY', title: 'Out for delivery', detail: null, at: events[4].at, place: 'Bellevue, WA' },
      { status: 'FAILED_DELIVERY', title: 'Delivery attempt failed', detail: 'Nobody was in to receive it', at: events[5].at, place: 'Bellevue, WA' },
      { status: 'OUT_FOR_DELIVERY', title: 'Out for delivery', detail: 'Attempt 2', at: events[7].at, place: null },
    ]);
  });

  it('maps each estimate for the page', () => {
    const view = (estimate: DeliveryEstimate) =>
      trackingPageView({ booking: baseBooking(), events: [], whereabouts: { booking: baseBooking(), estimate }, eventPlaces: new Map(), openOptions: null, linkExpiresAt: 'x' }).eta;
    expect(view({ kind: 'collection', window: WINDOW })).toEqual({ kind: 'COLLECTION', at: null, window: WINDOW, date: null });
    expect(view({ kind: 'arrival', at: '2026-11-24T19:30:00Z' })).toEqual({ kind: 'ARRIVAL', at: '2026-11-24T19:30:00Z', window: null, date: null });
    expect(view({ kind: 'next_attempt', date: '2026-11-26' })).toEqual({ kind: 'NEXT_ATTEMPT', at: null, window: null, date: '2026-11-26' });
    expect(view({ kind: 'next_attempt', window: WINDOW })).toEqual({ kind: 'NEXT_ATTEMPT', at: null, window: WINDOW, date: '2026-11-24' });
    expect(view({ kind: 'delivered', at: '2026-11-24T19:31:00Z' })).toEqual({ kind: 'DELIVERED', at: '2026-11-24T19:31:00Z', window: null, date: null });
  });
});

describe('tracking links', () => {
  it('last 30 days after the pickup date, to the end of that day at the depot', () => {
    expect(trackingLinkExpiry({ pickupDate: '2026-11-24' }, new Date('2026-11-23T10:00:00Z'), rules)).toBe('2026-12-25T07:59:59.999Z');
    // Sent after the pickup date (a late status message): 30 days from the day it was sent.
    expect(trackingLinkExpiry({ pickupDate: '2026-11-24' }, new Date('2026-12-10T20:00:00Z'), rules)).toBe('2027-01-10T07:59:59.999Z');
  });

  it('carry the token, never the reference, in every message that links to the page', () => {
    const token = newLinkToken();
    const url = trackingLink('https://track.example.com/', token);
    expect(url).toBe(`https://track.example.com/track/${token}`);
    const booking = baseBooking();
    const confirmed = bookingConfirmed(booking, url);
    expect(confirmed.sms).toContain(url);
    expect(confirmed.email.body).toContain(url);
    expect(confirmed.sms).not.toContain('/track/CBTRACK1');
    for (const status of ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'] as const) {
      expect(statusMessageHasTrackingLink(status)).toBe(true);
      const message = deliveryStatusMessage(booking, event(3, status), { trackingUrl: url, rules })!;
      expect(message.sms).toContain(url);
      expect(message.email.body).toContain(url);
    }
    for (const status of ['DELIVERED', 'RETURNED', 'FAILED_DELIVERY'] as const) {
      expect(statusMessageHasTrackingLink(status)).toBe(false);
      expect(deliveryStatusMessage(booking, event(3, status), { trackingUrl: 'NO-LINK', rules })?.sms ?? '').not.toContain('NO-LINK');
    }
  });
});

describe('trackingPage (use case): a token opens the page until it expires; nothing else does', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const booking = baseBooking({ status: 'ASSIGNED', courierId: 'C1' });
  const token = newLinkToken();
  const expiredToken = newLinkToken();
  const questionToken = newLinkToken();
  const links = new Map<string, TrackingLink | CustomerLink>([
    [linkTokenHash(token), { kind: 'TRACKING', tokenHash: linkTokenHash(token), reference: booking.reference, createdAt: '2026-11-23T10:00:00Z', expiresAt: '2026-12-25T07:59:59.999Z' }],
    [linkTokenHash(expiredToken), { kind: 'TRACKING', tokenHash: linkTokenHash(expiredToken), reference: booking.reference, createdAt: '2026-10-01T10:00:00Z', expiresAt: '2026-11-01T07:59:59.999Z' }],
    [linkTokenHash(questionToken), { tokenHash: linkTokenHash(questionToken), reference: booking.reference, attempt: 1, taskToken: 't', status: 'OPEN', createdAt: '2026-11-24T10:00:00Z', expiresAt: '2026-11-25T10:00:00Z' }],
  ]);
  const deps: TrackingPageDependencies = {
    links: {
      get: async (hash) => {
        const link = links.get(hash);
        return link && !('kind' in link && link.kind === 'TRACKING') ? (link as CustomerLink) : null;
      },
      getTrackingLink: async (hash) => {
        const link = links.get(hash);
        return link && 'kind' in link && link.kind === 'TRACKING' ? link : null;
      },
    },
    bookings: {
      getBooking: async (reference: string) => (reference === booking.reference ? booking : null),
      trackingHistory: async () => [event(1, 'BOOKED'), event(2, 'ASSIGNED', { description: 'Courier Maria Garcia assigned' })],
    } as unknown as TrackingPageDependencies['bookings'],
    couriers: { getCourier: async () => null } as unknown as TrackingPageDependencies['couriers'],
    geo: { describePosition: async () => null, travelMatrix: async () => ({ durationMinutes: [[Infinity]] }) } as unknown as TrackingPageDependencies['geo'],
    clock: () => now,
    rules,
  };

  it('opens the page for a valid token', async () => {
    const view = await trackingPage(token, deps);
    expect(view).toMatchObject({ displayReference: 'CB-TRACK1', status: 'ASSIGNED', eta: { kind: 'COLLECTION' }, deliveryOptionsOpen: false });
    expect(view.timeline.map((s) => s.title)).toEqual(['Booking confirmed', 'Courier assigned']);
  });

  it.each([
    ['a made-up token', newLinkToken()],
    ['an expired token', expiredToken],
    ['a failed-delivery question’s token', questionToken],
    ['the booking reference', booking.reference],
    ['the display reference', booking.displayReference],
    ['the token’s hash', linkTokenHash(token)],
    ['nothing', ''],
  ])('refuses %s with TrackingLinkInvalid', async (_what, candidate) => {
    await expect(trackingPage(candidate, deps)).rejects.toBeInstanceOf(TrackingLinkInvalid);
  });
});
