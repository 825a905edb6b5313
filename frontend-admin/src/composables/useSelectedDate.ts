// The date a page shows, kept in the URL (?date=YYYY-MM-DD) so reloads and links keep it,
// and shared between pages (board, map, capacity) through that query parameter.
import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { isDate, today } from '../format';

let lastChosen: string | null = null;

export function useSelectedDate(param = 'date', fallback: () => string = () => lastChosen ?? today()): WritableComputedRef<string> {
  const route = useRoute();
  const router = useRouter();
  return computed({
    get: () => {
      const value = route.query[param];
      if (!isDate(value)) return fallback();
      // Pages reached from the navigation (no ?date) keep showing the date last looked at.
      if (param === 'date') lastChosen = value;
      return value;
    },
    set: (value: string) => {
      if (!isDate(value)) return;
      if (param === 'date') lastChosen = value;
      void router.replace({ query: { ...route.query, [param]: value } });
    },
  });
}
