// The courier list (names, vehicles, home bases, last positions), loaded once per session.
import { computed, ref } from 'vue';
import { gql, type ApiError } from '../api/client';
import { COURIERS } from '../api/documents';
import type { Courier } from '../api/types';

const couriers = ref<Courier[]>([]);
const error = ref<ApiError | null>(null);
let loading: Promise<void> | null = null;

function load(): Promise<void> {
  loading = gql<{ couriers: Courier[] }>(COURIERS, {}, 'Loading couriers…')
    .then((data) => {
      couriers.value = data.couriers;
      error.value = null;
    })
    .catch((e: ApiError) => {
      error.value = e;
      loading = null;
    });
  return loading;
}

const byId = computed(() => new Map(couriers.value.map((c) => [c.courierId, c])));

export function useCouriers() {
  if (!loading) void load();
  return {
    couriers,
    byId,
    error,
    nameOf: (id: string | null) => (id ? (byId.value.get(id)?.name ?? id) : null),
    /** Positions change as couriers move; the map re-reads them periodically. */
    refresh: load,
  };
}
