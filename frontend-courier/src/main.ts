// First the WebSocket shim (before Amplify opens any socket), then config.json, Amplify, the
// session (frontend-shared/boot.ts), the app, and the service worker (offline shell).
import '../../frontend-shared/local-websocket';
import './styles.css';
import { createApp } from 'vue';
import { bootApp } from '../../frontend-shared/boot';
import App from './App.vue';
import { gql, setUnauthorizedHandler } from './api/client';
import { UPDATE_STATUS } from './api/documents';
import type { Delivery, DeliveryStatusUpdateInput } from './api/types';
import { setSender } from './offline/queue';
import { registerServiceWorker } from './pwa';
import { createAppRouter } from './router';
import { restoreSession, signOutCourier } from './stores/session';

void bootApp({
  appName: 'courier app',
  restoreSession,
  start(mount) {
    setSender(async (input: DeliveryStatusUpdateInput) => {
      const data = await gql<{ updateDeliveryStatus: { replayed: boolean; delivery: Delivery } }>(UPDATE_STATUS, { input });
      return data.updateDeliveryStatus;
    });
    const router = createAppRouter();
    setUnauthorizedHandler(() => {
      // Offline the session cannot be checked: keep the courier in (updates wait in the queue).
      if (navigator.onLine === false) return;
      void signOutCourier().then(() => router.replace({ name: 'sign-in', query: { redirect: router.currentRoute.value.fullPath } }));
    });
    createApp(App).use(router).mount(mount);
    registerServiceWorker();
  },
});
