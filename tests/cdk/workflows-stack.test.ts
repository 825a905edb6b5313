// Lambda functions and state machines as deployed, against the manifest (functions.ts,
// state-machines.ts, environment.ts) and each stage's config.
import fs from 'node:fs';
import path from 'node:path';
import { functionEnvironment, type EnvironmentValues } from '../../cdk/artifacts/environment';
import { FUNCTIONS, type FunctionDefinition } from '../../cdk/artifacts/functions';
import { DEPLOYED_STAGES, physicalName } from '../../cdk/artifacts/naming';
import { SCHEMA_FILE } from '../../cdk/artifacts/api';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';
import { STATE_MACHINES, substituteDefinition, type Substitution } from '../../cdk/artifacts/state-machines';
import { TABLES, tableEnvVar, type TableId } from '../../cdk/artifacts/tables';
import { stateMachineEnvVar } from '../../cdk/artifacts/state-machines';
import { mutationTypeName, publishMutationFields } from '../../cdk/lib/schema-analysis';
import { stageConfig, type DeployedStage } from '../../cdk/lib/stage-config';
import { synthesizeCourierApp, type SynthesizedApp } from './support/courier-app';
import {
  StackTemplates,
  actionsOf,
  referencedLogicalId,
  resourceNamed,
  resourcesOf,
  resourcesOfType,
  roleStatements,
  type CfnResource,
  type PolicyStatement,
} from './support/template-queries';

let synthesized: SynthesizedApp;
const templates = new StackTemplates();

beforeAll(() => {
  synthesized = synthesizeCourierApp({ stages: DEPLOYED_STAGES });
  for (const stage of synthesized.stages.values()) {
    for (const stack of [stage.data, stage.geo, stage.api, stage.workflows]) templates.add(stack.stackName, synthesized.template(stack));
  }
});

afterAll(() => synthesized?.dispose());

