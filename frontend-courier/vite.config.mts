// Vite build of the courier app (a PWA) on the settings both apps share
// (frontend-shared/vite-app-config.ts). ESM by extension: the repository root stays CommonJS.
//
// vite-plugin-pwa (Workbox) writes the web app manifest and a service worker that precaches the
// app shell, so the app opens without a connection; config.json is network-first with the last
// copy as fallback. Status updates made offline are queued by the app itself (src/offline).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { webAppConfig } from '../frontend-shared/vite-app-config';

export default defineConfig(
  webAppConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    localCloudPort: process.env.LOCAL_COURIER_PORT || 8711,
    devPort: 5174,
    plugins: [
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
  }),
);
