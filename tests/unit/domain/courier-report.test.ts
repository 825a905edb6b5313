import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES as rules } from '../../../functions/domain/business-rules';
import { courierReport, reportRange, reportSpan, type CourierEvent, type ReportBooking, type ReportPeriod } from '../../../functions/domain/courier-report';
import { FAILURE_REASONS } from '../../../functions/domain/delivery';

const ZONE = rules.serviceTimeZone;
const COURIERS = ['C001', 'C002', 'C003', 'C004'];
const DATE = '2026-11-18'; // a Wednesday
const PERIODS: ReportPeriod[] = ['DAY', 'WEEK', 'MONTH'];

// Events around November 2026, some outside every range.
const eventArb = fc.record({
  courierId: fc.constantFrom(...COURIERS),
  reference: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `CB${String(i).padStart(6, '0')}`)),
  status: fc.constantFrom('COLLECTED', 'OUT_FOR_DELIVERY', 'DELIVERED', 'FAILED_DELIVERY', 'RETURNED' as const),
  at: fc.integer({ min: Date.parse('2026-10-25T00:00:00Z'), max: Date.parse('2026-12-05T00:00:00Z') }).map((ms) => new Date(ms).toISOString()),
  failureReason: fc.constantFrom(...FAILURE_REASONS),
}) as fc.Arbitrary<CourierEvent>;

const bookingsFor = (events: CourierEvent[]): ReportBooking[] =>
  [...new Set(events.map((e) => e.reference))].map((reference) => ({
    reference,
    deliveryArea: ['Seattle 98109', 'Bellevue 98004', 'Redmond 98052'][reference.charCodeAt(reference.length - 1) % 3],
    collectedAt: '2026-10-20T16:00:00.000Z',
  }));

const report = (events: CourierEvent[], period: ReportPeriod = 'WEEK', courierId = 'C001') =>
  courierReport({ courierId, period, date: DATE, rules, events, courierIds: COURIERS, bookings: bookingsFor(events) });

describe('report periods', () => {
  it('a day, the ISO week (Monday to Sunday) and the month around a date, in the depot’s time zone', () => {
    expect(reportRange('DAY', DATE, ZONE)).toMatchObject({ from: DATE, to: DATE, startsAt: '2026-11-18T08:00:00.000Z', endsAt: '2026-11-19T08:00:00.000Z' });
    expect(reportRange('WEEK', DATE, ZONE)).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    // March 2026 holds the change to daylight saving time: the month still starts and ends at local midnight.
    expect(reportRange('MONTH', '2026-03-15', ZONE)).toMatchObject({ from: '2026-03-01', to: '2026-03-31', startsAt: '2026-03-01T08:00:00.000Z', endsAt: '2026-04-01T07:00:00.000Z' });
  });

  it('the span of events a report reads covers its period, day, week and month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...PERIODS), (when, period) => {
        const date = DateTime.fromJSDate(when, { zone: ZONE }).toFormat('yyyy-MM-dd');
        const span = reportSpan(period, date, ZONE);
        for (const p of PERIODS) {
          const range = reportRange(p, date, ZONE);
          expect(span.startsAt <= range.startsAt && range.endsAt <= span.endsAt).toBe(true);
        }
      }),
    );
  });
});

