// The admin app's call simulator and feedback page in real headless Chromium against the test
// local cloud: a caller books a courier by typing a whole conversation (the wording of
// tests/integration/voice/conversations/book-01), hears the reference spelled and the booking
// is stored; tracks it in a second call; makes a complaint that shows up flagged on the
// feedback page; asks for a person by "speaking" (a scripted SpeechRecognition) and is
// transferred; says nothing; the couriers page lists the phoned-in job; and the pages fit a tablet. Headless Chromium has the
// SpeechRecognition constructor but refuses the microphone ("not-allowed"): the page falls back
// to typing. Screenshots land in tests/artifacts/browser/.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { DEFAULT_BUSINESS_RULES } from '../../functions/domain/business-rules';
import type { ServedApp } from '../../local/web';
import { launchChromium, screenshot, serveAdminAppFor, watchPageErrors, type Browser } from '../support/browser';
import { adminAuth, bookableWindow, graphqlOk, localCloud } from '../support/local-cloud';
import { arrangeBooking } from '../support/voice-calls';

jest.setTimeout(120_000);

// Windows no other test file books into (see bookableWindow); this file uses 38–39.
const BOOKING_WINDOW = bookableWindow(38);
const COMPLAINT_WINDOW_OFFSET = 39;
const CALLER = '+12065557101';
const COMPLAINING_CALLER = '+12065557103';

let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let booked: string;

/** The day and hour of a window as a caller says them (as the conversation runner does). */
const spokenDay = (windowId: string) => DateTime.fromISO(windowId.slice(0, 10), { zone: DEFAULT_BUSINESS_RULES.serviceTimeZone }).toFormat('LLLL d');
const spokenTime = (windowId: string) => {
  const hour = Number(windowId.slice(11, 13));
  return `${hour % 12 === 0 ? 12 : hour % 12} ${hour < 12 ? 'am' : 'pm'}`;
};

async function signIn(target: Page): Promise<void> {
  await target.getByLabel('User name').fill('admin');
  await target.getByLabel('Password').fill(localCloud().users.find((u) => u.username === 'admin')!.password);
  await target.getByRole('button', { name: 'Sign in' }).click();
}

const transcript = (target: Page) => target.getByTestId('transcript');
const turns = async (target: Page) => Number(await transcript(target).getAttribute('data-turns'));

/** Waits for the call's turn count to reach `count`; returns the text of everything said after `since` lines. */
async function waitForTurn(target: Page, count: number, since: number): Promise<string> {
  await target.waitForFunction((n) => Number(document.querySelector('[data-testid="transcript"]')?.getAttribute('data-turns')) >= n, count, { timeout: 30_000 });
  const texts = await transcript(target).locator('> li.bubble:not(.bubble--caller) .bubble__text').allTextContents();
  return texts.slice(since).join(' ');
}

const botLineCount = (target: Page) => transcript(target).locator('> li.bubble:not(.bubble--caller) .bubble__text').count();

/** Types what the caller says, sends it and returns the bot's answer (checked against `expected`). */
async function say(target: Page, text: string, expected?: RegExp | RegExp[]): Promise<string> {
  const [before, lines] = [await turns(target), await botLineCount(target)];
  await target.getByLabel('What the caller says').fill(text);
  await target.getByRole('button', { name: 'Send', exact: true }).click();
  const reply = await waitForTurn(target, before + 1, lines);
  for (const pattern of expected === undefined ? [] : Array.isArray(expected) ? expected : [expected]) expect(`${text} → ${reply}`).toMatch(pattern);
  return reply;
}

async function placeCall(target: Page, options: { from?: string; line?: 'US' | 'UK' } = {}): Promise<string> {
  await target.getByTestId('call-setup').waitFor();
  await target.getByRole('radio', { name: new RegExp(`${options.line ?? 'US'} line`) }).check();
  if (options.from) await target.getByRole('textbox', { name: 'Caller’s number' }).fill(options.from);
  await target.getByRole('button', { name: 'Place call' }).click();
  return waitForTurn(target, 1, 0);
}

