// The definition as AWS::Lex::Bot: typed against aws-cdk-lib's CfnBot property types (the
// assignments below are checked by tsc), synthesized through a real CfnBot so CDK's own property
// validators run, and checked for the fields CloudFormation requires.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnBot, type CfnBotProps } from 'aws-cdk-lib/aws-lex';
import { COURIER_BOT } from '../../../voice/bot-definition';
import { toCfnBotBaseProps, toCfnBotLocales } from '../../../voice/to-cfn-bot';

type Json = Record<string, any>;

const locales: CfnBot.BotLocaleProperty[] = toCfnBotLocales(COURIER_BOT);
const props: CfnBotProps = { ...toCfnBotBaseProps(COURIER_BOT), roleArn: 'arn:aws:iam::123456789012:role/courier-lex' };

function synthesizedBot(): Json {
  // Validating against CloudFormation's resource schema turns its findings into synth errors.
  const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  const stack = new Stack(app, 'VoiceBotTest', { env: { account: '123456789012', region: 'us-west-2' } });
  new CfnBot(stack, 'Bot', props);
  const resources = Template.fromStack(stack).findResources('AWS::Lex::Bot');
  return Object.values(resources)[0].Properties;
}

describe('toCfnBotLocales', () => {
  const bot = synthesizedBot();

  it('is plain data, one BotLocale per definition locale', () => {
    expect(locales.map((locale) => locale.localeId)).toEqual(['en_US', 'en_GB']);
    expect(JSON.parse(JSON.stringify(locales))).toEqual(locales);
  });

  it('synthesizes through CfnBot with the bot-level properties CloudFormation requires', () => {
    expect(bot).toMatchObject({
      Name: 'CourierVoiceBot',
      RoleArn: expect.any(String),
      IdleSessionTTLInSeconds: 300,
      DataPrivacy: { ChildDirected: false },
      AutoBuildBotLocales: true,
    });
    expect(bot.BotLocales).toHaveLength(2);
  });

  it('gives each locale its threshold, voice, intents and slot types', () => {
    for (const locale of bot.BotLocales as Json[]) {
      expect(locale.NluConfidenceThreshold).toBe(0.4);
      expect(locale.VoiceSettings.VoiceId).toEqual(expect.any(String));
      expect(locale.Intents.map((intent: Json) => intent.Name)).toContain('FallbackIntent');
      expect(locale.SlotTypes.length).toBeGreaterThanOrEqual(6);
    }
  });

  it('writes sample utterances, slots with elicitation settings and priorities for every business intent', () => {
    for (const locale of bot.BotLocales as Json[]) {
      for (const intent of locale.Intents as Json[]) {
        if (intent.ParentIntentSignature) {
          expect(intent).toMatchObject({ Name: 'FallbackIntent', ParentIntentSignature: 'AMAZON.FallbackIntent' });
          expect(intent.SampleUtterances).toBeUndefined();
          continue;
        }
        expect(intent.SampleUtterances.length).toBeGreaterThanOrEqual(15);
        for (const utterance of intent.SampleUtterances) expect(utterance).toEqual({ Utterance: expect.any(String) });
        const slots: Json[] = intent.Slots ?? [];
        expect((intent.SlotPriorities ?? []).map((priority: Json) => priority.SlotName)).toEqual(slots.map((slot) => slot.Name));
        (intent.SlotPriorities ?? []).forEach((priority: Json, index: number) => expect(priority.Priority).toBe(index + 1));
        for (const slot of slots) {
          expect(slot.SlotTypeName).toEqual(expect.any(String));
          expect(['Required', 'Optional']).toContain(slot.ValueElicitationSetting.SlotConstraint);
          const prompt = slot.ValueElicitationSetting.PromptSpecification;
          expect(prompt.MaxRetries).toBeGreaterThanOrEqual(1);
          expect(prompt.MessageGroupsList[0].Message.PlainTextMessage ?? prompt.MessageGroupsList[0].Message.SSMLMessage).toEqual({ Value: expect.any(String) });
        }
        expect(intent.IntentClosingSetting.NextStep.DialogAction.Type).toMatch(/^(ElicitIntent|EndConversation)$/);
        expect(intent.DialogCodeHook).toEqual({ Enabled: expect.any(Boolean) });
        expect(intent.FulfillmentCodeHook.Enabled).toEqual(expect.any(Boolean));
      }
    }
  });

  it('writes the confirmation prompt and declination for intents that confirm', () => {
    const booking = (bot.BotLocales[0].Intents as Json[]).find((intent) => intent.Name === 'BookCourier')!;
    expect(booking.IntentConfirmationSetting).toMatchObject({
      IsActive: true,
      PromptSpecification: { MaxRetries: expect.any(Number), MessageGroupsList: expect.any(Array), MessageSelectionStrategy: 'Ordered' },
      DeclinationResponse: { MessageGroupsList: expect.any(Array) },
      DeclinationNextStep: { DialogAction: { Type: 'ElicitIntent' } },
    });
  });

  it('writes the booking reference as AMAZON.AlphaNumeric with a regex filter, and custom types with synonyms', () => {
    const slotTypes = bot.BotLocales[0].SlotTypes as Json[];
    expect(slotTypes.find((type) => type.Name === 'BookingReference')).toEqual({
      Name: 'BookingReference',
      Description: expect.any(String),
      ParentSlotTypeSignature: 'AMAZON.AlphaNumeric',
      ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE', RegexFilter: { Pattern: 'CB[A-Z0-9]{6}' } },
    });
    const size = slotTypes.find((type) => type.Name === 'PackageSize')!;
    expect(size.ValueSelectionSetting).toEqual({ ResolutionStrategy: 'TOP_RESOLUTION' });
    expect(size.SlotTypeValues).toContainEqual({ SampleValue: { Value: 'EXTRA_LARGE' }, Synonyms: expect.arrayContaining([{ Value: 'extra large' }]) });
    // en_US has the ZIP type; en_GB relies on AMAZON.UKPostalCode.
    expect(slotTypes.map((type) => type.Name)).toContain('UsZipCode');
    expect((bot.BotLocales[1].SlotTypes as Json[]).map((type) => type.Name)).not.toContain('UsZipCode');
  });

  it('allows several handling values and obfuscates personal data in logs', () => {
    const booking = (bot.BotLocales[0].Intents as Json[]).find((intent) => intent.Name === 'BookCourier')!;
    const slot = (name: string) => (booking.Slots as Json[]).find((candidate) => candidate.Name === name)!;
    expect(slot('SpecialHandling').MultipleValuesSetting).toEqual({ AllowMultipleValues: true });
    expect(slot('CustomerName').ObfuscationSetting).toEqual({ ObfuscationSettingType: 'DefaultObfuscation' });
  });
});
