// The runtime configuration (config.json beside the app), loaded once at start-up (frontend-shared/boot.ts).
export { config, type AppConfig } from '../../frontend-shared/runtime-config';
