// Runs a contact flow for one call the way Amazon Connect does, for the actions in
// flow-language.ts: it walks actions from StartAction, plays prompts, and when it reaches
// ConnectParticipantWithLexBot it hands the caller to the Lex bot — every caller utterance is a
// RecognizeText turn — until the bot closes the conversation (dialogAction Close). Then the flow
// branches on the intent ($.Lex.IntentName) and on session attributes, and ends by transferring
// to a queue or disconnecting. The bot runs in-process (LocalLexRuntime); the flow file is the
// one CDK deploys.
import type { LexMessage, LexSessionState, RecognizeTextRequestBody, RecognizeTextResponseBody } from '../../voice/lex-types';
import { ssmlToText } from '../../functions/domain/voice/speech';
import { conditionHolds, ContactFlowError, resolveReference, validateContactFlow, type ContactFlowDocument, type FlowAction } from './flow-language';

/** What the interpreter needs from Lex: RecognizeText, as LocalLexRuntime (or a runtime client) offers it. */
export interface LexConversationPort {
  recognizeText(address: { botId: string; botAliasId: string; localeId: string; sessionId: string }, body: RecognizeTextRequestBody): Promise<RecognizeTextResponseBody>;
}

export interface Prompt {
  /** What the caller hears, as text. */
  text: string;
  /** The SSML spoken, when the prompt was SSML. */
  ssml?: string;
  /** Who said it: the flow itself or the bot. */
  source: 'flow' | 'bot';
  voice: { id: string; engine: string; languageCode: string };
}

export type ContactState = 'IN_FLOW' | 'WITH_BOT' | 'TRANSFERRED' | 'DISCONNECTED';

export interface ContactSession {
  contactId: string;
  state: ContactState;
  from: string;
  to: string;
  languageCode: string;
  voice: { id: string; engine: string };
  attributes: Record<string, string>;
  queue?: string;
  /** The Lex block the caller is talking to, while state is WITH_BOT. */
  bot?: { actionId: string; botId: string; botAliasId: string; localeId: string; firstTurn: boolean; sessionAttributes: Record<string, string> };
  /** The last Lex result, for $.Lex references and for callers of the API. */
  lex?: { intentName?: string; sessionAttributes: Record<string, string>; slots: Record<string, string | undefined>; dialogAction?: string; intentState?: string };
  /** Actions run, in order (the flow's audit trail). */
  path: string[];
}

export interface InterpreterOptions {
  lex: LexConversationPort;
  /** Whether TransferContactToQueue finds room in the queue for this contact (false exercises the QueueAtCapacity branch). */
  queueAccepts?: (contact: ContactSession) => boolean;
  log?: (line: string) => void;
}

/** Actions one walk may run before the interpreter assumes a loop in the flow. */
const MAX_STEPS = 100;

const LOCALE_BY_LANGUAGE: Readonly<Record<string, string>> = { 'en-US': 'en_US', 'en-GB': 'en_GB' };

/** arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId> */
export function parseBotAliasArn(arn: string): { botId: string; botAliasId: string } {
  const match = /^arn:aws[\w-]*:lex:[\w-]+:\d{12}:bot-alias\/([^/]+)\/([^/]+)$/.exec(arn);
  if (!match) throw new ContactFlowError(`not a Lex V2 bot alias ARN: ${arn}`);
  return { botId: match[1], botAliasId: match[2] };
}

export class ContactFlowInterpreter {
  private readonly actions: Map<string, FlowAction>;

  constructor(
    readonly flow: ContactFlowDocument,
    private readonly options: InterpreterOptions,
  ) {
    validateContactFlow(flow);
    this.actions = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  }

  newContact(contactId: string, call: { from: string; to: string }): ContactSession {
    return { contactId, state: 'IN_FLOW', from: call.from, to: call.to, languageCode: 'en-US', voice: { id: 'Joanna', engine: 'Neural' }, attributes: {}, path: [] };
  }

  /** Runs the flow from its start until it waits for the caller or ends; returns what was said. */
  start(contact: ContactSession): Promise<Prompt[]> {
    return this.walk(contact, this.flow.StartAction, []);
  }

