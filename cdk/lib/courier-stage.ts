// One deployed stage (dev, staging or prod) of the courier platform, as stacks per concern.
//
// Dependencies run one way, so CloudFormation never sees a cycle:
//
//   data ─┬──────────────┐        (tables and the proof bucket)
//   auth ─┴─► api ──► workflows ──► monitoring
//   geo ─────────────────┘      └──► voice   (Lex bot + Connect flow; the code hook is a workflows function)
//
// Three references would close a loop if taken literally:
// - api → workflows: the createBooking/pickupWindows/setPickupCapacity data sources invoke
//   functions of the workflows stack, which itself needs the API (its URL and ARN for
//   publishBookingChange). The api stack therefore names those functions by the ARN their
//   deterministic names give (resource-names.ts) instead of referencing them.
// - createBooking → booking state machine → saga functions: the machine is built from the saga
//   functions, and createBooking gets the machine's ARN from its deterministic name too, so any
//   saga step may also use it without a cycle inside the stack.
// - publishBookingChange → API URL: a plain cross-stack reference, since the api stack depends
//   on nothing in workflows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stage, Tags, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SCHEMA_FILE } from '../artifacts/api';
import { REPOSITORY_ROOT } from '../artifacts/resolver-bundles';
import { ApiStack } from './api-stack';
import { AuthStack, COGNITO_GROUPS } from './auth-stack';
import { DataStack } from './data-stack';
import { GeoStack } from './geo-stack';
import { MonitoringStack } from './monitoring-stack';
import { stackName } from './resource-names';
import { cognitoGroupsInSchema, publishMutations } from './schema-analysis';
import type { StageConfig } from './stage-config';
import { WorkflowsStack } from './workflows-stack';
import { VoiceStack } from './voice-stack';

export const APP_TAG = 'courier';

export interface CourierStageProps extends StageProps {
  config: StageConfig;
}

export class CourierStage extends Stage {
  readonly config: StageConfig;
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly geo: GeoStack;
  readonly api: ApiStack;
  readonly workflows: WorkflowsStack;
  readonly monitoring: MonitoringStack;
  readonly voice: VoiceStack;

  constructor(scope: Construct, props: CourierStageProps) {
    super(scope, props.config.stage, props);
    const { config } = props;
    this.config = config;
    const common = (concern: Parameters<typeof stackName>[1], description: string) => ({
      stackName: stackName(config.stage, concern),
      description: `Courier ${config.stage}: ${description}`,
      config,
      // Deleting a stack that holds customers' data or accounts must take a deliberate extra step.
      terminationProtection: config.protectData && (concern === 'data' || concern === 'auth'),
      // Stack tags reach, through CloudFormation, resources that CDK's tagging cannot.
      tags: costAllocationTags(config),
    });

    const schema = readFileSync(path.join(REPOSITORY_ROOT, SCHEMA_FILE), 'utf8');
    // A directive naming a group the pool lacks would silently lock that group's users out.
    const unknownGroups = cognitoGroupsInSchema(schema).filter((group) => !(group in COGNITO_GROUPS));
    if (unknownGroups.length > 0) throw new Error(`${SCHEMA_FILE} authorizes Cognito groups the user pool does not have: ${unknownGroups.join(', ')}`);

    this.data = new DataStack(this, 'Data', common('data', 'DynamoDB tables'));
    this.auth = new AuthStack(this, 'Auth', common('auth', 'Cognito user pool for admins and couriers'));
    this.geo = new GeoStack(this, 'Geo', common('geo', 'Amazon Location place index and route calculator'));
    this.api = new ApiStack(this, 'Api', {
      ...common('api', 'AppSync GraphQL API'),
      userPool: this.auth.userPool,
      tables: this.data.tables,
    });
    this.workflows = new WorkflowsStack(this, 'Workflows', {
      ...common('workflows', 'Lambda functions and Step Functions state machines'),
      tables: this.data.tables,
      api: this.api.api,
      publishMutations: publishMutations(schema),
      geo: this.geo,
      proofBucket: this.data.proofBucket,
      proofBucketKey: this.data.tableKey,
    });
    this.monitoring = new MonitoringStack(this, 'Monitoring', {
      ...common('monitoring', 'alarms and the alarm topic'),
      functions: this.workflows.functions,
      stateMachines: this.workflows.stateMachines,
    });
    // The Lex bot and the Connect contact flow; its code hook is a function of the workflows stack.
    this.voice = new VoiceStack(this, 'Voice', {
      ...common('voice', 'Lex V2 bot and the Amazon Connect contact flow of the courier line'),
      codeHook: required(this.workflows.functions.get('voiceCodeHook'), 'the voiceCodeHook function'),
    });

    for (const [key, value] of Object.entries(costAllocationTags(config))) Tags.of(this).add(key, value);
  }
}

/** Cost allocation tags; activate the keys in the billing console to split costs by app and stage. */
export function costAllocationTags(config: StageConfig): Record<string, string> {
  return { app: APP_TAG, stage: config.stage };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the stage needs ${what}, which cdk/artifacts/functions.ts does not define`);
  return value;
}
