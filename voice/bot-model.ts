// The vocabulary the bot definition is written in. Each type mirrors one Lex V2 model object
// (and so one AWS::Lex::Bot property type), with the CloudFormation boilerplate left to
// to-cfn-bot.ts and a few local-only hints (example values, spelling style) that CloudFormation
// has no place for. The local Lex runtime reads the same objects.
import type { LexSlotElicitationStyle } from './lex-types';

export type LocaleId = 'en_US' | 'en_GB';

export type BotMessage = { plainText: string } | { ssml: string };

/** Lex plays one message from each group; a group's variations are alternatives to its message. */
export interface MessageGroup {
  message: BotMessage;
  variations?: BotMessage[];
}

/** A question the bot asks (slot value, confirmation). Messages may name slots as {SlotName}. */
export interface PromptSpecification {
  messageGroups: MessageGroup[];
  /** Re-prompts after the first attempt before Lex gives up and moves to FallbackIntent. */
  maxRetries: number;
  /**
   * 'Ordered' plays the message on the first attempt and then each variation in turn on the
   * retries, so variations double as progressively more helpful retry prompts. 'Random' picks.
   */
  messageSelectionStrategy: 'Ordered' | 'Random';
  allowInterrupt?: boolean;
}

/** A statement the bot makes without waiting for a particular answer. */
export interface ResponseSpecification {
  messageGroups: MessageGroup[];
  allowInterrupt?: boolean;
}

/** What follows an intent's closing or declination: ask for another intent, or end the conversation. */
export type NextStep = 'ElicitIntent' | 'EndConversation';

export type BuiltInSlotTypeName =
  | 'AMAZON.AlphaNumeric'
  | 'AMAZON.City'
  | 'AMAZON.Confirmation'
  | 'AMAZON.Date'
  | 'AMAZON.FirstName'
  | 'AMAZON.FreeFormInput'
  | 'AMAZON.Number'
  | 'AMAZON.StreetName'
  | 'AMAZON.Time'
  | 'AMAZON.UKPostalCode';

export interface SlotDefinition {
  name: string;
  description: string;
  /** A built-in type or the name of one of the locale's slotTypes. */
  slotTypeName: string;
  /** Required slots are elicited by Lex in priority order; optional ones only when a code hook asks. */
  required: boolean;
  prompt: PromptSpecification;
  /** Slot-level sample utterances: how callers phrase the answer ("it's going to {DeliveryCity}"). */
  sampleUtterances?: string[];
  /**
   * Values used in place of {SlotName} when the local NLU is trained. Lex trains on its own
   * catalogues; this only has to be representative. Not deployed.
   */
  examples?: string[];
  /**
   * How the caller is expected to say the value. CloudFormation has no property for it: on AWS
   * the dialog code hook asks for it by returning ElicitSlot with this slotElicitationStyle.
   */
  elicitationStyle?: LexSlotElicitationStyle;
  /** Lex returns a List-shaped slot ("fragile and perishable"); custom slot types in English only. */
  allowMultipleValues?: boolean;
  /** Mask the value in conversation logs (names, addresses). */
  obfuscate?: boolean;
}

export interface IntentConfirmation {
  prompt: PromptSpecification;
  /** Said when the caller answers no. */
  declinationResponse: ResponseSpecification;
  declinationNextStep: NextStep;
}

export interface IntentDefinition {
  name: string;
  description: string;
  /** Set for built-in intents such as AMAZON.FallbackIntent, which take no utterances or slots. */
  parentIntentSignature?: 'AMAZON.FallbackIntent';
  sampleUtterances: string[];
  /** In priority order: Lex elicits the first empty required slot. */
  slots: SlotDefinition[];
  confirmation?: IntentConfirmation;
  /** Call the dialog code hook on every turn of this intent (validation, conditional slots). */
  dialogCodeHook: boolean;
  /** Call the fulfillment code hook once the intent is ready (and confirmed). */
  fulfillmentCodeHook: boolean;
  /** Said after fulfillment when no code hook supplied its own messages. */
  fulfillmentResponses?: { success?: ResponseSpecification; failure?: ResponseSpecification };
  closing: { response?: ResponseSpecification; nextStep: NextStep };
}

