// The local Lex runtime over HTTP, driven by the real @aws-sdk/client-lex-runtime-v2 with only
// the endpoint, dummy credentials and a plain-HTTP handler changed — as application code and
// the Connect flow interpreter will use it.
import {
  DeleteSessionCommand,
  GetSessionCommand,
  LexRuntimeV2Client,
  RecognizeTextCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lex-runtime-v2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { COURIER_BOT } from '../../../voice/bot-definition';
import type { LexCodeHookEvent } from '../../../voice/lex-types';
import { startLocalLex, type LocalLex } from '../../../local/lex';

const BOT = { botId: 'COURIERBOT', botAliasId: 'TSTALIASID', localeId: 'en_US' };
const events: LexCodeHookEvent[] = [];
let lex: LocalLex;
let client: LexRuntimeV2Client;

beforeAll(async () => {
  lex = await startLocalLex({
    bots: [{ botId: BOT.botId, definition: COURIER_BOT }],
    clock: () => new Date('2026-11-24T17:00:00Z'),
    timeZone: 'America/Los_Angeles',
    random: () => 0,
    invokeCodeHook: async (event) => {
      events.push(event);
      if (event.invocationSource === 'FulfillmentCodeHook') {
        return {
          sessionState: { sessionAttributes: { ...event.sessionState.sessionAttributes, tracked: 'yes' }, dialogAction: { type: 'Close' }, intent: { ...event.sessionState.intent, state: 'Fulfilled' } },
          messages: [{ contentType: 'PlainText', content: 'Your parcel is out for delivery and should arrive between 2 and 4 pm.' }],
        };
      }
      return { sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Delegate' }, intent: event.sessionState.intent } };
    },
  });
  client = new LexRuntimeV2Client({
    endpoint: lex.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler(),
  });
});

afterAll(async () => {
  client?.destroy();
  await lex?.close();
});

describe('local Lex runtime API', () => {
  it('holds a tracking conversation through RecognizeText', async () => {
    const sessionId = 'http-track-1';
    const first = await client.send(new RecognizeTextCommand({ ...BOT, sessionId, text: 'where is my parcel', sessionState: { sessionAttributes: { channel: 'voice' } } }));
    expect(first.sessionId).toBe(sessionId);
    expect(first.messages).toEqual([{ contentType: 'PlainText', content: 'What is your booking reference? It starts with C B.' }]);
    expect(first.sessionState?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'BookingReference' });
    expect(first.sessionState?.intent).toMatchObject({ name: 'TrackDelivery', state: 'InProgress', slots: { BookingReference: null } });
    expect(first.interpretations?.[0]).toMatchObject({ intent: { name: 'TrackDelivery' }, nluConfidence: { score: expect.any(Number) } });
    expect(first.interpretations?.some((interpretation) => interpretation.intent?.name === 'FallbackIntent')).toBe(true);

    const second = await client.send(new RecognizeTextCommand({ ...BOT, sessionId, text: 'C B 7 K 2 M 9 Q' }));
    expect(second.sessionState?.intent?.slots?.BookingReference?.value).toEqual({ originalValue: 'C B 7 K 2 M 9 Q', interpretedValue: 'CB7K2M9Q', resolvedValues: ['CB7K2M9Q'] });
    expect(second.sessionState?.intent?.state).toBe('Fulfilled');
    expect(second.messages?.map((message) => message.content)).toEqual([
      'Your parcel is out for delivery and should arrive between 2 and 4 pm.',
      'Is there anything else I can help you with?',
    ]);
    expect(second.sessionState?.sessionAttributes).toEqual({ channel: 'voice', tracked: 'yes' });
    expect(events.at(-1)).toMatchObject({ invocationSource: 'FulfillmentCodeHook', sessionId, sessionState: { sessionAttributes: { channel: 'voice' } } });
  });

  it('returns ambiguous times with a null interpretedValue the SDK accepts', async () => {
    const response = await client.send(new RecognizeTextCommand({ ...BOT, sessionId: 'http-time-1', text: "can you collect a parcel tomorrow at 10 o'clock" }));
    const time = response.sessionState?.intent?.slots?.PickupTime?.value;
    expect(time?.resolvedValues).toEqual(['10:00', '22:00']);
    expect(time?.interpretedValue ?? null).toBeNull();
  });

  it('gets and deletes sessions', async () => {
    const sessionId = 'http-session-1';
    await client.send(new RecognizeTextCommand({ ...BOT, sessionId, text: 'I want to book a courier' }));
    const session = await client.send(new GetSessionCommand({ ...BOT, sessionId }));
    expect(session.sessionState?.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'PickupCity' });
    expect(session.messages?.[0]?.content).toMatch(/collecting the parcel from/);
    const deleted = await client.send(new DeleteSessionCommand({ ...BOT, sessionId }));
    expect(deleted).toMatchObject({ ...BOT, sessionId });
    await expect(client.send(new GetSessionCommand({ ...BOT, sessionId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers unknown bots, aliases and locales with ResourceNotFoundException and bad input with ValidationException', async () => {
    await expect(client.send(new RecognizeTextCommand({ ...BOT, botId: 'NOSUCHBOT', sessionId: 'x-1', text: 'hi' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(client.send(new RecognizeTextCommand({ ...BOT, botAliasId: 'NOALIAS', sessionId: 'x-1', text: 'hi' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(client.send(new RecognizeTextCommand({ ...BOT, localeId: 'fr_FR', sessionId: 'x-1', text: 'bonjour' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(client.send(new RecognizeTextCommand({ ...BOT, sessionId: 'x-1', text: 'a'.repeat(1025) }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('serves the en_GB locale with UK postcodes', async () => {
    const gb = { ...BOT, localeId: 'en_GB' };
    const sessionId = 'http-gb-1';
    await client.send(new RecognizeTextCommand({ ...gb, sessionId, text: 'I need to send a parcel from London to Manchester' }));
    await client.send(new RecognizeTextCommand({ ...gb, sessionId, text: '10 Downing Street' }));
    const postcode = await client.send(new RecognizeTextCommand({ ...gb, sessionId, text: 'S W 1 A 2 A A' }));
    expect(postcode.sessionState?.intent?.slots?.PickupPostalCode?.value?.interpretedValue).toBe('SW1A 2AA');
    expect(postcode.sessionState?.dialogAction?.slotToElicit).toBe('DeliveryStreet');
  });
});
