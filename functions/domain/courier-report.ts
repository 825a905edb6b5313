// A courier's personal report (R11.9–11.10, R12.1–12.8), computed from the tracking events
// couriers caused, a few facts of the bookings they touched and the feedback customers gave about
// their deliveries (functions/domain/courier-feedback.ts). Pure and order-independent: the same
// events and feedback in any order give the same report.
import { DateTime } from 'luxon';
import type { BookingStatus } from './booking';
import type { BusinessRules } from './business-rules';
import { courierFeedback, type CourierFeedbackSummary, type ReportFeedback, type Suggestion } from './courier-feedback';
import type { DeliveryFailureReason } from './delivery';

export type ReportPeriod = 'DAY' | 'WEEK' | 'MONTH';

/** One status change a courier made. */
export interface CourierEvent {
  courierId: string;
  reference: string;
  status: BookingStatus;
  at: string;
  failureReason?: DeliveryFailureReason;
}

/** What the report needs of a booking. */
export interface ReportBooking {
  reference: string;
  /** "Seattle 98109": where deliveries cluster. */
  deliveryArea: string;
  collectedAt?: string;
}

export interface ReportRange {
  period: ReportPeriod;
  /** First and last local date, inclusive. */
  from: string;
  to: string;
  /** UTC instants: [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
}

export interface CourierReport {
  courierId: string;
  range: ReportRange;
  /** Deliveries completed on the day, in the ISO week and in the month that contain the asked date. */
  deliveredOnDay: number;
  deliveredInWeek: number;
  deliveredInMonth: number;
  delivered: number;
  failedAttempts: number;
  returned: number;
  /** Delivered ÷ (delivered + failed attempts) in the period; null with neither. */
  successRate: number | null;
  averagePickupToDeliveryMinutes: number | null;
  earnings: { currency: string; perDeliveryMinor: number; totalMinor: number };
  /** Every day of the period, in order. */
  perDay: { date: string; delivered: number; failed: number }[];
  /** Among every courier by deliveries in the period; only the position, never who the others are. */
  rank: { position: number; outOf: number; betterThanPercent: number };
  /** Busiest hours (local), at most 3. */
  peakHours: { hour: number; deliveries: number }[];
  /** Most frequent delivery areas, at most 5. */
  topAreas: { area: string; deliveries: number }[];
  failureReasons: { reason: DeliveryFailureReason; count: number }[];
  team: { medianSuccessRate: number | null; medianPickupToDeliveryMinutes: number | null };
  /** Ratings and comments customers gave about the courier's deliveries in the period, anonymised. */
  feedback: CourierFeedbackSummary;
  suggestions: Suggestion[];
}

export function reportRange(period: ReportPeriod, date: string, timeZone: string): ReportRange {
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!day.isValid) throw new Error(`not a date: ${date}`);
  const start = period === 'DAY' ? day : period === 'WEEK' ? day.startOf('week') : day.startOf('month');
  const end = period === 'DAY' ? day.plus({ days: 1 }) : period === 'WEEK' ? start.plus({ weeks: 1 }) : start.plus({ months: 1 });
  return {
    period,
    from: start.toFormat('yyyy-MM-dd'),
    to: end.minus({ days: 1 }).toFormat('yyyy-MM-dd'),
    startsAt: start.toUTC().toISO()!,
    endsAt: end.toUTC().toISO()!,
  };
}

/** The span of events a report for `date` needs: its period plus the day, week and month around the date. */
export function reportSpan(period: ReportPeriod, date: string, timeZone: string): { startsAt: string; endsAt: string } {
  const ranges = (['DAY', 'WEEK', 'MONTH', period] as ReportPeriod[]).map((p) => reportRange(p, date, timeZone));
  return { startsAt: ranges.map((r) => r.startsAt).sort()[0], endsAt: ranges.map((r) => r.endsAt).sort().at(-1)! };
}

const within = (at: string, range: { startsAt: string; endsAt: string }) => {
  const t = Date.parse(at);
  return t >= Date.parse(range.startsAt) && t < Date.parse(range.endsAt);
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

interface CourierStats {
  delivered: CourierEvent[];
  failed: CourierEvent[];
  returned: number;
  successRate: number | null;
  averageMinutes: number | null;
}

/** A booking delivered twice in the data (it cannot be, but replays of old data might) counts once. */
function distinctBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function statsOf(events: CourierEvent[], bookings: Map<string, ReportBooking>): CourierStats {
  // Sorted so that which duplicate survives does not depend on input order.
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.reference.localeCompare(b.reference) || a.status.localeCompare(b.status));
  const delivered = distinctBy(ordered.filter((e) => e.status === 'DELIVERED'), (e) => e.reference);
  const failed = distinctBy(ordered.filter((e) => e.status === 'FAILED_DELIVERY'), (e) => `${e.reference}@${e.at}`);
  const returned = distinctBy(ordered.filter((e) => e.status === 'RETURNED'), (e) => e.reference).length;
  const attempts = delivered.length + failed.length;
  const minutes = delivered
    .map((e) => {
      const collectedAt = bookings.get(e.reference)?.collectedAt;
      return collectedAt ? (Date.parse(e.at) - Date.parse(collectedAt)) / 60_000 : NaN;
    })
    .filter((m) => Number.isFinite(m) && m >= 0);
  return {
    delivered,
    failed,
    returned,
    successRate: attempts === 0 ? null : delivered.length / attempts,
    averageMinutes: minutes.length === 0 ? null : round1(minutes.reduce((sum, m) => sum + m, 0) / minutes.length),
  };
}