export interface SlotTypeValue {
  value: string;
  synonyms: string[];
}

/** A list of values with synonyms. 'TopResolution' restricts to the list and returns the value; 'OriginalValue' expands. */
export interface CustomSlotTypeDefinition {
  kind: 'custom';
  name: string;
  description: string;
  values: SlotTypeValue[];
  resolutionStrategy: 'TopResolution' | 'OriginalValue';
}

/** A built-in type narrowed by a regular expression (AMAZON.AlphaNumeric is the only one Lex allows). */
export interface RegexSlotTypeDefinition {
  kind: 'regex';
  name: string;
  description: string;
  parentSlotTypeSignature: 'AMAZON.AlphaNumeric';
  /** Lex regex syntax: A-Z, a-z, 0-9, classes, bounded repeats; no '.', '*', '+' or '{n,}'. */
  pattern: string;
  /** Local-only: values the NLU trainer substitutes for references to slots of this type. */
  examples: string[];
}

export type SlotTypeDefinition = CustomSlotTypeDefinition | RegexSlotTypeDefinition;

export interface LocaleDefinition {
  localeId: LocaleId;
  description: string;
  /** Below this confidence Lex picks FallbackIntent (Lex's own default is 0.40). */
  nluConfidenceThreshold: number;
  voice: { voiceId: string; engine: 'neural' | 'standard' };
  slotTypes: SlotTypeDefinition[];
  intents: IntentDefinition[];
}

export interface BotDefinition {
  name: string;
  description: string;
  /** Lex forgets a session after this much silence. */
  idleSessionTtlInSeconds: number;
  /** COPPA: the bot is not directed at children. */
  childDirected: boolean;
  locales: LocaleDefinition[];
}

// ---------------------------------------------------------------------------------------------
// Helpers that keep the definition readable.

export const text = (plainText: string): BotMessage => ({ plainText });
export const ssml = (markup: string): BotMessage => ({ ssml: markup });

function toMessage(message: string | BotMessage): BotMessage {
  return typeof message === 'string' ? text(message) : message;
}

/** One message group: the first message and its variations. */
export function say(message: string | BotMessage, ...variations: (string | BotMessage)[]): MessageGroup {
  return variations.length ? { message: toMessage(message), variations: variations.map(toMessage) } : { message: toMessage(message) };
}

/**
 * A prompt whose variations are its retry wording (Ordered): the first attempt plays `first`,
 * retry n plays `retries[n-1]`. Lex allows two variations per group, hence at most two retries.
 */
export function ask(first: string | BotMessage, ...retries: (string | BotMessage)[]): PromptSpecification {
  return { messageGroups: [say(first, ...retries)], maxRetries: Math.max(retries.length, 1), messageSelectionStrategy: 'Ordered', allowInterrupt: true };
}

export function respond(...groups: (string | BotMessage | MessageGroup)[]): ResponseSpecification {
  return {
    messageGroups: groups.map((group) => (typeof group === 'object' && 'message' in group ? group : say(group))),
    allowInterrupt: true,
  };
}

export function customSlotType(
  name: string,
  description: string,
  values: Record<string, string[]>,
  resolutionStrategy: CustomSlotTypeDefinition['resolutionStrategy'] = 'TopResolution',
): CustomSlotTypeDefinition {
  return { kind: 'custom', name, description, resolutionStrategy, values: Object.entries(values).map(([value, synonyms]) => ({ value, synonyms })) };
}

/** {SlotName} references in an utterance or message, in order. */
export function slotReferences(utterance: string): string[] {
  return [...utterance.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}

export function messageText(message: BotMessage): string {
  return 'plainText' in message ? message.plainText : message.ssml;
}
