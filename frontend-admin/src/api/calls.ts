// The local cloud's call API (docs/voice.md), for the call simulator: plain JSON over fetch to
// `api.callsUrl` from config.json. It is a local developer tool like the control endpoint: no
// sign-in (it listens on the developer's machine only, CORS open) and no counterpart on AWS,
// where callers ring the Amazon Connect number.
import { config } from '../config';
import { track } from '../stores/busy';

export type CallState = 'IN_FLOW' | 'WITH_BOT' | 'TRANSFERRED' | 'DISCONNECTED';

export interface CallCapabilities {
  /** espeak-ng is installed where the local cloud runs: prompts have WAV audio. */
  audio: boolean;
  speechEngine: string | null;
  lines: { US: string; UK: string };
  defaultCaller: string;
  locales: Record<string, string>;
}

export interface PromptVoice {
  id: string;
  engine: string;
  languageCode: string;
}

export interface CallPrompt {
  index: number;
  text: string;
  ssml?: string;
  source: 'flow' | 'bot';
  voice: PromptVoice;
  /** Relative to the call API's origin ("/calls/…/prompts/3/audio"); absent without audio. */
  audioUrl?: string;
}

export interface LexState {
  intentName?: string;
  dialogAction?: string;
  intentState?: string;
  slots: Record<string, string | null | undefined>;
  sessionAttributes: Record<string, string>;
}

export interface Handover {
  queue: string | null;
  reason: string;
}

export interface CallTurn {
  callId: string;
  state: CallState;
  ended: boolean;
  prompts: CallPrompt[];
  lex: LexState | null;
  handover: Handover | null;
  queue: string | null;
  /** Server-side time of the turn: flow + Lex + code hook + data. */
  turnMs: number;
}

export class CallApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'CallApiError';
  }
}

/** The call API's base URL ("http://127.0.0.1:8706/calls"), or null where there is none (AWS stages). */
export function callsUrl(): string | null {
  const url = config().api.callsUrl;
  return typeof url === 'string' && url !== '' ? url.replace(/\/+$/, '') : null;
}

/** A URL the call API answered with (e.g. a prompt's audio path), made absolute against its origin. */
export function callApiUrl(path: string): string {
  return new URL(path, callsUrl() ?? window.location.href).toString();
}

async function request<T>(method: string, path: string, body?: unknown, label = 'Talking to the call API…'): Promise<T> {
  const base = callsUrl();
  if (!base) throw new CallApiError('This stage has no call API (config.json names no api.callsUrl).', 0);
  let response: Response;
  try {
    response = await track(
      fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      label,
    );
  } catch {
    throw new CallApiError(`The call API at ${base} does not answer. Is the local cloud running (npm start)?`, 0);
  }
  const payload = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new CallApiError(payload.message ?? `The call API answered HTTP ${response.status}.`, response.status);
  return payload;
}

export const callCapabilities = () => request<CallCapabilities>('GET', '/capabilities', undefined, 'Checking the call API…');
export const placeCall = (options: { from?: string; to?: string; queueAccepts?: boolean }) => request<CallTurn>('POST', '', options, 'Ringing the courier line…');
export const sayToCall = (callId: string, text: string) => request<CallTurn>('POST', `/${encodeURIComponent(callId)}/say`, { text }, 'The bot is listening…');
export const silenceOnCall = (callId: string) => request<CallTurn>('POST', `/${encodeURIComponent(callId)}/silence`, undefined, 'Saying nothing…');
export const hangUpCall = (callId: string) => request<unknown>('DELETE', `/${encodeURIComponent(callId)}`, undefined, 'Hanging up…');

/** Hangs up without waiting, also while the page unloads (keepalive). */
export function hangUpQuietly(callId: string): void {
  const base = callsUrl();
  if (!base) return;
  void fetch(`${base}/${encodeURIComponent(callId)}`, { method: 'DELETE', keepalive: true }).catch(() => undefined);
}

/** References the bot spelled out in SSML (`<say-as interpret-as="characters">CB7K2M9Q</say-as>`). */
export function spelledReferences(ssml: string | undefined): { kind: 'booking' | 'feedback'; reference: string }[] {
  const found = new Map<string, 'booking' | 'feedback'>();
  for (const match of (ssml ?? '').matchAll(/<say-as interpret-as="characters">((?:CB|FB)[A-Z0-9]{6})<\/say-as>/g)) {
    found.set(match[1], match[1].startsWith('CB') ? 'booking' : 'feedback');
  }
  return [...found].map(([reference, kind]) => ({ kind, reference }));
}

/** Why the flow handed the caller to a person, for people (the code hook's handoverReason values, docs/voice.md). */
export const HANDOVER_REASONS: Record<string, string> = {
  'repeated-misunderstanding': 'The bot misunderstood the caller twice in a row.',
  'reference-not-found': 'The reference was not found and the caller accepted customer service.',
  'address-not-found': 'An address could not be found after three tries.',
  'caller-id-withheld': 'A booking needs a number to text the reference to, and the caller’s number is withheld.',
  'system-error': 'Something unexpected went wrong; the caller heard an apology.',
  'caller-asked': 'The caller asked to speak to a person.',
  flow: 'The contact flow sent the call to the queue.',
};

export const DIALOG_ACTIONS: Record<string, string> = {
  ElicitIntent: 'waiting to hear what the caller wants',
  ElicitSlot: 'asking for a detail (slot)',
  ConfirmIntent: 'asking the caller to confirm',
  Delegate: 'letting Lex choose the next step',
  Close: 'done with this conversation',
};

export const CALL_STATES: Record<CallState, string> = {
  IN_FLOW: 'In the contact flow',
  WITH_BOT: 'Talking to the bot',
  TRANSFERRED: 'Transferred to an agent',
  DISCONNECTED: 'Call ended',
};
