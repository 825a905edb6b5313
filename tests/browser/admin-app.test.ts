// The admin app in real headless Chromium, with the real Amplify v6 client, against the test
// local cloud: sign-in and session restore, the live board fed by onBookingChanged, booking
// details and the tracking timeline, the map, the new-booking form with typed field errors,
// capacity edits (and InvalidCapacity), the outbox, the tablet layout, and "admins only" for
// a courier. Screenshots for people to look at land in tests/artifacts/browser/.
import type { Page } from 'playwright-core';
import type { ServedApp } from '../../local/web';
import { launchChromium, routeBlankTiles, screenshot, serveAdminAppFor, watchPageErrors, type Browser } from '../support/browser';
import { adminAuth, bookableWindow, bookingInput, graphqlOk, localCloud } from '../support/local-cloud';

jest.setTimeout(90_000);

// Windows no other test file books into (see bookableWindow).
const BOARD_WINDOW = bookableWindow(14);
const FORM_WINDOW = bookableWindow(15);
const CAPACITY_WINDOW = bookableWindow(16);
const BOARD_DATE = BOARD_WINDOW.slice(0, 10);

const CREATE_BOOKING = `mutation Create($input: CreateBookingInput!) { createBooking(input: $input) { reference displayReference status } }`;
type Created = { createBooking: { reference: string; displayReference: string; status: string } };

let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let apiBooking: Created['createBooking'];

async function bookThroughApi(window: string, name: string, phone: string): Promise<Created['createBooking']> {
  const data = await graphqlOk<Created>(await adminAuth(), CREATE_BOOKING, { input: bookingInput(window, { customer: { name, phone } }) });
  return data.createBooking;
}

