// Vite build of the courier app (a PWA). ESM by extension: the repository root stays CommonJS.
// `npm run build:courier` writes dist/, which the local cloud serves with a generated config.json
// (local/web); `npm run dev:courier` serves the sources with hot reload and borrows config.json
// from the running local cloud (npm start, courier app port).
//
// vite-plugin-pwa (Workbox) writes the web app manifest and a service worker that precaches the
// app shell, so the app opens without a connection; config.json is network-first with the last
// copy as fallback. Status updates made offline are queued by the app itself (src/offline).
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Dev server only: answers /config.json with the running local cloud's. */
function localCloudConfig(): Plugin {
  const from = `http://127.0.0.1:${process.env.LOCAL_COURIER_PORT || 8711}/config.json`;
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

export default defineConfig({
  root,
  base: '/',
  plugins: [
    vue(),
    localCloudConfig(),
    VitePWA({
      // main.ts registers the worker (virtual:pwa-register) and tells the courier when an update is ready.
      injectRegister: false,
      registerType: 'prompt',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Courier — deliveries',
        short_name: 'Courier',
        description: "The courier's day: deliveries, suggested stop order, status updates with proof, and personal reports.",
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#f4f6fa',
        theme_color: '#0f172a',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Leaflet and chart.js chunks are large; precache them so the map and reports open offline.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/config\.json$/, /^\/assets\//],
        runtimeCaching: [
          { urlPattern: ({ url }) => url.pathname === '/config.json', handler: 'NetworkFirst', options: { cacheName: 'runtime-config', networkTimeoutSeconds: 4 } },
        ],
        cleanupOutdatedCaches: true,
        // The first install takes over the open page at once, so the shell works offline from the first visit.
        clientsClaim: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5174, strictPort: false },
});
