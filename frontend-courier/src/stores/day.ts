// The courier's day: their deliveries and the suggested stop order for a date, kept fresh by the
// onMyDeliveryChanged subscription and by updates the queue got through. The last list loaded
// for a date is kept (IndexedDB), so the app still shows the day without a connection.
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import { createStore, get, set } from 'idb-keyval';
import { computed, reactive } from 'vue';
import { gql, subscribe, toApiError, type ApiError, type Subscription } from '../api/client';
import { MY_DAY, ON_MY_DELIVERY_CHANGED } from '../api/documents';
import type { CourierRoute, Delivery } from '../api/types';
import { onApplied, queue, unsentFor } from '../offline/queue';
import { withQueued, type EffectiveDelivery } from '../status';
import { routeStart } from './position';
import { session } from './session';

// idb-keyval opens one object store per database, so each store gets its own database.
const cache = createStore('courier-app-days', 'days');

export const day = reactive({
  date: '',
  deliveries: [] as Delivery[],
  route: null as CourierRoute | null,
  loading: false,
  error: null as ApiError | null,
  /** When the list shown was saved, if it comes from the phone rather than the server. */
  cachedAt: null as string | null,
  loadedAt: null as string | null,
});

export const live = reactive({ state: 'off' as 'off' | 'connecting' | 'live' | 'error', message: '', events: 0 });

/** The day's deliveries as the courier's queued updates will leave them. */
export const effectiveDeliveries = computed<EffectiveDelivery[]>(() => {
  void queue.items.length;
  return day.deliveries.map((d) => withQueued(d, unsentFor(d.reference)));
});

interface CachedDay {
  deliveries: Delivery[];
  route: CourierRoute | null;
  savedAt: string;
}

const cacheKey = (date: string) => `day:${session.user?.username ?? '-'}:${date}`;
let generation = 0;

export async function loadDay(date: string, options: { quiet?: boolean } = {}): Promise<void> {
  const mine = ++generation;
  if (day.date !== date) {
    day.date = date;
    day.deliveries = [];
    day.route = null;
    day.cachedAt = null;
  }
  if (!options.quiet) day.loading = true;
  day.error = null;
  try {
    const from = routeStart();
    const data = await gql<{ myDeliveries: Delivery[]; myRoute: CourierRoute }>(MY_DAY, { date, ...(from ? { from } : {}) });
    if (mine !== generation) return;
    day.deliveries = data.myDeliveries;
    day.route = data.myRoute;
    day.cachedAt = null;
    day.loadedAt = new Date().toISOString();
    // A plain copy: IndexedDB's structured clone refuses anything that is not plain data.
    const saved: CachedDay = JSON.parse(JSON.stringify({ deliveries: data.myDeliveries, route: data.myRoute, savedAt: day.loadedAt }));
    void set(cacheKey(date), saved, cache).catch((error) => console.warn('the day could not be saved for offline use', error));
  } catch (raw) {
    if (mine !== generation) return;
    const error = toApiError(raw);
    day.error = error;
    if (!day.deliveries.length) {
      const saved = await get<CachedDay>(cacheKey(date), cache).catch(() => undefined);
      if (saved && mine === generation) {
        day.deliveries = saved.deliveries;
        day.route = saved.route;
        day.cachedAt = saved.savedAt;
      }
    }
  } finally {
    if (mine === generation) day.loading = false;
  }
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
/** Reloads the day shortly (several changes in a row cost one reload). */
export function refreshSoon(delayMs = 250): void {
  if (!day.date) return;
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void loadDay(day.date, { quiet: true });
  }, delayMs);
}

// An update got through: show the server's view of that delivery at once, then the new route.
onApplied((_item, result) => {
  const index = day.deliveries.findIndex((d) => d.reference === result.delivery.reference);
  if (index >= 0) day.deliveries.splice(index, 1, result.delivery);
  refreshSoon();
});

let subscription: Subscription | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

/** Listens for changes to the courier's deliveries (new jobs, reassignments, decisions) while signed in. */
export function startLive(): void {
  if (subscription) return;
  listenToHub();
  live.state = 'connecting';
  live.message = '';
  subscription = subscribe<{ onMyDeliveryChanged: { reference: string } | null }>(ON_MY_DELIVERY_CHANGED, {}, {
    next: () => {
      live.state = 'live';
      live.events += 1;
      refreshSoon();
    },
    error: (error) => {
      live.state = 'error';
      live.message = error.message;
      subscription = null;
      // Reconnect after a while (a phone that lost its connection).
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (session.user) startLive();
      }, 5_000);
    },
  });
}

let hubListening = false;
function listenToHub(): void {
  if (hubListening) return;
  hubListening = true;
  Hub.listen('api', ({ payload }) => {
    // AppSync acknowledged the subscription (start_ack): changes from now on arrive.
    if (payload.event === 'Subscription ack' && subscription) live.state = 'live';
    if (payload.event === CONNECTION_STATE_CHANGE && subscription) {
      const state = (payload.data as { connectionState: ConnectionState }).connectionState;
      if (state === ConnectionState.Connected) {
        // Back after a disruption: changes made meanwhile were not delivered, so read the day again.
        if (live.state === 'error') refreshSoon();
        live.state = 'live';
      }
      else if (state === ConnectionState.ConnectionDisrupted || state === ConnectionState.ConnectionDisruptedPendingNetwork) live.state = 'error';
      else if (state === ConnectionState.Connecting) live.state = 'connecting';
    }
  });
}

export function stopLive(): void {
  subscription?.unsubscribe();
  subscription = null;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  live.state = 'off';
  day.date = '';
  day.deliveries = [];
  day.route = null;
}
