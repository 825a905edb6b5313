// The outbox of status updates. Every update the courier makes goes through it, online or not:
// it is stored first (IndexedDB, per signed-in courier, so it survives a reload or a closed app),
// then sent — strictly one at a time, in the order it was made. Each update carries its own
// clientUpdateId, so sending one again after a lost answer changes nothing on the server
// (`replayed: true`).
//
// What happens to an item:
//   pending  → sending → sent                 (the server applied it, or had already)
//   sending  → pending (+ lastError)          no connection / transient error: tried again later, in order
//   sending  → failed  (+ lastError)          the server refused it (e.g. an illegal transition):
//                                             the courier retries or discards it
//   pending  → blocked                        an earlier update of the same delivery failed: it waits
// Updates of other deliveries go on while one delivery is blocked.
import { createStore, get, set } from 'idb-keyval';
import { computed, reactive } from 'vue';
import { ApiError, toApiError } from '../../../frontend-shared/api-error';
import type { BookingStatus, Delivery, DeliveryStatusUpdateInput } from '../api/types';

export type QueueItemState = 'pending' | 'sending' | 'sent' | 'failed' | 'blocked';

export interface QueueItem {
  /** The clientUpdateId. */
  id: string;
  owner: string;
  reference: string;
  displayReference: string;
  status: BookingStatus;
  input: DeliveryStatusUpdateInput;
  createdAt: string;
  state: QueueItemState;
  tries: number;
  lastError: { type: string; message: string } | null;
  sentAt: string | null;
  replayed: boolean | null;
  /** What the proof held, for the list once the bulky data is dropped after sending. */
  proofSummary: string | null;
}

export interface SendResult {
  replayed: boolean;
  delivery: Delivery;
}

/** How many sent items stay listed (for the courier to see what went through). */
const KEEP_SENT = 15;
const MAX_BACKOFF_MS = 30_000;

const store = createStore('courier-app-queue', 'updates');
const storageKey = (owner: string) => `updates:${owner}`;

export const queue = reactive({
  owner: null as string | null,
  items: [] as QueueItem[],
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  /**
   * False after a request failed for want of a network while the browser still claims to be online
   * (a captive portal, a dead mobile connection, or a reload while offline); true again after any
   * request got through.
   */
  reachable: true,
  flushing: false,
  loaded: false,
  nextRetryAt: null as number | null,
});

export const unsent = computed(() => queue.items.filter((i) => i.state !== 'sent'));
export const pendingCount = computed(() => unsent.value.length);
export const failedCount = computed(() => queue.items.filter((i) => i.state === 'failed').length);

let sender: ((input: DeliveryStatusUpdateInput) => Promise<SendResult>) | null = null;
const appliedListeners = new Set<(item: QueueItem, result: SendResult) => void>();
let writes: Promise<unknown> = Promise.resolve();
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let flushAgain = false;

/** Writes the queue as it is now; writes happen one after another, in order. */
function persist(): Promise<unknown> {
  const owner = queue.owner;
  if (!owner) return writes;
  const snapshot = JSON.parse(JSON.stringify(queue.items)) as QueueItem[];
  writes = writes.then(() => set(storageKey(owner), snapshot, store)).catch((error) => console.warn('the update queue could not be saved', error));
  return writes;
}

/** True when updates can go out now, as far as the app can tell. */
export const connected = computed(() => queue.online && queue.reachable);

/** Called by the API client after every call: whether the server could be reached. */
export function markReachable(reachable: boolean): void {
  const was = queue.reachable;
  queue.reachable = reachable;
  if (reachable && !was) void flush();
}

export function setSender(send: (input: DeliveryStatusUpdateInput) => Promise<SendResult>): void {
  sender = send;
}

/** Called after each update the server applied (or had applied), with the delivery as it is now. */
export function onApplied(listener: (item: QueueItem, result: SendResult) => void): () => void {
  appliedListeners.add(listener);
  return () => appliedListeners.delete(listener);
}

/** Loads the signed-in courier's queue (another courier's stays stored, untouched) and sends what waits. */
export async function openQueue(owner: string): Promise<void> {
  if (queue.owner === owner && queue.loaded) return;
  queue.owner = owner;
  queue.loaded = false;
  const stored = ((await get<QueueItem[]>(storageKey(owner), store)) ?? []).map((item) =>
    // A send cut short by a closed app is retried (same id: at most applied once).
    item.state === 'sending' ? { ...item, state: 'pending' as const } : item,
  );
  queue.items = stored;
  queue.loaded = true;
  void flush();
}

export function closeQueue(): void {
  queue.owner = null;
  queue.items = [];
  queue.loaded = false;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

function describeProof(input: DeliveryStatusUpdateInput): string | null {
  if (!input.proof) return null;
  const parts = [input.proof.signature ? 'signature' : '', input.proof.photo ? 'photo' : '', input.proof.recipientName ? `name: ${input.proof.recipientName}` : '', input.proof.pin ? 'PIN' : ''];
  return parts.filter(Boolean).join(', ') || null;
}

/** Stores an update and starts sending. Resolves once it is stored (not when it is sent). */
export async function enqueue(input: DeliveryStatusUpdateInput, displayReference: string): Promise<QueueItem> {
  if (!queue.owner) throw new Error('Sign in first.');
  const item: QueueItem = {
    id: input.clientUpdateId,
    owner: queue.owner,
    reference: input.reference,
    displayReference,
    status: input.status,
    input: { ...input, occurredAt: input.occurredAt ?? new Date().toISOString() },
    createdAt: new Date().toISOString(),
    state: 'pending',
    tries: 0,
    lastError: null,
    sentAt: null,
    replayed: null,
    proofSummary: describeProof(input),
  };
  queue.items.push(item);
  await persist();
  void flush();
  return item;
}

function scheduleRetry(tries: number): void {
  if (retryTimer) clearTimeout(retryTimer);
  const delay = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** Math.max(0, tries - 1));
  queue.nextRetryAt = Date.now() + delay;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    queue.nextRetryAt = null;
    void flush();
  }, delay);
}

