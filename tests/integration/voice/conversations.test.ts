// Scripted phone calls (conversations/*.json) against the local cloud: each is placed through the
// call API, so every turn runs the contact flow (voice/contact-flow.json) → the Lex runtime (NLU,
// slot resolution, dialog management from voice/bot-definition.ts) → the voiceCodeHook Lambda →
// DynamoDB Local and the booking saga on Step Functions. Each file says what the caller says, what
// the bot must (and must not) answer, how the call ends, and what must — or must not — be stored.
//
// A conversation file:
//   name, covers (acceptance criteria), call { from?, line? "US"|"UK", withheld?, queueAccepts? },
//   fixture? { status, window, handling? }  a delivery the caller asks about, made before the call,
//   capacity? [{ window, capacity }]          pickup windows opened or closed before the call,
//   turns [{ say | silence, expect?, notExpect?, intent?, dialogAction?, state? }],
//   end? "WITH_BOT" | "TRANSFERRED" | "DISCONNECTED", handoverReason?,
//   stored? { bookings?, booking?, feedbackCount?, feedback?, outbox?, noOutbox? }
// Placeholders in `say` and expectations: {{date:N}} / {{time:N}} (the day and start time of
// bookableWindow(N) as a caller says them), {{window:N}} (its id), {{days:N}} (a date N days from
// today), {{ref}} (the fixture's reference, spelled), {{REF}} (unspelled), {{booked}} (the
// reference booked earlier in this call, spelled), {{caller}} (the caller's number).
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { DEFAULT_BUSINESS_RULES } from '../../../functions/domain/business-rules';
import { bookableWindow, localCloud, scanTable } from '../../support/local-cloud';
import { arrangeBooking, placeCall, referencesSpoken, say, setWindowCapacity, spelled, stayQuiet, type FixtureStatus, type PromptView, type TurnView } from '../../support/voice-calls';

interface Turn {
  say?: string;
  silence?: boolean;
  expect?: string | string[];
  notExpect?: string | string[];
  intent?: string;
  dialogAction?: string;
  state?: TurnView['state'];
}

interface Conversation {
  name: string;
  covers: string[];
  call?: { from?: string; line?: 'US' | 'UK'; withheld?: boolean; queueAccepts?: boolean };
  fixture?: { status: FixtureStatus; window: number; handling?: string[] };
  capacity?: { window: number; capacity: number }[];
  turns: Turn[];
  end?: TurnView['state'];
  handoverReason?: string;
  stored?: {
    /** VOICE bookings made by this caller during the call. */
    bookings?: number;
    /** Fields of the (last) booking the bot read out, by dotted path. */
    booking?: Record<string, unknown>;
    feedbackCount?: number;
    /** Fields of the (last) feedback the bot read out. */
    feedback?: Record<string, unknown>;
    /** Messages that must be in the outbox for the booking the call was about. */
    outbox?: { template: string; channel?: string }[];
    noOutbox?: string[];
  };
}

const DIRECTORY = path.join(__dirname, 'conversations');
const FILES = fs
  .readdirSync(DIRECTORY)
  .filter((file) => file.endsWith('.json'))
  .sort();
const LINES = { US: '+12065550100', UK: '+442079460100' } as const;

const window = (offset: number) => {
  const id = bookableWindow(offset);
  return { id, date: id.slice(0, 10), start: id.slice(11) };
};
const spokenDay = (date: string) => DateTime.fromISO(date).toFormat('LLLL d');
const spokenTime = (hhmm: string) => {
  const hour = Number(hhmm.slice(0, 2));
  return `${hour % 12 === 0 ? 12 : hour % 12} ${hour < 12 ? 'am' : 'pm'}`;
};

