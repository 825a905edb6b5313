import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES as rules } from '../../../functions/domain/business-rules';
import { courierReport, reportRange, reportSpan, type CourierEvent, type ReportBooking, type ReportPeriod } from '../../../functions/domain/courier-report';
import type { Booking } from '../../../functions/domain/booking';
import { MAX_COMMENTS, MAX_EXCERPT, type ReportFeedback } from '../../../functions/domain/courier-feedback';
import { FAILURE_REASONS } from '../../../functions/domain/delivery';
import { COMPLAINT_CATEGORIES, newFeedback, SEVERITIES, validateFeedback, type ComplaintCategory, type Severity } from '../../../functions/domain/feedback';

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

describe('ratings and comments about the courier (R12.3)', () => {
  const WEEK = reportRange('WEEK', DATE, ZONE);
  const FILLER = ['the', 'driver', 'was', 'late', 'friendly', 'parcel', 'box', 'left', 'at', 'door', 'careful', 'rude', 'thanks', 'great', 'wet'];
  const RESERVED = new Set(['name', 'phone', 'email']);

  // A customer and what they said, their own name, number and e-mail sometimes in it.
  const customerArb = fc
    .record({
      first: fc.stringMatching(/^[A-Z][a-z]{1,8}$/),
      last: fc.stringMatching(/^[A-Z][a-z]{1,8}(-[A-Z][a-z]{1,8})?$/),
      line: fc.integer({ min: 0, max: 9999 }),
    })
    .filter(({ first, last }) => ![first, ...last.split('-')].some((w) => RESERVED.has(w.toLowerCase())))
    .map(({ first, last, line }) => {
      const local = String(line).padStart(4, '0');
      return { name: `${first} ${last}`, phone: `+1206555${local}`, spoken: [`+1206555${local}`, `(206) 555-${local}`, `206 555 ${local}`, `206.555.${local}`], email: `${first}.${last}@example.com`.toLowerCase() };
    });

  const feedbackArb = fc
    .record({
      ref: fc.stringMatching(/^[A-Z0-9]{6}$/),
      booking: fc.stringMatching(/^[A-Z0-9]{6}$/),
      courierId: fc.constantFrom(...COURIERS),
      complaint: fc.boolean(),
      rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      severity: fc.constantFrom(...SEVERITIES),
      category: fc.constantFrom(...COMPLAINT_CATEGORIES),
      at: fc.integer({ min: Date.parse('2026-11-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString()),
      customer: customerArb,
      words: fc.array(fc.oneof(fc.constantFrom(...FILLER), fc.constantFrom('NAME', 'FIRST', 'LAST', 'PHONE', 'EMAIL')), { minLength: 1, maxLength: 40 }),
      phoneForm: fc.integer({ min: 0, max: 3 }),
    })
    .map((f): ReportFeedback => {
      const [first, last] = f.customer.name.split(' ');
      const said: Record<string, string> = { NAME: f.customer.name, FIRST: first, LAST: last, PHONE: f.customer.spoken[f.phoneForm], EMAIL: f.customer.email };
      return {
        feedbackReference: `FB${f.ref}`,
        bookingReference: `CB${f.booking}`,
        courierId: f.courierId,
        type: f.complaint ? 'COMPLAINT' : 'GENERAL_FEEDBACK',
        details: f.words.map((w) => said[w] ?? w).join(' '),
        createdAt: f.at,
        ...(f.complaint ? { severity: f.severity, category: f.category } : f.rating !== undefined ? { rating: f.rating } : {}),
        customer: { name: f.customer.name, phone: f.customer.phone },
        callerNumber: f.customer.phone,
      };
    });
  const feedbackListArb = fc.uniqueArray(feedbackArb, { selector: (f) => f.feedbackReference, maxLength: 40 });

  const withFeedback = (feedback: readonly ReportFeedback[], period: ReportPeriod = 'WEEK', courierId = 'C001', events: CourierEvent[] = []) =>
    courierReport({ courierId, period, date: DATE, rules, events, courierIds: COURIERS, bookings: bookingsFor(events), feedback });
  const inWeek = (f: ReportFeedback) => f.createdAt >= WEEK.startsAt && f.createdAt < WEEK.endsAt;
  const sum = (counts: { count: number }[]) => counts.reduce((total, c) => total + c.count, 0);

  it('property: averages stay within 1–5 and every count adds up', () => {
    fc.assert(
      fc.property(feedbackListArb, fc.constantFrom(...PERIODS), (feedback, period) => {
        const { feedback: f, range } = withFeedback(feedback, period);
        const mine = feedback.filter((x) => x.courierId === 'C001' && x.createdAt >= range.startsAt && x.createdAt < range.endsAt);
        expect(f.received).toBe(mine.length);
        expect(f.ratingCount).toBe(mine.filter((x) => x.rating !== undefined).length);
        expect(f.complaints).toBe(mine.filter((x) => x.type === 'COMPLAINT').length);
        expect(sum(f.ratingDistribution)).toBe(f.ratingCount);
        expect(f.ratingDistribution.map((d) => d.rating)).toEqual([1, 2, 3, 4, 5]);
        expect(sum(f.complaintsBySeverity)).toBe(f.complaints);
        expect(f.complaintsBySeverity.map((s) => s.severity)).toEqual([...SEVERITIES]);
        expect(sum(f.complaintsByCategory)).toBe(f.complaints);
        if (f.ratingCount === 0) expect(f.averageRating).toBeNull();
        else {
          expect(f.averageRating).toBeGreaterThanOrEqual(1);
          expect(f.averageRating).toBeLessThanOrEqual(5);
          expect(f.averageRating).toBeCloseTo(f.ratingDistribution.reduce((t, d) => t + d.rating * d.count, 0) / f.ratingCount, 1);
        }
        expect(f.recentComments).toHaveLength(Math.min(MAX_COMMENTS, f.received));
        const dates = f.recentComments.map((c) => c.date);
        expect(dates).toEqual([...dates].sort().reverse());
        for (const comment of f.recentComments) {
          expect(comment.excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT);
          expect(comment.bookingDisplayReference).toMatch(/^CB-[A-Z0-9]{6}$/);
          expect(comment.date >= range.from && comment.date <= range.to).toBe(true);
        }
      }),
    );
  });

  it('property: no customer name, phone number or e-mail reaches the report', () => {
    fc.assert(
      fc.property(feedbackListArb, (feedback) => {
        const r = withFeedback(feedback, 'MONTH');
        const json = JSON.stringify(r);
        for (const f of feedback) {
          expect(json).not.toContain(f.customer!.phone);
          expect(json).not.toContain(f.customer!.name);
          expect(json.toLowerCase()).not.toContain('@example.com');
        }
        const mineNames = feedback.filter((f) => f.courierId === 'C001').flatMap((f) => f.customer!.name.split(/[\s-]+/));
        for (const comment of r.feedback.recentComments) {
          // Nothing but the filler words (letters) and placeholders is left: no digit of any number.
          expect(comment.excerpt).not.toMatch(/\d/);
          const words = new Set(comment.excerpt.toLowerCase().split(/[^a-z]+/));
          for (const name of mineNames) if (name.length >= 2 && !FILLER.includes(name.toLowerCase())) expect(words.has(name.toLowerCase())).toBe(false);
        }
      }),
    );
  });

  it('property: the order of the feedback and other couriers’ feedback change nothing', () => {
    fc.assert(
      fc.property(feedbackListArb, (feedback) => {
        const mine = feedback.filter((f) => f.courierId === 'C001');
        const r = withFeedback(feedback);
        expect(withFeedback([...feedback].reverse())).toEqual(r);
        expect(withFeedback(mine).feedback).toEqual(r.feedback);
        // Feedback outside the week does not count either.
        expect(withFeedback(mine.filter(inWeek)).feedback).toEqual(r.feedback);
      }),
    );
  });

  describe('examples', () => {
    const at = (day: number, hour: number) => DateTime.fromObject({ year: 2026, month: 11, day, hour }, { zone: ZONE }).toUTC().toISO()!;
    let n = 0;
    const given = (overrides: Partial<ReportFeedback>): ReportFeedback => ({
      feedbackReference: `FBX${String(++n).padStart(5, '0')}`,
      bookingReference: 'CB7K2M9Q',
      courierId: 'C001',
      type: 'GENERAL_FEEDBACK',
      details: 'Lovely driver',
      createdAt: at(18, 10),
      customer: { name: 'Grace Hopper', phone: '+12065550111' },
      ...overrides,
    });
    const rated = (rating: number, day = 18) => given({ rating, createdAt: at(day, 10) });
    const complaint = (category: ComplaintCategory, severity: Severity, day = 18, details = 'Not good') => given({ type: 'COMPLAINT', category, severity, details, createdAt: at(day, 11) });
    const delivered = (count: number) => Array.from({ length: count }, (_, i): CourierEvent => ({ courierId: 'C001', reference: `D${i}`, status: 'DELIVERED', at: at(18, 9 + (i % 8)) }));

    it('averages the ratings to one decimal, with their distribution', () => {
      const f = withFeedback([rated(5), rated(4), rated(2), complaint('LATE', 'LOW')]).feedback;
      expect(f).toMatchObject({ received: 4, ratingCount: 3, averageRating: 3.7, complaints: 1 });
      expect(f.ratingDistribution).toEqual([
        { rating: 1, count: 0 },
        { rating: 2, count: 1 },
        { rating: 3, count: 0 },
        { rating: 4, count: 1 },
        { rating: 5, count: 1 },
      ]);
      expect(f.complaintsBySeverity).toEqual([
        { severity: 'LOW', count: 1 },
        { severity: 'MEDIUM', count: 0 },
        { severity: 'HIGH', count: 0 },
        { severity: 'CRITICAL', count: 0 },
      ]);
      expect(f.complaintsByCategory).toEqual([{ category: 'LATE', count: 1 }]);
      expect(withFeedback([]).feedback).toMatchObject({ received: 0, ratingCount: 0, averageRating: null, complaints: 0, recentComments: [] });
    });

    it('shows the newest comments first, with date, type, rating or severity and the booking, but not who said it', () => {
      const said = 'Grace Hopper here (grace.hopper@example.com, 206-555-0111 or +1 206 555 0111): the driver threw my parcel over the fence and Grace’s cat ran off';
      const r = withFeedback([rated(5, 16), complaint('COURIER_CONDUCT', 'MEDIUM', 17, said), given({ details: 'x'.repeat(10) + ' word'.repeat(60), rating: 3, createdAt: at(19, 8) })]);
      expect(r.feedback.recentComments.map((c) => c.date)).toEqual(['2026-11-19', '2026-11-17', '2026-11-16']);
      const [long, rude, praise] = r.feedback.recentComments;
      expect(rude).toEqual({
        date: '2026-11-17',
        type: 'COMPLAINT',
        rating: null,
        severity: 'MEDIUM',
        category: 'COURIER_CONDUCT',
        excerpt: '[name] [name] here ([email], [phone] or [phone]): the driver threw my parcel over the fence and [name]’s cat ran off',
        bookingDisplayReference: 'CB-7K2M9Q',
      });
      expect(praise).toMatchObject({ type: 'GENERAL_FEEDBACK', rating: 5, severity: null, category: null, excerpt: 'Lovely driver' });
      expect(long.excerpt.length).toBeLessThanOrEqual(MAX_EXCERPT);
      expect(long.excerpt).toMatch(/ word…$/);
      expect(JSON.stringify(r)).not.toMatch(/Grace|Hopper|555|example\.com/);
    });

    it('keeps at most five comments, and counts the same feedback read twice once', () => {
      const many = Array.from({ length: 8 }, (_, i) => rated(4, 16 + (i % 4)));
      const f = withFeedback([...many, many[0]]).feedback;
      expect(f.received).toBe(8);
      expect(f.recentComments).toHaveLength(MAX_COMMENTS);
    });

    it('feedback about another courier or outside the period is not theirs', () => {
      const r = withFeedback([rated(1), given({ courierId: 'C002', rating: 1 }), rated(1, 30)]);
      expect(r.feedback).toMatchObject({ received: 1, ratingCount: 1 });
      expect(withFeedback([rated(1)], 'DAY', 'C002').feedback.received).toBe(0);
    });

    it('the same kind of complaint twice → concrete advice about it', () => {
      const r = withFeedback([complaint('LATE', 'LOW'), complaint('LATE', 'LOW', 19), complaint('DAMAGED', 'MEDIUM')], 'WEEK', 'C001', delivered(3));
      expect(r.suggestions[0]).toEqual({ code: 'TEXT_WHEN_LATE', message: expect.stringMatching(/^2 of your 3 complaints this period were about late deliveries: .*text the customer/) });
      // Once, and not serious: no advice about it yet.
      expect(withFeedback([complaint('LATE', 'LOW')], 'WEEK', 'C001', delivered(3)).suggestions.map((s) => s.code)).toEqual(['KEEP_IT_UP']);
    });

    it('one serious complaint comes before more frequent minor ones', () => {
      const r = withFeedback([complaint('LATE', 'LOW'), complaint('LATE', 'LOW'), complaint('SAFETY', 'CRITICAL')], 'WEEK', 'C001', delivered(3));
      expect(r.suggestions[0]).toEqual({ code: 'TALK_SAFETY_WITH_DISPATCH', message: expect.stringMatching(/^A critical complaint this period was about safety/) });
    });

    it('a low average rating → a suggestion with the figures; a high one is praised', () => {
      const low = withFeedback([rated(2), rated(1), rated(4)], 'WEEK', 'C001', delivered(3));
      expect(low.suggestions).toContainEqual({ code: 'RAISE_RATINGS', message: expect.stringMatching(/^Customers rated you 2\.3 out of 5 on average over 3 ratings, 2 of them 1 or 2 stars: /) });
      const high = withFeedback([rated(5), rated(5), rated(4)], 'WEEK', 'C001', delivered(3));
      expect(high.suggestions.map((s) => s.code)).not.toContain('RAISE_RATINGS');
      expect(high.suggestions.at(-1)!.message).toMatch(/Customers rate you 4\.7 out of 5\./);
      // Feedback on a day without deliveries still gets its advice.
      expect(withFeedback([rated(1), rated(2)], 'DAY').suggestions.map((s) => s.code)).toEqual(['NO_DELIVERIES', 'RAISE_RATINGS']);
    });

    it('recorded feedback names the booking’s courier, which is how the report finds it', () => {
      const booking = { reference: 'CB7K2M9Q', status: 'DELIVERED', courierId: 'C001', customer: { name: 'Grace Hopper', phone: '+12065550111' } } as unknown as Booking;
      const valid = validateFeedback({ bookingReference: 'CB7K2M9Q', type: 'GENERAL_FEEDBACK', details: 'Lovely', rating: 5, channel: 'VOICE' });
      expect(newFeedback(valid, booking, 'FBABC123', new Date('2026-11-18T18:00:00Z')).courierId).toBe('C001');
      expect(newFeedback(valid, { ...booking, courierId: undefined }, 'FBABC123', new Date()).courierId).toBeUndefined();
      expect('courierId' in newFeedback(valid, { ...booking, courierId: undefined }, 'FBABC123', new Date())).toBe(false);
    });
  });
});
