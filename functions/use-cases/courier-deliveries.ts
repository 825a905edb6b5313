// Flow of the courier reads: whose deliveries (the actor decides: a courier only their own) →
// the bookings (day list, one delivery, history page) → their timelines → the caller's view.
// Reports: every courier's events over the period, the feedback about the courier's deliveries in
// it → the pure report of functions/domain.
import type { Booking, TrackingEvent } from '../domain/booking';
import type { BusinessRules } from '../domain/business-rules';
import { courierReport, reportRange, reportSpan, type CourierEvent, type CourierReport, type ReportPeriod } from '../domain/courier-report';
import type { DeliveryActor } from '../domain/delivery';
import { DeliveryNotFound, InvalidArgument, InvalidNextToken } from '../domain/errors';
import type { BookingStore } from '../ports/booking-store';
import type { CourierStore } from '../ports/courier-store';
import type { DeliveryStore } from '../ports/delivery-store';
import type { FeedbackStore } from '../ports/feedback-store';

export interface CourierReadDependencies {
  bookings: BookingStore;
  deliveries: DeliveryStore;
  couriers: CourierStore;
  /** Ratings and comments about the courier's deliveries, for reports. */
  feedback: FeedbackStore;
  rules: BusinessRules;
}

export interface DeliveryWithTimeline {
  booking: Booking;
  timeline: TrackingEvent[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(date: string, field = 'date'): string {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new InvalidArgument(field, 'The date must look like 2026-11-24.');
  }
  return date;
}

export async function deliveriesOn(courierId: string, date: string, deps: CourierReadDependencies): Promise<Booking[]> {
  return deps.deliveries.jobsOf(courierId, checkDate(date));
}

/** One delivery with its audit trail; a courier gets DeliveryNotFound for anything not theirs. */
export async function deliveryFor(actor: DeliveryActor, reference: string, deps: CourierReadDependencies): Promise<DeliveryWithTimeline> {
  const booking = await deps.bookings.getBooking(reference);
  if (!booking) throw new DeliveryNotFound(reference);
  const timeline = await deps.bookings.trackingHistory(reference);
  if (actor.kind === 'courier' && !touchedBy(booking, actor.courierId, timeline)) throw new DeliveryNotFound(reference);
  return { booking, timeline };
}

/** A courier may read a delivery that is theirs now, or one they worked on before it was handed on. */
function touchedBy(booking: Booking, courierId: string, timeline: TrackingEvent[]): boolean {
  return booking.courierId === courierId || timeline.some((event) => event.courierId === courierId);
}

export interface HistoryPage {
  items: DeliveryWithTimeline[];
  nextToken?: string;
}

const DEFAULT_HISTORY_PAGE = 20;
const MAX_HISTORY_PAGE = 50;
/** Events read per request at most, so a search that matches nothing still answers quickly (with a nextToken). */
const MAX_EVENTS_SCANNED = 400;
const EVENT_PAGE = 50;

interface HistoryCursor {
  courierId: string;
  at: string;
  reference: string;
  sequence: number;
}

function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string, courierId: string): HistoryCursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as HistoryCursor;
    const { at, reference, sequence } = cursor;
    if (cursor.courierId !== courierId || typeof at !== 'string' || typeof reference !== 'string' || !Number.isInteger(sequence)) throw new Error('foreign cursor');
    return { courierId, at, reference, sequence };
  } catch {
    throw new InvalidNextToken();
  }
}

