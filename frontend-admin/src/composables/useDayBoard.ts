// A day's bookings and pickup windows, kept live: subscribes to onBookingChanged for the date
// first, then loads the day (every page), merging by version so an event that arrives during
// the load is never overwritten by an older copy. Window loads are refreshed after changes.
import { Hub } from 'aws-amplify/utils';
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { gql, subscribe, type ApiError, type Subscription } from '../api/client';
import { BOOKINGS_BY_DATE, ON_BOOKING_CHANGED, PICKUP_WINDOWS } from '../api/documents';
import type { Booking, WindowAvailability } from '../api/types';

const PAGE = 200;
/** How long a changed row stays highlighted. */
const FRESH_MS = 6000;

export function byPickupOrder(a: Booking, b: Booking): number {
  return a.pickupWindow.startsAt.localeCompare(b.pickupWindow.startsAt) || a.createdAt.localeCompare(b.createdAt) || a.reference.localeCompare(b.reference);
}

export function useDayBoard(date: Ref<string>) {
  const byReference = ref(new Map<string, Booking>());
  const windows = ref<WindowAvailability[]>([]);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const subscriptionError = ref<ApiError | null>(null);
  /** True once AppSync acknowledged this date's subscription (start_ack): changes from now on arrive. */
  const subscriptionReady = ref(false);
  const stopListening = Hub.listen('api', ({ payload }) => {
    const data = payload.data as { variables?: { pickupDate?: string } } | undefined;
    if (payload.event === 'Subscription ack' && data?.variables?.pickupDate === date.value) subscriptionReady.value = true;
  });
  const fresh = ref(new Set<string>());
  let subscription: Subscription | null = null;
  let generation = 0;
  let windowsTimer: ReturnType<typeof setTimeout> | undefined;

  function merge(booking: Booking): boolean {
    const existing = byReference.value.get(booking.reference);
    if (existing && existing.version > booking.version) return false;
    byReference.value.set(booking.reference, booking);
    return true;
  }

  async function loadWindows(forDate: string, token: number): Promise<void> {
    const data = await gql<{ pickupWindows: WindowAvailability[] }>(PICKUP_WINDOWS, { date: forDate }, 'Loading pickup windows…');
    if (token === generation) windows.value = data.pickupWindows;
  }

  async function load(): Promise<void> {
    const token = ++generation;
    const forDate = date.value;
    loading.value = true;
    error.value = null;
    try {
      const windowsLoaded = loadWindows(forDate, token);
      let nextToken: string | null = null;
      do {
        const data: { bookingsByDate: { items: Booking[]; nextToken: string | null } } = await gql(
          BOOKINGS_BY_DATE,
          { date: forDate, limit: PAGE, nextToken },
          'Loading bookings…',
        );
        if (token !== generation) return;
        for (const booking of data.bookingsByDate.items) merge(booking);
        nextToken = data.bookingsByDate.nextToken;
      } while (nextToken);
      await windowsLoaded;
    } catch (e) {
      if (token === generation) error.value = e as ApiError;
    } finally {
      if (token === generation) loading.value = false;
    }
  }

  function markFresh(reference: string): void {
    fresh.value.add(reference);
    setTimeout(() => fresh.value.delete(reference), FRESH_MS);
  }

  function onChange(booking: Booking | null): void {
    if (!booking || booking.pickupDate !== date.value) return;
    if (merge(booking)) markFresh(booking.reference);
    // Capacity loads changed too; one refresh for a burst of changes.
    clearTimeout(windowsTimer);
    const token = generation;
    windowsTimer = setTimeout(() => void loadWindows(date.value, token).catch(() => undefined), 400);
  }

  function resubscribe(): void {
    subscription?.unsubscribe();
    subscriptionError.value = null;
    subscriptionReady.value = false;
    subscription = subscribe<{ onBookingChanged: Booking | null }>(
      ON_BOOKING_CHANGED,
      { pickupDate: date.value },
      {
        next: (data) => onChange(data.onBookingChanged),
        error: (e) => {
          subscriptionError.value = e;
        },
      },
    );
  }

  watch(
    date,
    () => {
      byReference.value = new Map();
      windows.value = [];
      resubscribe();
      void load();
    },
    { immediate: true },
  );

  onBeforeUnmount(() => {
    stopListening();
    subscription?.unsubscribe();
    subscription = null;
    clearTimeout(windowsTimer);
    generation++;
  });

  const bookings = computed(() => [...byReference.value.values()].sort(byPickupOrder));

  const kpis = computed(() => {
    const active = bookings.value.filter((b) => b.status !== 'CANCELLED');
    const assigned = active.filter((b) => b.courierId).length;
    const capacity = windows.value.reduce((sum, w) => sum + w.capacity, 0);
    const booked = windows.value.reduce((sum, w) => sum + w.booked, 0);
    return {
      bookings: active.length,
      assigned,
      unassigned: active.length - assigned,
      revenueMinor: active.reduce((sum, b) => sum + b.price.totalMinor, 0),
      capacity,
      booked,
      capacityUsed: capacity ? booked / capacity : 0,
    };
  });

  /** A booking replaced by a later copy (e.g. the details panel fetched a fresher one). */
  function put(booking: Booking): void {
    if (booking.pickupDate === date.value) merge(booking);
  }

  return { bookings, windows, kpis, loading, error, subscriptionError, subscriptionReady, fresh, reload: load, put };
}
