// The voice channel on AWS: the Lex V2 bot from voice/bot-definition.ts (the definition the local
// Lex runtime runs), a version of it, the "live" alias whose code hook is the voiceCodeHook Lambda
// of the workflows stack, and — in an existing Amazon Connect instance — the contact flow from
// voice/contact-flow.json (the file the local flow interpreter runs) with the bot and Lambda
// associated. The instance and the agents' queue are deployment parameters: Connect instances are
// made once per company (phone numbers, agents, hours), not per stack.
import { createHash } from 'node:crypto';
import { CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import * as lex from 'aws-cdk-lib/aws-lex';
import type { Construct } from 'constructs';
import { physicalName } from '../artifacts/naming';
import { COURIER_BOT } from '../../voice/bot-definition';
import { contactFlowContent } from '../../voice/contact-flow';
import { toCfnBotBaseProps } from '../../voice/to-cfn-bot';
import type { StageConfig } from './stage-config';

export interface VoiceStackProps extends StackProps {
  config: StageConfig;
  /** The code hook Lambda (manifest id voiceCodeHook). */
  codeHook: lambda.IFunction;
}

/** The Lex V2 interface version of the Lambda event and response the code hook speaks. */
const CODE_HOOK_INTERFACE_VERSION = '1.0';
/** Every bot has this test alias; the console's test window uses it. */
const TEST_BOT_ALIAS_ID = 'TSTALIASID';

export class VoiceStack extends Stack {
  readonly bot: lex.CfnBot;
  readonly botAlias: lex.CfnBotAlias;
  readonly contactFlow: connect.CfnContactFlow;

  constructor(scope: Construct, id: string, props: VoiceStackProps) {
    super(scope, id, props);
    const { config, codeHook } = props;

    const instanceArn = new CfnParameter(this, 'ConnectInstanceArn', {
      type: 'String',
      description: 'ARN of the existing Amazon Connect instance that answers the courier line',
      allowedPattern: '^arn:aws[a-z-]*:connect:[a-z0-9-]+:\\d{12}:instance/[0-9a-f-]{36}$',
      constraintDescription: 'must be a Connect instance ARN, arn:aws:connect:<region>:<account>:instance/<instance id>',
    }).valueAsString;
    const agentQueueArn = new CfnParameter(this, 'AgentQueueArn', {
      type: 'String',
      description: 'ARN of the Connect queue of the customer service agents callers are transferred to',
      allowedPattern: '^arn:aws[a-z-]*:connect:[a-z0-9-]+:\\d{12}:instance/[0-9a-f-]{36}/queue/[0-9a-f-]{36}$',
      constraintDescription: 'must be a Connect queue ARN, arn:aws:connect:<region>:<account>:instance/<instance id>/queue/<queue id>',
    }).valueAsString;

    // Lex speaks with Polly and reports sentiment with Comprehend on the bot's behalf.
    const role = new iam.Role(this, 'BotRole', {
      assumedBy: new iam.ServicePrincipal('lexv2.amazonaws.com'),
      description: 'Runtime role of the courier voice bot',
      inlinePolicies: {
        speech: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] })] }),
      },
    });

    const codeHookFor = (localeId: string) => ({
      localeId,
      botAliasLocaleSetting: { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaArn: codeHook.functionArn, codeHookInterfaceVersion: CODE_HOOK_INTERFACE_VERSION } } },
    });
    const localeIds = COURIER_BOT.locales.map((locale) => locale.localeId);

    this.bot = new lex.CfnBot(this, 'Bot', {
      ...toCfnBotBaseProps(COURIER_BOT),
      // One bot per stage in an account: the definition's name with the stage's prefix.
      name: physicalName(config.stage, 'voice-bot'),
      roleArn: role.roleArn,
      testBotAliasSettings: { botAliasLocaleSettings: localeIds.map(codeHookFor) },
    });

    // A bot version is immutable and CloudFormation only makes a new one when the resource is new,
    // so the version's logical id carries a hash of the definition: a changed bot gets a new version.
    const definitionHash = createHash('sha256').update(JSON.stringify(COURIER_BOT)).digest('hex').slice(0, 12);
    const version = new lex.CfnBotVersion(this, `BotVersion${definitionHash}`, {
      botId: this.bot.attrId,
      description: `Courier voice bot, definition ${definitionHash}`,
      botVersionLocaleSpecification: localeIds.map((localeId) => ({ localeId, botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' } })),
    });

    this.botAlias = new lex.CfnBotAlias(this, 'LiveAlias', {
      botId: this.bot.attrId,
      botAliasName: 'live',
      description: 'What the courier line talks to',
      botVersion: version.attrBotVersion,
      botAliasLocaleSettings: localeIds.map(codeHookFor),
      sentimentAnalysisSettings: { DetectSentiment: false },
    });

    // Lex may invoke the code hook from the live alias, and from the test alias for console testing.
    new CfnPermission(this, 'LiveAliasInvokesCodeHook', {
      action: 'lambda:InvokeFunction',
      functionName: codeHook.functionArn,
      principal: 'lexv2.amazonaws.com',
      sourceArn: this.botAlias.attrArn,
    });
    new CfnPermission(this, 'TestAliasInvokesCodeHook', {
      action: 'lambda:InvokeFunction',
      functionName: codeHook.functionArn,
      principal: 'lexv2.amazonaws.com',
      sourceArn: this.formatArn({ service: 'lex', resource: 'bot-alias', resourceName: `${this.bot.attrId}/${TEST_BOT_ALIAS_ID}` }),
    });

    // Connect may use the bot (and the Lambda, for flows that invoke it) only once associated.
    const botAssociation = new connect.CfnIntegrationAssociation(this, 'BotAssociation', {
      instanceId: instanceArn,
      integrationType: 'LEX_BOT',
      integrationArn: this.botAlias.attrArn,
    });
    new connect.CfnIntegrationAssociation(this, 'CodeHookAssociation', {
      instanceId: instanceArn,
      integrationType: 'LAMBDA_FUNCTION',
      integrationArn: codeHook.functionArn,
    });

    this.contactFlow = new connect.CfnContactFlow(this, 'ContactFlow', {
      instanceArn,
      name: `Courier line (${config.stage})`,
      description: 'Greets callers, hands them to the courier bot, transfers to agents on request or handover',
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      content: contactFlowContent({ CourierBotAliasArn: this.botAlias.attrArn, AgentQueueArn: agentQueueArn }),
    });
    // Connect refuses to save a flow that names a bot the instance is not associated with.
    this.contactFlow.addResourceDependency(botAssociation);
  }
}