  /** One caller utterance to the bot the call is connected to. */
  async say(contact: ContactSession, text: string): Promise<Prompt[]> {
    const bot = contact.bot;
    if (contact.state !== 'WITH_BOT' || !bot) throw new ContactFlowError(`the call is ${contact.state.toLowerCase().replace('_', ' ')}, nobody is listening`);
    const prompts: Prompt[] = [];
    let result: RecognizeTextResponseBody;
    try {
      // Connect passes the block's session attributes when it starts the conversation.
      const sessionState: LexSessionState | undefined = bot.firstTurn ? { sessionAttributes: { ...(contact.lex?.sessionAttributes ?? {}), ...bot.sessionAttributes } } : undefined;
      result = await this.options.lex.recognizeText(
        { botId: bot.botId, botAliasId: bot.botAliasId, localeId: bot.localeId, sessionId: contact.contactId },
        { text, ...(sessionState ? { sessionState } : {}) },
      );
    } catch (error) {
      this.options.log?.(`connect: ${contact.contactId} Lex failed: ${(error as Error).message}`);
      return this.leaveBot(contact, this.errorTarget(this.action(bot.actionId), 'NoMatchingError'), prompts);
    }
    bot.firstTurn = false;
    prompts.push(...(result.messages ?? []).map((message) => this.prompt(contact, message, 'bot')));
    const state = result.sessionState;
    contact.lex = {
      intentName: state.intent?.name,
      sessionAttributes: { ...(state.sessionAttributes ?? {}) },
      slots: Object.fromEntries(Object.entries(state.intent?.slots ?? {}).map(([name, slot]) => [name, slot?.value?.interpretedValue ?? undefined])),
      dialogAction: state.dialogAction?.type,
      intentState: state.intent?.state,
    };
    if (state.dialogAction?.type !== 'Close') return prompts;
    // The bot is done: branch on the intent it ended with.
    const action = this.action(bot.actionId);
    const intentName = contact.lex.intentName;
    const match = action.Transitions.Conditions?.find((condition) => conditionHolds(condition.Condition, intentName));
    const next = match?.NextAction ?? (action.Transitions.Conditions?.length ? this.errorTarget(action, 'NoMatchingCondition') : undefined) ?? action.Transitions.NextAction;
    return this.leaveBot(contact, next, prompts);
  }

  /** The caller said nothing before the bot gave up waiting. */
  silence(contact: ContactSession): Promise<Prompt[]> {
    const bot = contact.bot;
    if (contact.state !== 'WITH_BOT' || !bot) throw new ContactFlowError('the call is not connected to the bot');
    return this.leaveBot(contact, this.errorTarget(this.action(bot.actionId), 'InputTimeLimitExceeded'), []);
  }

  /** The caller hung up. */
  hangUp(contact: ContactSession): void {
    contact.state = 'DISCONNECTED';
    contact.bot = undefined;
  }

  private leaveBot(contact: ContactSession, next: string | undefined, prompts: Prompt[]): Promise<Prompt[]> {
    contact.bot = undefined;
    contact.state = 'IN_FLOW';
    if (!next) {
      contact.state = 'DISCONNECTED';
      return Promise.resolve(prompts);
    }
    return this.walk(contact, next, prompts);
  }

  private action(id: string): FlowAction {
    const action = this.actions.get(id);
    if (!action) throw new ContactFlowError(`no action ${id}`);
    return action;
  }

  private errorTarget(action: FlowAction, errorType: string): string | undefined {
    return action.Transitions.Errors?.find((error) => error.ErrorType === errorType)?.NextAction;
  }

  private data(contact: ContactSession): Record<string, unknown> {
    return {
      ContactId: contact.contactId,
      Channel: 'VOICE',
      LanguageCode: contact.languageCode,
      CustomerEndpoint: { Address: contact.from, Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: contact.to, Type: 'TELEPHONE_NUMBER' },
      Attributes: contact.attributes,
      Lex: contact.lex ? { IntentName: contact.lex.intentName, SessionAttributes: contact.lex.sessionAttributes, Slots: contact.lex.slots } : {},
      Queue: contact.queue ? { ARN: contact.queue } : {},
    };
  }

