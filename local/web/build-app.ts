// Builds a Vite web app (frontend-admin, frontend-courier) when its dist is missing or older
// than its sources — `npm start` and the browser tests call this, so a fresh checkout works
// without a separate build step and an unchanged app costs nothing. A lock directory keeps
// two processes (parallel Jest workers, a test run beside `npm start`) from building into the
// same dist at once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';

export const ADMIN_APP_DIR = path.join(REPOSITORY_ROOT, 'frontend-admin');
export const COURIER_APP_DIR = path.join(REPOSITORY_ROOT, 'frontend-courier');
/** Modules the apps import from outside their own directory: a change there makes every build stale. */
export const SHARED_WEB_DIR = path.join(REPOSITORY_ROOT, 'frontend-shared');

/** Directories inside an app that are not its sources. */
const NOT_SOURCES = new Set(['dist', 'node_modules', '.vite']);
const BUILD_TIMEOUT_MS = 180_000;
const STALE_LOCK_MS = 5 * 60_000;

export interface AppBuild {
  dist: string;
  /** False when the existing dist was up to date. */
  built: boolean;
  seconds: number;
}

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when `dist/index.html` exists and is newer than every source file of the app (and of frontend-shared). */
export function isBuildFresh(appDir: string): boolean {
  const index = path.join(appDir, 'dist', 'index.html');
  if (!fs.existsSync(index)) return false;
  const shared = fs.existsSync(SHARED_WEB_DIR) ? newestSourceMtime(SHARED_WEB_DIR) : 0;
  return fs.statSync(index).mtimeMs >= Math.max(newestSourceMtime(appDir), shared);
}

async function withLock<T>(appDir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), `courier-web-build-${createHash('sha256').update(appDir).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // removed by its owner meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another build of ${appDir} (lock ${lock})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `vite build` for the app in a child process (Vite is ESM; the backend is CommonJS). */
export function viteBuild(appDir: string): Promise<void> {
  const vite = path.join(REPOSITORY_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) return Promise.reject(new Error('vite is not installed: run npm install'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', path.join(appDir, 'vite.config.mts'), '--logLevel', 'warn'], {
      cwd: appDir,
      env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build of ${path.relative(REPOSITORY_ROOT, appDir)} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

/** Builds the app unless its dist is up to date; returns where the build is. */
export async function ensureAppBuilt(appDir: string, options: { force?: boolean } = {}): Promise<AppBuild> {
  const started = performance.now();
  const dist = path.join(appDir, 'dist');
  if (!options.force && isBuildFresh(appDir)) return { dist, built: false, seconds: 0 };
  return withLock(appDir, async () => {
    // Another process may have built it while we waited for the lock.
    if (!options.force && isBuildFresh(appDir)) return { dist, built: false, seconds: (performance.now() - started) / 1000 };
    await viteBuild(appDir);
    return { dist, built: true, seconds: (performance.now() - started) / 1000 };
  });
}
