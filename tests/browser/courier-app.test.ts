// The courier app in real headless Chromium at 360 × 740 (a small phone), with the real Amplify v6
// client, against the test local cloud: sign-in; the day's own deliveries in the suggested stop
// order on the map and in the list; assigned → collected → in transit → out for delivery →
// delivered with a signature drawn with the mouse; updates made offline, queued, and replayed in
// order once online; a failed attempt; the customer's link page from the outbox message with a
// redelivery window, and a second answer refused; live arrival of a new job; the reports page with
// charts and history; the PWA manifest and service worker; "couriers only" for an admin.
// Screenshots for people to look at land in tests/artifacts/browser/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ServedApp } from '../../local/web';
import { ARTIFACTS_DIR, blankTilePng, launchChromium, routeBlankTiles, screenshot, serveCourierAppFor, watchPageErrors, type Browser } from '../support/browser';
import { ADMIN_DELIVERY, authOfCourier, bookDelivery, MY_DELIVERIES, outboxFor, updateOk, waitFor, type Delivery } from '../support/deliveries';
import { adminAuth, bookableWindow, graphqlOk, localCloud } from '../support/local-cloud';

jest.setTimeout(120_000);

// Windows no other test file books into (see bookableWindow); this file uses 32–35.
const WINDOW = bookableWindow(32);
const LIVE_WINDOW = bookableWindow(33);
const VIEWPORT = { width: 360, height: 740 };

// Redmond: the pickups go to the courier based there (nearest home base with room).
const PICKUP = { line1: '1 Microsoft Way', city: 'Redmond', region: 'WA', postcode: '98052', country: 'US' };
const DESTINATIONS = [
  { line1: '500 108th Ave NE', city: 'Bellevue', region: 'WA', postcode: '98004', country: 'US' },
  { line1: '12 Lake St', city: 'Kirkland', region: 'WA', postcode: '98033', country: 'US' },
  { line1: '401 NE Northgate Way', city: 'Seattle', region: 'WA', postcode: '98125', country: 'US' },
];

let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let courierId: string;
let username: string;
let date: string;
/** Delivered with a signature; walked offline then failed; the third stays assigned. */
let walked: string;
let offline: string;
let third: string;

async function signIn(user: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectNoSideScroll(): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
}

/** What the phone's screen shows (for the update sheet, which covers the page). */
async function viewportShot(name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), animations: 'disabled' });
}

async function openDelivery(reference: string): Promise<void> {
  await page.locator(`.stop[data-reference="${reference}"] a, li[data-reference="${reference}"] a`).first().click();
  await page.waitForURL((url) => url.pathname === `/deliveries/${reference}`);
  await page.getByTestId('delivery').waitFor();
}

/** Opens the update sheet for `action` and waits for the GPS fix (the context's emulated position). */
async function startUpdate(action: string): Promise<void> {
  await page.locator(`[data-testid="actions"] button[data-action="${action}"]`).click();
  await page.getByTestId('update-sheet').waitFor();
}

async function confirmUpdate(expectKind: 'ok' | 'queued'): Promise<void> {
  await page.getByTestId('confirm-update').click();
  await page.getByTestId('update-sheet').waitFor({ state: 'detached', timeout: 20_000 });
  await page.locator(`[data-testid="update-notice"][data-kind="${expectKind}"]`).waitFor();
}

async function adminDelivery(reference: string): Promise<Delivery> {
  return (await graphqlOk<{ delivery: Delivery }>(await adminAuth(), ADMIN_DELIVERY, { reference })).delivery;
}

