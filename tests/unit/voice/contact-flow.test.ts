// voice/contact-flow.json and the local interpreter that runs it: the flow is valid Connect flow
// language for the actions we run, and a call walks it as Connect would — language and voice by
// line, greeting, the bot, then transfer or disconnect by intent and by the bot's handover
// attribute. The bot is the real local Lex runtime with the real bot definition; where a test
// needs a code hook decision it gives a minimal one.
import fs from 'node:fs';
import { COURIER_BOT } from '../../../voice/bot-definition';
import { CONTACT_FLOW_PATH, CONTACT_FLOW_PLACEHOLDERS, contactFlowContent } from '../../../voice/contact-flow';
import type { InvokeCodeHook, LexCodeHookEvent } from '../../../voice/lex-types';
import { LocalLexRuntime } from '../../../local/lex';
import { SUPPORTED_ACTIONS, validateContactFlow, type ContactFlowDocument } from '../../../local/connect/flow-language';
import { ContactFlowInterpreter, parseBotAliasArn, type ContactSession } from '../../../local/connect/interpreter';

const ALIAS_ARN = 'arn:aws:lex:us-east-1:000000000000:bot-alias/COURIERBOT/LIVEALIAS0';
const QUEUE_ARN = 'arn:aws:connect:us-east-1:000000000000:instance/00000000-0000-4000-8000-000000000000/queue/customer-service';
const US_LINE = '+12065550100';
const UK_LINE = '+442079460100';

const flow = (): ContactFlowDocument => JSON.parse(contactFlowContent({ CourierBotAliasArn: ALIAS_ARN, AgentQueueArn: QUEUE_ARN }));

function interpreter(options: { invokeCodeHook?: InvokeCodeHook; queueAccepts?: boolean } = {}) {
  const lex = new LocalLexRuntime({
    bots: [{ botId: 'COURIERBOT', definition: COURIER_BOT, aliases: [{ botAliasId: 'LIVEALIAS0', botAliasName: 'live' }] }],
    invokeCodeHook: options.invokeCodeHook,
    random: () => 0,
    timeZone: 'America/Los_Angeles',
  });
  return new ContactFlowInterpreter(flow(), { lex, queueAccepts: () => options.queueAccepts ?? true });
}

let contacts = 0;
async function call(flowInterpreter: ContactFlowInterpreter, to = US_LINE, from = '+12065550123'): Promise<{ contact: ContactSession; first: string }> {
  const contact = flowInterpreter.newContact(`contact-${++contacts}`, { from, to });
  const prompts = await flowInterpreter.start(contact);
  return { contact, first: prompts.map((prompt) => prompt.text).join(' ') };
}
const text = (prompts: { text: string }[]) => prompts.map((prompt) => prompt.text).join(' ');

