// One conversation turn, following the bot definition the way Lex V2's default conversation
// flow does:
//  - no intent in progress → classify; below the confidence threshold → FallbackIntent; slot
//    values in the utterance are taken (slot-extraction.ts);
//  - a slot is being elicited → the whole utterance is resolved as that slot's type; if it holds
//    no value, a clearly different intent takes over, else the prompt is repeated (its variation
//    for the retry) and after maxRetries FallbackIntent is invoked. An AMAZON.FreeFormInput slot
//    takes any answer: Lex documents no intent switch and no fallback while one is elicited;
//  - a confirmation is pending → yes confirms, no denies, anything else re-prompts, as above;
//  - then the next step: first empty required slot in priority order → confirmation →
//    fulfillment → closing response and its next step (ElicitIntent or end).
// With the dialog code hook enabled, Lex calls it once per turn with the proposed next step and
// does what it answers (Delegate, ElicitSlot, ConfirmIntent, Close, ElicitIntent); the
// fulfillment code hook runs when the intent is ready. Both get the real Lex V2 event.
//
// Where Lex's documentation is silent the choices are: an intent switch during elicitation needs
// `intentSwitchThreshold` confidence; a Close from a code hook with state Fulfilled still plays
// the intent's closing response and takes its next step (so hooks return the business message
// and the definition asks "anything else?"); Close with Failed ends the conversation.
import { randomUUID } from 'node:crypto';
import type { IntentDefinition, LocaleDefinition, MessageGroup, SlotDefinition } from '../../voice/bot-model';
import type {
  InvokeCodeHook,
  LexCodeHookEvent,
  LexCodeHookResponse,
  LexDialogAction,
  LexInputMode,
  LexIntent,
  LexIntentState,
  LexMessage,
  LexRuntimeInterpretation,
  LexSlot,
  LexSlotElicitationStyle,
  LexSlots,
} from '../../voice/lex-types';
import { LexApiError } from './errors';
import { renderGroups } from './messages';
import type { IntentClassifier, IntentScore } from './nlu';
import type { LexSessionRecord } from './sessions';
import { extractSlots } from './slot-extraction';
import { resolveSlotValue, type ResolvedSlot, type ResolvedValue } from './slot-resolvers';
import { readConfirmation } from './slot-resolvers/simple-types';
import { toUtterance } from './text';

export const FALLBACK_INTENT = 'FallbackIntent';

export interface BotIdentity {
  id: string;
  name: string;
  aliasId: string;
  aliasName: string;
  version: string;
}

export interface DialogSettings {
  bot: BotIdentity;
  locale: LocaleDefinition;
  classifier: IntentClassifier;
  invokeCodeHook?: InvokeCodeHook;
  now: () => Date;
  /** Picks among message variations whose strategy is Random (and closing responses). */
  random: () => number;
  /** Zone for relative dates when the request has no x-amz-lex:time-zone attribute. */
  timeZone: string;
  /** Overrides the locale's nluConfidenceThreshold. */
  confidenceThreshold?: number;
  /** Confidence another intent needs to take over while a slot or confirmation is pending. */
  intentSwitchThreshold: number;
}

export interface TurnInput {
  text: string;
  inputMode: LexInputMode;
  requestAttributes?: Record<string, string>;
}

export interface TurnResult {
  messages: LexMessage[];
  interpretations: LexRuntimeInterpretation[];
}

type Step = { type: 'ElicitSlot'; slot: SlotDefinition } | { type: 'ConfirmIntent' } | { type: 'Decline' } | { type: 'Fulfill' };

interface Turn {
  session: LexSessionRecord;
  input: TurnInput;
  scores: IntentScore[];
  messages: LexMessage[];
  dialogHookCalled: boolean;
  requestId: string;
}

