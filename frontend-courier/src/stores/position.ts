// The courier's position: asked from the browser when an update needs it (never in the
// background), remembered so the suggested route can start from where the courier last was.
import { reactive } from 'vue';

export interface Fix {
  lat: number;
  lon: number;
  accuracyMeters: number;
  at: string;
}

const KEY = 'courier-app:last-fix';

function stored(): Fix | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Fix) : null;
  } catch {
    return null;
  }
}

export const position = reactive({ last: stored() as Fix | null });

export function remember(fix: Fix): void {
  position.last = fix;
  try {
    localStorage.setItem(KEY, JSON.stringify(fix));
  } catch {
    // private mode: memory only
  }
}

/** A fix no older than this is good enough to start the route from. */
const ROUTE_START_MAX_AGE_MS = 30 * 60_000;

export function routeStart(): { lat: number; lon: number } | null {
  const fix = position.last;
  if (!fix || Date.now() - Date.parse(fix.at) > ROUTE_START_MAX_AGE_MS) return null;
  return { lat: fix.lat, lon: fix.lon };
}

export type LocateFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class LocateError extends Error {
  constructor(readonly reason: LocateFailure) {
    super(
      {
        unsupported: 'This browser cannot tell where you are.',
        denied: 'Location access is turned off for this app.',
        unavailable: 'Your position is not available right now.',
        timeout: 'Finding your position took too long.',
      }[reason],
    );
  }
}

/** One GPS fix from the browser. */
export function locate(timeoutMs = 10_000): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new LocateError('unsupported'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const fix = { lat: p.coords.latitude, lon: p.coords.longitude, accuracyMeters: Math.max(1, Math.round(p.coords.accuracy)), at: new Date(p.timestamp || Date.now()).toISOString() };
        remember(fix);
        resolve(fix);
      },
      (error) => reject(new LocateError(error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}
