// First the WebSocket shim (before Amplify opens any socket), then config.json, Amplify, the
// session, the app, and the service worker (offline shell).
import '../../frontend-shared/local-websocket';
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { configureAmplify } from './amplify';
import { gql, setUnauthorizedHandler } from './api/client';
import { UPDATE_STATUS } from './api/documents';
import type { Delivery, DeliveryStatusUpdateInput } from './api/types';
import { loadConfig } from './config';
import { setSender } from './offline/queue';
import { registerServiceWorker } from './pwa';
import { createAppRouter } from './router';
import { restoreSession, signOutCourier } from './stores/session';

async function bootstrap(): Promise<void> {
  const mount = document.getElementById('app')!;
  try {
    const config = await loadConfig();
    configureAmplify(config);
    await restoreSession();
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
  } catch (error) {
    mount.innerHTML = '';
    const message = document.createElement('div');
    message.className = 'boot-error';
    message.setAttribute('role', 'alert');
    message.textContent = `The courier app could not start: ${(error as Error).message}`;
    mount.append(message);
  }
}

void bootstrap();
