// The local Lex V2 runtime: bots by id and alias, one trained NLU per locale, conversations in
// memory with the bot's idle timeout, one turn at a time per session. The HTTP server
// (http-server.ts) is a thin REST-JSON layer over this class; a Connect flow interpreter or a
// test can call it in-process.
import type { BotDefinition, LocaleDefinition } from '../../voice/bot-model';
import type {
  DeleteSessionResponseBody,
  GetSessionResponseBody,
  InvokeCodeHook,
  LexInputMode,
  LexSessionState,
  RecognizeTextRequestBody,
  RecognizeTextResponseBody,
} from '../../voice/lex-types';
import { DialogManager, type BotIdentity } from './dialog-manager';
import { LexApiError } from './errors';
import { intentClassifierFor } from './nlu';
import { SessionStore, type LexSessionRecord } from './sessions';
import { loadCityGazetteer } from './slot-resolvers/city';

/** Lex's built-in test alias, which every bot has. */
export const TEST_BOT_ALIAS = { botAliasId: 'TSTALIASID', botAliasName: 'TestBotAlias' } as const;

export interface LocalLexBot {
  /** Ten upper-case letters or digits on AWS; any non-empty id locally. */
  botId: string;
  definition: BotDefinition;
  /** Defaults to the test alias only. */
  aliases?: { botAliasId: string; botAliasName: string }[];
  /** Overrides the runtime's code hook for this bot (each alias locale has its own Lambda on AWS). */
  invokeCodeHook?: InvokeCodeHook;
}

export interface LocalLexRuntimeOptions {
  bots: LocalLexBot[];
  /** The code hook Lambda: called with Lex V2 code hook events. Without one, intents fulfil with their definition's responses. */
  invokeCodeHook?: InvokeCodeHook;
  /** Now, for relative dates and idle timeouts. */
  clock?: () => Date;
  /** Picks among Random message variations. */
  random?: () => number;
  /** Zone for relative dates when a request carries no x-amz-lex:time-zone attribute. */
  timeZone?: string;
  /** Overrides each locale's nluConfidenceThreshold. */
  confidenceThreshold?: number;
  /** Confidence another intent needs to interrupt a pending question. */
  intentSwitchThreshold?: number;
}

export interface SessionAddress {
  botId: string;
  botAliasId: string;
  localeId: string;
  sessionId: string;
}

const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
const MAX_TEXT = 1024;
const DEFAULT_SWITCH_THRESHOLD = 0.6;

export class LocalLexRuntime {
  private readonly bots = new Map<string, LocalLexBot>();
  private readonly sessions: SessionStore;
  private readonly clock: () => Date;
  private readonly managers = new Map<string, Promise<DialogManager>>();
  /** Per-session tail of the turn queue: turns of one conversation never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly options: LocalLexRuntimeOptions) {
    for (const bot of options.bots) this.bots.set(bot.botId, bot);
    this.clock = options.clock ?? (() => new Date());
    this.sessions = new SessionStore(() => this.clock().getTime());
  }

  /** Trains every locale (and loads the city gazetteer) now, so the first caller does not wait for it. */
  async warmUp(): Promise<{ localeId: string; trainingMs: number; trainingSentences: number }[]> {
    const results = [];
    for (const bot of this.bots.values()) {
      for (const locale of bot.definition.locales) {
        if (locale.intents.some((intent) => intent.slots.some((slot) => slot.slotTypeName === 'AMAZON.City'))) loadCityGazetteer();
        const classifier = await intentClassifierFor(locale);
        results.push({ localeId: `${bot.botId}/${locale.localeId}`, trainingMs: classifier.trainingMs, trainingSentences: classifier.trainingSentences });
      }
    }
    return results;
  }

  async recognizeText(address: SessionAddress, body: RecognizeTextRequestBody, inputMode: LexInputMode = 'Text'): Promise<RecognizeTextResponseBody> {
    const { bot, alias, locale } = this.resolve(address);
    if (typeof body?.text !== 'string' || body.text.length < 1 || body.text.length > MAX_TEXT) {
      throw new LexApiError('ValidationException', `1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and ${MAX_TEXT}`);
    }
    const key = SessionStore.key(address.botId, address.botAliasId, address.localeId, address.sessionId);
    return this.serialized(key, async () => {
      const manager = await this.manager(bot, alias, locale);
      const session = this.sessions.get(key, bot.definition.idleSessionTtlInSeconds) ?? this.newSession(key, address);
      if (body.sessionState) applyClientState(session, body.sessionState);
      const result = await manager.turn(session, { text: body.text, inputMode, requestAttributes: body.requestAttributes });
      this.sessions.put(session);
      return {
        messages: result.messages,
        sessionState: sessionStateOf(session),
        interpretations: result.interpretations,
        ...(body.requestAttributes ? { requestAttributes: body.requestAttributes } : {}),
        sessionId: address.sessionId,
      };
    });
  }

