// One Lex V2 code hook invocation as the intent handlers see it: the slots and session
// attributes to read and change, and the five answers a code hook can give (ElicitSlot,
// ConfirmIntent, Delegate, Close, ElicitIntent), each carrying the changed intent and attributes
// back to Lex in the response shape it expects (lambda-response-format.html).
import { COURIER_BOT, findIntent, findLocale, slotElicitationStyle, type LocaleDefinition } from '../../../voice/bot-definition';
import type { LexCodeHookEvent, LexCodeHookResponse, LexIntent, LexMessage, LexSlot, LexSlotValue } from '../../../voice/lex-types';
import type { Utterance } from '../../domain/voice/speech';
import { HANDOVER, SESSION } from './session-attributes';

export function toLexMessage(utterance: Utterance | string): LexMessage {
  if (typeof utterance === 'string') return { contentType: 'PlainText', content: utterance };
  return 'ssml' in utterance ? { contentType: 'SSML', content: utterance.ssml } : { contentType: 'PlainText', content: utterance.text };
}

export type Reply = Utterance | string;

export class Conversation {
  readonly intent: LexIntent;
  readonly attributes: Record<string, string>;
  readonly locale: LocaleDefinition;

  constructor(readonly event: LexCodeHookEvent) {
    this.intent = structuredClone(event.sessionState.intent);
    this.intent.slots ??= {};
    this.attributes = { ...(event.sessionState.sessionAttributes ?? {}) };
    const locale = findLocale(COURIER_BOT, event.bot.localeId);
    if (!locale) throw new Error(`the courier bot has no locale ${event.bot.localeId}`);
    this.locale = locale;
  }

  get localeId(): string {
    return this.event.bot.localeId;
  }

  get sessionId(): string {
    return this.event.sessionId;
  }

  /** What the caller said this turn. */
  get transcript(): string {
    return this.event.inputTranscript ?? '';
  }

  get confirmationState(): 'Confirmed' | 'Denied' | 'None' {
    return this.intent.confirmationState ?? 'None';
  }

  get isFulfillment(): boolean {
    return this.event.invocationSource === 'FulfillmentCodeHook';
  }

  // ----- slots --------------------------------------------------------------------------------

  slotValue(name: string): LexSlotValue | undefined {
    return this.intent.slots?.[name]?.value ?? undefined;
  }

  /** The resolved value (interpretedValue); undefined when empty or ambiguous. */
  value(name: string): string | undefined {
    return this.slotValue(name)?.interpretedValue ?? undefined;
  }

  /** What the caller said for the slot. */
  original(name: string): string | undefined {
    return this.slotValue(name)?.originalValue;
  }

  /** A List-shaped slot's values, or the single value of a scalar one. */
  values(name: string): string[] {
    const slot = this.intent.slots?.[name];
    if (!slot) return [];
    if (slot.values?.length) return slot.values.map((entry) => entry.value?.interpretedValue).filter((value): value is string => Boolean(value));
    const single = slot.value?.interpretedValue;
    return single ? [single] : [];
  }

  filled(name: string): boolean {
    return Boolean(this.intent.slots?.[name]?.value || this.intent.slots?.[name]?.values?.length);
  }

  clear(...names: string[]): this {
    for (const name of names) this.intent.slots![name] = null;
    return this;
  }

  set(name: string, interpretedValue: string, originalValue = interpretedValue): this {
    const slot: LexSlot = { shape: 'Scalar', value: { originalValue, interpretedValue, resolvedValues: [interpretedValue] } };
    this.intent.slots![name] = slot;
    return this;
  }

  // ----- session attributes ---------------------------------------------------------------------

  attr(name: string): string | undefined {
    return this.attributes[name];
  }

  setAttr(name: string, value: string | number | undefined): this {
    if (value === undefined) delete this.attributes[name];
    else this.attributes[name] = String(value);
    return this;
  }