  private prompt(contact: ContactSession, message: { Text?: unknown; SSML?: unknown } | LexMessage, source: Prompt['source']): Prompt {
    const voice = { id: contact.voice.id, engine: contact.voice.engine, languageCode: contact.languageCode };
    if ('contentType' in message) {
      const content = message.content ?? '';
      return message.contentType === 'SSML' ? { text: ssmlToText(content), ssml: content, source, voice } : { text: content, source, voice };
    }
    const data = this.data(contact);
    if (typeof message.SSML === 'string') {
      const ssml = message.SSML.replace(/\$\.[A-Za-z.]+/g, (reference) => resolveReference(reference, data) ?? '');
      return { text: ssmlToText(ssml), ssml, source, voice };
    }
    return { text: resolveReference(message.Text, data) ?? '', source, voice };
  }

  private async walk(contact: ContactSession, from: string, prompts: Prompt[]): Promise<Prompt[]> {
    let id: string | undefined = from;
    for (let steps = 0; id; steps++) {
      if (steps >= MAX_STEPS) throw new ContactFlowError(`more than ${MAX_STEPS} actions without waiting for the caller: a loop in the flow?`);
      const action = this.action(id);
      contact.path.push(action.Identifier);
      const parameters = action.Parameters ?? {};
      const next = action.Transitions.NextAction;
      switch (action.Type) {
        case 'MessageParticipant':
          prompts.push(this.prompt(contact, parameters as { Text?: unknown; SSML?: unknown }, 'flow'));
          id = next;
          break;
        case 'UpdateContactTextToSpeechVoice':
          contact.voice = { id: String(parameters.TextToSpeechVoice ?? contact.voice.id), engine: String(parameters.TextToSpeechEngine ?? contact.voice.engine) };
          id = next;
          break;
        case 'UpdateContactData':
          if (typeof parameters.LanguageCode === 'string') contact.languageCode = parameters.LanguageCode;
          id = next;
          break;
        case 'UpdateContactAttributes':
          for (const [name, value] of Object.entries((parameters.Attributes as Record<string, unknown>) ?? {})) {
            const resolved = resolveReference(value, this.data(contact));
            if (resolved !== undefined) contact.attributes[name] = resolved;
          }
          id = next;
          break;
        case 'Compare': {
          const value = resolveReference(parameters.ComparisonValue, this.data(contact));
          const match = action.Transitions.Conditions?.find((condition) => conditionHolds(condition.Condition, value));
          id = match?.NextAction ?? this.errorTarget(action, 'NoMatchingCondition') ?? next;
          break;
        }
        case 'ConnectParticipantWithLexBot': {
          const localeId = LOCALE_BY_LANGUAGE[contact.languageCode];
          const aliasArn = resolveReference((parameters.LexV2Bot as { AliasArn?: string } | undefined)?.AliasArn, this.data(contact));
          if (!localeId || !aliasArn) {
            id = this.errorTarget(action, 'NoMatchingError');
            break;
          }
          if (parameters.Text !== undefined || parameters.SSML !== undefined) prompts.push(this.prompt(contact, parameters as { Text?: unknown; SSML?: unknown }, 'flow'));
          const data = this.data(contact);
          const sessionAttributes = Object.fromEntries(
            Object.entries((parameters.LexSessionAttributes as Record<string, unknown>) ?? {})
              .map(([name, value]) => [name, resolveReference(value, data)] as const)
              .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1] !== ''),
          );
          contact.bot = { actionId: action.Identifier, ...parseBotAliasArn(aliasArn), localeId, firstTurn: true, sessionAttributes };
          contact.state = 'WITH_BOT';
          return prompts;
        }
        case 'UpdateContactTargetQueue': {
          const queue = resolveReference(parameters.QueueId, this.data(contact));
          if (queue) contact.queue = queue;
          id = queue ? next : this.errorTarget(action, 'NoMatchingError');
          break;
        }
        case 'TransferContactToQueue': {
          if (!contact.queue) {
            id = this.errorTarget(action, 'NoMatchingError');
            break;
          }
          if (this.options.queueAccepts && !this.options.queueAccepts(contact)) {
            id = this.errorTarget(action, 'QueueAtCapacity');
            break;
          }
          contact.state = 'TRANSFERRED';
          return prompts;
        }
        case 'DisconnectParticipant':
          contact.state = 'DISCONNECTED';
          return prompts;
        default:
          throw new ContactFlowError(`${action.Identifier}: unsupported action ${action.Type}`);
      }
    }
    // A transition that leads nowhere ends the contact, as in Connect.
    contact.state = 'DISCONNECTED';
    return prompts;
  }
}
