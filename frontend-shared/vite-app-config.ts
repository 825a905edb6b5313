// The Vite configuration both web apps start from (each app's vite.config.mts adds its own
// plugins, e.g. the courier app's PWA). `npm run build:<app>` writes the app's dist/, which the
// local cloud serves with a generated config.json (local/web); `npm run dev:<app>` serves the
// sources with hot reload and borrows config.json from the running local cloud (npm start).
import vue from '@vitejs/plugin-vue';
import type { Plugin, PluginOption, UserConfig } from 'vite';

/** Dev server only: answers /config.json with the running local cloud's (its web server for this app). */
function localCloudConfig(port: string | number): Plugin {
  const from = `http://127.0.0.1:${port}/config.json`;
  return {
    name: 'local-cloud-config',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/config.json', async (_request, response) => {
        try {
          const upstream = await fetch(from);
          response.setHeader('content-type', 'application/json');
          response.end(await upstream.text());
        } catch {
          response.statusCode = 502;
          response.end(JSON.stringify({ message: `start the local cloud first (npm start): ${from} did not answer` }));
        }
      });
    },
  };
}

export interface WebAppOptions {
  /** The app's directory (where index.html is). */
  root: string;
  /** Port of the local cloud's web server for this app, which the dev server borrows config.json from. */
  localCloudPort: string | number;
  /** Port of `npm run dev:<app>` (the next free one if taken). */
  devPort: number;
  plugins?: PluginOption[];
}

export function webAppConfig(options: WebAppOptions): UserConfig {
  return {
    root: options.root,
    base: '/',
    plugins: [vue(), localCloudConfig(options.localCloudPort), ...(options.plugins ?? [])],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      chunkSizeWarningLimit: 1200,
    },
    server: { port: options.devPort, strictPort: false },
  };
}
