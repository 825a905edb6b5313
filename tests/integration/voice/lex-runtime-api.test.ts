// The courier bot through the Lex V2 runtime API of the local cloud, with the unchanged AWS SDK
// client (AWS_ENDPOINT_URL_LEX_RUNTIME_V2 points there under `npm start`): a whole booking by
// RecognizeText, and the same fulfillment delivered twice — as Lex may when a code hook call is
// retried — which must book once and read back the same reference.
import { LexRuntimeV2Client, RecognizeTextCommand, type RecognizeTextCommandOutput, type SessionState } from '@aws-sdk/client-lex-runtime-v2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash } from 'node:crypto';
import { contactFlowContent } from '../../../voice/contact-flow';
import { bookableWindow, localCloud, scanTable } from '../../support/local-cloud';

const WINDOW = bookableWindow(46);
const CALLER = '+12065553461';
const BOT = { botId: 'COURIERBOT', botAliasId: 'LIVEALIAS0', localeId: 'en_US' };

let client: LexRuntimeV2Client;
beforeAll(() => {
  const cloud = localCloud() as unknown as { lex: string; region: string };
  client = new LexRuntimeV2Client({ endpoint: cloud.lex, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: new NodeHttpHandler() });
});
afterAll(() => client?.destroy());

const spoken = (output: RecognizeTextCommandOutput) => (output.messages ?? []).map((message) => message.content).join(' ');
const referenceIn = (output: RecognizeTextCommandOutput) => /<say-as interpret-as="characters">(CB[A-Z0-9]{6})<\/say-as>/.exec(spoken(output))?.[1];

function talk(sessionId: string, text: string, sessionState?: SessionState) {
  return client.send(new RecognizeTextCommand({ ...BOT, sessionId, text, ...(sessionState ? { sessionState } : {}) }));
}

test('a booking by RecognizeText; a repeated fulfillment books once and reads back the same reference', async () => {
  const sessionId = `sdk-${Date.now()}`;
  let output = await talk(sessionId, 'I want to book a courier from Seattle to Bellevue', { sessionAttributes: { callerNumber: CALLER } });
  expect(output.sessionState?.intent?.name).toBe('BookCourier');
  const date = new Date(`${WINDOW.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' });
  const hour = Number(WINDOW.slice(11, 13));
  for (const answer of ['1200 Pine Street', '98101', '500 108th Ave NE', '98004', 'small', '3 pounds', 'no', date, `${hour % 12 || 12} ${hour < 12 ? 'am' : 'pm'}`, 'Alan']) {
    output = await talk(sessionId, answer);
  }
  expect(output.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
  expect(spoken(output)).toMatch(/The price is \$\d+\.\d\d/);
  const awaitingConfirmation = output.sessionState!;

  const first = await talk(sessionId, 'yes');
  const reference = referenceIn(first);
  expect(reference).toMatch(/^CB[A-Z0-9]{6}$/);
  expect(first.sessionState?.sessionAttributes?.bookingsMade).toBe('1');

  // Lex delivering the same confirmed intent again, with the session as it was before the first.
  const repeated = await talk(sessionId, 'yes', awaitingConfirmation);
  expect(referenceIn(repeated)).toBe(reference);

  const bookings = (await scanTable('bookings')).filter((booking) => (booking.customer as { phone: string }).phone === CALLER);
  expect(bookings.map((booking) => booking.reference)).toEqual([reference]);
  expect(bookings[0]).toMatchObject({ channel: 'VOICE', pickupWindow: expect.objectContaining({ id: WINDOW }), customer: { name: 'Alan', phone: CALLER } });
});

test('the local cloud runs the contact flow file CDK deploys, with local ARNs in its placeholders', async () => {
  const cloud = localCloud();
  const artifacts = (await (await fetch(`${cloud.control}/artifacts`)).json()) as { contactFlow: { file: string; contentSha256: string } };
  const local = contactFlowContent({
    CourierBotAliasArn: `arn:aws:lex:${cloud.region}:000000000000:bot-alias/COURIERBOT/LIVEALIAS0`,
    AgentQueueArn: `arn:aws:connect:${cloud.region}:000000000000:instance/00000000-0000-4000-8000-000000000000/queue/customer-service`,
  });
  expect(artifacts.contactFlow).toEqual({ file: 'voice/contact-flow.json', contentSha256: createHash('sha256').update(local).digest('hex') });
});
