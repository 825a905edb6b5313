// Conversations with the local Lex runtime in-process, with and without a stub code hook that
// speaks the Lex V2 event/response contract: elicitation order, retries, confirmation,
// fallback, intent switching, hook-driven elicitation, Close and the session's idle timeout.
import { COURIER_BOT } from '../../../voice/bot-definition';
import type { LexCodeHookEvent, LexCodeHookResponse, RecognizeTextResponseBody } from '../../../voice/lex-types';
import { LexApiError, LocalLexRuntime, type LocalLexRuntimeOptions } from '../../../local/lex';

const BOT_ID = 'COURIERBOT';
// Tuesday 24 November 2026, 09:00 in Seattle.
const START = new Date('2026-11-24T17:00:00Z');

interface Harness {
  runtime: LocalLexRuntime;
  events: LexCodeHookEvent[];
  say(text: string, extra?: { sessionAttributes?: Record<string, string>; requestAttributes?: Record<string, string> }): Promise<RecognizeTextResponseBody>;
  advance(seconds: number): void;
}

let sessionCounter = 0;

function harness(hook?: (event: LexCodeHookEvent) => LexCodeHookResponse | Promise<LexCodeHookResponse>, options: Partial<LocalLexRuntimeOptions> = {}): Harness {
  let now = START.getTime();
  const events: LexCodeHookEvent[] = [];
  const runtime = new LocalLexRuntime({
    bots: [{ botId: BOT_ID, definition: COURIER_BOT }],
    clock: () => new Date(now),
    random: () => 0,
    timeZone: 'America/Los_Angeles',
    ...(hook
      ? {
          invokeCodeHook: async (event: LexCodeHookEvent) => {
            events.push(event);
            return hook(event);
          },
        }
      : {}),
    ...options,
  });
  const sessionId = `session-${++sessionCounter}`;
  return {
    runtime,
    events,
    say: (text, extra = {}) =>
      runtime.recognizeText(
        { botId: BOT_ID, botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId },
        { text, ...(extra.sessionAttributes ? { sessionState: { sessionAttributes: extra.sessionAttributes } } : {}), ...(extra.requestAttributes ? { requestAttributes: extra.requestAttributes } : {}) },
      ),
    advance: (seconds) => {
      now += seconds * 1000;
    },
  };
}

const spoken = (response: RecognizeTextResponseBody) => (response.messages ?? []).map((message) => message.content).join(' ');
const action = (response: RecognizeTextResponseBody) => response.sessionState.dialogAction;
const slotValue = (response: RecognizeTextResponseBody, name: string) => response.sessionState.intent?.slots?.[name]?.value?.interpretedValue;

const delegate = (event: LexCodeHookEvent): LexCodeHookResponse => ({
  sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Delegate' }, intent: event.sessionState.intent },
});

/** Walks a booking from the first utterance to the confirmation question. */
async function bookUntilConfirmation(h: Harness): Promise<RecognizeTextResponseBody> {
  const answers = ['1200 Pine Street', '98101', '400 Broad Street', 'nine eight one oh nine', 'medium', '12 pounds', 'no', 'Maria'];
  let response = await h.say('I need to send a parcel from Seattle to Bellevue tomorrow at 2pm');
  for (const answer of answers) response = await h.say(answer);
  return response;
}

