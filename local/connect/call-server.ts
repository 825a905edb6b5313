// The local call API: place a call to the courier line, speak to it as text, hear (read) what it
// says. Each call runs voice/contact-flow.json in the flow interpreter against the in-process Lex
// runtime, whose code hook is the deployed Lambda handler — so a local call exercises the same
// flow, bot and hooks a real call on Amazon Connect does. The admin app's call simulator and
// `npm run call` are clients of this API; it is documented in README.md ("Calling the bot").
//
//   GET    /calls/capabilities             audio available?, phone lines, locales
//   POST   /calls                          { from?, to?, queueAccepts? } → 201 the call and its first prompts
//   POST   /calls/{id}/say                 { text } → the bot's answer (prompts), state, Lex state, turnMs
//   POST   /calls/{id}/silence             the caller says nothing (the flow's timeout branch)
//   DELETE /calls/{id}                     hang up
//   GET    /calls/{id}                     the whole call: state, transcript, Lex state, handover
//   GET    /calls                          recent calls
//   GET    /calls/{id}/prompts/{n}/audio   prompt n as WAV (espeak-ng), 404 when audio is unavailable
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContactFlowError, type ContactFlowDocument } from './flow-language';
import { ContactFlowInterpreter, type ContactSession, type LexConversationPort, type Prompt } from './interpreter';
import type { SpeechSynthesizer } from './speech-audio';

/** The numbers the local line answers on: the US line gets en_US and Joanna, the UK line en_GB and Amy. */
export const LOCAL_LINES = { US: '+12065550100', UK: '+442079460100' } as const;
/** The caller's number when a call does not say (a Seattle mobile). */
export const DEFAULT_CALLER = '+12065550123';

const MAX_CALLS = 500;
const IDLE_CALL_MS = 30 * 60_000;
const MAX_BODY_BYTES = 16 * 1024;

export interface TranscriptEntry {
  speaker: 'caller' | 'bot' | 'flow';
  text: string;
  ssml?: string;
  /** Index of the prompt (for its audio); callers' lines have none. */
  prompt?: number;
  at: string;
}

interface CallRecord {
  callId: string;
  contact: ContactSession;
  startedAt: string;
  endedAt?: string;
  lastActiveMs: number;
  prompts: Prompt[];
  transcript: TranscriptEntry[];
  audio: Map<number, Promise<Buffer>>;
  queueAccepts: boolean;
  /** Turns of one call run one at a time. */
  tail: Promise<unknown>;
}

export interface CallServerOptions {
  flow: ContactFlowDocument;
  lex: LexConversationPort;
  speech: SpeechSynthesizer;
  host: string;
  port: number;
  log?: (line: string) => void;
}

