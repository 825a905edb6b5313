// Flow: AppSync identity → admin (any delivery) or courier (their own, by their profile) → else refused.
// Couriers are linked to their profile by Cognito username (couriers table, byUsername index),
// which both access and ID tokens carry.
import type { DeliveryActor } from '../domain/delivery';
import { NotACourier } from '../domain/errors';
import type { CourierStore } from '../ports/courier-store';
import type { AppSyncIdentity } from '../shared/appsync-resolver';

export async function identifyDeliveryActor(identity: AppSyncIdentity | null, couriers: CourierStore): Promise<DeliveryActor> {
  const groups = identity?.groups ?? [];
  const username = identity?.username ?? '';
  if (groups.includes('admin')) return { kind: 'admin', username: username || 'unknown' };
  // AppSync already refused callers outside the two groups; this guards a schema that forgot to.
  if (!groups.includes('courier') || !username) throw new NotACourier(username || 'unknown');
  const profile = await couriers.findByUsername(username);
  if (!profile) throw new NotACourier(username);
  return { kind: 'courier', courierId: profile.courierId };
}
