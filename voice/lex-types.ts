// The Lex V2 wire shapes the voice channel speaks: the Lambda code hook event and response
// (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html, lambda-response-format.html,
// lambda-common-structures.html) and the runtime API's RecognizeText/GetSession/DeleteSession
// bodies. Written here rather than taken from @types/aws-lambda because that package lacks
// fields Lex sends (interpretationSource, invocationLabel, proposedNextState.prompt,
// slotElicitationStyle in the event, sentiment on the runtime side) and types the runtime
// API's nluConfidence as a number where RecognizeText returns `{ score }`.
// The same types serve the code hooks on AWS and the local Lex runtime, so both read one contract.

export type LexIntentState = 'Failed' | 'Fulfilled' | 'FulfillmentInProgress' | 'InProgress' | 'ReadyForFulfillment' | 'Waiting';
export type LexConfirmationState = 'Confirmed' | 'Denied' | 'None';
export type LexDialogActionType = 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot' | 'None';
export type LexSlotElicitationStyle = 'Default' | 'SpellByLetter' | 'SpellByWord';
export type LexInputMode = 'DTMF' | 'Speech' | 'Text';
export type LexInvocationSource = 'DialogCodeHook' | 'FulfillmentCodeHook';
export type LexMessageContentType = 'CustomPayload' | 'ImageResponseCard' | 'PlainText' | 'SSML';

export interface LexSlotValue {
  /** What the caller said for the slot. */
  originalValue: string;
  /** Lex's single resolution; absent (null on the wire) when the value is ambiguous, e.g. "10 o'clock". */
  interpretedValue?: string | null;
  /** Every resolution Lex considered, e.g. ["10:00", "22:00"]. */
  resolvedValues: string[];
}

export interface LexSlot {
  shape?: 'Scalar' | 'List' | 'Composite';
  value?: LexSlotValue;
  /** Present for shape List: one Scalar slot per value. */
  values?: LexSlot[];
  subSlots?: LexSlots;
}

/** Every slot of the intent is present; unfilled slots are null. */
export type LexSlots = Record<string, LexSlot | null>;

export interface LexIntent {
  name: string;
  slots?: LexSlots;
  state?: LexIntentState;
  confirmationState?: LexConfirmationState;
}

export interface LexDialogAction {
  type: LexDialogActionType;
  slotToElicit?: string;
  slotElicitationStyle?: LexSlotElicitationStyle;
  subSlotToElicit?: { name: string; subSlotToElicit?: LexDialogAction['subSlotToElicit'] };
}

export interface LexActiveContext {
  name: string;
  timeToLive: { timeToLiveInSeconds: number; turnsToLive: number };
  contextAttributes: Record<string, string>;
}

export interface LexSessionState {
  dialogAction?: LexDialogAction;
  intent?: LexIntent;
  activeContexts?: LexActiveContext[];
  sessionAttributes?: Record<string, string>;
  originatingRequestId?: string;
  runtimeHints?: unknown;
}

export interface LexImageResponseCard {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  buttons?: { text: string; value: string }[];
}

export interface LexMessage {
  contentType: LexMessageContentType;
  content?: string;
  imageResponseCard?: LexImageResponseCard;
}

export interface LexSentimentResponse {
  sentiment: 'MIXED' | 'NEGATIVE' | 'NEUTRAL' | 'POSITIVE';
  sentimentScore: { mixed: number; negative: number; neutral: number; positive: number };
}

// ---------------------------------------------------------------------------------------------
// Lambda code hook

export interface LexCodeHookInterpretation {
  interpretationSource?: 'Bedrock' | 'Lex';
  intent: LexIntent;
  /** A plain number in the Lambda event (the runtime API wraps it in `{ score }`). Absent for FallbackIntent. */
  nluConfidence?: number;
  sentimentResponse?: LexSentimentResponse;
}

export interface LexCodeHookEvent {
  messageVersion: '1.0';
  invocationSource: LexInvocationSource;
  inputMode: LexInputMode;
  responseContentType: string;
  sessionId: string;
  inputTranscript: string;
  invocationLabel?: string;
  bot: { id: string; name: string; localeId: string; version: string; aliasId: string; aliasName: string };
  interpretations: LexCodeHookInterpretation[];
  proposedNextState?: { dialogAction: LexDialogAction; intent: LexIntent; prompt?: { attempt: string } };
  requestAttributes?: Record<string, string>;
  sessionState: LexSessionState & { intent: LexIntent; originatingRequestId: string };
  transcriptions?: {
    transcription: string;
    transcriptionConfidence: number;
    resolvedContext: { intent: string };
    resolvedSlots: LexSlots;
  }[];
}

export interface LexCodeHookResponse {
  sessionState: LexSessionState & { dialogAction: LexDialogAction };
  messages?: LexMessage[];
  requestAttributes?: Record<string, string>;
}

/** How the runtime reaches a bot's Lambda: on AWS the alias' code hook Lambda, locally an in-process handler. */
export type InvokeCodeHook = (event: LexCodeHookEvent) => Promise<LexCodeHookResponse>;

// ---------------------------------------------------------------------------------------------
// Runtime API (lexruntimev2, REST-JSON)

export interface LexRuntimeInterpretation {
  intent: LexIntent;
  nluConfidence?: { score: number };
  sentimentResponse?: LexSentimentResponse;
  interpretationSource?: 'Bedrock' | 'Lex';
}

/** Body of POST /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}/text */
export interface RecognizeTextRequestBody {
  text: string;
  sessionState?: LexSessionState;
  requestAttributes?: Record<string, string>;
}

export interface RecognizeTextResponseBody {
  messages?: LexMessage[];
  sessionState: LexSessionState;
  interpretations: LexRuntimeInterpretation[];
  requestAttributes?: Record<string, string>;
  sessionId: string;
  recognizedBotMember?: { botId: string; botName?: string };
}

export interface GetSessionResponseBody {
  sessionId: string;
  messages?: LexMessage[];
  interpretations?: LexRuntimeInterpretation[];
  sessionState: LexSessionState;
}

export interface DeleteSessionResponseBody {
  botId: string;
  botAliasId: string;
  localeId: string;
  sessionId: string;
}
