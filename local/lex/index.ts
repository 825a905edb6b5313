// The local Lex V2 runtime: NLU trained from voice/bot-definition.ts, slot resolution, dialog
// management with Lex V2 code hook calls, and the RecognizeText HTTP API.
export { startLocalLex, type LocalLex, type StartLocalLexOptions } from './http-server';
export { LocalLexRuntime, TEST_BOT_ALIAS, type LocalLexBot, type LocalLexRuntimeOptions, type SessionAddress } from './runtime';
export { LexApiError } from './errors';
export { intentClassifierFor, trainIntentClassifier, type IntentClassifier, type IntentScore } from './nlu';
export { resolveSlotValue } from './slot-resolvers';
export { FALLBACK_INTENT } from './dialog-manager';