const HOOK_ACTIONS = new Set(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']);
const round = (score: number) => Math.round(score * 100) / 100;

function toLexValue(value: ResolvedValue): LexSlot['value'] {
  return { originalValue: value.originalValue, interpretedValue: value.interpretedValue, resolvedValues: value.resolvedValues };
}

export function toLexSlot(resolved: ResolvedSlot): LexSlot {
  if (resolved.shape === 'List') {
    return { shape: 'List', value: toLexValue(resolved.value), values: (resolved.values ?? [resolved.value]).map((value) => ({ shape: 'Scalar', value: toLexValue(value) })) };
  }
  return { shape: 'Scalar', value: toLexValue(resolved.value) };
}

function emptySlots(definition: IntentDefinition | undefined): LexSlots {
  return Object.fromEntries((definition?.slots ?? []).map((slot) => [slot.name, null]));
}

/** A slot as a code hook may set it: only interpretedValue is required. */
function normalizeHookSlot(slot: LexSlot | null | undefined): LexSlot | null {
  if (!slot) return null;
  const normalizeValue = (value: LexSlot['value']) =>
    value && {
      originalValue: value.originalValue ?? value.interpretedValue ?? '',
      interpretedValue: value.interpretedValue ?? null,
      resolvedValues: value.resolvedValues ?? (value.interpretedValue ? [value.interpretedValue] : []),
    };
  return {
    shape: slot.shape ?? (slot.values ? 'List' : 'Scalar'),
    ...(slot.value ? { value: normalizeValue(slot.value) } : {}),
    ...(slot.values ? { values: slot.values.map((value) => ({ shape: 'Scalar' as const, value: normalizeValue(value.value) })) } : {}),
  };
}

export class DialogManager {
  constructor(private readonly settings: DialogSettings) {}

  private get locale(): LocaleDefinition {
    return this.settings.locale;
  }

  async turn(session: LexSessionRecord, input: TurnInput): Promise<TurnResult> {
    const turn: Turn = { session, input, scores: await this.settings.classifier.classify(input.text), messages: [], dialogHookCalled: false, requestId: randomUUID() };
    session.originatingRequestId = turn.requestId;
    const { dialogAction, intent } = session;
    if (dialogAction?.type === 'ElicitSlot' && dialogAction.slotToElicit && intent) await this.answerSlot(turn, intent, dialogAction);
    else if (dialogAction?.type === 'ConfirmIntent' && intent) await this.answerConfirmation(turn, intent);
    else await this.startIntent(turn, this.recognizedIntent(turn.scores), false);
    session.messages = turn.messages;
    session.interpretations = this.interpretations(turn);
    return { messages: turn.messages, interpretations: session.interpretations };
  }

  // ----- classification -----------------------------------------------------------------------

  private recognizedIntent(scores: IntentScore[]): string {
    const threshold = this.settings.confidenceThreshold ?? this.locale.nluConfidenceThreshold;
    const top = scores[0];
    return top && top.score >= threshold && this.findIntent(top.intent) ? top.intent : FALLBACK_INTENT;
  }

  /** Another intent the caller clearly asked for instead of answering the question. */
  private switchCandidate(turn: Turn, current: string): string | undefined {
    const top = turn.scores[0];
    if (!top || top.intent === current || top.intent === FALLBACK_INTENT || top.score < this.settings.intentSwitchThreshold) return undefined;
    return this.findIntent(top.intent) ? top.intent : undefined;
  }

  private findIntent(name: string): IntentDefinition | undefined {
    return this.locale.intents.find((intent) => intent.name === name);
  }

  private requireIntent(name: string): IntentDefinition {
    const definition = this.findIntent(name);
    if (!definition) throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: intent ${name} does not exist in locale ${this.locale.localeId}`);
    return definition;
  }

  private timeZone(turn: Turn): string {
    return turn.input.requestAttributes?.['x-amz-lex:time-zone'] ?? this.settings.timeZone;
  }

  // ----- answers to pending questions ---------------------------------------------------------

  private async answerSlot(turn: Turn, intent: LexIntent, action: LexDialogAction): Promise<void> {
    const definition = this.findIntent(intent.name);
    const slot = definition?.slots.find((candidate) => candidate.name === action.slotToElicit);
    if (!definition || !slot) return this.startIntent(turn, this.recognizedIntent(turn.scores), false);
    const resolved = resolveSlotValue(this.locale, slot, turn.input.text, {
      now: this.settings.now(),
      timeZone: this.timeZone(turn),
      localeId: this.locale.localeId,
      mode: 'elicit',
    });
    if (resolved) {
      intent.slots = { ...emptySlots(definition), ...intent.slots, [slot.name]: toLexSlot(resolved) };
      turn.session.attempt = 0;
      return this.continueIntent(turn, intent);
    }
    const switchTo = this.switchCandidate(turn, intent.name);
    if (switchTo) return this.startIntent(turn, switchTo, false);
    turn.session.attempt++;
    if (turn.session.attempt > slot.prompt.maxRetries) return this.startIntent(turn, FALLBACK_INTENT, true);
    this.elicitSlot(turn, intent, slot, action.slotElicitationStyle);
  }

  private async answerConfirmation(turn: Turn, intent: LexIntent): Promise<void> {
    const definition = this.findIntent(intent.name);
    if (!definition) return this.startIntent(turn, this.recognizedIntent(turn.scores), false);
    const answer = readConfirmation(toUtterance(turn.input.text))?.answer;
    if (answer === 'Yes' || answer === 'No') {
      intent.confirmationState = answer === 'Yes' ? 'Confirmed' : 'Denied';
      turn.session.attempt = 0;
      return this.continueIntent(turn, intent);
    }
    const switchTo = this.switchCandidate(turn, intent.name);
    if (switchTo) return this.startIntent(turn, switchTo, false);
    turn.session.attempt++;
    const maxRetries = definition.confirmation?.prompt.maxRetries ?? 0;
    if (turn.session.attempt > maxRetries) return this.startIntent(turn, FALLBACK_INTENT, true);
    this.askConfirmation(turn, intent, definition);
  }

  // ----- intent flow -----------------------------------------------------------------------------

  private async startIntent(turn: Turn, name: string, afterFailure: boolean): Promise<void> {
    const definition = this.requireIntent(name);
    const intent: LexIntent = { name, slots: emptySlots(definition), state: 'InProgress', confirmationState: 'None' };
    if (name !== FALLBACK_INTENT && !afterFailure) {
      const found = extractSlots(this.locale, definition, turn.input.text, { now: this.settings.now(), timeZone: this.timeZone(turn), localeId: this.locale.localeId });
      for (const [slotName, resolved] of found) intent.slots![slotName] = toLexSlot(resolved);
    }
    turn.session.intent = intent;
    turn.session.dialogAction = undefined;
    turn.session.attempt = 0;
    return this.continueIntent(turn, intent);
  }

  private nextStep(definition: IntentDefinition, intent: LexIntent): Step {
    for (const slot of definition.slots) if (slot.required && !intent.slots?.[slot.name]) return { type: 'ElicitSlot', slot };
    if (definition.confirmation) {
      if (intent.confirmationState === 'Denied') return { type: 'Decline' };
      if (intent.confirmationState !== 'Confirmed') return { type: 'ConfirmIntent' };
    }
    return { type: 'Fulfill' };
  }

  private async continueIntent(turn: Turn, intent: LexIntent): Promise<void> {
    const definition = this.requireIntent(intent.name);
    const step = this.nextStep(definition, intent);
    if (definition.dialogCodeHook && this.settings.invokeCodeHook && !turn.dialogHookCalled) {
      turn.dialogHookCalled = true;
      const proposed: LexDialogAction | undefined =
        step.type === 'ElicitSlot' ? { type: 'ElicitSlot', slotToElicit: step.slot.name } : step.type === 'ConfirmIntent' ? { type: 'ConfirmIntent' } : undefined;
      const response = await this.invokeHook(turn, 'DialogCodeHook', intent, proposed);
      return this.followHook(turn, response, false);
    }
    return this.performStep(turn, definition, intent, step);
  }

  private async performStep(turn: Turn, definition: IntentDefinition, intent: LexIntent, step: Step): Promise<void> {
    switch (step.type) {
      case 'ElicitSlot':
        return this.elicitSlot(turn, intent, step.slot, undefined);
      case 'ConfirmIntent':
        return this.askConfirmation(turn, intent, definition);
      case 'Decline': {
        const confirmation = definition.confirmation!;
        intent.state = 'Failed';
        this.say(turn, confirmation.declinationResponse.messageGroups, intent);
        turn.session.dialogAction = confirmation.declinationNextStep === 'ElicitIntent' ? { type: 'ElicitIntent' } : { type: 'Close' };
        return;
      }
      case 'Fulfill':
        return this.fulfill(turn, definition, intent);
    }
  }

  private async fulfill(turn: Turn, definition: IntentDefinition, intent: LexIntent): Promise<void> {
    intent.state = 'ReadyForFulfillment';
    if (definition.fulfillmentCodeHook && this.settings.invokeCodeHook) {
      const response = await this.invokeHook(turn, 'FulfillmentCodeHook', intent, undefined);
      return this.followHook(turn, response, true);
    }
    this.finish(turn, definition, intent, 'Fulfilled', undefined);
  }

  /** Ends the intent: the hook's messages or the definition's fulfillment response, then the closing. */
  private finish(turn: Turn, definition: IntentDefinition, intent: LexIntent, state: LexIntentState, hookMessages: LexMessage[] | undefined): void {
    intent.state = state;
    const fulfilled = state === 'Fulfilled';
    if (hookMessages?.length) turn.messages.push(...hookMessages);
    else {
      const response = fulfilled ? definition.fulfillmentResponses?.success : definition.fulfillmentResponses?.failure;
      if (response) this.say(turn, response.messageGroups, intent);
    }
    if (!fulfilled) {
      turn.session.dialogAction = { type: 'Close' };
      return;
    }
    if (definition.closing.response) this.say(turn, definition.closing.response.messageGroups, intent);
    turn.session.dialogAction = definition.closing.nextStep === 'ElicitIntent' ? { type: 'ElicitIntent' } : { type: 'Close' };
  }

  private elicitSlot(turn: Turn, intent: LexIntent, slot: SlotDefinition, style: LexSlotElicitationStyle | undefined, messages?: LexMessage[]): void {
    intent.state = 'InProgress';
    turn.session.dialogAction = { type: 'ElicitSlot', slotToElicit: slot.name, ...(style && style !== 'Default' ? { slotElicitationStyle: style } : {}) };
    if (messages?.length) turn.messages.push(...messages);
    else this.say(turn, slot.prompt.messageGroups, intent, slot.prompt.messageSelectionStrategy);
  }

  private askConfirmation(turn: Turn, intent: LexIntent, definition: IntentDefinition, messages?: LexMessage[]): void {
    intent.state = 'InProgress';
    turn.session.dialogAction = { type: 'ConfirmIntent' };
    if (messages?.length) turn.messages.push(...messages);
    else if (definition.confirmation) this.say(turn, definition.confirmation.prompt.messageGroups, intent, definition.confirmation.prompt.messageSelectionStrategy);
    else throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: ConfirmIntent for ${intent.name} needs messages, the intent has no confirmation prompt`);
  }

  private say(turn: Turn, groups: readonly MessageGroup[], intent: LexIntent, strategy: 'Ordered' | 'Random' = 'Random'): void {
    turn.messages.push(...renderGroups(groups, intent.slots, { strategy, attempt: turn.session.attempt, random: this.settings.random }));
  }

  // ----- code hooks ------------------------------------------------------------------------------

  private hookEvent(turn: Turn, source: LexCodeHookEvent['invocationSource'], intent: LexIntent, proposed: LexDialogAction | undefined): LexCodeHookEvent {
    const { bot, locale } = this.settings;
    const interpretations = this.interpretations(turn).map((interpretation) => ({
      intent: interpretation.intent,
      interpretationSource: 'Lex' as const,
      ...(interpretation.nluConfidence ? { nluConfidence: interpretation.nluConfidence.score } : {}),
    }));
    return structuredClone({
      messageVersion: '1.0',
      invocationSource: source,
      inputMode: turn.input.inputMode,
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: turn.session.sessionId,
      inputTranscript: turn.input.text,
      bot: { id: bot.id, name: bot.name, localeId: locale.localeId, version: bot.version, aliasId: bot.aliasId, aliasName: bot.aliasName },
      interpretations,
      ...(proposed ? { proposedNextState: { dialogAction: proposed, intent, prompt: { attempt: turn.session.attempt === 0 ? 'Initial' : `Retry${turn.session.attempt}` } } } : {}),
      requestAttributes: turn.input.requestAttributes ?? {},
      sessionState: {
        sessionAttributes: turn.session.sessionAttributes,
        activeContexts: [],
        intent,
        originatingRequestId: turn.requestId,
      },
    } satisfies LexCodeHookEvent);
  }

  private async invokeHook(turn: Turn, source: LexCodeHookEvent['invocationSource'], intent: LexIntent, proposed: LexDialogAction | undefined): Promise<LexCodeHookResponse> {
    let response: LexCodeHookResponse;
    try {
      response = await this.settings.invokeCodeHook!(this.hookEvent(turn, source, intent, proposed));
    } catch (error) {
      throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: Received error response from Lambda: ${(error as Error)?.message ?? String(error)}`);
    }
    const action = response?.sessionState?.dialogAction;
    if (!action || !HOOK_ACTIONS.has(action.type)) {
      throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: sessionState.dialogAction.type must be one of ${[...HOOK_ACTIONS].join(', ')}`);
    }
    if (action.type === 'ElicitSlot' && !action.slotToElicit) throw new LexApiError('DependencyFailedException', 'Invalid Lambda Response: ElicitSlot needs slotToElicit');
    if (action.type === 'ElicitIntent' && !response.messages?.length) throw new LexApiError('DependencyFailedException', 'Invalid Lambda Response: ElicitIntent needs messages');
    for (const message of response.messages ?? []) {
      if (!['PlainText', 'SSML', 'CustomPayload', 'ImageResponseCard'].includes(message.contentType)) {
        throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: unknown message contentType ${message.contentType}`);
      }
    }
    return response;
  }

  /** Takes the hook's session attributes and intent (it may change slots, state or even the intent). */
  private applyHookState(turn: Turn, response: LexCodeHookResponse): LexIntent {
    const { session } = turn;
    const state = response.sessionState;
    if (state.sessionAttributes) session.sessionAttributes = { ...state.sessionAttributes };
    const current = session.intent!;
    const returned = state.intent;
    if (!returned) return current;
    const name = returned.name ?? current.name;
    const definition = this.requireIntent(name);
    const base: LexSlots = name === current.name ? { ...emptySlots(definition), ...current.slots } : emptySlots(definition);
    const slots: LexSlots = returned.slots
      ? Object.fromEntries(Object.keys(emptySlots(definition)).map((slotName) => [slotName, normalizeHookSlot(returned.slots![slotName])]))
      : base;
    const intent: LexIntent = {
      name,
      slots,
      state: returned.state ?? current.state,
      confirmationState: returned.confirmationState ?? (name === current.name ? current.confirmationState : 'None'),
    };
    session.intent = intent;
    return intent;
  }

  private async followHook(turn: Turn, response: LexCodeHookResponse, fromFulfillment: boolean): Promise<void> {
    const intent = this.applyHookState(turn, response);
    const definition = this.requireIntent(intent.name);
    const action = response.sessionState.dialogAction;
    const messages = response.messages;
    switch (action.type) {
      case 'Delegate':
        if (fromFulfillment) return this.finish(turn, definition, intent, 'Fulfilled', messages);
        if (messages?.length) turn.messages.push(...messages);
        return this.performStep(turn, definition, intent, this.nextStep(definition, intent));
      case 'ElicitSlot': {
        const slot = definition.slots.find((candidate) => candidate.name === action.slotToElicit);
        if (!slot) throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: slot ${action.slotToElicit} does not exist in intent ${intent.name}`);
        // A hook re-eliciting the slot just asked counts as a retry (Lex plays the next variation).
        if (turn.session.dialogAction?.type !== 'ElicitSlot' || turn.session.dialogAction.slotToElicit !== slot.name) turn.session.attempt = 0;
        return this.elicitSlot(turn, intent, slot, action.slotElicitationStyle, messages);
      }
      case 'ConfirmIntent':
        return this.askConfirmation(turn, intent, definition, messages);
      case 'Close':
        return this.finish(turn, definition, intent, intent.state === 'Failed' ? 'Failed' : 'Fulfilled', messages);
      case 'ElicitIntent':
        turn.messages.push(...(messages ?? []));
        turn.session.dialogAction = { type: 'ElicitIntent' };
        return;
      default:
        throw new LexApiError('DependencyFailedException', `Invalid Lambda Response: unsupported dialogAction ${action.type}`);
    }
  }

  // ----- interpretations ------------------------------------------------------------------------

  /** The active intent first (with its slots), then the other candidates, and FallbackIntent, as Lex lists them. */
  private interpretations(turn: Turn): LexRuntimeInterpretation[] {
    const active = turn.session.intent;
    const list: LexRuntimeInterpretation[] = [];
    const scoreOf = (name: string) => turn.scores.find((score) => score.intent === name)?.score;
    if (active) {
      const score = scoreOf(active.name);
      list.push({ intent: structuredClone(active), ...(score !== undefined && active.name !== FALLBACK_INTENT ? { nluConfidence: { score: round(score) } } : {}), interpretationSource: 'Lex' });
    }
    for (const score of turn.scores) {
      if (list.length >= 5) break;
      if (score.intent === active?.name || score.intent === FALLBACK_INTENT) continue;
      list.push({ intent: { name: score.intent, slots: emptySlots(this.findIntent(score.intent)) }, nluConfidence: { score: round(score.score) }, interpretationSource: 'Lex' });
    }
    if (!list.some((interpretation) => interpretation.intent.name === FALLBACK_INTENT)) list.push({ intent: { name: FALLBACK_INTENT, slots: {} }, interpretationSource: 'Lex' });
    return list;
  }
}
