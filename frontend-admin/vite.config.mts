// Vite build of the admin app. ESM by extension: the repository root stays CommonJS.
// `npm run build:admin` writes dist/, which the local cloud serves with a generated
// config.json (local/web); `npm run dev:admin` serves the sources with hot reload and
// borrows config.json from the running local cloud (npm start, admin app port).
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Dev server only: answers /config.json with the running local cloud's. */
function localCloudConfig(): Plugin {
  const from = `http://127.0.0.1:${process.env.LOCAL_ADMIN_PORT || 8710}/config.json`;
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
  plugins: [vue(), localCloudConfig()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5173, strictPort: false },
});
