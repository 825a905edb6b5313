// The runtime configuration (config.json beside the app), loaded once at start-up.
import { fetchAppConfig, type AppConfig } from '../../frontend-shared/runtime-config';

export type { AppConfig };

let current: AppConfig | undefined;

export async function loadConfig(): Promise<AppConfig> {
  current = await fetchAppConfig(import.meta.env.BASE_URL);
  return current;
}

export function config(): AppConfig {
  if (!current) throw new Error('the configuration is not loaded yet');
  return current;
}