function matches(booking: Booking, search: string): boolean {
  if (!search) return true;
  const haystack = [
    booking.reference,
    booking.displayReference,
    booking.status,
    booking.customer.name,
    booking.pickup.label,
    booking.delivery.label,
    booking.delivery.postcode ?? '',
    booking.parcel.description ?? '',
  ]
    .join('\n')
    .toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The deliveries a courier worked on, most recent first, each with its timeline. A booking appears
 * once, at the courier's latest event on it: paging needs no memory of earlier pages, because an
 * older event of a booking is recognised as older by the timeline loaded for it anyway.
 */
export async function deliveryHistory(
  courierId: string,
  options: { search?: string | null; limit?: number | null; nextToken?: string | null },
  deps: CourierReadDependencies,
): Promise<HistoryPage> {
  const limit = options.limit ?? DEFAULT_HISTORY_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
    throw new InvalidArgument('limit', `limit must be 1 to ${MAX_HISTORY_PAGE}.`);
  }
  const search = (options.search ?? '').trim().slice(0, 100);
  let startKey: Record<string, unknown> | undefined = options.nextToken ? { ...decodeCursor(options.nextToken, courierId) } : undefined;
  const items: DeliveryWithTimeline[] = [];
  const timelines = new Map<string, TrackingEvent[]>();
  let scanned = 0;
  for (;;) {
    const page = await deps.deliveries.courierEventsPage(courierId, { limit: EVENT_PAGE, startKey });
    const references = [...new Set(page.items.map((e) => e.reference))].filter((r) => !timelines.has(r));
    const bookings = new Map((await deps.deliveries.getBookings(references)).map((b) => [b.reference, b]));
    await Promise.all(references.map(async (r) => timelines.set(r, await deps.bookings.trackingHistory(r))));
    for (const event of page.items) {
      scanned++;
      const timeline = timelines.get(event.reference) ?? [];
      const latestMine = timeline.filter((e) => e.courierId === courierId).reduce<TrackingEvent | undefined>((a, e) => (!a || e.sequence > a.sequence ? e : a), undefined);
      const booking = bookings.get(event.reference);
      if (booking && latestMine?.sequence === event.sequence && matches(booking, search)) items.push({ booking, timeline });
      const cursor = { courierId, at: event.at, reference: event.reference, sequence: event.sequence };
      if (items.length === limit || (scanned >= MAX_EVENTS_SCANNED && event !== page.items.at(-1))) {
        const more = event !== page.items.at(-1) || page.nextKey !== undefined;
        return { items, ...(more ? { nextToken: encodeCursor(cursor) } : {}) };
      }
      startKey = cursor;
    }
    if (!page.nextKey) return { items };
    if (scanned >= MAX_EVENTS_SCANNED) return { items, nextToken: encodeCursor(startKey as unknown as HistoryCursor) };
  }
}

export async function reportFor(courierId: string, period: ReportPeriod, date: string, deps: CourierReadDependencies): Promise<CourierReport> {
  checkDate(date);
  const zone = deps.rules.serviceTimeZone;
  const span = reportSpan(period, date, zone);
  const range = reportRange(period, date, zone);
  const [couriers, feedback] = await Promise.all([deps.couriers.listCouriers(), deps.feedback.listForCourier(courierId, range.startsAt, range.endsAt)]);
  const ids = [...new Set([courierId, ...couriers.map((c) => c.courierId)])];
  const eventsOf = (id: string) => (id === courierId ? deps.deliveries.courierEvents(id, span.startsAt, span.endsAt) : deps.deliveries.courierEvents(id, range.startsAt, range.endsAt));
  const events: CourierEvent[] = (await Promise.all(ids.map(eventsOf)))
    .flat()
    .filter((e): e is TrackingEvent & { courierId: string } => typeof e.courierId === 'string')
    .map((e) => ({ courierId: e.courierId, reference: e.reference, status: e.status, at: e.at, ...(e.failureReason ? { failureReason: e.failureReason } : {}) }));
  const delivered = [...new Set(events.filter((e) => e.status === 'DELIVERED').map((e) => e.reference))];
  const bookings = (await deps.deliveries.getBookings(delivered)).map((b) => ({
    reference: b.reference,
    deliveryArea: b.delivery.postcode ? `${b.delivery.city} ${b.delivery.postcode}` : b.delivery.city,
    ...(b.collectedAt ? { collectedAt: b.collectedAt } : {}),
  }));
  // The byCourier index holds only feedback that names this courier. The customer's name and
  // numbers go in only to be scrubbed from comment excerpts; the report never carries them.
  return courierReport({ courierId, period, date, rules: deps.rules, events, courierIds: ids, bookings, feedback: feedback.map((f) => ({ ...f, courierId })) });
}
