import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES as rules } from '../../../functions/domain/business-rules';
import { parsePickupWindowId, pickupWindowsOn, upcomingBookableWindows, windowBookingProblem, type PickupWindow } from '../../../functions/domain/pickup-windows';

const window = (id: string) => parsePickupWindowId(id, rules) as PickupWindow;

describe('pickup windows', () => {
  it('are local depot times converted to the right UTC instants across daylight saving', () => {
    // Seattle: UTC-7 in summer (PDT), UTC-8 in winter (PST).
    expect(window('2026-07-14T08:00').startsAt).toBe('2026-07-14T15:00:00Z');
    expect(window('2026-11-24T08:00').startsAt).toBe('2026-11-24T16:00:00Z');
    expect(window('2026-11-24T08:00').endsAt).toBe('2026-11-24T18:00:00Z');
    expect(window('2026-11-24T08:00').label).toBe('Tue 24 Nov, 8:00 AM – 10:00 AM');
  });

  it('say why an id is not a bookable service window', () => {
    expect(parsePickupWindowId('tomorrow', rules)).toEqual({ problem: 'MALFORMED' });
    expect(parsePickupWindowId('2026-02-30T08:00', rules)).toEqual({ problem: 'MALFORMED' });
    expect(parsePickupWindowId('2026-11-24T09:00', rules)).toEqual({ problem: 'NOT_A_SERVICE_WINDOW' });
    expect(parsePickupWindowId('2026-11-29T08:00', rules)).toEqual({ problem: 'NOT_A_WORKING_DAY' }); // a Sunday
  });

  it('cannot be booked once started, too close to the start, or beyond the horizon', () => {
    const w = window('2026-11-24T10:00'); // 18:00Z
    expect(windowBookingProblem(w, new Date('2026-11-24T18:30:00Z'), rules)).toBe('IN_THE_PAST');
    expect(windowBookingProblem(w, new Date('2026-11-24T17:30:00Z'), rules)).toBe('TOO_SOON');
    expect(windowBookingProblem(w, new Date('2026-11-24T16:59:00Z'), rules)).toBeNull();
    expect(windowBookingProblem(window('2026-12-31T10:00'), new Date('2026-11-24T12:00:00Z'), rules)).toBe('BEYOND_HORIZON');
  });

  it('upcoming windows are bookable, in order, on working days only', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 20 }), (now, limit) => {
        const windows = upcomingBookableWindows(now, rules, limit);
        expect(windows.length).toBe(limit);
        for (let i = 0; i < windows.length; i++) {
          expect(windowBookingProblem(windows[i], now, rules)).toBeNull();
          expect(rules.workingDays).toContain(DateTime.fromISO(windows[i].date, { zone: rules.serviceTimeZone }).weekday);
          if (i > 0) expect(windows[i].startsAt > windows[i - 1].startsAt).toBe(true);
        }
      }),
    );
  });

  it('every listed window parses back to itself', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }), (day) => {
        const date = DateTime.fromJSDate(day, { zone: rules.serviceTimeZone }).toFormat('yyyy-MM-dd');
        for (const w of pickupWindowsOn(date, rules)) expect(parsePickupWindowId(w.id, rules)).toEqual(w);
      }),
    );
  });
});
