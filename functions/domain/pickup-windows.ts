// Pickup windows are wall-clock slots at the depot ("Tuesday 8–10 am, Seattle time").
// A window id is its local start, "2026-11-24T08:00", which reads well in logs and URLs
// and is stable across daylight-saving changes; the UTC instants are derived from it.
import { DateTime } from 'luxon';
import type { BusinessRules } from './business-rules';

export interface PickupWindow {
  id: string;
  /** Local calendar date at the depot, YYYY-MM-DD. */
  date: string;
  startLocal: string;
  endLocal: string;
  /** ISO-8601 UTC instants. */
  startsAt: string;
  endsAt: string;
  /** "Tue 24 Nov, 8:00 AM – 10:00 AM" in the depot's zone. */
  label: string;
}

export type WindowProblem = 'MALFORMED' | 'NOT_A_SERVICE_WINDOW' | 'NOT_A_WORKING_DAY' | 'IN_THE_PAST' | 'TOO_SOON' | 'BEYOND_HORIZON';

export const WINDOW_PROBLEM_MESSAGES: Record<WindowProblem, string> = {
  MALFORMED: 'The pickup window must look like 2026-11-24T08:00.',
  NOT_A_SERVICE_WINDOW: 'That time is not one of our pickup windows.',
  NOT_A_WORKING_DAY: 'We do not collect on that day.',
  IN_THE_PAST: 'That pickup window has already passed.',
  TOO_SOON: 'That pickup window starts too soon to be booked.',
  BEYOND_HORIZON: 'That pickup window is too far ahead to be booked yet.',
};

const WINDOW_ID = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

function buildWindow(date: string, start: string, end: string, rules: BusinessRules): PickupWindow {
  const zone = rules.serviceTimeZone;
  const startsAt = DateTime.fromISO(`${date}T${start}`, { zone });
  const endsAt = DateTime.fromISO(`${date}T${end}`, { zone });
  return {
    id: `${date}T${start}`,
    date,
    startLocal: start,
    endLocal: end,
    startsAt: startsAt.toUTC().toISO({ suppressMilliseconds: true })!,
    endsAt: endsAt.toUTC().toISO({ suppressMilliseconds: true })!,
    label: `${startsAt.toFormat('ccc d LLL')}, ${startsAt.toFormat('h:mm a')} – ${endsAt.toFormat('h:mm a')}`,
  };
}

export function pickupWindowsOn(date: string, rules: BusinessRules): PickupWindow[] {
  const day = DateTime.fromISO(date, { zone: rules.serviceTimeZone });
  if (!day.isValid || !rules.workingDays.includes(day.weekday)) return [];
  return rules.windows.map((slot) => buildWindow(date, slot.start, slot.end, rules));
}

/** Resolves an id to a service window, or says why it is not one. Says nothing about time. */
export function parsePickupWindowId(id: string, rules: BusinessRules): PickupWindow | { problem: WindowProblem } {
  const match = WINDOW_ID.exec(id);
  if (!match) return { problem: 'MALFORMED' };
  const [, date, start] = match;
  const day = DateTime.fromISO(`${date}T${start}`, { zone: rules.serviceTimeZone });
  // Luxon normalises "2026-02-30" to March; round-tripping the date catches it.
  if (!day.isValid || day.toFormat('yyyy-MM-dd') !== date || day.toFormat('HH:mm') !== start) return { problem: 'MALFORMED' };
  const slot = rules.windows.find((w) => w.start === start);
  if (!slot) return { problem: 'NOT_A_SERVICE_WINDOW' };
  if (!rules.workingDays.includes(day.weekday)) return { problem: 'NOT_A_WORKING_DAY' };
  return buildWindow(date, slot.start, slot.end, rules);
}

/** Whether a window can still be booked at `now`; null when it can. */
export function windowBookingProblem(window: PickupWindow, now: Date, rules: BusinessRules): WindowProblem | null {
  const nowMs = now.getTime();
  const startMs = Date.parse(window.startsAt);
  if (startMs <= nowMs) return 'IN_THE_PAST';
  if (startMs - nowMs < rules.minimumLeadMinutes * 60_000) return 'TOO_SOON';
  const horizonEnd = DateTime.fromJSDate(now, { zone: rules.serviceTimeZone }).startOf('day').plus({ days: rules.bookingHorizonDays + 1 });
  if (startMs >= horizonEnd.toMillis()) return 'BEYOND_HORIZON';
  return null;
}

/** The next `limit` windows that can be booked at `now`, earliest first. */
export function upcomingBookableWindows(now: Date, rules: BusinessRules, limit: number, after?: PickupWindow): PickupWindow[] {
  const found: PickupWindow[] = [];
  let day = DateTime.fromJSDate(now, { zone: rules.serviceTimeZone }).startOf('day');
  for (let i = 0; i <= rules.bookingHorizonDays && found.length < limit; i++, day = day.plus({ days: 1 })) {
    for (const window of pickupWindowsOn(day.toFormat('yyyy-MM-dd'), rules)) {
      if (after && window.startsAt <= after.startsAt) continue;
      if (windowBookingProblem(window, now, rules) === null) found.push(window);
      if (found.length === limit) break;
    }
  }
  return found;
}

/** Local date at the depot for an instant, YYYY-MM-DD. */
export function serviceDateOf(instant: Date, rules: BusinessRules): string {
  return DateTime.fromJSDate(instant, { zone: rules.serviceTimeZone }).toFormat('yyyy-MM-dd');
}
