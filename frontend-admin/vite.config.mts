// Vite build of the admin app (frontend-shared/vite-app-config.ts: the build and dev-server
// settings both apps share). ESM by extension: the repository root stays CommonJS.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { webAppConfig } from '../frontend-shared/vite-app-config';

export default defineConfig(
  webAppConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    localCloudPort: process.env.LOCAL_ADMIN_PORT || 8710,
    devPort: 5173,
  }),
);