describe('voice/contact-flow.json', () => {
  const raw = fs.readFileSync(CONTACT_FLOW_PATH, 'utf8');

  it('is flow language the local interpreter runs, every transition landing on an action', () => {
    const document = flow();
    expect(document.Version).toBe('2019-10-30');
    expect(() => validateContactFlow(document)).not.toThrow();
    expect(new Set(document.Actions.map((action) => action.Type))).toEqual(new Set(SUPPORTED_ACTIONS.filter((type) => type !== 'UpdateContactAttributes')));
  });

  it('leaves exactly the bot alias and the queue to the deployment', () => {
    expect([...new Set([...raw.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((match) => match[1]))].sort()).toEqual([...CONTACT_FLOW_PLACEHOLDERS].sort());
    expect(() => contactFlowContent({ CourierBotAliasArn: 'a', AgentQueueArn: 'q' }, '{"x":"${Unknown}"}')).toThrow(/unknown placeholder/);
  });

  it('passes the caller number to the bot and transfers on SpeakToAgent or the handover attribute', () => {
    const document = flow();
    const bot = document.Actions.find((action) => action.Type === 'ConnectParticipantWithLexBot')!;
    expect(bot.Parameters.LexSessionAttributes).toMatchObject({ callerNumber: '$.CustomerEndpoint.Address' });
    expect(bot.Transitions.Conditions?.map((condition) => condition.Condition.Operands[0])).toContain('SpeakToAgent');
    const compare = document.Actions.find((action) => action.Type === 'Compare' && action.Parameters.ComparisonValue === '$.Lex.SessionAttributes.handover')!;
    expect(compare.Transitions.Conditions?.[0].Condition.Operands).toEqual(['agent']);
  });

  it('reads bot alias ARNs', () => {
    expect(parseBotAliasArn(ALIAS_ARN)).toEqual({ botId: 'COURIERBOT', botAliasId: 'LIVEALIAS0' });
    expect(() => parseBotAliasArn('arn:aws:lambda:us-east-1:000000000000:function:x')).toThrow(/alias ARN/);
  });
});

describe('a local call through the flow', () => {
  it('greets in US English with Joanna and hands the caller to the en_US bot', async () => {
    const { contact, first } = await call(interpreter());
    expect(first).toMatch(/^Thank you for calling Courier\..*How can I help you today\?/);
    expect(contact).toMatchObject({ state: 'WITH_BOT', languageCode: 'en-US', voice: { id: 'Joanna', engine: 'Neural' }, bot: { botId: 'COURIERBOT', botAliasId: 'LIVEALIAS0', localeId: 'en_US' } });
    expect(contact.path).toEqual(['choose-line', 'voice-us', 'language-us', 'greeting', 'courier-bot']);
  });

  it('answers the UK line in British English with Amy and the en_GB bot', async () => {
    const flowInterpreter = interpreter();
    const { contact } = await call(flowInterpreter, UK_LINE, '+447911123456');
    expect(contact).toMatchObject({ languageCode: 'en-GB', voice: { id: 'Amy' }, bot: { localeId: 'en_GB' } });
    expect(text(await flowInterpreter.say(contact, 'I want to book a courier'))).toMatch(/Which city or town/);
  });

  it('transfers to the queue when the caller asks for a person', async () => {
    const flowInterpreter = interpreter();
    const { contact } = await call(flowInterpreter);
    const prompts = await flowInterpreter.say(contact, 'I want to speak to a real person');
    expect(text(prompts)).toMatch(/put you through/);
    expect(contact).toMatchObject({ state: 'TRANSFERRED', queue: QUEUE_ARN, lex: { intentName: 'SpeakToAgent', dialogAction: 'Close' } });
    await expect(flowInterpreter.say(contact, 'hello?')).rejects.toThrow(/transferred/);
  });

  it('says all agents are busy and disconnects when the queue is full', async () => {
    const flowInterpreter = interpreter({ queueAccepts: false });
    const { contact } = await call(flowInterpreter);
    expect(text(await flowInterpreter.say(contact, 'agent please'))).toMatch(/all of our team are busy/);
    expect(contact.state).toBe('DISCONNECTED');
  });

  it('disconnects after goodbye, and after silence with a word of explanation', async () => {
    const flowInterpreter = interpreter();
    const first = await call(flowInterpreter);
    expect(text(await flowInterpreter.say(first.contact, 'goodbye'))).toMatch(/Goodbye/);
    expect(first.contact.state).toBe('DISCONNECTED');
    const second = await call(flowInterpreter);
    expect(text(await flowInterpreter.silence(second.contact))).toMatch(/didn't hear anything/);
    expect(second.contact.state).toBe('DISCONNECTED');
  });

  it('gives the bot the caller number and transfers when the code hook hands over', async () => {
    const events: LexCodeHookEvent[] = [];
    const flowInterpreter = interpreter({
      invokeCodeHook: async (event) => {
        events.push(event);
        return {
          sessionState: { sessionAttributes: { ...event.sessionState.sessionAttributes, handover: 'agent' }, dialogAction: { type: 'Close' }, intent: { ...event.sessionState.intent, state: 'Failed' } },
          messages: [{ contentType: 'PlainText', content: 'Let me find someone who can help.' }],
        };
      },
    });
    const { contact } = await call(flowInterpreter, US_LINE, '+12065550177');
    expect(text(await flowInterpreter.say(contact, 'where is my parcel'))).toMatch(/find someone/);
    expect(events[0].sessionState.sessionAttributes).toMatchObject({ callerNumber: '+12065550177', contactId: contact.contactId });
    expect(contact.state).toBe('TRANSFERRED');
    expect(contact.path.slice(-3)).toEqual(['check-handover', 'set-agent-queue', 'transfer-to-agent']);
  });

  it('puts the caller through to a person when the bot fails', async () => {
    const flowInterpreter = interpreter({
      invokeCodeHook: async () => {
        throw new Error('Lambda crashed');
      },
    });
    const { contact } = await call(flowInterpreter);
    expect(text(await flowInterpreter.say(contact, 'where is my parcel'))).toMatch(/trouble on our side/);
    expect(contact.state).toBe('TRANSFERRED');
  });
});