function pruneSent(): void {
  const sent = queue.items.filter((i) => i.state === 'sent');
  if (sent.length <= KEEP_SENT) return;
  const drop = new Set(sent.slice(0, sent.length - KEEP_SENT).map((i) => i.id));
  queue.items = queue.items.filter((i) => !drop.has(i.id));
}

/** Errors that say "not now" rather than "no": the item stays pending and is tried again, in order. */
function isRetryable(error: ApiError): boolean {
  return error.transient || error.errorType === 'UnauthorizedException' || (typeof navigator !== 'undefined' && navigator.onLine === false);
}

/** Sends waiting updates in order until one cannot go now. Safe to call at any time. */
export async function flush(): Promise<void> {
  if (!sender || !queue.owner || !queue.loaded) return;
  if (queue.flushing) {
    flushAgain = true;
    return;
  }
  queue.flushing = true;
  try {
    do {
      flushAgain = false;
      await flushOnce();
    } while (flushAgain);
  } finally {
    queue.flushing = false;
  }
}

async function flushOnce(): Promise<void> {
  const failedReferences = new Set<string>();
  for (const item of queue.items) {
    if (item.state === 'sent') continue;
    if (item.state === 'failed') {
      failedReferences.add(item.reference);
      continue;
    }
    if (failedReferences.has(item.reference)) {
      if (item.state !== 'blocked') {
        item.state = 'blocked';
        await persist();
      }
      continue;
    }
    if (queue.online === false) {
      if (item.state === 'blocked') item.state = 'pending';
      return;
    }
    item.state = 'sending';
    item.tries += 1;
    await persist();
    try {
      const result = await sender!(item.input);
      queue.reachable = true;
      item.state = 'sent';
      item.sentAt = new Date().toISOString();
      item.replayed = result.replayed;
      item.lastError = null;
      // The server keeps the proof; the phone need not keep the images.
      if (item.input.proof) item.input = { ...item.input, proof: { ...(item.input.proof.recipientName ? { recipientName: item.input.proof.recipientName } : {}) } };
      pruneSent();
      await persist();
      for (const listener of appliedListeners) listener(item, result);
    } catch (raw) {
      const error = toApiError(raw);
      item.lastError = { type: error.errorType, message: error.message };
      if (error.errorType === 'NetworkError') queue.reachable = false;
      if (isRetryable(error)) {
        item.state = 'pending';
        await persist();
        scheduleRetry(item.tries);
        return;
      }
      item.state = 'failed';
      failedReferences.add(item.reference);
      await persist();
    }
  }
}

/** Sends a failed item again (and whatever waited behind it). */
export async function retry(id: string): Promise<void> {
  const item = queue.items.find((i) => i.id === id);
  if (!item || item.state === 'sent' || item.state === 'sending') return;
  item.state = 'pending';
  for (const other of queue.items) if (other.reference === item.reference && other.state === 'blocked') other.state = 'pending';
  await persist();
  await flush();
}

/** Drops an unsent item; updates that waited behind it go on. */
export async function discard(id: string): Promise<void> {
  const item = queue.items.find((i) => i.id === id);
  if (!item || item.state === 'sending') return;
  queue.items = queue.items.filter((i) => i.id !== id);
  for (const other of queue.items) if (other.reference === item.reference && other.state === 'blocked') other.state = 'pending';
  await persist();
  await flush();
}

/** Forgets the sent items shown in the list. */
export async function clearSent(): Promise<void> {
  queue.items = queue.items.filter((i) => i.state !== 'sent');
  await persist();
}

/** Unsent updates of one delivery, oldest first. */
export function unsentFor(reference: string): QueueItem[] {
  return queue.items.filter((i) => i.reference === reference && i.state !== 'sent');
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    queue.online = true;
    queue.reachable = true;
    void flush();
  });
  window.addEventListener('offline', () => {
    queue.online = false;
  });
  // Back in the foreground (a phone that slept): try again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
  });
}

/**
 * What became of an item within `timeoutMs`: 'sent', 'failed' (refused: still listed, with the
 * reason) or 'waiting' (offline, or no answer yet: it stays queued and goes later).
 */
export function outcomeOf(id: string, timeoutMs = 12_000): Promise<{ outcome: 'sent' | 'failed' | 'waiting'; item: QueueItem | undefined }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      const item = queue.items.find((i) => i.id === id);
      if (!item) return resolve({ outcome: 'failed', item });
      if (item.state === 'sent') return resolve({ outcome: 'sent', item });
      if (item.state === 'failed' || item.state === 'blocked') return resolve({ outcome: 'failed', item });
      if (!connected.value || (item.state === 'pending' && item.lastError) || Date.now() - started > timeoutMs) return resolve({ outcome: 'waiting', item });
      setTimeout(check, 100);
    };
    check();
  });
}
