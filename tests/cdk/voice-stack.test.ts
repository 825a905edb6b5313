// The voice stack as deployed: the Lex bot from the bot definition, its version and live alias
// with the code hook Lambda, Lambda permissions for Lex, the contact flow from the very file the
// local flow interpreter runs, and the Connect associations — for every stage.
import { Stack } from 'aws-cdk-lib';
import { DEPLOYED_STAGES, physicalName } from '../../cdk/artifacts/naming';
import { functionDefinition } from '../../cdk/artifacts/functions';
import { tableDefinition } from '../../cdk/artifacts/tables';
import { COURIER_BOT } from '../../voice/bot-definition';
import { contactFlowContent } from '../../voice/contact-flow';
import { toCfnBotLocales } from '../../voice/to-cfn-bot';
import { synthesizeCourierApp, type SynthesizedApp } from './support/courier-app';
import { StackTemplates, resourceNamed, resourcesOfType, type CfnResource } from './support/template-queries';

let synthesized: SynthesizedApp;
const templates = new StackTemplates();

beforeAll(() => {
  synthesized = synthesizeCourierApp({ stages: DEPLOYED_STAGES });
  for (const stage of synthesized.stages.values()) {
    for (const stack of stage.node.children) if (Stack.isStack(stack)) templates.add(stack.stackName, synthesized.template(stack));
  }
});

afterAll(() => synthesized?.dispose());

const one = (stage: string, type: string): [string, CfnResource] => {
  const found = resourcesOfType(templates.get(`courier-${stage}-voice`), type);
  expect(found).toHaveLength(1);
  return found[0];
};
const all = (stage: string, type: string) => resourcesOfType(templates.get(`courier-${stage}-voice`), type);