beforeAll(async () => {
  app = await serveAdminAppFor(localCloud());
  browser = await launchChromium({ width: 1280, height: 800 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  pageErrors = watchPageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('config.json names the call API, which answers CORS for the admin app’s origin', async () => {
  const config = await (await fetch(`${app.url}/config.json`)).json();
  expect(config.api.callsUrl).toBe(localCloud().calls);
  const preflight = await fetch(config.api.callsUrl, {
    method: 'OPTIONS',
    headers: { origin: app.url, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/127\.0\.0\.1:\d+)$/);
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);
});

it('a caller books a courier by typing the whole conversation, hears the reference spelled, and the booking is stored', async () => {
  await page.goto(`${app.url}/calls`);
  await page.waitForURL(/\/sign-in\?redirect=(%2F|\/)calls/);
  await signIn(page);
  await page.waitForURL((url) => url.pathname === '/calls');
  await expect(page.getByTestId('calls-url').textContent()).resolves.toBe(localCloud().calls);
  await page.getByTestId('audio-state').waitFor();

  const greeting = await placeCall(page, { from: CALLER });
  expect(greeting).toMatch(/How can I help you today/);
  await expect(page.getByTestId('call-state').getAttribute('data-state')).resolves.toBe('WITH_BOT');

  // Speaking: headless Chromium has the API but no microphone permission, so the page says so and the caller types.
  const speak = page.getByTestId('speak');
  if (await speak.count()) {
    await speak.click();
    await page.getByTestId('speech-error').waitFor();
    await speak.waitFor({ state: 'detached' });
  }
  await page.getByTestId('speech-unsupported').waitFor();

  await say(page, "I'd like to book a courier", /Which city or town are we collecting/);
  await expect(page.getByTestId('lex-intent').textContent()).resolves.toMatch(/BookCourier/);
  await expect(page.getByTestId('lex-dialog-action').textContent()).resolves.toMatch(/ElicitSlot/);
  await say(page, 'Seattle', /street address/);
  const city = page.locator('[data-slot="PickupCity"]');
  await expect(city.textContent()).resolves.toMatch(/Seattle/);
  await expect(city.getAttribute('class')).resolves.toMatch(/kv--new/);
  await say(page, '1200 Pine Street', /ZIP code/);
  await say(page, '98101', /which city or town is it going to/);
  await say(page, 'Bellevue', /street address/);
  await say(page, '500 108th Ave NE', /ZIP code/);
  await say(page, '98004', /How big is the parcel/);
  await say(page, 'medium', /how much does it weigh, in pounds/);
  await say(page, '12 pounds', /special handling/);
  await say(page, 'no', /Which day/);
  await say(page, spokenDay(BOOKING_WINDOW), /What time suits you/);
  await say(page, spokenTime(BOOKING_WINDOW), /first name/);
  await say(page, 'Maria', [/The price is \$\d+\.\d\d/, /Shall I book it\?/]);
  await expect(page.getByTestId('lex-dialog-action').textContent()).resolves.toMatch(/ConfirmIntent/);
  await expect(page.locator('[data-attribute="callerNumber"]').textContent()).resolves.toContain(CALLER);

  const confirmation = await say(page, 'yes', [/Your courier is booked/, /Your booking reference is C B( [A-Z0-9]){6}\b/, /anything else/]);
  const spelled = /reference is (C B(?: [A-Z0-9]){6})\b/.exec(confirmation)![1];
  booked = spelled.replace(/ /g, '');
  const link = transcript(page).locator(`a[data-reference="${booked}"]`);
  await expect(link.getAttribute('href')).resolves.toBe(`/bookings/${booked}`);
  await expect(page.getByTestId('lex-intent-state').textContent()).resolves.toBe('Fulfilled');
  expect(Number(await page.getByTestId('turn-ms').getAttribute('data-ms'))).toBeGreaterThan(0);

  // The prompts have audio (espeak-ng), played from the call API.
  const capabilities = await (await fetch(`${localCloud().calls}/capabilities`)).json();
  const audioUrl = await transcript(page).locator('li[data-speaker="bot"]').last().getAttribute('data-audio-url');
  if (capabilities.audio) {
    expect(audioUrl).toMatch(/\/prompts\/\d+\/audio$/);
    const wav = await fetch(audioUrl!);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await wav.arrayBuffer()).subarray(0, 4).toString('ascii')).toBe('RIFF');
  } else expect(audioUrl).toBeNull();
  await screenshot(page, 'calls-booking-1280x800');

  const stored = await graphqlOk<{ getBooking: { channel: string; status: string; customer: { name: string; phone: string }; pickupWindow: { id: string }; delivery: { city: string } } }>(
    await adminAuth(),
    `query G($r: ID!) { getBooking(reference: $r) { channel status customer { name phone } pickupWindow { id } delivery { city } } }`,
    { r: booked },
  );
  expect(stored.getBooking).toMatchObject({ channel: 'VOICE', customer: { name: 'Maria', phone: CALLER }, pickupWindow: { id: BOOKING_WINDOW }, delivery: { city: 'Bellevue' } });
  expect(stored.getBooking.status).toMatch(/^(BOOKED|ASSIGNED)$/);

  await say(page, 'no thanks', /Goodbye/);
  await page.getByTestId('call-ended').waitFor();
  await expect(page.getByTestId('call-state').getAttribute('data-state')).resolves.toBe('DISCONNECTED');
  expect(await page.getByLabel('What the caller says').count()).toBe(0);
});

it('a second call tracks that booking by its spelled reference, then the caller hangs up', async () => {
  await page.getByRole('button', { name: 'New call' }).click();
  await placeCall(page, { from: CALLER });
  await say(page, 'where is my parcel', /booking reference/);
  await expect(page.getByTestId('lex-intent').textContent()).resolves.toMatch(/TrackDelivery/);
  await say(page, booked.split('').join(' '), [/waiting to be collected in Seattle/, /anything else/]);
  await expect(page.locator('[data-slot]').first().textContent()).resolves.toContain(booked);
  await screenshot(page, 'calls-tracking-1280x800');

  await page.getByRole('button', { name: 'Hang up' }).click();
  await transcript(page).getByText('You hung up.').waitFor();
  await expect(page.getByTestId('call-state').getAttribute('data-state')).resolves.toBe('DISCONNECTED');
});

it('a complaint made in the simulator is on the feedback page, flagged, with its severity and a link to the booking', async () => {
  const delivered = await arrangeBooking({ status: 'DELIVERED', window: COMPLAINT_WINDOW_OFFSET, phone: COMPLAINING_CALLER });
  await page.getByRole('button', { name: 'New call' }).click();
  await placeCall(page, { from: COMPLAINING_CALLER });
  await say(page, "I'd like to leave some feedback", /booking reference/);
  await say(page, delivered.split('').join(' '), /complaint, or give general feedback/);
  await say(page, 'a complaint', /in your own words/);
  await say(page, 'the box was left in the rain and the laptop inside is ruined', /low, medium, high, or critical/);
  const thanks = await say(page, 'high', [/Thank you for telling us/, /flagged your complaint/, /complaint reference is F B/]);
  const feedbackReference = /complaint reference is (F B(?: [A-Z0-9]){6})\b/.exec(thanks)![1].replace(/ /g, '');
  const link = transcript(page).locator(`a[data-reference="${feedbackReference}"]`).first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^/feedback\\?day=\\d{4}-\\d\\d-\\d\\d&highlight=${feedbackReference}$`));
  await screenshot(page, 'calls-complaint-1280x800');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await page.getByTestId('call-ended').waitFor();

  await page.goto(`${app.url}${href}`);
  const item = page.getByTestId('feedback-flagged').locator(`li[data-feedback="${feedbackReference}"]`);
  await item.waitFor();
  await expect(item.getAttribute('data-flagged')).resolves.toBe('true');
  await expect(item.getAttribute('class')).resolves.toMatch(/feedback--highlight/);
  await expect(item.getByTestId('severity').textContent()).resolves.toMatch(/High/);
  await expect(item.getByTestId('flagged').isVisible()).resolves.toBe(true);
  expect(await item.textContent()).toMatch(/Complaint.*the box was left in the rain and the laptop inside is ruined/s);
  await expect(item.getByTestId('booking-link').textContent()).resolves.toBe(delivered);
  // Flagged complaints come first, and the chart counts them.
  await expect(page.getByTestId('feedback-flagged').isVisible()).resolves.toBe(true);
  await page.getByTestId('feedback-chart').locator('canvas').waitFor();
  expect(Number(await page.getByTestId('feedback-counts').locator('tr[data-kind="HIGH"] td').textContent())).toBeGreaterThanOrEqual(1);
  expect(Number(await page.locator('[data-kpi="flagged"] .kpi__value').textContent())).toBeGreaterThanOrEqual(1);
  await screenshot(page, 'feedback-1280x800');

  await item.getByTestId('booking-link').click();
  await page.waitForURL((url) => url.pathname === `/bookings/${delivered}`);
  await page.getByTestId('booking-details').getByText('Grace Hopper').waitFor();
});

it('the couriers page lists each courier’s jobs on a day, the phoned-in booking with its courier, and links to their report', async () => {
  const { getBooking } = await graphqlOk<{ getBooking: { courierId: string | null } }>(await adminAuth(), `query G($r: ID!) { getBooking(reference: $r) { courierId } }`, { r: booked });
  const date = BOOKING_WINDOW.slice(0, 10);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Couriers' }).click();
  await page.waitForURL((url) => url.pathname === '/couriers');
  await page.goto(`${app.url}/couriers?date=${date}`);
  const cards = page.locator('li[data-courier]');
  await cards.first().waitFor();
  expect(await cards.count()).toBeGreaterThanOrEqual(1);
  const courierId = getBooking.courierId ?? (await cards.first().getAttribute('data-courier'))!;
  const card = page.locator(`li[data-courier="${courierId}"]`);
  if (getBooking.courierId) {
    const row = card.locator(`tr[data-reference="${booked}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Seattle → Bellevue/);
  }
  await screenshot(page, 'couriers-1280x800');

  await card.getByRole('link', { name: /^Report for / }).click();
  await page.waitForURL((url) => url.pathname === `/couriers/${courierId}/report`);
  await page.getByTestId('report-range').waitFor();
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Month' }).click();
  await page.waitForURL((url) => url.searchParams.get('period') === 'MONTH');
  // The month's range: from the 1st.
  await page.waitForFunction(() => /^\w+, 1 \w+ \d{4} – /.test(document.querySelector('[data-testid="report-range"]')?.textContent?.trim() ?? ''));
  await page.locator('[data-kpi="delivered"] .kpi__value').waitFor();
  await screenshot(page, 'courier-report-1280x800');
});

it('a caller who speaks (a scripted SpeechRecognition) and asks for a person is transferred to an agent, shown clearly', async () => {
  const speaking = await browser.context.newPage();
  const speakingErrors = watchPageErrors(speaking);
  // A stand-in for the browser's recognition service: hears one scripted sentence.
  await speaking.addInitScript(() => {
    class ScriptedRecognition extends EventTarget {
      lang = '';
      continuous = false;
      interimResults = false;
      maxAlternatives = 1;
      onresult: ((event: unknown) => void) | null = null;
      onerror: ((event: unknown) => void) | null = null;
      onend: (() => void) | null = null;
      start() {
        const heard = (window as unknown as { heardNext?: string }).heardNext ?? '';
        (window as unknown as { heardLang?: string }).heardLang = this.lang;
        setTimeout(() => {
          const result = Object.assign([{ transcript: heard }], { isFinal: true });
          this.onresult?.({ resultIndex: 0, results: [result] });
          this.onend?.();
        }, 50);
      }
      stop() {}
      abort() {
        this.onend?.();
      }
    }
    (window as unknown as { SpeechRecognition: unknown }).SpeechRecognition = ScriptedRecognition;
  });
  await speaking.goto(`${app.url}/calls`);
  await placeCall(speaking, { from: CALLER, line: 'UK' });
  await expect(speaking.getByTestId('speech-unsupported').count()).resolves.toBe(0);
  await speaking.evaluate(() => ((window as unknown as { heardNext: string }).heardNext = 'I want to talk to a real person'));
  await speaking.getByRole('button', { name: 'Speak' }).click();
  const reply = await waitForTurn(speaking, 2, await botLineCount(speaking));
  expect(reply).toMatch(/put you through/);
  await expect(speaking.evaluate(() => (window as unknown as { heardLang: string }).heardLang)).resolves.toBe('en-GB');
  await transcript(speaking).locator('li[data-speaker="caller"]').getByText('I want to talk to a real person').waitFor();

  const banner = speaking.getByTestId('handover');
  await banner.waitFor();
  await expect(banner.getAttribute('data-reason')).resolves.toBe('caller-asked');
  expect(await banner.textContent()).toMatch(/Transferred to an agent.*asked to speak to a person/s);
  await expect(speaking.getByTestId('call-state').getAttribute('data-state')).resolves.toBe('TRANSFERRED');
  await expect(speaking.getByTestId('handover-reason').textContent()).resolves.toMatch(/caller-asked/);
  await expect(speaking.getByTestId('lex-intent').textContent()).resolves.toMatch(/SpeakToAgent/);
  await screenshot(speaking, 'calls-transferred-1280x800');
  await speaking.close();
  expect(speakingErrors).toEqual([]);
});

it('“Stay silent” takes the flow’s timeout branch and the call ends', async () => {
  await page.goto(`${app.url}/calls`);
  await placeCall(page, { from: CALLER });
  await say(page, 'track my parcel', /booking reference/);
  const [before, lines] = [await turns(page), await botLineCount(page)];
  await page.getByRole('button', { name: 'Stay silent' }).click();
  expect(await waitForTurn(page, before + 1, lines)).toMatch(/didn't hear anything/);
  await page.getByTestId('call-ended').waitFor();
});

it('works at tablet width (768 px): no sideways scrolling on the simulator mid-call and on the feedback page', async () => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`${app.url}/calls`);
  await placeCall(page, { from: CALLER });
  await say(page, "I'd like to book a courier from Seattle to Bellevue", /street address/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call simulator' }).isVisible()).resolves.toBe(true);
  await screenshot(page, 'calls-768x1024');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await page.getByTestId('call-ended').waitFor();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByTestId('feedback-flagged').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await screenshot(page, 'feedback-768x1024');
  await page.goto(`${app.url}/couriers?date=${BOOKING_WINDOW.slice(0, 10)}`);
  await page.locator('li[data-courier]').first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await screenshot(page, 'couriers-768x1024');
  await page.setViewportSize({ width: 1280, height: 800 });
});

it('raised no console error, uncaught exception or failed request on the way', () => {
  expect(pageErrors).toEqual([]);
});
