// A global progress indicator: every API call the UI waits for is tracked here, and the
// header's progress bar shows while any is pending.
import { computed, reactive } from 'vue';

const state = reactive({ pending: 0, labels: [] as string[] });

export const busy = reactive({
  active: computed(() => state.pending > 0),
  label: computed(() => state.labels[state.labels.length - 1] ?? ''),
});

export async function track<T>(work: Promise<T>, label = 'Working…'): Promise<T> {
  state.pending++;
  state.labels.push(label);
  try {
    return await work;
  } finally {
    state.pending--;
    state.labels.splice(state.labels.lastIndexOf(label), 1);
  }
}
