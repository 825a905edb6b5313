// The customer's tracking page in headless Chromium at 360 × 740 (a small phone), against the test
// local cloud: the link from the booking SMS in the outbox opens it without signing in (API key);
// it shows the status, the collection window, the delivery area on the map and the timeline;
// it refreshes itself (every 30 s while visible, and when the page comes back into focus) as the
// courier moves the parcel on; after a failed attempt it sends the customer to the options page;
// a made-up token gets the server's "not valid" and nothing else. Screenshots in tests/artifacts/browser/.
import type { Page } from 'playwright-core';
import type { ServedApp } from '../../local/web';
import { launchChromium, routeBlankTiles, screenshot, serveCourierAppFor, watchPageErrors, type Browser } from '../support/browser';
import { authOfCourier, bookDelivery, failAttempt, outboxFor, updateOk, waitFor, waitForOptionLink } from '../support/deliveries';
import { bookableWindow, localCloud } from '../support/local-cloud';

jest.setTimeout(120_000);

// Windows no other test file books into (see bookableWindow); this file uses 62–63.
const WINDOW = bookableWindow(62);
const VIEWPORT = { width: 360, height: 740 };

let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let reference: string;
let courierId: string;
let trackingPath: string;

async function expectNoSideScroll(p: Page = page): Promise<void> {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
}

const statusShown = (status: string) => page.locator(`[data-testid="tracking-status"][data-status="${status}"]`).waitFor({ timeout: 20_000 });

beforeAll(async () => {
  const booked = await bookDelivery(WINDOW, {
    customer: { name: 'Grace Hopper', phone: '+12065550177', email: 'grace@example.com' },
    parcel: { size: 'SMALL', weightKg: 2, handling: ['FRAGILE'], description: 'Compiler manuals' },
  });
  ({ reference, courierId } = booked);
  const sms = await waitFor('the booking SMS', async () => (await outboxFor(reference)).find((m) => m.template === 'booking-confirmed' && m.channel === 'SMS'));
  // The link as sent (PUBLIC_BASE_URL), opened on the app served for this test.
  trackingPath = new URL(/https?:\/\/\S+\/track\/[A-Za-z0-9_-]{43}/.exec(String(sms.body))![0]).pathname;

  app = await serveCourierAppFor(localCloud());
  browser = await launchChromium(VIEWPORT);
  await routeBlankTiles(browser.context);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  pageErrors = watchPageErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('the SMS link opens the tracking page without signing in: status, collection window, area on the map, timeline', async () => {
  expect((await fetch(`${app.url}/track/abc`)).headers.get('content-type')).toMatch(/text\/html/);
  // Fake timers that run normally until the test jumps ahead (the 30 s refresh below).
  await page.clock.install();
  await page.goto(`${app.url}${trackingPath}`);
  await page.clock.resume();
  await statusShown('ASSIGNED');
  expect(page.url()).not.toMatch(/sign-in/);
  expect(await page.getByTestId('tracking-reference').textContent()).toContain(`CB-${reference.slice(2)}`);
  expect(await page.getByTestId('tracking-eta').getAttribute('data-kind')).toBe('COLLECTION');
  expect(await page.locator('[data-testid="tracking-timeline"] li').count()).toBe(2);
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  const text = await page.locator('main').innerText();
  for (const secret of ['Grace', 'Hopper', '+12065550177', 'grace@example.com', '400 Broad St', '500 108th Ave', 'Compiler manuals']) expect(text).not.toContain(secret);
  await expectNoSideScroll();
  await screenshot(page, 'customer-tracking-360x740');
});

it('refreshes itself every 30 s while open, and when the customer comes back to it', async () => {
  const courier = await authOfCourier(courierId);
  await updateOk(courier, { reference, status: 'COLLECTED' });
  await page.clock.fastForward(30_000);
  await statusShown('COLLECTED');
  expect(await page.getByTestId('tracking-courier').textContent()).toMatch(/^[A-Z][a-z]+$/);

  await updateOk(courier, { reference, status: 'IN_TRANSIT' });
  await updateOk(courier, { reference, status: 'OUT_FOR_DELIVERY' });
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await statusShown('OUT_FOR_DELIVERY');
  await screenshot(page, 'customer-tracking-out-for-delivery-360x740');
});

it('after a failed attempt it says so and leads to the options page with the same link', async () => {
  await failAttempt(await authOfCourier(courierId), reference);
  await waitForOptionLink(reference);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await statusShown('FAILED_DELIVERY');
  const options = page.getByTestId('tracking-options');
  await options.waitFor();
  expect(await page.locator('[data-testid="tracking-timeline"] li[data-status="FAILED_DELIVERY"]').innerText()).toMatch(/Nobody was in/);
  await expectNoSideScroll();
  await screenshot(page, 'customer-tracking-failed-360x740');

  await options.getByRole('link', { name: 'Choose a delivery option' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/delivery-options/'));
  await page.getByTestId('offer-reason').waitFor();
  expect(await page.getByTestId('offer-reason').textContent()).toMatch(/nobody was in/);
  expect(await page.locator('label[data-option="REDELIVER"]').count()).toBe(1);
  expect(pageErrors).toEqual([]);
});

it('a made-up link shows "not valid" and nothing about any booking', async () => {
  const stranger = await browser.context.newPage();
  try {
    const errors = watchPageErrors(stranger);
    await stranger.goto(`${app.url}/track/${'x'.repeat(43)}`);
    const error = stranger.getByTestId('link-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error-type')).toBe('TrackingLinkInvalid');
    expect(await stranger.getByTestId('tracking-status').count()).toBe(0);
    await screenshot(stranger, 'customer-tracking-invalid-360x740');
    // The refused query is the only error (AppSync answers it with a GraphQL error).
    expect(errors.filter((e) => !/TrackingLinkInvalid|400/.test(e))).toEqual([]);
  } finally {
    await stranger.close();
  }
});