  json<T>(name: string): T | undefined {
    const raw = this.attributes[name];
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return undefined;
    }
  }

  setJson(name: string, value: unknown): this {
    return this.setAttr(name, value === undefined ? undefined : JSON.stringify(value));
  }

  count(name: string): number {
    const parsed = Number(this.attributes[name] ?? '0');
    return Number.isFinite(parsed) ? parsed : 0;
  }

  increment(name: string): number {
    const next = this.count(name) + 1;
    this.setAttr(name, next);
    return next;
  }

  /** Forgets every attribute of one intent's dialog (names starting with `prefix`). */
  clearScope(prefix: string): this {
    for (const name of Object.keys(this.attributes)) if (name.startsWith(prefix)) delete this.attributes[name];
    return this;
  }

  // ----- answers --------------------------------------------------------------------------------

  /** `intent` null leaves the intent out (ElicitIntent: the caller is choosing a new one). */
  private response(dialogAction: LexCodeHookResponse['sessionState']['dialogAction'], messages: Reply[], intent: LexIntent | null = this.intent): LexCodeHookResponse {
    return {
      sessionState: { sessionAttributes: { ...this.attributes }, dialogAction, ...(intent ? { intent } : {}) },
      ...(messages.length ? { messages: messages.map(toLexMessage) } : {}),
    };
  }

  /** Asks for `slot`, with our words or (none given) the slot's own prompt; spelled slots say so. */
  elicitSlot(slot: string, ...messages: Reply[]): LexCodeHookResponse {
    this.intent.state = 'InProgress';
    const style = slotElicitationStyle(this.locale, this.intent.name, slot);
    return this.response({ type: 'ElicitSlot', slotToElicit: slot, ...(style !== 'Default' ? { slotElicitationStyle: style } : {}) }, messages);
  }

  confirm(...messages: Reply[]): LexCodeHookResponse {
    this.intent.state = 'InProgress';
    return this.response({ type: 'ConfirmIntent' }, messages);
  }

  /**
   * Lets Lex take the next step. When that step asks for a slot callers spell (a booking
   * reference), asks for it here instead: only a code hook can tell Lex to listen letter by letter.
   */
  proceed(): LexCodeHookResponse {
    const definition = findIntent(this.locale, this.intent.name);
    const next = definition?.slots.find((slot) => slot.required && !this.filled(slot.name));
    if (next && slotElicitationStyle(this.locale, this.intent.name, next.name) !== 'Default') return this.elicitSlot(next.name);
    this.intent.state = this.isFulfillment ? this.intent.state : 'InProgress';
    return this.response({ type: 'Delegate' }, []);
  }

  /** Ends the intent. Fulfilled: Lex then plays the intent's closing ("anything else?"). */
  close(state: 'Fulfilled' | 'Failed', ...messages: Reply[]): LexCodeHookResponse {
    this.intent.state = state;
    return this.response({ type: 'Close' }, messages);
  }

  /** Back to "what would you like to do?", with our own words (Lex requires some). */
  elicitIntent(...messages: Reply[]): LexCodeHookResponse {
    return this.response({ type: 'ElicitIntent' }, messages, null);
  }

  /** Hands the caller to a person: the contact flow transfers when it sees the attribute (voice/contact-flow.json). */
  handover(reason: string, ...messages: Reply[]): LexCodeHookResponse {
    this.setAttr(SESSION.handover, HANDOVER.toAgent).setAttr(SESSION.handoverReason, reason);
    return this.close('Failed', ...messages);
  }

  /** Continues as another intent (e.g. feedback on an undelivered parcel becomes tracking). */
  switchTo(intentName: string, slots: Record<string, string>): this {
    const definition = findIntent(this.locale, intentName);
    if (!definition) throw new Error(`no intent ${intentName} in ${this.localeId}`);
    this.intent.name = intentName;
    this.intent.slots = Object.fromEntries(definition.slots.map((slot) => [slot.name, null]));
    this.intent.confirmationState = 'None';
    for (const [name, value] of Object.entries(slots)) this.set(name, value);
    return this;
  }
}