function countBy<K>(items: K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

export interface CourierReportInput {
  courierId: string;
  period: ReportPeriod;
  /** A local date inside the period. */
  date: string;
  rules: Pick<BusinessRules, 'serviceTimeZone' | 'currency' | 'courierPayPerDeliveryMinor'>;
  /** Every courier's events over reportSpan(period, date); other spans are ignored. */
  events: CourierEvent[];
  /** Every courier the company has, for the rank; the report's courier is added if missing. */
  courierIds: string[];
  bookings: ReportBooking[];
  /** Feedback about the courier's deliveries over the period (others' and other spans are ignored). */
  feedback?: readonly ReportFeedback[];
}

export function courierReport(input: CourierReportInput): CourierReport {
  const { courierId, rules } = input;
  const zone = rules.serviceTimeZone;
  const range = reportRange(input.period, input.date, zone);
  const bookings = new Map(input.bookings.map((b) => [b.reference, b]));
  const inRange = (r: { startsAt: string; endsAt: string }) => input.events.filter((e) => within(e.at, r));
  const periodEvents = inRange(range);
  const byCourier = new Map<string, CourierEvent[]>([...new Set([...input.courierIds, courierId])].map((id) => [id, []]));
  for (const event of periodEvents) byCourier.get(event.courierId)?.push(event);

  const mine = statsOf(byCourier.get(courierId)!, bookings);
  const deliveredIn = (period: ReportPeriod) =>
    statsOf(
      inRange(reportRange(period, input.date, zone)).filter((e) => e.courierId === courierId),
      bookings,
    ).delivered.length;

  const team = [...byCourier.entries()].map(([id, events]) => ({ id, stats: statsOf(events, bookings) }));
  const position = 1 + team.filter((t) => t.stats.delivered.length > mine.delivered.length).length;
  const below = team.filter((t) => t.stats.delivered.length < mine.delivered.length).length;
  const teamSuccess = median(team.map((t) => t.stats.successRate).filter((r): r is number => r !== null));
  const teamMinutes = median(team.map((t) => t.stats.averageMinutes).filter((m): m is number => m !== null));

  const localOf = (at: string) => DateTime.fromISO(at, { zone });
  const perDay: CourierReport['perDay'] = [];
  for (let day = DateTime.fromISO(range.from, { zone }); day.toFormat('yyyy-MM-dd') <= range.to; day = day.plus({ days: 1 })) {
    const date = day.toFormat('yyyy-MM-dd');
    perDay.push({
      date,
      delivered: mine.delivered.filter((e) => localOf(e.at).toFormat('yyyy-MM-dd') === date).length,
      failed: mine.failed.filter((e) => localOf(e.at).toFormat('yyyy-MM-dd') === date).length,
    });
  }

  const peakHours = [...countBy(mine.delivered.map((e) => localOf(e.at).hour)).entries()]
    .map(([hour, deliveries]) => ({ hour, deliveries }))
    .sort((a, b) => b.deliveries - a.deliveries || a.hour - b.hour)
    .slice(0, 3);
  const topAreas = [...countBy(mine.delivered.map((e) => bookings.get(e.reference)?.deliveryArea ?? 'Unknown area')).entries()]
    .map(([area, deliveries]) => ({ area, deliveries }))
    .sort((a, b) => b.deliveries - a.deliveries || a.area.localeCompare(b.area))
    .slice(0, 5);
  const failureReasons = [...countBy(mine.failed.map((e) => e.failureReason ?? 'OTHER')).entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

  const customers = courierFeedback(input.feedback ?? [], courierId, range, zone);
  const report: CourierReport = {
    courierId,
    range,
    deliveredOnDay: deliveredIn('DAY'),
    deliveredInWeek: deliveredIn('WEEK'),
    deliveredInMonth: deliveredIn('MONTH'),
    delivered: mine.delivered.length,
    failedAttempts: mine.failed.length,
    returned: mine.returned,
    successRate: mine.successRate === null ? null : round3(mine.successRate),
    averagePickupToDeliveryMinutes: mine.averageMinutes,
    earnings: { currency: rules.currency, perDeliveryMinor: rules.courierPayPerDeliveryMinor, totalMinor: mine.delivered.length * rules.courierPayPerDeliveryMinor },
    perDay,
    rank: { position, outOf: team.length, betterThanPercent: team.length > 1 ? Math.round((100 * below) / (team.length - 1)) : 100 },
    peakHours,
    topAreas,
    failureReasons,
    team: { medianSuccessRate: teamSuccess === null ? null : round3(teamSuccess), medianPickupToDeliveryMinutes: teamMinutes },
    feedback: customers.summary,
    suggestions: [],
  };
  report.suggestions = suggestionsFor(report, mine, customers.suggestions);
  return report;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00–${String((hour + 1) % 24).padStart(2, '0')}:00`;

const REASON_ADVICE: Record<DeliveryFailureReason, { code: string; advice: string }> = {
  RECIPIENT_ABSENT: { code: 'CALL_AHEAD', advice: 'nobody was in: text or call the customer when you set out, and try those stops later in your round' },
  ADDRESS_NOT_FOUND: { code: 'CHECK_ADDRESSES', advice: 'the address could not be found: check the map pin and the booking notes before leaving the depot, and call the customer from the street' },
  ACCESS_PROBLEM: { code: 'ASK_FOR_ACCESS', advice: 'you could not get in: ask dispatch for door codes and building access before your round' },
  REFUSED: { code: 'CHECK_AT_COLLECTION', advice: 'the parcel was refused: check the parcel and the delivery details with the sender at collection' },
  DAMAGED: { code: 'PROTECT_PARCELS', advice: 'the parcel was damaged: secure fragile parcels upright and apart in the vehicle' },
  OTHER: { code: 'DESCRIBE_FAILURES', advice: 'the reason was "other": pick the closest reason so dispatch can help with the cause' },
};

/**
 * Concrete, data-backed advice, most useful first; at most four. What customers said (a kind of
 * complaint that keeps coming up or a serious one, low ratings) follows the main cause of failed attempts.
 */
function suggestionsFor(report: CourierReport, mine: CourierStats, fromCustomers: Suggestion[]): CourierReport['suggestions'] {
  const suggestions: CourierReport['suggestions'] = [];
  const attempts = report.delivered + report.failedAttempts;
  if (attempts === 0) {
    // Feedback can come in on a day without deliveries (about earlier ones).
    return [{ code: 'NO_DELIVERIES', message: 'No delivery attempts in this period yet: your figures will appear after your first delivery.' }, ...fromCustomers].slice(0, 4);
  }
  const teamRate = report.team.medianSuccessRate;
  const lowSuccess = report.successRate !== null && (teamRate !== null ? report.successRate < teamRate - 0.05 : report.successRate < 0.85);
  const topReason = report.failureReasons[0];
  if (topReason && (lowSuccess || topReason.count >= 2)) {
    const { code, advice } = REASON_ADVICE[topReason.reason];
    suggestions.push({
      code,
      message: `${topReason.count} of your ${report.failedAttempts} failed attempts were because ${advice}.${
        lowSuccess && report.successRate !== null ? ` Your success rate is ${percent(report.successRate)}${teamRate !== null ? `, the team's ${percent(teamRate)}` : ''}.` : ''
      }`,
    });
  }
  suggestions.push(...fromCustomers);
  const teamMinutes = report.team.medianPickupToDeliveryMinutes;
  const myMinutes = report.averagePickupToDeliveryMinutes;
  if (myMinutes !== null && teamMinutes !== null && teamMinutes > 0 && myMinutes > teamMinutes * 1.2) {
    suggestions.push({
      code: 'FOLLOW_STOP_ORDER',
      message: `Your parcels take ${Math.round(myMinutes)} min from pickup to delivery on average, ${Math.round((myMinutes / teamMinutes - 1) * 100)}% longer than the team's ${Math.round(teamMinutes)} min: follow the suggested stop order and deliver collected parcels before the next pickups.`,
    });
  }
  const peak = report.peakHours[0];
  if (peak && report.delivered >= 5 && peak.deliveries / report.delivered >= 0.4) {
    suggestions.push({
      code: 'PLAN_AROUND_PEAK',
      message: `${percent(peak.deliveries / report.delivered)} of your deliveries happen ${hourLabel(peak.hour)}: load those parcels first and take breaks outside that hour.`,
    });
  }
  const area = report.topAreas[0];
  if (area && report.delivered >= 5 && area.deliveries / report.delivered >= 0.5) {
    suggestions.push({
      code: 'BATCH_HOME_AREA',
      message: `${area.deliveries} of your ${report.delivered} deliveries went to ${area.area}: ask dispatch to batch that area into one run.`,
    });
  }
  if (suggestions.length === 0) {
    const { averageRating, ratingCount } = report.feedback;
    const praised = averageRating !== null && ratingCount >= 2 && averageRating >= 4.5 ? ` Customers rate you ${averageRating.toFixed(1)} out of 5.` : '';
    suggestions.push(
      report.rank.position === 1 && report.rank.outOf > 1
        ? { code: 'KEEP_IT_UP', message: `You completed the most deliveries in the team this period (${report.delivered}), with a ${percent(mine.successRate ?? 0)} success rate.${praised} Keep it up.` }
        : { code: 'ON_TRACK', message: `A ${percent(mine.successRate ?? 0)} success rate over ${attempts} attempts: you are on track.${praised}` },
    );
  }
  return suggestions.slice(0, 4);
}
