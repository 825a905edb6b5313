// Browser tests in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// against the built web apps, served by the same static server `npm start` uses with a
// config.json pointing at the test cloud. Offline, map tiles cannot load: tile requests are
// answered with a blank local tile instead. Screenshots go to tests/artifacts/browser/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';
import { ensureAppBuilt, localWebAppConfig, serveApp, type ServedApp } from '../../local/web';
import type { LocalCloudConnection } from './local-cloud';

export const ARTIFACTS_DIR = path.join(REPOSITORY_ROOT, 'tests', 'artifacts', 'browser');

/** Flags for a headless Chromium in CI containers without a GPU, sandbox or network (DESIGN.md §6). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** CHROMIUM_PATH, else the first Chromium or Chrome on PATH. */
export function chromiumExecutable(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  throw new Error('No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile (so no session survives between test files) in headless Chromium. */
export async function launchChromium(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    // Charts and transitions settle at once, so screenshots show final states.
    reducedMotion: 'reduce',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A 256×256 PNG of one colour with a one-pixel border, so tile edges show on screenshots. */
export function blankTilePng(fill: [number, number, number] = [236, 240, 244], edge: [number, number, number] = [222, 227, 233]): Buffer {
  const size = 256;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const colour = x === 0 || y === 0 ? edge : fill;
      raw.set(colour, row + 1 + x * 3);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (data: Buffer) => {
    let c = 0xffffffff;
    for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Answers map tile requests (OpenStreetMap) with a blank local tile: the tests run offline. */
export async function routeBlankTiles(context: BrowserContext): Promise<void> {
  const tile = blankTilePng();
  await context.route(/tile\.openstreetmap\.org\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: tile }));
}

/** Console errors, uncaught exceptions and failed requests of a page (tile failures excluded). */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  const ignored = (text: string) => /tile\.openstreetmap\.org|ERR_NAME_NOT_RESOLVED/.test(text);
  page.on('console', (message) => {
    if (message.type() === 'error' && !ignored(message.text() + (message.location().url ?? ''))) errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // Navigations away from a page abort its pending requests; that is not a failure.
    if (!ignored(request.url() + failure) && failure !== 'net::ERR_ABORTED') errors.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
  });
  return errors;
}

/** Saves a full-page screenshot under tests/artifacts/browser/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Builds frontend-admin when stale and serves it on a free port with a config.json for the test cloud. */
export async function serveAdminAppFor(cloud: LocalCloudConnection): Promise<ServedApp> {
  const { dist } = await ensureAppBuilt(path.join(REPOSITORY_ROOT, 'frontend-admin'));
  return serveApp({ dir: dist, port: 0, name: 'The admin app', config: localWebAppConfig(cloud) });
}

/** Builds frontend-courier when stale and serves it on a free port with a config.json (API key included) for the test cloud. */
export async function serveCourierAppFor(cloud: LocalCloudConnection): Promise<ServedApp> {
  const { dist } = await ensureAppBuilt(path.join(REPOSITORY_ROOT, 'frontend-courier'));
  return serveApp({ dir: dist, port: 0, name: 'The courier app', config: localWebAppConfig(cloud, {}, { apiKey: cloud.apiKey }) });
}