describe.each(DEPLOYED_STAGES)('%s voice stack', (stage) => {
  const voiceStack = `courier-${stage}-voice`;
  const render = (value: unknown) => templates.render(value, voiceStack);
  /** How the voiceCodeHook function's ARN reads once followed into the workflows stack. */
  const codeHookArn = () => {
    const [logicalId] = resourceNamed(templates.get(`courier-${stage}-workflows`), 'AWS::Lambda::Function', 'FunctionName', physicalName(stage, 'voiceCodeHook'));
    return `\${courier-${stage}-workflows/${logicalId}.Arn}`;
  };

  test('the bot is the bot definition, with its runtime role and the code hook on the test alias', () => {
    const [, bot] = one(stage, 'AWS::Lex::Bot');
    const properties = bot.Properties!;
    expect(properties.Name).toBe(physicalName(stage, 'voice-bot'));
    expect(properties.IdleSessionTTLInSeconds).toBe(COURIER_BOT.idleSessionTtlInSeconds);
    expect(properties.DataPrivacy).toEqual({ ChildDirected: false });
    expect(properties.BotLocales.map((locale: { LocaleId: string }) => locale.LocaleId)).toEqual(toCfnBotLocales(COURIER_BOT).map((locale) => locale.localeId));
    const intents = properties.BotLocales[0].Intents.map((intent: { Name: string }) => intent.Name);
    expect(intents).toEqual(expect.arrayContaining(['BookCourier', 'TrackDelivery', 'GiveFeedback', 'ManageFailedDelivery', 'SpeakToAgent', 'FallbackIntent']));
    const role = templates.get(voiceStack).Resources[properties.RoleArn['Fn::GetAtt'][0]];
    expect(role.Properties!.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'lexv2.amazonaws.com' });
    const testAlias = properties.TestBotAliasSettings.BotAliasLocaleSettings;
    expect(testAlias.map((setting: { LocaleId: string }) => setting.LocaleId)).toEqual(['en_US', 'en_GB']);
    for (const setting of testAlias) expect(render(setting.BotAliasLocaleSetting.CodeHookSpecification.LambdaCodeHook.LambdaArn)).toBe(codeHookArn());
  });

  test('a version of every locale from the draft, named after a hash of the definition', () => {
    const [logicalId, version] = one(stage, 'AWS::Lex::BotVersion');
    expect(logicalId).toMatch(/^BotVersion[0-9a-f]{12}$/);
    expect(render(version.Properties!.BotId)).toMatch(/\/Bot\.Id\}$/);
    expect(version.Properties!.BotVersionLocaleSpecification).toEqual(
      ['en_US', 'en_GB'].map((localeId) => ({ LocaleId: localeId, BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } })),
    );
  });

  test('the live alias serves that version with the voiceCodeHook Lambda (interface 1.0) in every locale', () => {
    const [, alias] = one(stage, 'AWS::Lex::BotAlias');
    const [versionId] = one(stage, 'AWS::Lex::BotVersion');
    expect(alias.Properties!.BotAliasName).toBe('live');
    expect(alias.Properties!.BotVersion).toEqual({ 'Fn::GetAtt': [versionId, 'BotVersion'] });
    for (const setting of alias.Properties!.BotAliasLocaleSettings) {
      expect(setting.BotAliasLocaleSetting.Enabled).toBe(true);
      expect(setting.BotAliasLocaleSetting.CodeHookSpecification.LambdaCodeHook.CodeHookInterfaceVersion).toBe('1.0');
      expect(render(setting.BotAliasLocaleSetting.CodeHookSpecification.LambdaCodeHook.LambdaArn)).toBe(codeHookArn());
    }
  });

  test('Lex may invoke the code hook, from the live alias and the test alias only', () => {
    const permissions = all(stage, 'AWS::Lambda::Permission').map(([, permission]) => permission.Properties!);
    expect(permissions).toHaveLength(2);
    const [aliasId] = one(stage, 'AWS::Lex::BotAlias');
    for (const permission of permissions) {
      expect(permission).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'lexv2.amazonaws.com' });
      expect(render(permission.FunctionName)).toBe(codeHookArn());
    }
    expect(permissions.map((permission) => render(permission.SourceArn)).sort()).toEqual(
      [`\${${voiceStack}/${aliasId}.Arn}`, `arn:\${AWS::Partition}:lex:\${AWS::Region}:\${AWS::AccountId}:bot-alias/\${${voiceStack}/Bot.Id}/TSTALIASID`].sort(),
    );
  });

  test('the contact flow is voice/contact-flow.json with the alias and queue filled in, in the instance given as a parameter', () => {
    const [, flow] = one(stage, 'AWS::Connect::ContactFlow');
    const [aliasId] = one(stage, 'AWS::Lex::BotAlias');
    expect(flow.Properties).toMatchObject({ Type: 'CONTACT_FLOW', State: 'ACTIVE', InstanceArn: { Ref: 'ConnectInstanceArn' } });
    const expected = contactFlowContent({ CourierBotAliasArn: `\${${voiceStack}/${aliasId}.Arn}`, AgentQueueArn: `\${${voiceStack}/AgentQueueArn}` });
    expect(render(flow.Properties!.Content)).toBe(expected);
    expect(JSON.parse(expected).Actions.find((action: { Type: string }) => action.Type === 'ConnectParticipantWithLexBot').Parameters.LexV2Bot.AliasArn).toBe(`\${${voiceStack}/${aliasId}.Arn}`);
  });

  test('the bot alias and the Lambda are associated with the instance before the flow is saved', () => {
    const associations = all(stage, 'AWS::Connect::IntegrationAssociation');
    const [aliasId] = one(stage, 'AWS::Lex::BotAlias');
    const byType = Object.fromEntries(associations.map(([logicalId, association]) => [association.Properties!.IntegrationType, { logicalId, properties: association.Properties! }]));
    expect(Object.keys(byType).sort()).toEqual(['LAMBDA_FUNCTION', 'LEX_BOT']);
    expect(byType.LEX_BOT.properties.InstanceId).toEqual({ Ref: 'ConnectInstanceArn' });
    expect(render(byType.LEX_BOT.properties.IntegrationArn)).toBe(`\${${voiceStack}/${aliasId}.Arn}`);
    expect(render(byType.LAMBDA_FUNCTION.properties.IntegrationArn)).toBe(codeHookArn());
    const [, flow] = one(stage, 'AWS::Connect::ContactFlow');
    expect(flow.DependsOn).toEqual(expect.arrayContaining([byType.LEX_BOT.logicalId]));
  });

  test('the Connect instance and agent queue are parameters with ARN patterns', () => {
    const parameters = (templates.get(voiceStack) as unknown as { Parameters: Record<string, { Type: string; AllowedPattern: string }> }).Parameters;
    expect(parameters.ConnectInstanceArn.Type).toBe('String');
    expect(new RegExp(parameters.ConnectInstanceArn.AllowedPattern).test('arn:aws:connect:us-east-1:123456789012:instance/0f6e7a1c-1234-4c5d-9e8f-0123456789ab')).toBe(true);
    expect(new RegExp(parameters.AgentQueueArn.AllowedPattern).test('arn:aws:connect:us-east-1:123456789012:instance/0f6e7a1c-1234-4c5d-9e8f-0123456789ab/queue/1a2b3c4d-1234-4c5d-9e8f-0123456789ab')).toBe(true);
    expect(new RegExp(parameters.AgentQueueArn.AllowedPattern).test('not-an-arn')).toBe(false);
  });

  test('the voice stack depends only on the workflows stack, whose code hook it uses', () => {
    const voice = synthesized.stage(stage).voice;
    expect(voice.dependencies.map((dependency) => dependency.stackName)).toEqual([`courier-${stage}-workflows`]);
  });

  test('the code hook function may write feedback and read bookings, as its manifest entry says', () => {
    const fn = functionDefinition('voiceCodeHook');
    expect(fn.uses.tables).toMatchObject({ feedback: 'readWrite', bookings: 'read', outbox: 'readWrite' });
    const [, table] = resourceNamed(templates.get(`courier-${stage}-data`), 'AWS::DynamoDB::GlobalTable', 'TableName', physicalName(stage, 'feedback'));
    expect(table.Properties!.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName).sort()).toEqual(tableDefinition('feedback').indexes.map((index) => index.name).sort());
  });
});