describe('local Lex dialog management', () => {
  it('elicits the booking slots in priority order, skipping those the first utterance filled', async () => {
    const h = harness();
    const first = await h.say('I need to send a parcel from Seattle to Bellevue tomorrow at 2pm');
    expect(first.sessionState.intent).toMatchObject({ name: 'BookCourier', state: 'InProgress', confirmationState: 'None' });
    expect(slotValue(first, 'PickupCity')).toBe('Seattle');
    expect(slotValue(first, 'DeliveryCity')).toBe('Bellevue');
    expect(slotValue(first, 'PickupDate')).toBe('2026-11-25');
    expect(slotValue(first, 'PickupTime')).toBe('14:00');
    expect(first.sessionState.intent?.slots?.PackageSize).toBeNull();

    const asked = [action(first)!.slotToElicit];
    for (const answer of ['1200 Pine Street', '98101', '400 Broad Street', '98109', 'medium', '12', 'fragile and perishable', 'Maria']) {
      const response = await h.say(answer);
      asked.push(action(response)!.slotToElicit ?? action(response)!.type);
    }
    expect(asked).toEqual(['PickupStreet', 'PickupPostalCode', 'DeliveryStreet', 'DeliveryPostalCode', 'PackageSize', 'PackageWeight', 'SpecialHandling', 'CustomerName', 'ConfirmIntent']);
  });

  it('keeps the whole answer for free-form slots and lists multi-value slots', async () => {
    const h = harness();
    await h.say('I need to send a parcel from Seattle to Bellevue tomorrow at 2pm');
    const street = await h.say('1200 Pine Street, suite 4');
    expect(street.sessionState.intent?.slots?.PickupStreet?.value).toEqual({ originalValue: '1200 Pine Street, suite 4', interpretedValue: '1200 Pine Street, suite 4', resolvedValues: [] });
    for (const answer of ['98101', '400 Broad Street', '98109', 'medium', '12']) await h.say(answer);
    const handling = await h.say("it's fragile and needs to stay cold");
    const slot = handling.sessionState.intent?.slots?.SpecialHandling;
    expect(slot?.shape).toBe('List');
    expect(slot?.values?.map((value) => value.value?.interpretedValue)).toEqual(['FRAGILE', 'PERISHABLE']);
  });

  it('re-prompts with the next variation, then hands over to FallbackIntent after maxRetries', async () => {
    const h = harness();
    await h.say('I need to send a parcel from Seattle to Bellevue tomorrow at 2pm');
    await h.say('1200 Pine Street');
    const first = await h.say('banana');
    expect(action(first)).toEqual({ type: 'ElicitSlot', slotToElicit: 'PickupPostalCode' });
    expect(spoken(first)).toMatch(/^Sorry, I didn't catch the ZIP code\. Please say it one character at a time/);
    const second = await h.say('blue');
    expect(spoken(second)).toMatch(/^I still need the ZIP code/);
    const third = await h.say('purple');
    expect(third.sessionState.intent?.name).toBe('FallbackIntent');
    expect(spoken(third)).toMatch(/^Sorry, I didn't understand/);
    expect(action(third)).toEqual({ type: 'ElicitIntent' });
  });

  it('confirms, fulfils with the definition’s responses when there is no code hook, and asks for anything else', async () => {
    const h = harness();
    const confirmation = await bookUntilConfirmation(h);
    expect(action(confirmation)).toEqual({ type: 'ConfirmIntent' });
    expect(confirmation.messages?.[0]).toEqual({
      contentType: 'SSML',
      content: '<speak>So that is a parcel from 1200 Pine Street, Seattle, to 400 Broad Street, Bellevue, collected on <say-as interpret-as="date" format="ymd">2026-11-25</say-as>. Shall I book it?</speak>',
    });
    const done = await h.say('yes please');
    expect(done.sessionState.intent).toMatchObject({ name: 'BookCourier', state: 'Fulfilled', confirmationState: 'Confirmed' });
    expect(spoken(done)).toBe('Your courier is booked. Is there anything else I can help you with?');
    expect(action(done)).toEqual({ type: 'ElicitIntent' });
    const bye = await h.say("no that's all thanks");
    expect(bye.sessionState.intent?.name).toBe('EndConversation');
    expect(action(bye)).toEqual({ type: 'Close' });
  });

  it('declines on no, and falls back when the confirmation is never answered', async () => {
    const declined = harness();
    await bookUntilConfirmation(declined);
    const no = await declined.say('no');
    expect(no.sessionState.intent).toMatchObject({ state: 'Failed', confirmationState: 'Denied' });
    expect(spoken(no)).toBe("Okay, I haven't booked anything.");
    expect(action(no)).toEqual({ type: 'ElicitIntent' });

    const unclear = harness();
    await bookUntilConfirmation(unclear);
    const retry = await unclear.say('the weather is nice');
    expect(action(retry)).toEqual({ type: 'ConfirmIntent' });
    expect(spoken(retry)).toBe('Sorry, shall I go ahead and book that collection? Please say yes or no.');
    const gaveUp = await unclear.say('purple elephants');
    expect(gaveUp.sessionState.intent?.name).toBe('FallbackIntent');
  });

  it('switches intent when the caller clearly asks for something else instead of answering', async () => {
    const h = harness();
    const booking = await h.say('I want to book a courier');
    expect(action(booking)).toEqual({ type: 'ElicitSlot', slotToElicit: 'PickupCity' });
    const switched = await h.say('I want to talk to a real person');
    expect(switched.sessionState.intent).toMatchObject({ name: 'SpeakToAgent', state: 'Fulfilled' });
    expect(spoken(switched)).toMatch(/put you through/);
    expect(action(switched)).toEqual({ type: 'Close' });
  });

  it('picks FallbackIntent below the confidence threshold and lists it without a score', async () => {
    const h = harness();
    const response = await h.say('purple monkey dishwasher');
    expect(response.sessionState.intent?.name).toBe('FallbackIntent');
    const fallback = response.interpretations.find((interpretation) => interpretation.intent.name === 'FallbackIntent')!;
    expect(fallback.nluConfidence).toBeUndefined();
    const known = await h.say('where is my parcel');
    expect(known.interpretations[0]).toMatchObject({ intent: { name: 'TrackDelivery' }, nluConfidence: { score: expect.any(Number) }, interpretationSource: 'Lex' });
    expect(known.interpretations[0].nluConfidence!.score).toBeGreaterThanOrEqual(0.4);
  });

  it('calls the dialog code hook every turn with the real Lex V2 event and follows its answer', async () => {
    const h = harness((event) => {
      const intent = event.sessionState.intent;
      const type = intent.slots?.FeedbackType?.value?.interpretedValue;
      if (event.invocationSource === 'DialogCodeHook' && intent.name === 'GiveFeedback' && type === 'COMPLAINT' && intent.slots?.FeedbackDetails && !intent.slots?.ComplaintSeverity) {
        return {
          sessionState: { sessionAttributes: { ...event.sessionState.sessionAttributes, triage: 'pending' }, dialogAction: { type: 'ElicitSlot', slotToElicit: 'ComplaintSeverity' }, intent },
          messages: [{ contentType: 'SSML', content: '<speak>I am sorry about that. How serious is it?</speak>' }],
        };
      }
      if (event.invocationSource === 'FulfillmentCodeHook') {
        return {
          sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Close' }, intent: { ...intent, state: 'Fulfilled' } },
          messages: [{ contentType: 'PlainText', content: 'Your complaint reference is FB-1234.' }],
        };
      }
      return delegate(event);
    });
    const first = await h.say('I want to make a complaint', { sessionAttributes: { callerNumber: '+12065550100' } });
    expect(action(first)).toEqual({ type: 'ElicitSlot', slotToElicit: 'BookingReference' });
    expect(slotValue(first, 'FeedbackType')).toBe('COMPLAINT');

    const [event] = h.events;
    expect(event).toMatchObject({
      messageVersion: '1.0',
      invocationSource: 'DialogCodeHook',
      inputMode: 'Text',
      inputTranscript: 'I want to make a complaint',
      bot: { id: BOT_ID, name: 'CourierVoiceBot', localeId: 'en_US', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', version: 'DRAFT' },
      proposedNextState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'BookingReference' }, prompt: { attempt: 'Initial' } },
      sessionState: { sessionAttributes: { callerNumber: '+12065550100' }, intent: { name: 'GiveFeedback', state: 'InProgress', confirmationState: 'None' } },
    });
    expect(event.interpretations[0]).toMatchObject({ intent: { name: 'GiveFeedback' }, nluConfidence: expect.any(Number), interpretationSource: 'Lex' });
    expect(event.sessionState.intent.slots?.FeedbackType).toEqual({ shape: 'Scalar', value: { originalValue: 'complaint', interpretedValue: 'COMPLAINT', resolvedValues: ['COMPLAINT'] } });
    expect(event.sessionState.intent.slots?.ComplaintSeverity).toBeNull();

    await h.say('charlie bravo one two three alpha bravo charlie');
    const severity = await h.say('the box was crushed and the driver was rude');
    expect(action(severity)).toEqual({ type: 'ElicitSlot', slotToElicit: 'ComplaintSeverity' });
    expect(severity.messages).toEqual([{ contentType: 'SSML', content: '<speak>I am sorry about that. How serious is it?</speak>' }]);
    expect(severity.sessionState.sessionAttributes).toEqual({ callerNumber: '+12065550100', triage: 'pending' });

    const done = await h.say("it's very serious");
    expect(slotValue(done, 'ComplaintSeverity')).toBe('HIGH');
    expect(slotValue(done, 'BookingReference')).toBe('CB123ABC');
    expect(spoken(done)).toBe('Your complaint reference is FB-1234. Is there anything else I can help you with?');
    expect(done.sessionState.intent?.state).toBe('Fulfilled');
    expect(action(done)).toEqual({ type: 'ElicitIntent' });
    expect(h.events.map((e) => e.invocationSource)).toEqual(['DialogCodeHook', 'DialogCodeHook', 'DialogCodeHook', 'DialogCodeHook', 'FulfillmentCodeHook']);
    expect(h.events.at(-1)!.sessionState.intent.state).toBe('ReadyForFulfillment');
  });

  it('passes the hook’s spelling style through and lets the hook close with a failure', async () => {
    const h = harness((event) => {
      if (event.invocationSource === 'DialogCodeHook' && !event.sessionState.intent.slots?.BookingReference) {
        return { sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'BookingReference', slotElicitationStyle: 'SpellByLetter' }, intent: event.sessionState.intent } };
      }
      if (event.invocationSource === 'FulfillmentCodeHook') {
        return {
          sessionState: { dialogAction: { type: 'Close' }, intent: { ...event.sessionState.intent, state: 'Failed' } },
          messages: [{ contentType: 'PlainText', content: 'I could not find that booking.' }],
        };
      }
      return delegate(event);
    });
    const first = await h.say('where is my parcel');
    expect(action(first)).toEqual({ type: 'ElicitSlot', slotToElicit: 'BookingReference', slotElicitationStyle: 'SpellByLetter' });
    expect(spoken(first)).toBe('What is your booking reference? It starts with C B.');
    const done = await h.say('C B 0 0 0 4 1 7');
    expect(h.events.at(-1)!.sessionState.intent.slots?.BookingReference?.value?.interpretedValue).toBe('CB000417');
    expect(done.sessionState.intent?.state).toBe('Failed');
    expect(spoken(done)).toBe('I could not find that booking.');
    expect(action(done)).toEqual({ type: 'Close' });
  });

  it('reports a failing or malformed code hook as DependencyFailedException', async () => {
    const failing = harness(() => {
      throw new Error('boom');
    });
    await expect(failing.say('where is my parcel')).rejects.toMatchObject({ code: 'DependencyFailedException', httpStatus: 424 });
    const malformed = harness(() => ({ sessionState: { dialogAction: { type: 'Jump' } } }) as unknown as LexCodeHookResponse);
    await expect(malformed.say('where is my parcel')).rejects.toBeInstanceOf(LexApiError);
  });

  it('forgets a session after the bot’s idle timeout', async () => {
    const h = harness();
    await h.say('I want to book a courier');
    h.advance(COURIER_BOT.idleSessionTtlInSeconds - 1);
    const stillThere = await h.say('Seattle');
    expect(action(stillThere)?.slotToElicit).toBe('PickupStreet');
    h.advance(COURIER_BOT.idleSessionTtlInSeconds + 1);
    const fresh = await h.say('1200 Pine Street');
    expect(fresh.sessionState.intent?.name).not.toBe('BookCourier');
  });

  it('resolves relative dates in the time zone the request names', async () => {
    const h = harness();
    // 17:00 UTC is already the 25th in Tokyo.
    const response = await h.say('can you collect a parcel today', { requestAttributes: { 'x-amz-lex:time-zone': 'Asia/Tokyo' } });
    expect(slotValue(response, 'PickupDate')).toBe('2026-11-25');
  });
});
