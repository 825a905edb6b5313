// GraphQL Mutation.setPickupCapacity (admins): how many pickups a window takes.
import { InvalidCapacity } from '../../domain/errors';
import { parsePickupWindowId, WINDOW_PROBLEM_MESSAGES } from '../../domain/pickup-windows';
import { appSyncResolver } from '../../shared/appsync-resolver';
import { businessRules } from '../../shared/config';
import { capacityStore } from '../../shared/container';

export const handler = appSyncResolver<{ windowId: string; capacity: number }, unknown>(async (event) => {
  const window = parsePickupWindowId(event.arguments.windowId, businessRules());
  if ('problem' in window) throw new InvalidCapacity(WINDOW_PROBLEM_MESSAGES[window.problem], { windowId: event.arguments.windowId });
  const load = await capacityStore().setCapacity(window.id, event.arguments.capacity);
  return { window, capacity: load.capacity, booked: load.booked, remaining: Math.max(0, load.capacity - load.booked) };
});