const stackOf = (stage: DeployedStage, concern: 'data' | 'geo' | 'api' | 'workflows') => templates.get(`courier-${stage}-${concern}`);
const workflowsName = (stage: DeployedStage) => `courier-${stage}-workflows`;
const arnPrefix = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:`;

function lambdaFunction(stage: DeployedStage, fn: FunctionDefinition): [string, CfnResource] {
  return resourceNamed(stackOf(stage, 'workflows'), 'AWS::Lambda::Function', 'FunctionName', physicalName(stage, fn.id));
}

function functionStatements(stage: DeployedStage, fn: FunctionDefinition): PolicyStatement[] {
  const [, resource] = lambdaFunction(stage, fn);
  return roleStatements(stackOf(stage, 'workflows'), referencedLogicalId(resource.Properties!.Role));
}

/** `${courier-dev-data/BookingsTable1234.Arn}` etc.: how a rendered reference to a table's attribute reads. */
function tableReference(stage: DeployedStage, table: TableId, attribute?: string): string {
  const [logicalId] = resourceNamed(stackOf(stage, 'data'), 'AWS::DynamoDB::GlobalTable', 'TableName', physicalName(stage, table));
  return `\${courier-${stage}-data/${logicalId}${attribute ? `.${attribute}` : ''}}`;
}

function stateMachineArn(stage: DeployedStage, machineId: string): string {
  const [, machine] = resourceNamed(stackOf(stage, 'workflows'), 'AWS::StepFunctions::StateMachine', 'StateMachineName', physicalName(stage, machineId));
  return `${arnPrefix('states')}stateMachine:${machine.Properties!.StateMachineName}`;
}

/** What the stack should have passed to functionEnvironment: only the shape matters for names. */
function expectedEnvironmentValues(stage: DeployedStage): EnvironmentValues {
  const config = stageConfig(stage);
  return {
    stage,
    tableName: (table) => `table:${table}`,
    stateMachineArn: (machine) => `machine:${machine}`,
    appSyncGraphqlUrl: 'https://graphql',
    publicBaseUrl: config.publicBaseUrl,
    geo: { provider: 'amazon-location', placeIndex: 'places', routeCalculator: 'routes' },
    notifier: config.notifier,
    businessRules: config.businessRules ? JSON.stringify(config.businessRules) : undefined,
    files: { provider: 's3', bucketName: 'bucket' },
  };
}

/** `${courier-dev-data/ProofBucket1234}`: how a rendered reference to the proof bucket (or one of its attributes) reads. */
function proofBucketReference(stage: DeployedStage, attribute?: string): string {
  const [logicalId] = resourcesOfType(stackOf(stage, 'data'), 'AWS::S3::Bucket')[0];
  return `\${courier-${stage}-data/${logicalId}${attribute ? `.${attribute}` : ''}}`;
}

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** Actions that have no resource-level scoping; anything else granted on "*" is a leak. */
const UNSCOPABLE_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'sns:Publish']);

describe.each(DEPLOYED_STAGES)('%s functions', (stage) => {
  const config = stageConfig(stage);
  const render = (value: unknown) => templates.render(value, workflowsName(stage));

  test('one Lambda function per manifest entry', () => {
    const names = resourcesOfType(stackOf(stage, 'workflows'), 'AWS::Lambda::Function').map(([, resource]) => resource.Properties!.FunctionName);
    expect(names.sort()).toEqual(FUNCTIONS.map((fn) => physicalName(stage, fn.id)).sort());
  });

  test.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: Node.js 22 on ARM with the manifest timeout and memory, traced, logging to its own group', (_, fn) => {
    const [, resource] = lambdaFunction(stage, fn);
    const properties = resource.Properties!;
    expect(properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: fn.timeoutSeconds,
      MemorySize: fn.memoryMb,
      Description: fn.description,
      TracingConfig: { Mode: 'Active' },
    });
    const logGroup = stackOf(stage, 'workflows').Resources[referencedLogicalId(properties.LoggingConfig.LogGroup)];
    expect(logGroup.Properties).toMatchObject({ LogGroupName: `/aws/lambda/${physicalName(stage, fn.id)}`, RetentionInDays: config.logRetentionDays });
    expect(logGroup.DeletionPolicy).toBe(config.protectData ? 'Retain' : 'Delete');
  });

  test.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: exactly the environment variable names functionEnvironment yields, plus NODE_OPTIONS', (_, fn) => {
    const variables = lambdaFunction(stage, fn)[1].Properties!.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(variables).sort()).toEqual([...Object.keys(functionEnvironment(fn, expectedEnvironmentValues(stage))), 'NODE_OPTIONS'].sort());
    // The bundles ship source maps; Node applies them to stack traces only with this flag.
    expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  test.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: environment values point at this stage’s resources', (_, fn) => {
    const variables = lambdaFunction(stage, fn)[1].Properties!.Environment.Variables as Record<string, unknown>;
    expect(variables.STAGE).toBe(stage);
    expect(variables.PUBLIC_BASE_URL).toBe(config.publicBaseUrl);
    for (const table of Object.keys(fn.uses.tables ?? {}) as TableId[]) expect(render(variables[tableEnvVar(table)])).toBe(tableReference(stage, table));
    for (const machine of fn.uses.stateMachines ?? []) expect(render(variables[stateMachineEnvVar(machine)])).toBe(stateMachineArn(stage, machine));
    if (fn.uses.appSyncMutations) {
      const [apiId] = resourcesOfType(stackOf(stage, 'api'), 'AWS::AppSync::GraphQLApi')[0];
      expect(render(variables.APPSYNC_GRAPHQL_URL)).toBe(`\${courier-${stage}-api/${apiId}.GraphQLUrl}`);
    }
    if (fn.uses.geo) {
      const [, placeIndex] = resourcesOfType(stackOf(stage, 'geo'), 'AWS::Location::PlaceIndex')[0];
      const [, calculator] = resourcesOfType(stackOf(stage, 'geo'), 'AWS::Location::RouteCalculator')[0];
      expect(variables).toMatchObject({ GEO_PROVIDER: 'amazon-location', GEO_PLACE_INDEX: placeIndex.Properties!.IndexName, GEO_ROUTE_CALCULATOR: calculator.Properties!.CalculatorName });
    }
    if (fn.uses.notifications) expect(variables.NOTIFIER).toBe(config.notifier.mode);
    if (fn.uses.files) expect(variables).toMatchObject({ FILE_STORE: 's3' });
    if (fn.uses.files) expect(render(variables.PROOF_BUCKET)).toBe(proofBucketReference(stage));
    if (config.businessRules) expect(JSON.parse(variables.BUSINESS_RULES as string)).toEqual(config.businessRules);
    else expect(variables.BUSINESS_RULES).toBeUndefined();
  });

  test.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: no wildcard actions, and "*" resources only for actions that cannot be scoped', (_, fn) => {
    for (const statement of functionStatements(stage, fn)) {
      expect(statement.Effect).toBe('Allow');
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/\*/);
      if (resourcesOf(statement).includes('*')) for (const action of actionsOf(statement)) expect(UNSCOPABLE_ACTIONS).toContain(action);
    }
  });

  test.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: DynamoDB access exactly as its manifest entry says', (_, fn) => {
    const granted = new Map<string, Set<string>>();
    for (const statement of functionStatements(stage, fn)) {
      const actions = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
      if (actions.length === 0) continue;
      for (const resource of resourcesOf(statement)) {
        // A table's indexes ("<arn>/index/*") count as the table.
        const table = render(resource).replace(/\/index\/\*$/, '');
        granted.set(table, new Set([...(granted.get(table) ?? []), ...actions]));
      }
    }
    const uses = Object.entries(fn.uses.tables ?? {}) as [TableId, string][];
    expect([...granted.keys()].sort()).toEqual(uses.map(([table]) => tableReference(stage, table, 'Arn')).sort());
    for (const [table, access] of uses) {
      const actions = [...granted.get(tableReference(stage, table, 'Arn'))!];
      const reads = access === 'read' || access === 'readWrite';
      const writes = access === 'write' || access === 'readWrite';
      for (const action of READ_ACTIONS) expect(actions.includes(action)).toBe(reads);
      for (const action of WRITE_ACTIONS) expect(actions.includes(action)).toBe(writes);
    }
  });

  test.each(FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: Step Functions, AppSync, Location, SES and SNS only as its manifest entry says', (_, fn) => {
    const statements = functionStatements(stage, fn);
    const grantedOn = (action: string) =>
      statements.filter((statement) => actionsOf(statement).includes(action)).flatMap((statement) => resourcesOf(statement).map((resource) => render(resource)));
    const machines = fn.uses.stateMachines ?? [];
    expect(grantedOn('states:StartExecution').sort()).toEqual(machines.map((machine) => stateMachineArn(stage, machine)).sort());
    expect(grantedOn('states:DescribeExecution').sort()).toEqual(machines.map((machine) => `${arnPrefix('states')}execution:${physicalName(stage, machine)}:*`).sort());

    const [apiId] = resourcesOfType(stackOf(stage, 'api'), 'AWS::AppSync::GraphQLApi')[0];
    const schema = fs.readFileSync(path.join(REPOSITORY_ROOT, SCHEMA_FILE), 'utf8');
    const publishFields = fn.uses.appSyncMutations ? publishMutationFields(schema) : [];
    expect(grantedOn('appsync:GraphQL').sort()).toEqual(
      publishFields.map((field) => `${arnPrefix('appsync')}apis/\${courier-${stage}-api/${apiId}.ApiId}/types/${mutationTypeName(schema)}/fields/${field}`).sort(),
    );

    const [placeIndexId] = resourcesOfType(stackOf(stage, 'geo'), 'AWS::Location::PlaceIndex')[0];
    const [calculatorId] = resourcesOfType(stackOf(stage, 'geo'), 'AWS::Location::RouteCalculator')[0];
    for (const action of ['geo:SearchPlaceIndexForText', 'geo:SearchPlaceIndexForPosition']) {
      expect(grantedOn(action)).toEqual(fn.uses.geo ? [`\${courier-${stage}-geo/${placeIndexId}.IndexArn}`] : []);
    }
    for (const action of ['geo:CalculateRoute', 'geo:CalculateRouteMatrix']) {
      expect(grantedOn(action)).toEqual(fn.uses.geo ? [`\${courier-${stage}-geo/${calculatorId}.CalculatorArn}`] : []);
    }

    const sends = fn.uses.notifications === true && config.notifier.mode === 'ses-sns';
    const sender = config.notifier.mode === 'ses-sns' ? config.notifier.senderEmail : '';
    expect(grantedOn('ses:SendEmail').sort()).toEqual(sends ? [`${arnPrefix('ses')}identity/${sender}`, `${arnPrefix('ses')}identity/${sender.split('@')[1]}`].sort() : []);
    if (sends) {
      const sesStatement = statements.find((statement) => actionsOf(statement).includes('ses:SendEmail'))!;
      expect(sesStatement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': sender } });
    }
    expect(grantedOn('sns:Publish')).toEqual(sends ? ['*'] : []);

    expect(grantedOn('states:SendTaskSuccess').sort()).toEqual((fn.uses.sendsTaskResults ?? []).map((machine) => stateMachineArn(stage, machine)).sort());
    // Proof files: objects under proof/ only, read or read-write as the manifest says, never the whole bucket.
    const proofObjects = `${proofBucketReference(stage, 'Arn')}/proof/*`;
    expect(grantedOn('s3:GetObject')).toEqual(fn.uses.files ? [proofObjects] : []);
    for (const action of ['s3:PutObject', 's3:DeleteObject']) expect(grantedOn(action)).toEqual(fn.uses.files === 'readWrite' ? [proofObjects] : []);

    const services = new Set(statements.flatMap((statement) => actionsOf(statement).map((action) => action.split(':')[0])));
    for (const service of services) expect(['xray', 'dynamodb', 'states', 'appsync', 'geo', 'ses', 'sns', 's3']).toContain(service);
  });

  test('createBooking may start and describe the booking saga and nothing else in Step Functions', () => {
    const statements = functionStatements(stage, FUNCTIONS.find((fn) => fn.id === 'createBooking')!);
    const stepFunctions = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('states:')));
    expect(stepFunctions.flatMap((statement) => actionsOf(statement)).sort()).toEqual(['states:DescribeExecution', 'states:StartExecution']);
    const start = stepFunctions.find((statement) => actionsOf(statement).includes('states:StartExecution'))!;
    expect(resourcesOf(start).map(render)).toEqual([stateMachineArn(stage, 'booking')]);
  });

  test('quoteBooking can touch no table', () => {
    const statements = functionStatements(stage, FUNCTIONS.find((fn) => fn.id === 'quoteBooking')!);
    expect(statements.flatMap((statement) => actionsOf(statement)).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });
});

describe.each(DEPLOYED_STAGES)('%s state machines', (stage) => {
  const config = stageConfig(stage);
  const render = (value: unknown) => templates.render(value, workflowsName(stage));
  const machineResource = (id: string) => resourceNamed(stackOf(stage, 'workflows'), 'AWS::StepFunctions::StateMachine', 'StateMachineName', physicalName(stage, id));

  test('one state machine per manifest entry', () => {
    const names = resourcesOfType(stackOf(stage, 'workflows'), 'AWS::StepFunctions::StateMachine').map(([, resource]) => resource.Properties!.StateMachineName);
    expect(names.sort()).toEqual(STATE_MACHINES.map((machine) => physicalName(stage, machine.id)).sort());
  });

  test.each(STATE_MACHINES.map((machine) => [machine.id, machine] as const))('%s: type from the manifest, logging ALL to its log group, traced', (id, artifact) => {
    const properties = machineResource(id)[1].Properties!;
    expect(properties.StateMachineType).toBe(artifact.type);
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: config.logExecutionData });
    const logGroupId = referencedLogicalId(properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn);
    expect(stackOf(stage, 'workflows').Resources[logGroupId].Properties).toMatchObject({ RetentionInDays: config.logRetentionDays });
  });

  test.each(STATE_MACHINES.map((machine) => [machine.id, machine] as const))('%s: the deployed definition is the ASL file with the manifest’s placeholders filled', (id, artifact) => {
    const properties = machineResource(id)[1].Properties!;
    // DefinitionBody.fromFile uploads the file as an asset and CloudFormation substitutes the
    // placeholders from DefinitionSubstitutions at deploy time, exactly like substituteDefinition.
    expect(properties.DefinitionString).toBeUndefined();
    const stagedFile = path.join(synthesized.assetDirectory, `asset.${properties.DefinitionS3Location.Key}`);
    const deployedText = fs.readFileSync(stagedFile, 'utf8');

    const expectedValue = (substitution: Substitution): string => {
      if ('functionArn' in substitution) {
        const [logicalId] = resourceNamed(stackOf(stage, 'workflows'), 'AWS::Lambda::Function', 'FunctionName', physicalName(stage, substitution.functionArn));
        return `\${${workflowsName(stage)}/${logicalId}.Arn}`;
      }
      if ('tableName' in substitution) return tableReference(stage, substitution.tableName);
      return stateMachineArn(stage, substitution.stateMachineArn);
    };
    const expectedValues = Object.fromEntries(Object.entries(artifact.substitutions).map(([name, substitution]) => [name, expectedValue(substitution)]));
    const deployedValues = Object.fromEntries(Object.entries(properties.DefinitionSubstitutions as Record<string, unknown>).map(([name, value]) => [name, render(value)]));
    expect(deployedValues).toEqual(expectedValues);

    const source = fs.readFileSync(path.join(REPOSITORY_ROOT, artifact.file), 'utf8');
    expect(JSON.parse(substituteDefinition(deployedText, deployedValues))).toEqual(JSON.parse(substituteDefinition(source, expectedValues)));
  });

  test.each(STATE_MACHINES.map((machine) => [machine.id, machine] as const))('%s: may invoke exactly the functions its placeholders name', (id, artifact) => {
    const [, machine] = machineResource(id);
    const statements = roleStatements(stackOf(stage, 'workflows'), referencedLogicalId(machine.Properties!.RoleArn));
    const invoked = statements
      .filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'))
      .flatMap((statement) => resourcesOf(statement).map(render))
      .filter((arn) => !arn.endsWith(':*'));
    const named = Object.values(artifact.substitutions).flatMap((substitution) =>
      'functionArn' in substitution
        ? [`\${${workflowsName(stage)}/${resourceNamed(stackOf(stage, 'workflows'), 'AWS::Lambda::Function', 'FunctionName', physicalName(stage, substitution.functionArn))[0]}.Arn}`]
        : [],
    );
    expect(invoked.sort()).toEqual(named.sort());
    expect(statements.flatMap((statement) => actionsOf(statement)).filter((action) => action.startsWith('dynamodb:'))).toEqual(
      Object.values(artifact.substitutions).some((substitution) => 'tableName' in substitution) ? expect.anything() : [],
    );
  });
});

test('every table the functions use exists in the manifest', () => {
  // A misspelt table id in functions.ts would otherwise only fail at synth time in a stack.
  const tableIds = new Set(TABLES.map((table) => table.id));
  for (const fn of FUNCTIONS) for (const table of Object.keys(fn.uses.tables ?? {})) expect(tableIds).toContain(table);
});
