// Flow: the day and time a caller asked for → the service windows that match (pickup-time.ts)
// → the first one that can still be booked and has room → else why not, with the next windows
// that do have room (R3.4: "the next windows with capacity when full or outside service hours").
// Reads capacity only: the booking saga reserves atomically later, and says so if the window
// filled up in between.
import { DateTime } from 'luxon';
import type { BusinessRules } from '../domain/business-rules';
import { pickupWindowsOn, upcomingBookableWindows, windowBookingProblem, type PickupWindow, type WindowProblem } from '../domain/pickup-windows';
import { windowsForRequest, type RequestedTime } from '../domain/voice/pickup-time';
import type { CapacityStore } from '../ports/capacity-store';

export interface FindPickupWindowDependencies {
  capacity: CapacityStore;
  clock: () => Date;
  rules: BusinessRules;
}

export type PickupWindowUnavailable = Exclude<WindowProblem, 'MALFORMED' | 'NOT_A_SERVICE_WINDOW'> | 'OUTSIDE_SERVICE_HOURS' | 'FULL';

export type PickupWindowChoice =
  | { kind: 'available'; window: PickupWindow }
  | {
      kind: 'unavailable';
      reason: PickupWindowUnavailable;
      /** The window asked for, when the request named one. */
      requested?: PickupWindow;
      /** The next windows with room, earliest first; empty when nothing is free within the booking horizon. */
      alternatives: PickupWindow[];
    };

/** How many alternatives the bot reads out: more than three is hard to remember on the phone. */
export const ALTERNATIVES_OFFERED = 3;
/** Windows whose capacity is read in one go when looking for alternatives: three busy days' worth. */
const ALTERNATIVES_SCANNED = 15;

async function withRoom(windows: PickupWindow[], deps: FindPickupWindowDependencies): Promise<PickupWindow[]> {
  if (windows.length === 0) return [];
  const loads = await deps.capacity.loads(
    windows.map((window) => window.id),
    deps.rules.defaultWindowCapacity,
  );
  return windows.filter((_, index) => loads[index].booked < loads[index].capacity);
}

/** The next bookable windows with room that start after `afterInstant` (ISO, default now), at most `limit`. */
export async function nextWindowsWithRoom(deps: FindPickupWindowDependencies, limit: number, afterInstant?: string): Promise<PickupWindow[]> {
  const { rules } = deps;
  const everyWindow = upcomingBookableWindows(deps.clock(), rules, (rules.bookingHorizonDays + 1) * rules.windows.length);
  const later = afterInstant ? everyWindow.filter((window) => window.startsAt > afterInstant) : everyWindow;
  const found: PickupWindow[] = [];
  for (let offset = 0; offset < later.length && found.length < limit; offset += ALTERNATIVES_SCANNED) {
    found.push(...(await withRoom(later.slice(offset, offset + ALTERNATIVES_SCANNED), deps)));
  }
  return found.slice(0, limit);
}

export async function findPickupWindow(date: string, requested: RequestedTime, deps: FindPickupWindowDependencies): Promise<PickupWindowChoice> {
  const now = deps.clock();
  const { rules } = deps;
  // Alternatives start from what was asked for (later that day, or the days after), never before it.
  const dayStart = DateTime.fromISO(date, { zone: rules.serviceTimeZone }).startOf('day').toUTC().toISO()!;
  const unavailable = async (reason: PickupWindowUnavailable, requestedWindow?: PickupWindow): Promise<PickupWindowChoice> => ({
    kind: 'unavailable',
    reason,
    ...(requestedWindow ? { requested: requestedWindow } : {}),
    alternatives: await nextWindowsWithRoom(deps, ALTERNATIVES_OFFERED, requestedWindow?.startsAt ?? dayStart),
  });

  if (pickupWindowsOn(date, rules).length === 0) return unavailable('NOT_A_WORKING_DAY');
  const matching = windowsForRequest(date, requested, rules);
  if (matching.length === 0) return unavailable('OUTSIDE_SERVICE_HOURS');

  const problems = matching.map((window) => windowBookingProblem(window, now, rules));
  const bookable = matching.filter((_, index) => problems[index] === null);
  if (bookable.length === 0) return unavailable(problems[problems.length - 1] as PickupWindowUnavailable, matching[matching.length - 1]);
  const [first] = await withRoom(bookable, deps);
  return first ? { kind: 'available', window: first } : unavailable('FULL', bookable[bookable.length - 1]);
}
