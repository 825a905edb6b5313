export interface WindowLoad {
  windowId: string;
  capacity: number;
  booked: number;
}

/** Pickup capacity per window. Reservations are per booking so they can be retried and released exactly once. */
export interface CapacityStore {
  /** Throws PickupWindowFull when no place is left; 'already_reserved' for a repeat of the same booking. */
  reserve(windowId: string, reference: string, defaultCapacity: number): Promise<'reserved' | 'already_reserved'>;
  release(windowId: string, reference: string): Promise<'released' | 'not_reserved'>;
  /** Loads for the given windows; windows nobody booked yet report booked 0 and the default capacity. */
  loads(windowIds: string[], defaultCapacity: number): Promise<WindowLoad[]>;
  /** Sets a window's capacity; refuses to go below what is already booked. */
  setCapacity(windowId: string, capacity: number): Promise<WindowLoad>;
}