async function signIn(username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

beforeAll(async () => {
  [app, apiBooking] = await Promise.all([serveAdminAppFor(localCloud()), bookThroughApi(BOARD_WINDOW, 'Board Before', '+12065557001')]);
  browser = await launchChromium({ width: 1280, height: 800 });
  await routeBlankTiles(browser.context);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  pageErrors = watchPageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('serves the built app and a config.json naming the test cloud', async () => {
  const config = await (await fetch(`${app.url}/config.json`)).json();
  const cloud = localCloud();
  expect(config).toMatchObject({
    stage: 'local',
    region: cloud.region,
    api: { graphqlUrl: cloud.graphqlUrl },
    auth: { userPoolId: cloud.userPoolId, userPoolClientId: cloud.userPoolClientId, userPoolEndpoint: cloud.cognito, authFlowType: 'USER_PASSWORD_AUTH' },
  });
  // A client-side route answers the app shell; a missing asset is a 404.
  expect((await fetch(`${app.url}/capacity`)).headers.get('content-type')).toMatch(/text\/html/);
  expect((await fetch(`${app.url}/assets/nothing-here.js`)).status).toBe(404);
});

it('an admin signs in, lands on the board they asked for, sees a booking made through the API, and stays signed in on reload', async () => {
  await page.goto(`${app.url}/board?date=${BOARD_DATE}`);
  await page.waitForURL(/\/sign-in\?redirect=/);
  await signIn('admin', localCloud().users.find((u) => u.username === 'admin')!.password);
  await page.waitForURL((url) => url.pathname === '/board' && url.searchParams.get('date') === BOARD_DATE);
  await expect(page.getByTestId('signed-in-user').textContent()).resolves.toBe('admin');
  const row = page.locator(`tr[data-reference="${apiBooking.reference}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain(apiBooking.displayReference);
  expect(await row.textContent()).toContain('Board Before');

  await page.reload();
  await page.locator(`tr[data-reference="${apiBooking.reference}"]`).waitFor();
  expect(new URL(page.url()).pathname).toBe('/board');
  await page.getByTestId('live-badge').and(page.locator('[data-state="live"]')).waitFor();
  await screenshot(page, 'board-1280x800');
});

it('a booking made by another client appears on the board live, without a reload', async () => {
  await page.getByTestId('live-badge').and(page.locator('[data-state="live"]')).waitFor();
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const bookingsBefore = Number(await page.locator('[data-kpi="bookings"] .kpi__value').textContent());

  const live = await bookThroughApi(BOARD_WINDOW, 'Live Arrival', '+12065557002');
  const row = page.locator(`tr[data-reference="${live.reference}"]`);
  await row.waitFor({ timeout: 15_000 });
  expect(await row.textContent()).toContain('Live Arrival');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  // The KPI follows the live list (other test files may book on this date at the same time).
  await page.waitForFunction((atLeast) => {
    const kpi = Number(document.querySelector('[data-kpi="bookings"] .kpi__value')?.textContent);
    return kpi >= atLeast && kpi === document.querySelectorAll('[data-testid="bookings-table"] tbody tr').length;
  }, bookingsBefore + 1);

  // Its details and tracking timeline.
  await row.getByRole('button', { name: `Show booking ${live.displayReference}` }).click();
  const details = page.getByTestId('booking-details');
  await details.getByText('Live Arrival').waitFor();
  await details.getByTestId('timeline').locator('li').first().waitFor();
  expect(await details.getByTestId('timeline').textContent()).toMatch(/Booked|Assigned/);
  await screenshot(page, 'board-details-1280x800');
  await details.getByRole('button', { name: 'Close details' }).click();
  await details.waitFor({ state: 'detached' });
});

it('the map shows the day with canvas markers, and a booking chosen from the list shows its details', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
  await page.waitForURL((url) => url.pathname === '/map');
  await page.locator('.leaflet-container canvas').first().waitFor();
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  const item = page.locator(`.map-list__item[data-reference="${apiBooking.reference}"]`);
  await item.click();
  await page.getByTestId('booking-details').getByText('Board Before').waitFor();
  await page.getByTestId('timeline').locator('li').first().waitFor();
  await page.waitForTimeout(400); // the map's fit-to-route animation
  await screenshot(page, 'map-1280x800');
});

it('the new-booking form shows the API’s field error for a bad phone, then books a good request', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New booking' }).click();
  await page.waitForURL((url) => url.pathname === '/bookings/new');
  await page.getByRole('button', { name: 'Fill with example' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Form Filler');
  await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('call me maybe');
  await page.getByLabel('Pickup date').fill(FORM_WINDOW.slice(0, 10));
  const windowOption = page.locator(`input[name="pickupWindowId"][value="${FORM_WINDOW}"]`);
  await windowOption.check();
  await page.getByRole('button', { name: 'Book pickup' }).click();

  const phoneError = page.locator('[data-error-for="customer.phone"]');
  await phoneError.waitFor();
  expect(await phoneError.textContent()).toMatch(/phone/i);
  expect(await page.getByRole('textbox', { name: 'Phone', exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByTestId('form-error').getAttribute('data-error-type')).toBe('InvalidBookingRequest');
  // The other fields were accepted.
  expect(await page.locator('[data-error-for]').count()).toBe(1);
  await screenshot(page, 'new-booking-error-1280x800');

  await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('+12065557003');
  await page.getByRole('button', { name: 'Book pickup' }).click();
  const done = page.getByTestId('booking-created');
  await done.waitFor({ timeout: 20_000 });
  const reference = await done.getAttribute('data-reference');
  expect(reference).toMatch(/^CB[A-Z0-9]{6}$/);
  const stored = await graphqlOk<{ getBooking: { customer: { name: string; phone: string }; pickupWindow: { id: string } } }>(
    await adminAuth(),
    `query G($r: ID!) { getBooking(reference: $r) { customer { name phone } pickupWindow { id } } }`,
    { r: reference },
  );
  expect(stored.getBooking).toEqual({ customer: { name: 'Form Filler', phone: '+12065557003' }, pickupWindow: { id: FORM_WINDOW } });
  await screenshot(page, 'new-booking-done-1280x800');
});

it('capacity can be edited, and a capacity below what is booked is refused with the API’s reason', async () => {
  await bookThroughApi(CAPACITY_WINDOW, 'Capacity One', '+12065557004');
  await bookThroughApi(CAPACITY_WINDOW, 'Capacity Two', '+12065557005');
  await page.goto(`${app.url}/capacity?date=${CAPACITY_WINDOW.slice(0, 10)}`);
  const row = page.locator(`li[data-window="${CAPACITY_WINDOW}"]`);
  await row.waitFor();
  expect(await row.getByTestId('figures').textContent()).toContain('2 booked');

  await row.getByLabel('Capacity').fill('7');
  await row.getByRole('button', { name: 'Save' }).click();
  await row.getByText('Saved').waitFor();
  expect(await row.getByTestId('figures').textContent()).toBe('2 booked · 7 capacity · 5 left');
  const windows = await graphqlOk<{ pickupWindows: { window: { id: string }; capacity: number }[] }>(
    await adminAuth(),
    `query W($d: AWSDate!) { pickupWindows(date: $d) { window { id } capacity } }`,
    { d: CAPACITY_WINDOW.slice(0, 10) },
  );
  expect(windows.pickupWindows.find((w) => w.window.id === CAPACITY_WINDOW)?.capacity).toBe(7);

  await row.getByLabel('Capacity').fill('1');
  await row.getByRole('button', { name: 'Save' }).click();
  const refusal = row.getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/already has 2 bookings/);
  expect(await row.getByLabel('Capacity').getAttribute('aria-invalid')).toBe('true');
  expect(await row.getByTestId('figures').textContent()).toBe('2 booked · 7 capacity · 5 left');
  await screenshot(page, 'capacity-1280x800');
});

it('a window that fills up while the form is open is refused with PickupWindowFull, and an offered alternative books', async () => {
  await page.goto(`${app.url}/bookings/new?date=${CAPACITY_WINDOW.slice(0, 10)}`);
  await page.getByRole('button', { name: 'Fill with example' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Late Comer');
  await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('+12065557006');
  await page.locator(`input[name="pickupWindowId"][value="${CAPACITY_WINDOW}"]`).check();
  // Meanwhile another dispatcher closes the window at what is booked (2).
  await graphqlOk(await adminAuth(), `mutation S($w: ID!, $c: Int!) { setPickupCapacity(windowId: $w, capacity: $c) { capacity } }`, { w: CAPACITY_WINDOW, c: 2 });
  await page.getByRole('button', { name: 'Book pickup' }).click();

  const summary = page.getByTestId('form-error');
  await summary.waitFor({ timeout: 20_000 });
  expect(await summary.getAttribute('data-error-type')).toBe('PickupWindowFull');
  expect(await page.locator('[data-error-for="pickupWindowId"]').textContent()).toMatch(/fully booked/);
  const alternative = page.getByTestId('alternatives').locator('button[data-window]').first();
  await alternative.waitFor();
  const alternativeWindow = await alternative.getAttribute('data-window');
  expect(alternativeWindow).not.toBe(CAPACITY_WINDOW);
  await screenshot(page, 'new-booking-window-full-1280x800');

  await alternative.click();
  const done = page.getByTestId('booking-created');
  await done.waitFor({ timeout: 20_000 });
  const stored = await graphqlOk<{ getBooking: { pickupWindow: { id: string } } }>(await adminAuth(), `query G($r: ID!) { getBooking(reference: $r) { pickupWindow { id } } }`, {
    r: await done.getAttribute('data-reference'),
  });
  expect(stored.getBooking.pickupWindow.id).toBe(alternativeWindow);
});

it('the outbox lists the messages sent for the bookings', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
  await page.waitForURL((url) => url.pathname === '/outbox');
  const outbox = page.getByTestId('outbox');
  await outbox.getByText(apiBooking.reference).first().waitFor();
  await screenshot(page, 'outbox-1280x800');
});

it('works at tablet width (768 px): no sideways scrolling, navigation still reachable', async () => {
  await page.setViewportSize({ width: 768, height: 1024 });
  for (const [path, name] of [
    [`/board?date=${BOARD_DATE}`, 'board-768x1024'],
    [`/map?date=${BOARD_DATE}`, 'map-768x1024'],
    [`/bookings/new?date=${FORM_WINDOW.slice(0, 10)}`, 'new-booking-768x1024'],
    [`/capacity?date=${CAPACITY_WINDOW.slice(0, 10)}`, 'capacity-768x1024'],
  ]) {
    await page.goto(`${app.url}${path}`);
    await page.locator('main h1').waitFor();
    if (path.startsWith('/board')) await page.locator(`tr[data-reference="${apiBooking.reference}"]`).waitFor();
    if (path.startsWith('/map')) await page.locator('.leaflet-tile-loaded').first().waitFor();
    if (path.startsWith('/bookings/new')) await page.locator(`input[name="pickupWindowId"]`).first().waitFor();
    if (path.startsWith('/capacity')) await page.locator(`li[data-window="${CAPACITY_WINDOW}"]`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Capacity' }).isVisible()).resolves.toBe(true);
    await screenshot(page, name);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

it('a courier who signs in is told the app is for admins only', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await signIn('maria', localCloud().users.find((u) => u.username === 'maria')!.password);
  const notice = page.getByTestId('admins-only');
  await notice.waitFor();
  expect(await notice.textContent()).toMatch(/Admins only\..*“maria” is not an administrator/);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
  await screenshot(page, 'admins-only-1280x800');
  // Nothing of the courier's session is kept: a reload still asks to sign in.
  await page.goto(`${app.url}/board`);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel('User name').waitFor();
});

it('raised no console error, uncaught exception or failed request on the way', () => {
  expect(pageErrors).toEqual([]);
});
