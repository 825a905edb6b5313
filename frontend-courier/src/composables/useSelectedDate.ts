// The date the Today page shows, kept in the URL (?date=YYYY-MM-DD) so a reload keeps it.
import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { isDate, today } from '../format';

export function useSelectedDate(): WritableComputedRef<string> {
  const route = useRoute();
  const router = useRouter();
  return computed({
    get: () => (isDate(route.query.date) ? route.query.date : today()),
    set: (value: string) => {
      if (!isDate(value)) return;
      const query = { ...route.query };
      if (value === today()) delete query.date;
      else query.date = value;
      void router.replace({ query });
    },
  });
}