  getSession(address: SessionAddress): GetSessionResponseBody {
    const { bot } = this.resolve(address);
    const session = this.sessions.get(SessionStore.key(address.botId, address.botAliasId, address.localeId, address.sessionId), bot.definition.idleSessionTtlInSeconds);
    if (!session) throw new LexApiError('ResourceNotFoundException', `Session ${address.sessionId} does not exist`);
    return { sessionId: session.sessionId, messages: session.messages, interpretations: session.interpretations, sessionState: sessionStateOf(session) };
  }

  deleteSession(address: SessionAddress): DeleteSessionResponseBody {
    const { bot } = this.resolve(address);
    const key = SessionStore.key(address.botId, address.botAliasId, address.localeId, address.sessionId);
    if (!this.sessions.get(key, bot.definition.idleSessionTtlInSeconds)) throw new LexApiError('ResourceNotFoundException', `Session ${address.sessionId} does not exist`);
    this.sessions.delete(key);
    return { botId: address.botId, botAliasId: address.botAliasId, localeId: address.localeId, sessionId: address.sessionId };
  }

  /** Forgets idle sessions; returns how many. */
  sweepIdleSessions(): number {
    return this.sessions.sweep((session) => this.bots.get(session.botId)?.definition.idleSessionTtlInSeconds ?? 0);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private resolve(address: SessionAddress): { bot: LocalLexBot; alias: { botAliasId: string; botAliasName: string }; locale: LocaleDefinition } {
    const bot = this.bots.get(address.botId);
    if (!bot) throw new LexApiError('ResourceNotFoundException', `Could not find bot ${address.botId}`);
    const alias = (bot.aliases ?? [TEST_BOT_ALIAS]).find((candidate) => candidate.botAliasId === address.botAliasId);
    if (!alias) throw new LexApiError('ResourceNotFoundException', `Could not find alias ${address.botAliasId} of bot ${address.botId}`);
    const locale = bot.definition.locales.find((candidate) => candidate.localeId === address.localeId);
    if (!locale) throw new LexApiError('ResourceNotFoundException', `Bot ${address.botId} has no locale ${address.localeId}`);
    if (!SESSION_ID.test(address.sessionId)) throw new LexApiError('ValidationException', `sessionId must match ${SESSION_ID.source}`);
    return { bot, alias, locale };
  }

  private manager(bot: LocalLexBot, alias: { botAliasId: string; botAliasName: string }, locale: LocaleDefinition): Promise<DialogManager> {
    const key = `${bot.botId}/${alias.botAliasId}/${locale.localeId}`;
    let manager = this.managers.get(key);
    if (!manager) {
      const identity: BotIdentity = { id: bot.botId, name: bot.definition.name, aliasId: alias.botAliasId, aliasName: alias.botAliasName, version: 'DRAFT' };
      manager = intentClassifierFor(locale).then(
        (classifier) =>
          new DialogManager({
            bot: identity,
            locale,
            classifier,
            invokeCodeHook: bot.invokeCodeHook ?? this.options.invokeCodeHook,
            now: this.clock,
            random: this.options.random ?? Math.random,
            timeZone: this.options.timeZone ?? 'UTC',
            confidenceThreshold: this.options.confidenceThreshold,
            intentSwitchThreshold: this.options.intentSwitchThreshold ?? DEFAULT_SWITCH_THRESHOLD,
          }),
      );
      this.managers.set(key, manager);
      manager.catch(() => this.managers.delete(key));
    }
    return manager;
  }

  private newSession(key: string, address: SessionAddress): LexSessionRecord {
    return { key, ...address, sessionAttributes: {}, attempt: 0, messages: [], interpretations: [], lastActiveMs: this.clock().getTime() };
  }

  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }
}

/** A client may set the state (Connect passes session attributes; a test may start at a slot). */
function applyClientState(session: LexSessionRecord, state: LexSessionState): void {
  if (state.sessionAttributes) session.sessionAttributes = { ...state.sessionAttributes };
  if (state.intent) session.intent = structuredClone(state.intent);
  if (state.dialogAction) {
    session.dialogAction = { ...state.dialogAction };
    session.attempt = 0;
  }
}

function sessionStateOf(session: LexSessionRecord): LexSessionState {
  return {
    ...(session.dialogAction ? { dialogAction: structuredClone(session.dialogAction) } : {}),
    ...(session.intent ? { intent: structuredClone(session.intent) } : {}),
    sessionAttributes: { ...session.sessionAttributes },
    activeContexts: [],
    ...(session.originatingRequestId ? { originatingRequestId: session.originatingRequestId } : {}),
  };
}
