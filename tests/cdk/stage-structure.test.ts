// How each stage is put together: stacks and their dependencies, tags, sign-in, Amazon
// Location resources, and the alarms.
import fs from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { SCHEMA_FILE } from '../../cdk/artifacts/api';
import { FUNCTIONS } from '../../cdk/artifacts/functions';
import { DEPLOYED_STAGES, physicalName } from '../../cdk/artifacts/naming';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';
import { STATE_MACHINES } from '../../cdk/artifacts/state-machines';
import { COGNITO_GROUPS } from '../../cdk/lib/auth-stack';
import { cognitoGroupsInSchema } from '../../cdk/lib/schema-analysis';
import { stageConfig, type DeployedStage } from '../../cdk/lib/stage-config';
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

const CONCERNS = ['data', 'auth', 'geo', 'api', 'workflows', 'monitoring'] as const;

describe.each(DEPLOYED_STAGES)('%s stage', (stage) => {
  const config = stageConfig(stage);
  const courierStage = () => synthesized.stage(stage);
  const stacks = () => {
    const s = courierStage();
    return { data: s.data, auth: s.auth, geo: s.geo, api: s.api, workflows: s.workflows, monitoring: s.monitoring };
  };
  const template = (concern: (typeof CONCERNS)[number]) => templates.get(`courier-${stage}-${concern}`);

  test('one stack per concern, named after the stage', () => {
    expect(Object.entries(stacks()).map(([concern, stack]) => [concern, stack.stackName])).toEqual(CONCERNS.map((concern) => [concern, `courier-${stage}-${concern}`]));
  });

  test('dependencies run one way: the API never waits for the functions it invokes', () => {
    const { data, auth, geo, api, workflows, monitoring } = stacks();
    const dependsOn = (stack: { dependencies: { stackName: string }[] }) => stack.dependencies.map((dependency) => dependency.stackName).sort();
    expect(dependsOn(data)).toEqual([]);
    expect(dependsOn(auth)).toEqual([]);
    expect(dependsOn(geo)).toEqual([]);
    expect(dependsOn(api)).toEqual([auth.stackName, data.stackName].sort());
    expect(dependsOn(workflows)).toEqual([api.stackName, data.stackName, geo.stackName].sort());
    expect(dependsOn(monitoring)).toEqual([workflows.stackName]);
  });

  test('cost allocation tags on every stack and on the resources in it', () => {
    for (const stack of Object.values(stacks())) expect(stack.tags.tagValues()).toEqual({ app: 'courier', stage });
    const taggedResources: [string, CfnResource][] = [
      ...resourcesOfType(template('workflows'), 'AWS::Lambda::Function'),
      ...resourcesOfType(template('workflows'), 'AWS::StepFunctions::StateMachine'),
      ...resourcesOfType(template('api'), 'AWS::AppSync::GraphQLApi'),
      ...resourcesOfType(template('monitoring'), 'AWS::CloudWatch::Alarm'),
    ];
    expect(taggedResources.length).toBeGreaterThan(0);
    for (const [, resource] of taggedResources) {
      expect(resource.Properties!.Tags).toEqual(expect.arrayContaining([{ Key: 'app', Value: 'courier' }, { Key: 'stage', Value: stage }]));
    }
  });

  test('termination protection only where a protected stage keeps its data', () => {
    for (const [concern, stack] of Object.entries(stacks())) {
      expect(stack.terminationProtection).toBe(config.protectData && (concern === 'data' || concern === 'auth'));
    }
  });

  describe('sign-in', () => {
    const userPool = () => {
      const pools = resourcesOfType(template('auth'), 'AWS::Cognito::UserPool');
      expect(pools).toHaveLength(1);
      return pools[0][1];
    };

    test('admin-created accounts, a strong password policy, threat protection (a paid plan) off', () => {
      const pool = userPool();
      expect(pool.Properties).toMatchObject({
        UserPoolName: physicalName(stage, 'users'),
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UserPoolTier: 'ESSENTIALS',
      });
      const policy = pool.Properties!.Policies.PasswordPolicy;
      expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
      expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true });
      expect(pool.Properties!.UserPoolAddOns).toBeUndefined();
    });

    test('deletion protection and RETAIN exactly where the stage protects its data', () => {
      const pool = userPool();
      expect(pool.Properties!.DeletionProtection).toBe(config.protectData ? 'ACTIVE' : 'INACTIVE');
      expect(pool.DeletionPolicy).toBe(config.protectData ? 'Retain' : 'Delete');
    });

    test('the groups the schema authorizes exist, and only the declared ones', () => {
      const groups = resourcesOfType(template('auth'), 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties!.GroupName);
      expect(groups.sort()).toEqual(Object.keys(COGNITO_GROUPS).sort());
      const schemaGroups = cognitoGroupsInSchema(fs.readFileSync(path.join(REPOSITORY_ROOT, SCHEMA_FILE), 'utf8'));
      expect(schemaGroups.length).toBeGreaterThan(0);
      for (const group of schemaGroups) expect(groups).toContain(group);
    });

    test('the web client: no secret, USER_PASSWORD_AUTH (cognito-local), SRP and refresh only', () => {
      const clients = resourcesOfType(template('auth'), 'AWS::Cognito::UserPoolClient');
      expect(clients).toHaveLength(1);
      const client = clients[0][1].Properties!;
      expect(client.GenerateSecret).toBe(false);
      expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
      expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    });
  });

  test('an Amazon Location place index and route calculator named for the stage', () => {
    const [, placeIndex] = resourceNamed(template('geo'), 'AWS::Location::PlaceIndex', 'IndexName', physicalName(stage, 'places'));
    const [, calculator] = resourceNamed(template('geo'), 'AWS::Location::RouteCalculator', 'CalculatorName', physicalName(stage, 'routes'));
    expect(placeIndex.Properties!.DataSource).toBe(config.geoDataSource);
    // Geocoded addresses are stored with the booking, which Amazon Location allows only for "Storage".
    expect(placeIndex.Properties!.DataSourceConfiguration).toEqual({ IntendedUse: 'Storage' });
    expect(calculator.Properties!.DataSource).toBe(config.geoDataSource);
  });

  describe('alarms', () => {
    const render = (value: unknown) => templates.render(value, `courier-${stage}-monitoring`);
    const alarms = () => resourcesOfType(template('monitoring'), 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties!);
    const topicId = () => {
      const topics = resourcesOfType(template('monitoring'), 'AWS::SNS::Topic');
      expect(topics).toHaveLength(1);
      return topics[0][0];
    };

    test('every alarm notifies the stage’s alarm topic, on alarm and on recovery', () => {
      expect(alarms().length).toBeGreaterThan(0);
      for (const alarm of alarms()) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId() }]);
        expect(alarm.OKActions).toEqual([{ Ref: topicId() }]);
      }
    });

    test('the alarm email is subscribed where the stage names one', () => {
      const subscriptions = resourcesOfType(template('monitoring'), 'AWS::SNS::Subscription').map(([, subscription]) => subscription.Properties!);
      expect(subscriptions).toEqual(config.alarmEmail ? [expect.objectContaining({ Protocol: 'email', Endpoint: config.alarmEmail, TopicArn: { Ref: topicId() } })] : []);
    });

    test('an error alarm for every function', () => {
      const watched = alarms()
        .filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === 'Errors')
        .map((alarm) => {
          expect(alarm).toMatchObject({ Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
          return render(alarm.Dimensions.find((dimension: { Name: string }) => dimension.Name === 'FunctionName').Value);
        });
      const expected = FUNCTIONS.map((fn) => {
        const [logicalId] = resourceNamed(template('workflows'), 'AWS::Lambda::Function', 'FunctionName', physicalName(stage, fn.id));
        return `\${courier-${stage}-workflows/${logicalId}}`;
      });
      expect(watched.sort()).toEqual(expected.sort());
    });

    test('failed-execution volume and timeouts for every state machine', () => {
      for (const machine of STATE_MACHINES) {
        const [logicalId] = resourceNamed(template('workflows'), 'AWS::StepFunctions::StateMachine', 'StateMachineName', physicalName(stage, machine.id));
        const onMachine = alarms().filter(
          (alarm) => alarm.Namespace === 'AWS/States' && render(alarm.Dimensions[0].Value) === `\${courier-${stage}-workflows/${logicalId}}`,
        );
        expect(onMachine.find((alarm) => alarm.MetricName === 'ExecutionsFailed')).toMatchObject({ Threshold: config.failedExecutionsAlarmThreshold, Statistic: 'Sum' });
        expect(onMachine.find((alarm) => alarm.MetricName === 'ExecutionsTimedOut')).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
      }
    });
  });
});

test('stages differ where they must: prod keeps and protects data, dev sends nothing to customers', () => {
  const prod = stageConfig('prod');
  const dev = stageConfig('dev');
  expect(prod.protectData).toBe(true);
  expect(prod.logExecutionData).toBe(false);
  expect(prod.appSyncFieldLogLevel).toBe('ERROR');
  expect(prod.notifier.mode).toBe('ses-sns');
  expect(dev.protectData).toBe(false);
  expect(dev.notifier.mode).toBe('outbox');
});

test('an unknown stage in context is refused', () => {
  expect(() => synthesizeCourierApp({ stages: ['qa' as DeployedStage] })).toThrow(/Unknown stage\(s\) qa/);
});
