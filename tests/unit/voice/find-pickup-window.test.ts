// From the day and time a caller asks for to a window with room, or the reason there is none and
// the next windows that have room. Capacity comes through the CapacityStore port; here it is an
// in-memory table of loads, so every case can be set up exactly.
import { DEFAULT_BUSINESS_RULES } from '../../../functions/domain/business-rules';
import type { CapacityStore, WindowLoad } from '../../../functions/ports/capacity-store';
import { findPickupWindow, nextWindowsWithRoom } from '../../../functions/use-cases/find-pickup-window';

/** Capacity by window id; unlisted windows have the default capacity and no bookings. */
function capacity(full: string[] = []): CapacityStore {
  const loads = async (ids: string[], defaultCapacity: number): Promise<WindowLoad[]> =>
    ids.map((windowId) => ({ windowId, capacity: defaultCapacity, booked: full.includes(windowId) ? defaultCapacity : 0 }));
  return { loads, reserve: async () => 'reserved', release: async () => 'released', setCapacity: async () => ({ windowId: '', capacity: 0, booked: 0 }) };
}

// Monday 7 December 2026, 09:30 in Seattle.
const NOW = new Date('2026-12-07T17:30:00Z');
const deps = (full: string[] = []) => ({ capacity: capacity(full), clock: () => NOW, rules: DEFAULT_BUSINESS_RULES });
const clock = (hhmm: string) => ({ kind: 'clock' as const, readings: [hhmm] });

describe('findPickupWindow', () => {
  it('gives the window the time falls in when it has room', async () => {
    expect(await findPickupWindow('2026-12-08', clock('14:30'), deps())).toMatchObject({ kind: 'available', window: { id: '2026-12-08T14:00' } });
  });

  it('takes the first window of a part of the day that still has room', async () => {
    expect(await findPickupWindow('2026-12-08', { kind: 'dayPart', part: 'MO' }, deps(['2026-12-08T08:00']))).toMatchObject({ kind: 'available', window: { id: '2026-12-08T10:00' } });
  });

  it('offers the next windows with room when the one asked for is full', async () => {
    const choice = await findPickupWindow('2026-12-08', clock('14:00'), deps(['2026-12-08T14:00', '2026-12-08T16:00']));
    expect(choice).toMatchObject({ kind: 'unavailable', reason: 'FULL', requested: { id: '2026-12-08T14:00' } });
    if (choice.kind === 'unavailable') expect(choice.alternatives.map((window) => window.id)).toEqual(['2026-12-09T08:00', '2026-12-09T10:00', '2026-12-09T12:00']);
  });

  it('offers the day’s windows when the time is outside service hours', async () => {
    const choice = await findPickupWindow('2026-12-08', clock('21:00'), deps());
    expect(choice).toMatchObject({ kind: 'unavailable', reason: 'OUTSIDE_SERVICE_HOURS' });
    if (choice.kind === 'unavailable') expect(choice.alternatives.map((window) => window.id)).toEqual(['2026-12-08T08:00', '2026-12-08T10:00', '2026-12-08T12:00']);
  });

  it('says Sunday is no working day and offers Monday', async () => {
    const choice = await findPickupWindow('2026-12-13', clock('10:00'), deps());
    expect(choice).toMatchObject({ kind: 'unavailable', reason: 'NOT_A_WORKING_DAY' });
    if (choice.kind === 'unavailable') expect(choice.alternatives[0].id).toBe('2026-12-14T08:00');
  });

  it('refuses a window that starts too soon or has passed, offering later ones', async () => {
    expect(await findPickupWindow('2026-12-07', clock('09:00'), deps())).toMatchObject({ kind: 'unavailable', reason: 'IN_THE_PAST' });
    const soon = await findPickupWindow('2026-12-07', clock('10:00'), deps());
    expect(soon).toMatchObject({ kind: 'unavailable', reason: 'TOO_SOON' });
    if (soon.kind === 'unavailable') expect(soon.alternatives[0].id).toBe('2026-12-07T12:00');
  });

  it('has no alternatives when everything is full', async () => {
    const all = await nextWindowsWithRoom(deps(), 1000);
    const choice = await findPickupWindow('2026-12-08', clock('10:00'), deps(all.map((window) => window.id)));
    expect(choice).toMatchObject({ kind: 'unavailable', reason: 'FULL', alternatives: [] });
  });
});