describe('a courier’s report', () => {
  it('does not depend on the order of the events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), fc.constantFrom(...PERIODS), (events, period) => {
        const shuffled = [...events].reverse();
        expect(report(shuffled, period)).toEqual(report(events, period));
      }),
    );
  });

  it('keeps its figures consistent: per-day sums, success rate, earnings, rank', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 80 }), fc.constantFrom(...PERIODS), (events, period) => {
        const r = report(events, period);
        expect(r.perDay.reduce((sum, d) => sum + d.delivered, 0)).toBe(r.delivered);
        expect(r.perDay.reduce((sum, d) => sum + d.failed, 0)).toBe(r.failedAttempts);
        expect(r.perDay[0].date).toBe(r.range.from);
        expect(r.perDay.at(-1)!.date).toBe(r.range.to);
        if (r.delivered + r.failedAttempts === 0) expect(r.successRate).toBeNull();
        else expect(r.successRate).toBeCloseTo(r.delivered / (r.delivered + r.failedAttempts), 3);
        expect(r.earnings.totalMinor).toBe(r.delivered * rules.courierPayPerDeliveryMinor);
        expect(r.rank.outOf).toBe(COURIERS.length);
        expect(r.rank.position).toBeGreaterThanOrEqual(1);
        expect(r.rank.position).toBeLessThanOrEqual(COURIERS.length);
        expect(r.rank.betterThanPercent).toBeGreaterThanOrEqual(0);
        expect(r.rank.betterThanPercent).toBeLessThanOrEqual(100);
        expect(r.deliveredOnDay).toBeLessThanOrEqual(r.deliveredInWeek);
        expect(r.deliveredOnDay).toBeLessThanOrEqual(r.deliveredInMonth);
        expect(r[period === 'DAY' ? 'deliveredOnDay' : period === 'WEEK' ? 'deliveredInWeek' : 'deliveredInMonth']).toBe(r.delivered);
        expect(r.peakHours.reduce((sum, h) => sum + h.deliveries, 0)).toBeLessThanOrEqual(r.delivered);
        expect(r.topAreas.length).toBeLessThanOrEqual(5);
        expect(r.suggestions.length).toBeGreaterThanOrEqual(1);
        expect(r.suggestions.length).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('other couriers’ work changes only the comparison, never the courier’s own figures', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.array(eventArb, { maxLength: 40 }), (events, others) => {
        const mine = events.map((e) => ({ ...e, courierId: 'C001' }));
        const theirs = others.map((e) => ({ ...e, courierId: 'C002' }));
        const alone = report(mine);
        const together = courierReport({ courierId: 'C001', period: 'WEEK', date: DATE, rules, events: [...mine, ...theirs], courierIds: COURIERS, bookings: bookingsFor([...mine, ...theirs]) });
        for (const key of ['delivered', 'failedAttempts', 'returned', 'successRate', 'earnings', 'perDay', 'peakHours', 'failureReasons'] as const) {
          expect(together[key]).toEqual(alone[key]);
        }
      }),
    );
  });

  it('ranks by deliveries, ties sharing a place, without naming anyone', () => {
    const delivered = (courierId: string, n: number) =>
      Array.from({ length: n }, (_, i): CourierEvent => ({ courierId, reference: `${courierId}-${i}`, status: 'DELIVERED', at: `2026-11-18T1${i % 10}:00:00.000Z` }));
    const events = [...delivered('C001', 3), ...delivered('C002', 5), ...delivered('C003', 3), ...delivered('C004', 1)];
    expect(report(events, 'DAY', 'C002').rank).toEqual({ position: 1, outOf: 4, betterThanPercent: 100 });
    expect(report(events, 'DAY', 'C001').rank).toEqual({ position: 2, outOf: 4, betterThanPercent: 33 });
    expect(report(events, 'DAY', 'C003').rank).toEqual({ position: 2, outOf: 4, betterThanPercent: 33 });
    expect(report(events, 'DAY', 'C004').rank).toEqual({ position: 4, outOf: 4, betterThanPercent: 0 });
    expect(JSON.stringify(report(events, 'DAY', 'C001'))).not.toMatch(/C00[234]/);
  });

  describe('suggestions come from the data', () => {
    const at = (hour: number, minute = 0) => DateTime.fromISO(`${DATE}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, { zone: ZONE }).toUTC().toISO()!;
    const event = (courierId: string, reference: string, status: CourierEvent['status'], when: string, failureReason?: CourierEvent['failureReason']): CourierEvent => ({
      courierId,
      reference,
      status,
      at: when,
      ...(failureReason ? { failureReason } : {}),
    });

    it('nothing done yet', () => {
      expect(report([], 'DAY').suggestions).toEqual([{ code: 'NO_DELIVERIES', message: expect.stringMatching(/No delivery attempts/) }]);
    });

    it('failures mostly because nobody was in → call ahead', () => {
      const events = [
        event('C001', 'A', 'DELIVERED', at(9)),
        event('C001', 'B', 'FAILED_DELIVERY', at(10), 'RECIPIENT_ABSENT'),
        event('C001', 'C', 'FAILED_DELIVERY', at(11), 'RECIPIENT_ABSENT'),
        event('C001', 'D', 'FAILED_DELIVERY', at(12), 'ACCESS_PROBLEM'),
        event('C002', 'E', 'DELIVERED', at(9)),
      ];
      const r = report(events, 'DAY');
      expect(r.failureReasons).toEqual([
        { reason: 'RECIPIENT_ABSENT', count: 2 },
        { reason: 'ACCESS_PROBLEM', count: 1 },
      ]);
      expect(r.suggestions[0]).toEqual({ code: 'CALL_AHEAD', message: expect.stringMatching(/^2 of your 3 failed attempts were because nobody was in/) });
    });

    it('slower than the team from pickup to delivery → follow the stop order', () => {
      const collectedAt = at(8);
      const bookings: ReportBooking[] = ['A', 'B', 'C', 'D'].map((reference) => ({ reference, deliveryArea: 'Seattle 98109', collectedAt }));
      const events = [event('C001', 'A', 'DELIVERED', at(12)), event('C001', 'B', 'DELIVERED', at(13)), event('C002', 'C', 'DELIVERED', at(9)), event('C003', 'D', 'DELIVERED', at(9, 30))];
      const r = courierReport({ courierId: 'C001', period: 'DAY', date: DATE, rules, events, courierIds: COURIERS, bookings });
      expect(r.averagePickupToDeliveryMinutes).toBe(270);
      expect(r.team.medianPickupToDeliveryMinutes).toBe(90);
      expect(r.suggestions.map((s) => s.code)).toContain('FOLLOW_STOP_ORDER');
    });

    it('a busy hour and a home area show up as peak hours and top areas', () => {
      const events = Array.from({ length: 6 }, (_, i) => event('C001', `P${i}`, 'DELIVERED', at(i < 4 ? 14 : 9, i * 5)));
      const r = report(events, 'DAY');
      expect(r.peakHours[0]).toEqual({ hour: 14, deliveries: 4 });
      expect(r.suggestions.map((s) => s.code)).toContain('PLAN_AROUND_PEAK');
    });
  });
});