beforeAll(async () => {
  const booked = [];
  for (const [i, delivery] of DESTINATIONS.entries()) {
    booked.push(
      await bookDelivery(WINDOW, {
        pickup: PICKUP,
        delivery,
        customer: { name: `Phone Customer ${i + 1}`, phone: `+1425555031${i}`, email: `phone${i + 1}@example.com` },
        parcel: { size: 'SMALL', weightKg: 1 + i, handling: i === 0 ? ['SIGNATURE_REQUIRED'] : ['FRAGILE'], description: ['Headphones', 'Teapot', 'Books'][i] },
      }),
    );
  }
  ({ courierId, pickupDate: date } = booked[0]);
  if (booked.some((b) => b.courierId !== courierId)) throw new Error(`the bookings went to different couriers: ${booked.map((b) => b.courierId).join(', ')}`);
  username = localCloud().users.find((u) => u.courierId === courierId)!.username;
  [walked, offline, third] = booked.map((b) => b.reference);

  app = await serveCourierAppFor(localCloud());
  browser = await launchChromium(VIEWPORT);
  await routeBlankTiles(browser.context);
  await browser.context.grantPermissions(['geolocation'], { origin: app.url });
  // At the pickup address in Redmond.
  await browser.context.setGeolocation({ latitude: 47.6396, longitude: -122.1283, accuracy: 15 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  pageErrors = watchPageErrors(page);
  page.on('pageerror', (e) => console.log('PAGEERROR', expect.getState().currentTestName, String(e), e?.stack));
}, 180_000);

// A failed step never leaves the browser offline for the next one.
afterEach(async () => {
  await browser?.context.setOffline(false);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('serves the app shell, a web app manifest, a service worker and a config.json with the API key for customer links', async () => {
  const config = await (await fetch(`${app.url}/config.json`)).json();
  expect(config).toMatchObject({ api: { graphqlUrl: localCloud().graphqlUrl, apiKey: localCloud().apiKey }, auth: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const manifest = await (await fetch(`${app.url}/manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  const worker = await fetch(`${app.url}/sw.js`);
  expect(worker.status).toBe(200);
  expect(await worker.text()).toMatch(/precache/i);
  expect((await fetch(`${app.url}/delivery-options/abc`)).headers.get('content-type')).toMatch(/text\/html/);
});

it('a courier signs in and sees their own day in the suggested stop order, on the map and in the list', async () => {
  await page.goto(`${app.url}/?date=${date}`);
  await page.waitForURL(/\/sign-in/);
  await screenshot(page, 'courier-sign-in-360x740');
  await signIn(username, localCloud().users.find((u) => u.username === username)!.password);
  await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('date') === date);
  await expect(page.getByTestId('signed-in-user').textContent()).resolves.toBe(username);
  await page.locator(`.stop[data-reference="${walked}"][data-kind="DELIVERY"]`).waitFor();

  // Exactly the courier's own deliveries, in the order myRoute gives.
  const courier = await authOfCourier(courierId);
  const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(courier, MY_DELIVERIES, { date });
  const shown = await page.locator('[data-testid="stops"] .stop, [data-testid="settled"] .stop').evaluateAll((items) => items.map((li) => li.getAttribute('data-reference')));
  expect(new Set(shown)).toEqual(new Set(myDeliveries.map((d) => d.reference)));
  const { myRoute } = await graphqlOk<{ myRoute: { stops: { kind: string; reference: string }[] } }>(
    courier,
    `query R($date: AWSDate) { myRoute(date: $date) { stops { kind reference } } }`,
    { date },
  );
  const listed = await page.locator('[data-testid="stops"] .stop').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-kind')}:${li.getAttribute('data-reference')}`));
  expect(listed).toEqual(myRoute.stops.map((s) => `${s.kind}:${s.reference}`));
  for (const reference of [walked, offline]) {
    expect(listed.indexOf(`PICKUP:${reference}`)).toBeLessThan(listed.indexOf(`DELIVERY:${reference}`));
  }
  // Numbered markers for every stop and the route line (canvas renderer).
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  // One numbered marker per place (stops at the same place share one, e.g. "1–3"), every stop number on the map once.
  const labels = await page.locator('.stop-marker').allTextContents();
  const numbers = labels.flatMap((label) => {
    const run = label.match(/^(\d+)–(\d+)$/);
    if (run) return Array.from({ length: Number(run[2]) - Number(run[1]) + 1 }, (_, i) => Number(run[1]) + i);
    return label.split(', ').map(Number);
  });
  expect(numbers.sort((a, b) => a - b)).toEqual(myRoute.stops.map((_, i) => i + 1));
  expect(await page.locator('.leaflet-overlay-pane canvas').count()).toBeGreaterThan(0);
  await page.getByTestId('live-badge').and(page.locator('[data-state="live"]')).waitFor();
  await expectNoSideScroll();
  await page.waitForTimeout(300);
  await screenshot(page, 'courier-today-360x740');

  // The date switcher: the next day has none of these.
  await page.getByRole('button', { name: 'Next day' }).click();
  await page.waitForURL((url) => url.searchParams.get('date') !== date);
  await page.locator(`.stop[data-reference="${walked}"]`).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Previous day' }).click();
  await page.locator(`.stop[data-reference="${walked}"][data-kind="DELIVERY"]`).waitFor();
});

it('walks a delivery from assigned to delivered, with the location from GPS and a signature drawn on the screen', async () => {
  await openDelivery(walked);
  await expectNoSideScroll();
  await screenshot(page, 'courier-delivery-360x740');
  for (const action of ['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']) {
    await startUpdate(action);
    await page.getByTestId('location-summary').and(page.getByText('GPS position')).waitFor();
    if (action === 'COLLECTED') await page.getByLabel('Notes (optional)').fill('Collected at reception');
    await confirmUpdate('ok');
    await page.locator(`[data-testid="delivery"][data-status="${action}"]`).waitFor();
  }

  await startUpdate('DELIVERED');
  await page.getByTestId('location-summary').waitFor();
  await page.getByTestId('signature-box').scrollIntoViewIfNeeded();
  const canvas = (await page.getByTestId('signature-box').locator('canvas').boundingBox())!;
  expect(canvas.width).toBeGreaterThan(200);
  const strokes = [
    [[0.1, 0.6], [0.2, 0.3], [0.3, 0.7], [0.4, 0.35], [0.5, 0.65]],
    [[0.55, 0.5], [0.7, 0.3], [0.8, 0.6], [0.9, 0.4]],
  ];
  for (const stroke of strokes) {
    await page.mouse.move(canvas.x + stroke[0][0] * canvas.width, canvas.y + stroke[0][1] * canvas.height);
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(canvas.x + x * canvas.width, canvas.y + y * canvas.height, { steps: 8 });
    await page.mouse.up();
  }
  await page.getByTestId('signature-box').and(page.locator('[data-signed="true"]')).waitFor();
  // And a photo from the camera (here a file): shrunk to a JPEG on the phone before it is sent.
  await page.getByRole('button', { name: 'Photo', exact: true }).click();
  await page.getByLabel('Photo of the delivered parcel').setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: blankTilePng([200, 150, 90], [120, 80, 40]) });
  await page.getByTestId('photo-capture').and(page.locator('[data-has-photo="true"]')).waitFor();
  await page.getByLabel('Recipient’s name (optional)').fill('Pat Receiver');
  await expectNoSideScroll();
  await viewportShot('courier-deliver-signature-360x740');
  await confirmUpdate('ok');
  await page.locator('[data-testid="delivery"][data-status="DELIVERED"]').waitFor();
  await page.getByTestId('proof-view').locator('img[alt="Recipient\'s signature"]').waitFor();

  const stored = await adminDelivery(walked);
  expect(stored.status).toBe('DELIVERED');
  expect(stored.proof).toMatchObject({ hasSignature: true, hasPhoto: true, recipientName: 'Pat Receiver' });
  expect(stored.timeline.map((e: { status: string }) => e.status)).toEqual(expect.arrayContaining(['COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']));
  expect(stored.timeline.find((e: { status: string }) => e.status === 'COLLECTED')).toMatchObject({ locationSource: 'GPS' });
  await page.getByTestId('timeline').locator('li').nth(4).waitFor();
  await screenshot(page, 'courier-delivered-360x740');
});

it('updates made offline are queued on the phone, shown to the courier, and replayed in order when the connection returns', async () => {
  await page.goto(`${app.url}/?date=${date}`);
  await page.locator(`.stop[data-reference="${offline}"]`).first().waitFor();
  await openDelivery(offline);
  await browser.context.setOffline(true);
  await page.getByTestId('offline-banner').waitFor();

  // Collected, with the position set by hand (the manual fallback).
  await startUpdate('COLLECTED');
  await page.getByRole('button', { name: 'Set by hand' }).click();
  await page.getByLabel('Coordinates').fill('47.6397, -122.1290');
  await page.getByRole('button', { name: 'Set', exact: true }).click();
  await page.getByTestId('location-summary').and(page.getByText('Position set by hand')).waitFor();
  await viewportShot('courier-offline-manual-location-360x740');
  await confirmUpdate('queued');
  // The next step is offered at once from the queued state; it queues behind the first.
  await page.locator('[data-testid="delivery"][data-status="COLLECTED"]').waitFor();
  await startUpdate('IN_TRANSIT');
  await page.getByTestId('location-summary').waitFor();
  await confirmUpdate('queued');
  await expect(page.getByTestId('queue-count').textContent()).resolves.toBe('2');

  await page.getByTestId('queue-tab').click();
  await page.waitForURL((url) => url.pathname === '/queue');
  const waiting = page.locator('[data-testid="queue-waiting"] [data-testid="queue-item"]');
  await expect(waiting.count()).resolves.toBe(2);
  expect(await waiting.evaluateAll((items) => items.map((i) => `${i.getAttribute('data-status')}:${i.getAttribute('data-state')}`))).toEqual(['COLLECTED:pending', 'IN_TRANSIT:pending']);
  await expectNoSideScroll();
  await screenshot(page, 'courier-queue-offline-360x740');
  // Nothing reached the server.
  expect((await adminDelivery(offline)).status).toBe('ASSIGNED');

  // The app shell and the day still open offline (service worker + the saved list).
  await page.goto(`${app.url}/?date=${date}`);
  await page.getByTestId('cached-day').waitFor();
  await page.locator(`.stop[data-reference="${offline}"] [data-testid="stop-queued"]`).first().waitFor();
  await screenshot(page, 'courier-today-offline-360x740');

  await browser.context.setOffline(false);
  await page.getByTestId('queue-tab').click();
  // The 'online' event sends at once; at worst the queue's next retry does (backoff ≤ 30 s).
  await page.locator('[data-testid="queue-summary"][data-pending="0"]').waitFor({ timeout: 45_000 });
  const sent = page.locator(`[data-testid="queue-sent"] [data-testid="queue-item"][data-reference="${offline}"]`);
  await expect(sent.count()).resolves.toBe(2);
  await screenshot(page, 'courier-queue-replayed-360x740');

  const stored = await adminDelivery(offline);
  expect(stored.status).toBe('IN_TRANSIT');
  const trail = stored.timeline.filter((e: { status: string }) => ['COLLECTED', 'IN_TRANSIT'].includes(e.status));
  expect(trail.map((e: { status: string }) => e.status)).toEqual(['COLLECTED', 'IN_TRANSIT']);
  expect(trail[0]).toMatchObject({ locationSource: 'MANUAL' });
  // Made offline: when it happened is before the server recorded it.
  expect(Date.parse(trail[0].at)).toBeLessThan(Date.parse(trail[0].recordedAt));
});

it('a queued update the server refuses on replay is shown with its reason; later updates of that delivery wait until it is discarded', async () => {
  await page.goto(`${app.url}/deliveries/${third}?date=${date}`);
  await page.locator('[data-testid="delivery"][data-status="ASSIGNED"]').waitFor();
  await browser.context.setOffline(true);
  await page.getByTestId('offline-banner').waitFor();
  await startUpdate('COLLECTED');
  await page.getByTestId('location-summary').waitFor();
  await confirmUpdate('queued');
  await startUpdate('IN_TRANSIT');
  await page.getByTestId('location-summary').waitFor();
  await confirmUpdate('queued');
  // Meanwhile dispatch records the collection itself: the courier's queued "collected" no longer fits.
  await updateOk(await adminAuth(), { reference: third, status: 'COLLECTED', notes: 'Collected by dispatch' });
  await browser.context.setOffline(false);

  await page.getByTestId('queue-tab').click();
  const refused = page.locator(`[data-testid="queue-waiting"] [data-testid="queue-item"][data-reference="${third}"][data-state="failed"]`);
  await refused.waitFor({ timeout: 45_000 });
  expect(await refused.getByTestId('queue-item-reason').textContent()).toMatch(/COLLECTED/);
  await page.locator(`[data-testid="queue-item"][data-reference="${third}"][data-state="blocked"]`).waitFor();
  await expect(page.getByTestId('queue-count').textContent()).resolves.toBe('2');
  await expectNoSideScroll();
  await screenshot(page, 'courier-queue-refused-360x740');

  await refused.getByRole('button', { name: 'Discard' }).click();
  await page.locator('[data-testid="queue-summary"][data-pending="0"]').waitFor({ timeout: 20_000 });
  expect((await adminDelivery(third)).status).toBe('IN_TRANSIT');
});

let token: string;
it('a failed attempt needs a reason and notes, and leaves the delivery waiting for the customer', async () => {
  await page.goto(`${app.url}/deliveries/${offline}?date=${date}`);
  await page.locator('[data-testid="delivery"][data-status="IN_TRANSIT"]').waitFor();
  await startUpdate('OUT_FOR_DELIVERY');
  await page.getByTestId('location-summary').waitFor();
  await confirmUpdate('ok');
  await page.locator('[data-testid="delivery"][data-status="OUT_FOR_DELIVERY"]').waitFor();

  await startUpdate('FAILED_DELIVERY');
  await page.getByTestId('location-summary').waitFor();
  await page.getByTestId('confirm-update').click();
  await page.locator('[data-error-for="reason"]').waitFor();
  await page.locator('[data-error-for="failureNotes"]').waitFor();
  await page.getByTestId('failure').getByText('Recipient absent').click();
  await page.getByLabel('What happened').fill('Rang twice, nobody answered; card left.');
  await expectNoSideScroll();
  await viewportShot('courier-failed-360x740');
  await confirmUpdate('ok');
  await page.getByTestId('awaiting-customer').waitFor();
  expect((await adminDelivery(offline)).status).toBe('FAILED_DELIVERY');

  const message = await waitFor('the options link', async () => (await outboxFor(offline)).find((m) => /\/delivery-options\/[A-Za-z0-9_-]{43}/.test(m.body)));
  token = message.body.match(/\/delivery-options\/([A-Za-z0-9_-]{43})/)![1];
});

it('the customer opens the link without signing in, picks a redelivery window, and a second answer gets the server’s message', async () => {
  const customer = await browser.context.newPage();
  const customerErrors = watchPageErrors(customer);
  const second = await browser.context.newPage();
  try {
    await customer.goto(`${app.url}/delivery-options/${token}`);
    await customer.getByTestId('offer-reason').waitFor();
    expect(await customer.getByTestId('offer-reason').textContent()).toMatch(/nobody was in/);
    await customer.locator('.leaflet-tile-loaded').first().waitFor();
    await customer.locator('label[data-option="REDELIVER"]').click();
    const windows = customer.locator('[data-testid="windows"] label[data-window]');
    await windows.first().waitFor();
    expect(await customer.getByTestId('remaining').first().textContent()).toMatch(/places? left/);
    expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
    await screenshot(customer, 'customer-options-360x740');

    // The same link open in another tab, still showing the question.
    await second.goto(`${app.url}/delivery-options/${token}`);
    await second.locator('label[data-option="DEPOT_COLLECTION"]').click();

    const chosen = await windows.last().getAttribute('data-window');
    await windows.last().click();
    await customer.getByRole('button', { name: 'Confirm' }).click();
    await customer.getByTestId('choice-confirmed').waitFor({ timeout: 20_000 });
    await screenshot(customer, 'customer-confirmed-360x740');

    // The process resumed: the new attempt is planned on the chosen window, with a courier.
    const resumed = await waitFor('the redelivery attempt', async () => {
      const d = await adminDelivery(offline);
      return d.currentAttempt?.window?.id === chosen && d.courierId ? d : null;
    });
    expect(resumed.currentAttempt).toMatchObject({ number: 2 });
    const newCourier = await authOfCourier(resumed.courierId);
    const { myDeliveries } = await graphqlOk<{ myDeliveries: Delivery[] }>(newCourier, MY_DELIVERIES, { date: chosen!.slice(0, 10) });
    expect(myDeliveries.map((d) => d.reference)).toContain(offline);

    // The stale tab answers too: the server refuses, the page says so.
    await second.getByRole('button', { name: 'Confirm' }).click();
    const refusal = second.getByTestId('choice-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-error-type')).toBe('FailedDeliveryAlreadyAnswered');
    expect(await refusal.textContent()).toMatch(/already told us/);
    await screenshot(second, 'customer-second-answer-360x740');

    // Reopened later, the link shows the answer instead of the question.
    await customer.reload();
    await customer.locator('[data-testid="offer-closed"][data-status="ANSWERED"]').waitFor();
    expect(customerErrors.filter((e) => !/FailedDelivery|400/.test(e))).toEqual([]);
  } finally {
    await customer.close();
    await second.close();
  }
});

it('a new job for the courier appears in the list live, without a reload', async () => {
  await page.goto(`${app.url}/?date=${LIVE_WINDOW.slice(0, 10)}`);
  await page.getByTestId('live-badge').and(page.locator('[data-state="live"]')).waitFor();
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const fresh = await bookDelivery(LIVE_WINDOW, { pickup: PICKUP, delivery: DESTINATIONS[0], customer: { name: 'Live Arrival', phone: '+14255550399' } });
  expect(fresh.courierId).toBe(courierId);
  await page.locator(`.stop[data-reference="${fresh.reference}"]`).first().waitFor({ timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

it('the reports page shows the courier’s figures with charts, and a searchable history with timelines', async () => {
  await page.getByRole('link', { name: 'My figures' }).click();
  await page.waitForURL((url) => url.pathname === '/reports');
  await page.getByTestId('report-kpis').waitFor();
  await page.getByTestId('chart-per-day').locator('canvas').waitFor();
  await page.getByTestId('chart-peak-hours').locator('canvas').waitFor();
  expect(Number(await page.locator('[data-kpi="delivered"] .kpi__value').textContent())).toBeGreaterThanOrEqual(1);
  await page.getByRole('searchbox').fill(walked);
  const item = page.locator(`[data-testid="history"] > li[data-reference="${walked}"]`);
  await item.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="history"] > li').length === 1);
  await item.locator('summary').click();
  await item.getByTestId('timeline').locator('li').nth(4).waitFor();
  await expectNoSideScroll();
  await page.waitForTimeout(300);
  await screenshot(page, 'courier-reports-360x740');
});

it('an admin who signs in is told the app is for couriers', async () => {
  await page.getByRole('link', { name: 'Today' }).click();
  await page.locator('.usermenu summary').click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await signIn('admin', localCloud().users.find((u) => u.username === 'admin')!.password);
  const notice = page.getByTestId('couriers-only');
  await notice.waitFor();
  expect(await notice.textContent()).toMatch(/not a courier/);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await screenshot(page, 'courier-admin-refused-360x740');
});

it('logged no errors in the page', () => {
  // Requests cut off by going offline on purpose are expected; anything else is not.
  expect(pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|WebSocket|NetworkError/.test(e))).toEqual([]);
});
