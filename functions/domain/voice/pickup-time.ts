// From what a caller says about the pickup time to our two-hour windows. AMAZON.Time gives
// "14:00" when the time is clear, no interpretedValue but both readings ("10:00", "22:00") for
// "ten o'clock", and MO/AF/EV/NI for parts of the day. Windows are wall-clock slots at the depot
// (functions/domain/pickup-windows.ts), so a time picks the window it falls in and a part of the
// day picks every window that overlaps it, earliest first.
import type { BusinessRules } from '../business-rules';
import { pickupWindowsOn, type PickupWindow } from '../pickup-windows';

export type DayPart = 'MO' | 'AF' | 'EV' | 'NI';

export type RequestedTime =
  /** One or more clock readings "HH:MM"; several when the caller's time was ambiguous. */
  | { kind: 'clock'; readings: string[] }
  | { kind: 'dayPart'; part: DayPart };

/** Wall-clock bounds of each part of the day, [from, to) in "HH:MM". */
export const DAY_PART_HOURS: Readonly<Record<DayPart, { from: string; to: string; words: string }>> = {
  MO: { from: '00:00', to: '12:00', words: 'morning' },
  AF: { from: '12:00', to: '17:00', words: 'afternoon' },
  EV: { from: '17:00', to: '21:00', words: 'evening' },
  NI: { from: '21:00', to: '24:00', words: 'night' },
};

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Reads the slot as Lex resolved it; null when it holds no time at all. */
export function readRequestedTime(value: { interpretedValue?: string | null; resolvedValues?: string[] } | null | undefined): RequestedTime | null {
  if (!value) return null;
  const candidates = value.interpretedValue ? [value.interpretedValue] : (value.resolvedValues ?? []);
  const part = candidates.find((candidate): candidate is DayPart => candidate in DAY_PART_HOURS);
  if (part) return { kind: 'dayPart', part };
  const readings = candidates.filter((candidate) => CLOCK.test(candidate));
  return readings.length ? { kind: 'clock', readings } : null;
}

const overlaps = (window: PickupWindow, from: string, to: string) => window.startLocal < to && window.endLocal > from;
const contains = (window: PickupWindow, time: string) => window.startLocal <= time && time < window.endLocal;

/**
 * The service windows on `date` that match the request, in order of preference. An ambiguous
 * clock time keeps only the readings inside service hours ("ten" is 10 AM, never 10 PM).
 * Empty when the request is outside service hours or the day has no windows.
 */
export function windowsForRequest(date: string, requested: RequestedTime, rules: BusinessRules): PickupWindow[] {
  const windows = pickupWindowsOn(date, rules);
  if (requested.kind === 'dayPart') {
    const { from, to } = DAY_PART_HOURS[requested.part];
    return windows.filter((window) => overlaps(window, from, to));
  }
  const found: PickupWindow[] = [];
  for (const reading of requested.readings) {
    const window = windows.find((candidate) => contains(candidate, reading));
    if (window && !found.includes(window)) found.push(window);
  }
  return found;
}

/** Whether the day has service windows at all (a working day under the rules). */
export function isServiceDay(date: string, rules: BusinessRules): boolean {
  return pickupWindowsOn(date, rules).length > 0;
}

/** The first of the offered windows the caller's answer points at, when exactly one matches. */
export function offeredWindowMatching(offered: readonly PickupWindow[], requested: RequestedTime): PickupWindow | undefined {
  const matches = offered.filter((window) =>
    requested.kind === 'dayPart'
      ? overlaps(window, DAY_PART_HOURS[requested.part].from, DAY_PART_HOURS[requested.part].to)
      : requested.readings.some((reading) => contains(window, reading)),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/** Service hours as people say them: "between 8 AM and 6 PM". */
export function serviceHours(rules: BusinessRules): { opens: string; closes: string } {
  const starts = rules.windows.map((window) => window.start).sort();
  const ends = rules.windows.map((window) => window.end).sort();
  return { opens: starts[0], closes: ends[ends.length - 1] };
}
