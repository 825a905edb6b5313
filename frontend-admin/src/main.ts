// First the WebSocket shim (before Amplify opens any socket), then config.json, Amplify,
// the session (frontend-shared/boot.ts), and only then the app.
import '../../frontend-shared/local-websocket';
import './styles.css';
import { createApp } from 'vue';
import { bootApp } from '../../frontend-shared/boot';
import App from './App.vue';
import { setUnauthorizedHandler } from './api/client';
import { createAppRouter } from './router';
import { restoreSession, signOutAdmin } from './stores/session';

void bootApp({
  appName: 'admin app',
  restoreSession,
  start(mount) {
    const router = createAppRouter();
    setUnauthorizedHandler(() => {
      void signOutAdmin().then(() => router.replace({ name: 'sign-in', query: { redirect: router.currentRoute.value.fullPath } }));
    });
    createApp(App).use(router).mount(mount);
  },
});
