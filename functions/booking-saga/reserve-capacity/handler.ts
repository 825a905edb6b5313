// Booking saga step: take a place in the pickup window. When it is full, the refusal
// names the next windows that still have room, so the caller can offer them.
import { PickupWindowFull } from '../../domain/errors';
import { parsePickupWindowId, upcomingBookableWindows } from '../../domain/pickup-windows';
import { businessRules } from '../../shared/config';
import { capacityStore } from '../../shared/container';
import { businessOutcome } from '../../shared/saga-step';
import type { CapacityStepInput } from '../types';

const ALTERNATIVES_OFFERED = 3;

export const handler = async (input: CapacityStepInput) =>
  businessOutcome(async () => {
    const rules = businessRules();
    try {
      return { reservation: await capacityStore().reserve(input.windowId, input.reference, rules.defaultWindowCapacity) };
    } catch (error) {
      if (!(error instanceof PickupWindowFull)) throw error;
      const requested = parsePickupWindowId(input.windowId, rules);
      const candidates = upcomingBookableWindows(new Date(input.startedAt), rules, 30, 'problem' in requested ? undefined : requested);
      const loads = await capacityStore().loads(
        candidates.map((w) => w.id),
        rules.defaultWindowCapacity,
      );
      const open = candidates.filter((_, i) => loads[i].booked < loads[i].capacity).slice(0, ALTERNATIVES_OFFERED);
      throw new PickupWindowFull(
        input.windowId,
        open.map((w) => w.id),
      );
    }
  });
