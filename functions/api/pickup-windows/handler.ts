// GraphQL Query.pickupWindows: the service windows of a date with capacity and bookings.
import { pickupWindowsOn } from '../../domain/pickup-windows';
import { appSyncResolver } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { capacityStore } from '../../shared/container';

export const handler = appSyncResolver<{ date: string }, unknown>(async (event) => {
  const rules = businessRules();
  const windows = pickupWindowsOn(event.arguments.date, rules);
  const loads = await capacityStore().loads(
    windows.map((w) => w.id),
    rules.defaultWindowCapacity,
  );
  return windows.map((window, i) => ({
    window,
    capacity: loads[i].capacity,
    booked: loads[i].booked,
    remaining: Math.max(0, loads[i].capacity - loads[i].booked),
  }));
});
