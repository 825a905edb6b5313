// The local call API over HTTP (the admin app's call simulator and `npm run call` use it): placing
// a call, talking, reading the call back, hanging up, and the errors a client can cause. Audio is
// checked against espeak-ng when the machine has it.
import { COURIER_BOT } from '../../../voice/bot-definition';
import { contactFlowContent } from '../../../voice/contact-flow';
import { LocalLexRuntime } from '../../../local/lex';
import { startCallServer, type CallServer } from '../../../local/connect/call-server';
import { espeakNg, NO_SPEECH } from '../../../local/connect/speech-audio';

const speech = espeakNg();
let server: CallServer;
let silentServer: CallServer;

beforeAll(async () => {
  const lex = new LocalLexRuntime({ bots: [{ botId: 'COURIERBOT', definition: COURIER_BOT, aliases: [{ botAliasId: 'LIVEALIAS0', botAliasName: 'live' }] }], random: () => 0 });
  const flow = JSON.parse(
    contactFlowContent({ CourierBotAliasArn: 'arn:aws:lex:us-east-1:000000000000:bot-alias/COURIERBOT/LIVEALIAS0', AgentQueueArn: 'arn:aws:connect:us-east-1:000000000000:instance/i/queue/q' }),
  );
  [server, silentServer] = await Promise.all([
    startCallServer({ flow, lex, speech, host: '127.0.0.1', port: 0 }),
    startCallServer({ flow, lex, speech: NO_SPEECH, host: '127.0.0.1', port: 0 }),
  ]);
});

afterAll(async () => {
  await server?.close();
  await silentServer?.close();
});

async function request(base: CallServer, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${base.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, json: type.includes('json') ? await response.json() : await response.arrayBuffer(), headers: response.headers };
}

describe('call API', () => {
  it('places a call and returns the first prompts as text and SSML-free speech, with timing', async () => {
    const placed = await request(silentServer, 'POST', '/calls', { from: '+12065550123' });
    expect(placed.status).toBe(201);
    expect(placed.json).toMatchObject({ state: 'WITH_BOT', ended: false, lex: null, handover: null });
    expect(placed.json.prompts.map((prompt: { text: string; source: string }) => [prompt.source, prompt.text.slice(0, 24)])).toEqual([
      ['flow', 'Thank you for calling Co'],
      ['flow', 'How can I help you today'],
    ]);
    expect(placed.json.prompts[0].audioUrl).toBeUndefined();
    expect(typeof placed.json.turnMs).toBe('number');
    expect(placed.headers.get('access-control-allow-origin')).toBe('*');

    const turn = await request(silentServer, 'POST', `/calls/${placed.json.callId}/say`, { text: 'where is my parcel' });
    expect(turn.status).toBe(200);
    expect(turn.json).toMatchObject({ state: 'WITH_BOT', lex: { intentName: 'TrackDelivery', dialogAction: 'ElicitSlot' } });
    expect(turn.json.prompts[0]).toMatchObject({ source: 'bot', text: 'What is your booking reference? It starts with C B.', voice: { id: 'Joanna', languageCode: 'en-US' } });

    const record = await request(silentServer, 'GET', `/calls/${placed.json.callId}`);
    expect(record.json.transcript.map((entry: { speaker: string }) => entry.speaker)).toEqual(['flow', 'flow', 'caller', 'bot']);
    expect(record.json.flowPath).toEqual(['choose-line', 'voice-us', 'language-us', 'greeting', 'courier-bot']);
  });

  it('ends a call on hang-up and refuses to talk on an ended call', async () => {
    const placed = await request(silentServer, 'POST', '/calls', {});
    const hungUp = await request(silentServer, 'DELETE', `/calls/${placed.json.callId}`);
    expect(hungUp.json).toMatchObject({ state: 'DISCONNECTED', ended: true, endedAt: expect.any(String) });
    const late = await request(silentServer, 'POST', `/calls/${placed.json.callId}/say`, { text: 'hello' });
    expect(late.status).toBe(409);
    expect(late.json.message).toMatch(/ended/);
  });

  it('answers bad requests with a status and a message, never a stack trace', async () => {
    expect((await request(silentServer, 'GET', '/calls/no-such-call')).status).toBe(404);
    expect((await request(silentServer, 'POST', '/nowhere', {})).status).toBe(404);
    expect((await request(silentServer, 'POST', '/calls', '{not json')).status).toBe(400);
    const placed = await request(silentServer, 'POST', '/calls', {});
    const empty = await request(silentServer, 'POST', `/calls/${placed.json.callId}/say`, { text: '' });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toMatch(/text/);
    const noAudio = await request(silentServer, 'GET', `/calls/${placed.json.callId}/prompts/0/audio`);
    expect(noAudio.status).toBe(404);
    expect(noAudio.json.message).toMatch(/espeak-ng/);
  });

  it('says what it can do', async () => {
    const capabilities = await request(server, 'GET', '/calls/capabilities');
    expect(capabilities.json).toMatchObject({ audio: speech.available, lines: { US: '+12065550100', UK: '+442079460100' } });
  });

  (speech.available ? it : it.skip)('speaks every prompt as WAV audio with espeak-ng', async () => {
    const placed = await request(server, 'POST', '/calls', {});
    const audioUrl = placed.json.prompts[1].audioUrl as string;
    expect(audioUrl).toBe(`/calls/${placed.json.callId}/prompts/1/audio`);
    const audio = await request(server, 'GET', audioUrl);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(audio.json as ArrayBuffer).subarray(0, 4).toString('ascii')).toBe('RIFF');
  });
});
