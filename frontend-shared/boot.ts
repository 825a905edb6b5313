// An app's start-up, after the WebSocket shim (imported first in main.ts, before Amplify opens
// any socket): config.json, Amplify, the session Amplify kept, then the app itself. When any of
// it fails, #app says why instead of staying blank.
import { configureAmplify } from './amplify';
import { loadConfig } from './runtime-config';

export interface BootOptions {
  /** The app as the error names it: "admin app". */
  appName: string;
  restoreSession(): Promise<void>;
  /** Creates and mounts the app. */
  start(mount: HTMLElement): void | Promise<void>;
}

export async function bootApp(options: BootOptions): Promise<void> {
  const mount = document.getElementById('app')!;
  try {
    configureAmplify(await loadConfig(import.meta.env.BASE_URL));
    await options.restoreSession();
    await options.start(mount);
  } catch (error) {
    mount.innerHTML = '';
    const message = document.createElement('div');
    message.className = 'boot-error';
    message.setAttribute('role', 'alert');
    message.textContent = `The ${options.appName} could not start: ${(error as Error).message}`;
    mount.append(message);
  }
}