export interface CallServer {
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startCallServer(options: CallServerOptions): Promise<CallServer> {
  const calls = new Map<string, CallRecord>();
  const interpreter = new ContactFlowInterpreter(options.flow, { lex: options.lex, queueAccepts: (contact) => calls.get(contact.contactId)?.queueAccepts ?? true, log: options.log });

  const ended = (call: CallRecord) => call.contact.state === 'TRANSFERRED' || call.contact.state === 'DISCONNECTED';

  function record(call: CallRecord, prompts: Prompt[]): { index: number; prompt: Prompt }[] {
    const added = prompts.map((prompt) => {
      call.prompts.push(prompt);
      const index = call.prompts.length - 1;
      call.transcript.push({ speaker: prompt.source, text: prompt.text, ...(prompt.ssml ? { ssml: prompt.ssml } : {}), prompt: index, at: new Date().toISOString() });
      return { index, prompt };
    });
    if (ended(call) && !call.endedAt) call.endedAt = new Date().toISOString();
    call.lastActiveMs = Date.now();
    return added;
  }

  const audioUrl = (call: CallRecord, index: number) => (options.speech.available ? `/calls/${call.callId}/prompts/${index}/audio` : undefined);

  function turnView(call: CallRecord, added: { index: number; prompt: Prompt }[], turnMs: number) {
    return {
      callId: call.callId,
      state: call.contact.state,
      ended: ended(call),
      prompts: added.map(({ index, prompt }) => ({ index, ...prompt, ...(audioUrl(call, index) ? { audioUrl: audioUrl(call, index) } : {}) })),
      lex: call.contact.lex ?? null,
      handover: handoverOf(call),
      queue: call.contact.queue ?? null,
      turnMs: Math.round(turnMs * 100) / 100,
    };
  }

  function handoverOf(call: CallRecord) {
    const attributes = call.contact.lex?.sessionAttributes ?? {};
    if (call.contact.state !== 'TRANSFERRED') return null;
    return { queue: call.contact.queue ?? null, reason: attributes.handoverReason ?? (call.contact.lex?.intentName === 'SpeakToAgent' ? 'caller-asked' : 'flow') };
  }

  function callView(call: CallRecord) {
    return {
      callId: call.callId,
      contactId: call.contact.contactId,
      state: call.contact.state,
      ended: ended(call),
      from: call.contact.from,
      to: call.contact.to,
      languageCode: call.contact.languageCode,
      voice: call.contact.voice,
      startedAt: call.startedAt,
      endedAt: call.endedAt ?? null,
      queue: call.contact.queue ?? null,
      handover: handoverOf(call),
      lex: call.contact.lex ?? null,
      flowPath: call.contact.path,
      transcript: call.transcript.map((entry) => ({ ...entry, ...(entry.prompt !== undefined && audioUrl(call, entry.prompt) ? { audioUrl: audioUrl(call, entry.prompt) } : {}) })),
    };
  }

  function find(callId: string): CallRecord {
    const call = calls.get(callId);
    if (!call) throw new HttpError(404, `No call ${callId}`);
    return call;
  }

  function serialized<T>(call: CallRecord, work: () => Promise<T>): Promise<T> {
    const next = call.tail.then(work, work);
    call.tail = next.catch(() => undefined);
    return next;
  }

  function forgetOldCalls(): void {
    const now = Date.now();
    for (const [id, call] of calls) if (now - call.lastActiveMs > IDLE_CALL_MS) calls.delete(id);
    while (calls.size >= MAX_CALLS) calls.delete(calls.keys().next().value!);
  }

  async function placeCall(body: Record<string, unknown>) {
    forgetOldCalls();
    const from = typeof body.from === 'string' ? body.from : DEFAULT_CALLER;
    const to = typeof body.to === 'string' ? body.to : LOCAL_LINES.US;
    if (from.length > 32 || to.length > 32) throw new HttpError(400, 'from and to are phone numbers');
    const callId = randomUUID();
    // Connect contact ids are UUIDs; the Lex session id is the contact id, as in Connect.
    const contact = interpreter.newContact(callId, { from, to });
    const call: CallRecord = {
      callId,
      contact,
      startedAt: new Date().toISOString(),
      lastActiveMs: Date.now(),
      prompts: [],
      transcript: [],
      audio: new Map(),
      queueAccepts: body.queueAccepts !== false,
      tail: Promise.resolve(),
    };
    calls.set(callId, call);
    return serialized(call, async () => {
      const started = performance.now();
      const prompts = await interpreter.start(contact);
      return turnView(call, record(call, prompts), performance.now() - started);
    });
  }

  async function say(call: CallRecord, text: unknown) {
    if (typeof text !== 'string' || text.trim() === '' || text.length > 1024) throw new HttpError(400, 'say needs { "text": "what the caller says" } (1 to 1024 characters)');
    return serialized(call, async () => {
      if (ended(call)) throw new HttpError(409, `The call has ended (${call.contact.state.toLowerCase()})`);
      call.transcript.push({ speaker: 'caller', text, at: new Date().toISOString() });
      const started = performance.now();
      const prompts = await interpreter.say(call.contact, text.trim());
      return turnView(call, record(call, prompts), performance.now() - started);
    });
  }

  async function silence(call: CallRecord) {
    return serialized(call, async () => {
      if (ended(call)) throw new HttpError(409, `The call has ended (${call.contact.state.toLowerCase()})`);
      const started = performance.now();
      const prompts = await interpreter.silence(call.contact);
      return turnView(call, record(call, prompts), performance.now() - started);
    });
  }

  async function audio(call: CallRecord, index: number): Promise<Buffer> {
    if (!options.speech.available) throw new HttpError(404, 'Audio is not available: install espeak-ng (apt-get install -y espeak-ng) and restart');
    const prompt = call.prompts[index];
    if (!prompt) throw new HttpError(404, `Call ${call.callId} has no prompt ${index}`);
    let wav = call.audio.get(index);
    if (!wav) {
      wav = options.speech.synthesize(prompt, { id: prompt.voice.id, languageCode: prompt.voice.languageCode });
      call.audio.set(index, wav);
      wav.catch(() => call.audio.delete(index));
    }
    return wav;
  }

  async function route(request: http.IncomingMessage, body: Record<string, unknown>): Promise<{ status: number; body: unknown } | { status: number; wav: Buffer }> {
    const url = new URL(request.url ?? '/', 'http://local');
    const parts = url.pathname.split('/').filter(Boolean);
    const method = request.method ?? 'GET';
    if (parts[0] !== 'calls') throw new HttpError(404, 'The call API lives under /calls');
    if (parts.length === 2 && parts[1] === 'capabilities' && method === 'GET') {
      return { status: 200, body: { audio: options.speech.available, speechEngine: options.speech.engine, lines: LOCAL_LINES, defaultCaller: DEFAULT_CALLER, locales: { [LOCAL_LINES.US]: 'en_US', [LOCAL_LINES.UK]: 'en_GB' } } };
    }
    if (parts.length === 1 && method === 'POST') return { status: 201, body: await placeCall(body) };
    if (parts.length === 1 && method === 'GET') {
      return { status: 200, body: { calls: [...calls.values()].reverse().map((call) => ({ callId: call.callId, state: call.contact.state, from: call.contact.from, startedAt: call.startedAt, endedAt: call.endedAt ?? null })) } };
    }
    const call = find(decodeURIComponent(parts[1] ?? ''));
    if (parts.length === 2 && method === 'GET') return { status: 200, body: callView(call) };
    if (parts.length === 2 && method === 'DELETE') {
      interpreter.hangUp(call.contact);
      call.endedAt ??= new Date().toISOString();
      return { status: 200, body: callView(call) };
    }
    if (parts.length === 3 && parts[2] === 'say' && method === 'POST') return { status: 200, body: await say(call, body.text) };
    if (parts.length === 3 && parts[2] === 'silence' && method === 'POST') return { status: 200, body: await silence(call) };
    if (parts.length === 5 && parts[2] === 'prompts' && parts[4] === 'audio' && method === 'GET') return { status: 200, wav: await audio(call, Number(parts[3])) };
    throw new HttpError(404, `No operation ${method} ${url.pathname}`);
  }

  const server = http.createServer((request, response) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS', 'access-control-allow-headers': 'content-type' };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const started = performance.now();
      const send = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        response.writeHead(status, { ...cors, 'content-type': 'application/json', 'server-timing': `turn;dur=${(performance.now() - started).toFixed(2)}` });
        response.end(text);
      };
      let body: Record<string, unknown> = {};
      try {
        if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
        const raw = Buffer.concat(chunks).toString('utf8');
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'The body must be a JSON object');
      } catch (error) {
        send(error instanceof HttpError ? error.status : 400, { message: error instanceof HttpError ? error.message : 'The body is not valid JSON' });
        return;
      }
      route(request, body).then(
        (result) => {
          if ('wav' in result) {
            response.writeHead(200, { ...cors, 'content-type': 'audio/wav', 'content-length': result.wav.length, 'cache-control': 'private, max-age=3600' });
            response.end(result.wav);
          } else send(result.status, result.body);
        },
        (error: unknown) => {
          if (error instanceof HttpError) return send(error.status, { message: error.message });
          if (error instanceof ContactFlowError) return send(409, { message: error.message });
          options.log?.(`connect: ${(error as Error)?.stack ?? String(error)}`);
          send(500, { message: 'The call could not continue because of an error in the local cloud; see its log.' });
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  options.log?.(`connect: call API on ${url}/calls`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
