// First the WebSocket shim (before Amplify opens any socket), then config.json, Amplify,
// the session, and only then the app.
import './local-websocket';
import './styles.css';
import { createApp } from 'vue';
import App from './App.vue';
import { configureAmplify } from './amplify';
import { setUnauthorizedHandler } from './api/client';
import { loadConfig } from './config';
import { createAppRouter } from './router';
import { restoreSession, signOutAdmin } from './stores/session';

async function bootstrap(): Promise<void> {
  const mount = document.getElementById('app')!;
  try {
    const config = await loadConfig();
    configureAmplify(config);
    await restoreSession();
    const router = createAppRouter();
    setUnauthorizedHandler(() => {
      void signOutAdmin().then(() => router.replace({ name: 'sign-in', query: { redirect: router.currentRoute.value.fullPath } }));
    });
    createApp(App).use(router).mount(mount);
  } catch (error) {
    mount.innerHTML = '';
    const message = document.createElement('div');
    message.className = 'boot-error';
    message.setAttribute('role', 'alert');
    message.textContent = `The admin app could not start: ${(error as Error).message}`;
    mount.append(message);
  }
}

void bootstrap();
