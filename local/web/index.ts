// The local cloud's web front: builds (when stale) and serves the Vue apps with a config.json
// pointing at the local endpoints. `serveApp` is reusable for any app (frontend-courier too).
export { serveApp, type ServeAppOptions, type ServedApp } from './serve-app';
export { ensureAppBuilt, isBuildFresh, viteBuild, ADMIN_APP_DIR, COURIER_APP_DIR, SHARED_WEB_DIR, type AppBuild } from './build-app';
export { localWebAppConfig, OSM_TILES, type WebAppConfig, type LocalEndpointsForWeb } from './runtime-config';
