// The service worker (vite-plugin-pwa / Workbox): precaches the app shell so the app opens
// offline. A new version waits until the courier chooses to reload (never mid-delivery).
import { reactive } from 'vue';
import { registerSW } from 'virtual:pwa-register';

export const pwa = reactive({ offlineReady: false, updateReady: false, registered: false, error: '' });

let update: ((reload?: boolean) => Promise<void>) | null = null;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onOfflineReady: () => (pwa.offlineReady = true),
    onNeedRefresh: () => (pwa.updateReady = true),
    onRegisteredSW: () => (pwa.registered = true),
    onRegisterError: (error: unknown) => (pwa.error = (error as Error)?.message ?? String(error)),
  });
}

export function applyUpdate(): void {
  void update?.(true);
}