function fill(text: string, context: { ref?: string; booked?: string; caller: string }): string {
  return text
    .replace(/\{\{date:(\d+)\}\}/g, (_, offset) => spokenDay(window(Number(offset)).date))
    .replace(/\{\{time:(\d+)\}\}/g, (_, offset) => spokenTime(window(Number(offset)).start))
    .replace(/\{\{window:(\d+)\}\}/g, (_, offset) => window(Number(offset)).id)
    .replace(/\{\{days:(\d+)\}\}/g, (_, days) => spokenDay(DateTime.now().setZone(DEFAULT_BUSINESS_RULES.serviceTimeZone).plus({ days: Number(days) }).toISODate()!))
    .replace(/\{\{ref\}\}/g, () => spelled(required(context.ref, 'fixture reference')))
    .replace(/\{\{REF\}\}/g, () => required(context.ref, 'fixture reference'))
    .replace(/\{\{booked\}\}/g, () => spelled(required(context.booked, 'a reference booked earlier in the call')))
    .replace(/\{\{caller\}\}/g, () => context.caller);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the conversation uses ${what}, but there is none`);
  return value;
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function at(object: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object);
}

function expectFields(actual: Record<string, unknown> | undefined, expected: Record<string, unknown>, context: Parameters<typeof fill>[1], what: string): void {
  if (!actual) throw new Error(`no ${what} was stored`);
  for (const [field, value] of Object.entries(expected)) {
    const wanted = typeof value === 'string' ? fill(value, context) : value;
    const got = at(actual, field);
    if (typeof wanted === 'string' && wanted.startsWith('/') && wanted.endsWith('/')) expect([field, String(got)]).toEqual([field, expect.stringMatching(new RegExp(wanted.slice(1, -1)))]);
    else if (wanted === '*') expect([field, got]).toEqual([field, expect.anything()]);
    else expect([field, got]).toEqual([field, wanted]);
  }
}

let callerNumber = 0;

describe.each(FILES)('conversation %s', (file) => {
  const conversation = JSON.parse(fs.readFileSync(path.join(DIRECTORY, file), 'utf8')) as Conversation;

  test(`${conversation.name} [${conversation.covers.join(', ')}]`, async () => {
    // Each call has its own number, so what it stored can be told apart from every other call's.
    const caller = conversation.call?.withheld ? 'anonymous' : (conversation.call?.from ?? `+1206555${String(2000 + ++callerNumber * 7).slice(-4)}`);
    const context: Parameters<typeof fill>[1] = { caller };
    for (const change of conversation.capacity ?? []) await setWindowCapacity(change.window, change.capacity);
    if (conversation.fixture) {
      context.ref = await arrangeBooking({ ...conversation.fixture, phone: caller.startsWith('+') ? caller : '+12065550111' });
    }

    const transcript: string[] = [];
    const allPrompts: PromptView[] = [];
    const record = (turn: TurnView, said?: string) => {
      if (said !== undefined) transcript.push(`caller: ${said}`);
      for (const prompt of turn.prompts) transcript.push(`${prompt.source}: ${prompt.text}`);
      allPrompts.push(...turn.prompts);
    };
    let turn = await placeCall({ from: caller, to: LINES[conversation.call?.line ?? 'US'], queueAccepts: conversation.call?.queueAccepts ?? true });
    record(turn);

    for (const [index, step] of conversation.turns.entries()) {
      const said = step.say === undefined ? undefined : fill(step.say, context);
      turn = step.silence ? await stayQuiet(turn.callId) : await say(turn.callId, required(said, `turn ${index + 1}'s words`));
      record(turn, step.silence ? '(silence)' : said);
      const booked = referencesSpoken(turn.prompts, 'CB').find((reference) => reference !== context.ref);
      if (booked) context.booked = booked;
      const heard = turn.prompts.map((prompt) => prompt.text).join(' ');
      const where = `turn ${index + 1} ("${said ?? '(silence)'}")\n${transcript.join('\n')}`;
      for (const pattern of list(step.expect)) {
        if (!new RegExp(fill(pattern, context), 'i').test(heard)) throw new Error(`${where}\n\nexpected the bot to say /${fill(pattern, context)}/`);
      }
      for (const pattern of list(step.notExpect)) {
        if (new RegExp(fill(pattern, context), 'i').test(heard)) throw new Error(`${where}\n\nexpected the bot NOT to say /${fill(pattern, context)}/`);
      }
      if (step.intent) expect([where, turn.lex?.intentName]).toEqual([where, step.intent]);
      if (step.dialogAction) expect([where, turn.lex?.dialogAction]).toEqual([where, step.dialogAction]);
      if (step.state) expect([where, turn.state]).toEqual([where, step.state]);
    }

    if (conversation.end) expect([transcript.join('\n'), turn.state]).toEqual([transcript.join('\n'), conversation.end]);
    if (conversation.handoverReason) expect(turn.handover?.reason).toBe(conversation.handoverReason);

    const stored = conversation.stored;
    if (!stored) return;
    if (stored.bookings !== undefined || stored.booking) {
      const bookings = (await scanTable('bookings')).filter((booking) => at(booking, 'customer.phone') === caller && booking.channel === 'VOICE');
      if (stored.bookings !== undefined) expect(bookings).toHaveLength(stored.bookings);
      if (stored.booking) {
        const reference = required(context.booked, 'a booking reference read out by the bot');
        const booking = bookings.find((candidate) => candidate.reference === reference);
        expectFields(booking, stored.booking, context, `booking ${reference}`);
      }
    }
    if (stored.feedbackCount !== undefined || stored.feedback) {
      const spokenFeedback = referencesSpoken(allPrompts, 'FB');
      const feedback = (await scanTable(localCloud().tables.feedback)).filter((item) => spokenFeedback.includes(item.feedbackReference as string));
      if (stored.feedbackCount !== undefined) expect(spokenFeedback).toHaveLength(stored.feedbackCount);
      if (stored.feedbackCount !== undefined) expect(feedback).toHaveLength(stored.feedbackCount);
      if (stored.feedback) expectFields(feedback[feedback.length - 1], stored.feedback, context, 'feedback');
    }
    if (stored.outbox || stored.noOutbox) {
      const about = required(context.ref ?? context.booked, 'a booking the call was about');
      const messages = (await scanTable('outbox')).filter((message) => message.reference === about);
      for (const wanted of stored.outbox ?? []) {
        expect(messages).toEqual(expect.arrayContaining([expect.objectContaining({ template: wanted.template, ...(wanted.channel ? { channel: wanted.channel } : {}) })]));
      }
      for (const template of stored.noOutbox ?? []) expect(messages.filter((message) => message.template === template)).toEqual([]);
    }
  });
});

test('the conversations cover every acceptance criterion of seed 001 R3, R4 and R5', () => {
  const covered = new Set(FILES.flatMap((file) => (JSON.parse(fs.readFileSync(path.join(DIRECTORY, file), 'utf8')) as Conversation).covers));
  const criteria = [
    ...Array.from({ length: 9 }, (_, i) => `R3.${i + 1}`),
    ...Array.from({ length: 8 }, (_, i) => `R4.${i + 1}`),
    ...Array.from({ length: 9 }, (_, i) => `R5.${i + 1}`),
  ];
  expect(criteria.filter((criterion) => !covered.has(criterion))).toEqual([]);
  expect(FILES.length).toBeGreaterThanOrEqual(60);
});
