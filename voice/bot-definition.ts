// The courier voice bot: one typed data module that CDK maps onto AWS::Lex::Bot (to-cfn-bot.ts)
// and the local Lex runtime (local/lex) trains and runs. Change the bot here, nowhere else.
//
// en_US is the primary locale (the demo depot is in Seattle and local geocoding resolves US ZIPs);
// en_GB has the same intents with UK postcodes, kilograms and British spelling.
import type { BotDefinition, IntentDefinition, LocaleDefinition, LocaleId, SlotDefinition, SlotTypeDefinition } from './bot-model';
import { bookCourierIntent } from './intents/book-courier';
import { cancelRequestIntent, endConversationIntent, fallbackIntent, getHelpIntent, speakToAgentIntent } from './intents/conversation';
import { giveFeedbackIntent } from './intents/give-feedback';
import { EN_GB, EN_US, type LocaleFlavour } from './intents/locale-flavour';
import { manageFailedDeliveryIntent } from './intents/manage-failed-delivery';
import { trackDeliveryIntent } from './intents/track-delivery';
import { SLOT_TYPES, US_ZIP_CODE } from './slot-types';

export * from './bot-model';
export { WEIGHT_UNIT_BY_LOCALE } from './intents/locale-flavour';
export { BOOKING_REFERENCE_PATTERN } from './slot-types';

/** The intents callers use, in the order the help message lists them. */
export const INTENT_NAMES = [
  'BookCourier',
  'TrackDelivery',
  'GiveFeedback',
  'ManageFailedDelivery',
  'SpeakToAgent',
  'GetHelp',
  'CancelRequest',
  'EndConversation',
  'FallbackIntent',
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

export const FALLBACK_INTENT_NAME: IntentName = 'FallbackIntent';

const VOICES: Record<LocaleId, LocaleDefinition['voice']> = {
  en_US: { voiceId: 'Joanna', engine: 'neural' },
  en_GB: { voiceId: 'Amy', engine: 'neural' },
};

function locale(flavour: LocaleFlavour, description: string): LocaleDefinition {
  const slotTypes: SlotTypeDefinition[] = flavour.postalCode.slotTypeName === US_ZIP_CODE.name ? [...SLOT_TYPES, US_ZIP_CODE] : [...SLOT_TYPES];
  return {
    localeId: flavour.localeId,
    description,
    nluConfidenceThreshold: 0.4,
    voice: VOICES[flavour.localeId],
    slotTypes,
    intents: [
      bookCourierIntent(flavour),
      trackDeliveryIntent(),
      giveFeedbackIntent(),
      manageFailedDeliveryIntent(flavour),
      speakToAgentIntent(),
      getHelpIntent(),
      cancelRequestIntent(),
      endConversationIntent(),
      fallbackIntent(),
    ],
  };
}

export const COURIER_BOT: BotDefinition = {
  name: 'CourierVoiceBot',
  description: 'Courier customer line: book a courier, track a delivery, give feedback or complain, choose what happens after a missed delivery.',
  idleSessionTtlInSeconds: 300,
  childDirected: false,
  locales: [locale(EN_US, 'US English, the primary locale.'), locale(EN_GB, 'UK English: postcodes, kilograms.')],
};

export function findLocale(bot: BotDefinition, localeId: string): LocaleDefinition | undefined {
  return bot.locales.find((candidate) => candidate.localeId === localeId);
}

export function findIntent(localeDefinition: LocaleDefinition, intentName: string): IntentDefinition | undefined {
  return localeDefinition.intents.find((intent) => intent.name === intentName);
}

export function findSlot(intent: IntentDefinition, slotName: string): SlotDefinition | undefined {
  return intent.slots.find((slot) => slot.name === slotName);
}

/**
 * The spelling style a slot should be elicited with. CloudFormation cannot carry it, so the
 * dialog code hook returns it in ElicitSlot (`slotElicitationStyle`) on AWS.
 */
export function slotElicitationStyle(localeDefinition: LocaleDefinition, intentName: string, slotName: string) {
  const intent = findIntent(localeDefinition, intentName);
  return (intent && findSlot(intent, slotName)?.elicitationStyle) ?? 'Default';
}
