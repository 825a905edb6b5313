// Maps the bot definition onto AWS::Lex::Bot's BotLocales, one definition object to one
// CloudFormation property each. Pure and type-only with respect to aws-cdk-lib, so the local
// cloud can import the definition without loading CDK; the CDK stack passes the result to
// `new lex.CfnBot(this, 'Bot', { botLocales: toCfnBotLocales(COURIER_BOT), ... })`.
import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import type {
  BotDefinition,
  BotMessage,
  IntentDefinition,
  LocaleDefinition,
  MessageGroup,
  NextStep,
  PromptSpecification,
  ResponseSpecification,
  SlotDefinition,
  SlotTypeDefinition,
} from './bot-model';

function message(source: BotMessage): CfnBot.MessageProperty {
  return 'plainText' in source ? { plainTextMessage: { value: source.plainText } } : { ssmlMessage: { value: source.ssml } };
}

function messageGroup(group: MessageGroup): CfnBot.MessageGroupProperty {
  return group.variations?.length ? { message: message(group.message), variations: group.variations.map(message) } : { message: message(group.message) };
}

function prompt(source: PromptSpecification): CfnBot.PromptSpecificationProperty {
  return {
    maxRetries: source.maxRetries,
    messageGroupsList: source.messageGroups.map(messageGroup),
    messageSelectionStrategy: source.messageSelectionStrategy,
    allowInterrupt: source.allowInterrupt ?? true,
  };
}

function response(source: ResponseSpecification): CfnBot.ResponseSpecificationProperty {
  return { messageGroupsList: source.messageGroups.map(messageGroup), allowInterrupt: source.allowInterrupt ?? true };
}

/** CloudFormation spells the Lex API's resolution strategies in upper snake case. */
const RESOLUTION_STRATEGY = { OriginalValue: 'ORIGINAL_VALUE', TopResolution: 'TOP_RESOLUTION' } as const;

function nextStep(step: NextStep): CfnBot.DialogStateProperty {
  return { dialogAction: { type: step } };
}

function slotType(source: SlotTypeDefinition): CfnBot.SlotTypeProperty {
  if (source.kind === 'regex') {
    return {
      name: source.name,
      description: source.description,
      parentSlotTypeSignature: source.parentSlotTypeSignature,
      valueSelectionSetting: { resolutionStrategy: RESOLUTION_STRATEGY.OriginalValue, regexFilter: { pattern: source.pattern } },
    };
  }
  return {
    name: source.name,
    description: source.description,
    slotTypeValues: source.values.map((value) => ({ sampleValue: { value: value.value }, synonyms: value.synonyms.map((synonym) => ({ value: synonym })) })),
    valueSelectionSetting: { resolutionStrategy: RESOLUTION_STRATEGY[source.resolutionStrategy] },
  };
}

function slot(source: SlotDefinition): CfnBot.SlotProperty {
  return {
    name: source.name,
    description: source.description,
    slotTypeName: source.slotTypeName,
    valueElicitationSetting: {
      slotConstraint: source.required ? 'Required' : 'Optional',
      promptSpecification: prompt(source.prompt),
      ...(source.sampleUtterances?.length ? { sampleUtterances: source.sampleUtterances.map((utterance) => ({ utterance })) } : {}),
    },
    ...(source.allowMultipleValues ? { multipleValuesSetting: { allowMultipleValues: true } } : {}),
    ...(source.obfuscate ? { obfuscationSetting: { obfuscationSettingType: 'DefaultObfuscation' } } : {}),
  };
}

function intent(source: IntentDefinition): CfnBot.IntentProperty {
  const fulfillment = source.fulfillmentResponses;
  return {
    name: source.name,
    description: source.description,
    ...(source.parentIntentSignature ? { parentIntentSignature: source.parentIntentSignature } : {}),
    ...(source.sampleUtterances.length ? { sampleUtterances: source.sampleUtterances.map((utterance) => ({ utterance })) } : {}),
    ...(source.slots.length
      ? { slots: source.slots.map(slot), slotPriorities: source.slots.map((s, index) => ({ priority: index + 1, slotName: s.name })) }
      : {}),
    ...(source.confirmation
      ? {
          intentConfirmationSetting: {
            isActive: true,
            promptSpecification: prompt(source.confirmation.prompt),
            declinationResponse: response(source.confirmation.declinationResponse),
            declinationNextStep: nextStep(source.confirmation.declinationNextStep),
          },
        }
      : {}),
    dialogCodeHook: { enabled: source.dialogCodeHook },
    fulfillmentCodeHook: {
      enabled: source.fulfillmentCodeHook,
      isActive: true,
      ...(fulfillment
        ? {
            postFulfillmentStatusSpecification: {
              ...(fulfillment.success ? { successResponse: response(fulfillment.success) } : {}),
              ...(fulfillment.failure ? { failureResponse: response(fulfillment.failure) } : {}),
            },
          }
        : {}),
    },
    intentClosingSetting: {
      isActive: true,
      ...(source.closing.response ? { closingResponse: response(source.closing.response) } : {}),
      nextStep: nextStep(source.closing.nextStep),
    },
  };
}

export function toCfnBotLocale(source: LocaleDefinition): CfnBot.BotLocaleProperty {
  return {
    localeId: source.localeId,
    description: source.description,
    nluConfidenceThreshold: source.nluConfidenceThreshold,
    voiceSettings: { voiceId: source.voice.voiceId, engine: source.voice.engine },
    slotTypes: source.slotTypes.map(slotType),
    intents: source.intents.map(intent),
  };
}

/** The `botLocales` property of CfnBot. */
export function toCfnBotLocales(bot: BotDefinition): CfnBot.BotLocaleProperty[] {
  return bot.locales.map(toCfnBotLocale);
}

/** The bot-level CfnBot properties the definition owns; the stack adds roleArn and the test alias' code hook. */
export function toCfnBotBaseProps(bot: BotDefinition) {
  return {
    name: bot.name,
    description: bot.description,
    idleSessionTtlInSeconds: bot.idleSessionTtlInSeconds,
    // CfnBot passes DataPrivacy through untyped, so it takes CloudFormation's own casing.
    dataPrivacy: { ChildDirected: bot.childDirected },
    autoBuildBotLocales: true,
    botLocales: toCfnBotLocales(bot),
  } satisfies Omit<import('aws-cdk-lib/aws-lex').CfnBotProps, 'roleArn'>;
}
