// The Lex V2 response shapes the code hook gives back: spelled slots asked for with
// SpellByLetter (which only a code hook can request), handover attributes for the contact flow,
// intent switches, and an apology with a handover — never an error — when something breaks.
import type { LexCodeHookEvent, LexIntent } from '../../../voice/lex-types';
import { handleCodeHook } from '../../../functions/voice/code-hook';
import type { VoiceDependencies } from '../../../functions/voice/dependencies';
import { Conversation } from '../../../functions/voice/lex/conversation';

function event(intent: LexIntent, overrides: Partial<LexCodeHookEvent> = {}): LexCodeHookEvent {
  return {
    messageVersion: '1.0',
    invocationSource: 'DialogCodeHook',
    inputMode: 'Speech',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: 'contact-1',
    inputTranscript: 'where is my parcel',
    bot: { id: 'COURIERBOT', name: 'CourierVoiceBot', localeId: 'en_US', version: 'DRAFT', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias' },
    interpretations: [{ intent }],
    sessionState: { sessionAttributes: { callerNumber: '+12065550123' }, intent, originatingRequestId: 'r1' },
    ...overrides,
  };
}

const track = (reference: string | null): LexIntent => ({
  name: 'TrackDelivery',
  state: 'InProgress',
  confirmationState: 'None',
  slots: { BookingReference: reference ? { shape: 'Scalar', value: { originalValue: reference, interpretedValue: reference, resolvedValues: [reference] } } : null },
});

/** Every port throws: these tests must not reach one, and the last one shows what happens when one fails. */
const unreachable = new Proxy({} as VoiceDependencies, {
  get: (_, name) => {
    if (name === 'clock') return () => new Date('2026-12-08T17:00:00Z');
    throw new Error(`the ${String(name)} port is down`);
  },
});

describe('code hook responses', () => {
  it('asks for a booking reference letter by letter', async () => {
    const response = await handleCodeHook(event(track(null)), unreachable);
    expect(response.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'BookingReference', slotElicitationStyle: 'SpellByLetter' });
    expect(response.sessionState.sessionAttributes).toEqual({ callerNumber: '+12065550123' });
    expect(response.messages).toBeUndefined();
  });

  it('delegates steps that need no spelling back to Lex', () => {
    const conv = new Conversation(event({ name: 'BookCourier', state: 'InProgress', confirmationState: 'None', slots: { PickupCity: null } }));
    expect(conv.proceed().sessionState.dialogAction).toEqual({ type: 'Delegate' });
  });

  it('marks a handover for the contact flow and fails the intent so Lex closes the conversation', () => {
    const conv = new Conversation(event(track(null)));
    const response = conv.handover('caller-asked', 'Putting you through.');
    expect(response.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { state: 'Failed' }, sessionAttributes: { handover: 'agent', handoverReason: 'caller-asked' } });
    expect(response.messages).toEqual([{ contentType: 'PlainText', content: 'Putting you through.' }]);
  });

  it('switches to another intent with its slots set', () => {
    const conv = new Conversation(event({ name: 'GiveFeedback', state: 'InProgress', confirmationState: 'None', slots: {} }));
    const response = conv.switchTo('TrackDelivery', { BookingReference: 'CB7K2M9Q' }).close('Fulfilled', { ssml: '<speak>Here it is.</speak>' });
    expect(response.sessionState.intent).toMatchObject({ name: 'TrackDelivery', state: 'Fulfilled', slots: { BookingReference: { value: { interpretedValue: 'CB7K2M9Q' } } } });
    expect(response.messages).toEqual([{ contentType: 'SSML', content: '<speak>Here it is.</speak>' }]);
  });

  it('answers ElicitIntent without an intent, as Lex expects', () => {
    const response = new Conversation(event(track(null))).elicitIntent('Anything else?');
    expect(response.sessionState.intent).toBeUndefined();
    expect(response.sessionState.dialogAction).toEqual({ type: 'ElicitIntent' });
  });

  it('apologises and hands over when a port fails, instead of failing the Lambda', async () => {
    const response = await handleCodeHook(event(track('CB7K2M9Q')), unreachable);
    expect(response.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, sessionAttributes: { handover: 'agent', handoverReason: 'system-error' } });
    expect(response.messages?.map((message) => message.content).join(' ')).toMatch(/something went wrong on our side/);
  });
});
