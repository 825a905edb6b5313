// Booking saga compensation: give the window place back (a no-op if it was never taken).
import { capacityStore } from '../../shared/container';
import type { CapacityStepInput } from '../types';

export const handler = async (input: CapacityStepInput) => ({ release: await capacityStore().release(input.windowId, input.reference) });
