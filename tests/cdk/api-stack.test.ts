// The AppSync API as deployed, against cdk/artifacts/api.ts, the schema file and the
// resolver bundles the local AppSync engine also runs.
import fs from 'node:fs';
import path from 'node:path';
import { API_KEY_RATE_LIMIT, AUTH_MODES, DATA_SOURCES, QUERY_DEPTH_LIMIT, RATE_LIMITED_RESPONSE, RESOLVER_COUNT_LIMIT, RESOLVERS, SCHEMA_FILE, type DataSourceId } from '../../cdk/artifacts/api';
import { DEPLOYED_STAGES, physicalName } from '../../cdk/artifacts/naming';
import { REPOSITORY_ROOT, bundleResolver } from '../../cdk/artifacts/resolver-bundles';
import { combinedAccess, dynamoDbAccessOf } from '../../cdk/lib/resolver-access';
import { mutationTypeName, publishMutationFields } from '../../cdk/lib/schema-analysis';
import { stageConfig, type DeployedStage } from '../../cdk/lib/stage-config';
import { synthesizeCourierApp, type SynthesizedApp } from './support/courier-app';
import { StackTemplates, actionsOf, referencedLogicalId, resourceNamed, resourcesOf, resourcesOfType, roleStatements } from './support/template-queries';

let synthesized: SynthesizedApp;
const templates = new StackTemplates();
const bundles = new Map<string, string>();
const bundleOf = (file: string) => {
  if (!bundles.has(file)) bundles.set(file, bundleResolver(file));
  return bundles.get(file)!;
};

beforeAll(() => {
  synthesized = synthesizeCourierApp({ stages: DEPLOYED_STAGES });
  for (const stage of synthesized.stages.values()) {
    for (const stack of [stage.data, stage.auth, stage.api, stage.workflows]) templates.add(stack.stackName, synthesized.template(stack));
  }
});

afterAll(() => synthesized?.dispose());

const apiTemplate = (stage: DeployedStage) => templates.get(`courier-${stage}-api`);
const arnPrefix = (service: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:`;
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe.each(DEPLOYED_STAGES)('%s API', (stage) => {
  const config = stageConfig(stage);
  const render = (value: unknown) => templates.render(value, `courier-${stage}-api`);
  const graphqlApi = () => {
    const apis = resourcesOfType(apiTemplate(stage), 'AWS::AppSync::GraphQLApi');
    expect(apis).toHaveLength(1);
    return apis[0];
  };
  const dataSource = (id: DataSourceId) => resourceNamed(apiTemplate(stage), 'AWS::AppSync::DataSource', 'Name', id);

  test('the schema is graphql/schema.graphql byte for byte', () => {
    const schemas = resourcesOfType(apiTemplate(stage), 'AWS::AppSync::GraphQLSchema');
    expect(schemas).toHaveLength(1);
    expect(schemas[0][1].Properties!.Definition).toBe(fs.readFileSync(path.join(REPOSITORY_ROOT, SCHEMA_FILE), 'utf8'));
  });

  test('auth modes in manifest order (the first is the default), with this stage’s user pool', () => {
    const [, api] = graphqlApi();
    const [defaultMode, ...additional] = AUTH_MODES;
    expect(api.Properties!.AuthenticationType).toBe(defaultMode);
    expect(api.Properties!.AdditionalAuthenticationProviders.map((provider: { AuthenticationType: string }) => provider.AuthenticationType)).toEqual(additional);
    const [userPoolId] = resourcesOfType(templates.get(`courier-${stage}-auth`), 'AWS::Cognito::UserPool')[0];
    expect(render(api.Properties!.UserPoolConfig.UserPoolId)).toBe(`\${courier-${stage}-auth/${userPoolId}}`);
  });

  test('a WAF rule limits API-key requests per address as the manifest says (the local engine applies the same rule)', () => {
    const acls = resourcesOfType(apiTemplate(stage), 'AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(1);
    const [aclId, acl] = acls[0];
    expect(acl.Properties!.Scope).toBe('REGIONAL');
    expect(acl.Properties!.DefaultAction).toEqual({ Allow: {} });
    const [rule] = acl.Properties!.Rules;
    expect(rule.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: API_KEY_RATE_LIMIT.limit,
      EvaluationWindowSec: API_KEY_RATE_LIMIT.windowSeconds,
      ScopeDownStatement: { SizeConstraintStatement: { FieldToMatch: { SingleHeader: { Name: 'x-api-key' } }, ComparisonOperator: 'GT', Size: 0 } },
    });
    expect(rule.Action.Block.CustomResponse).toEqual({ ResponseCode: RATE_LIMITED_RESPONSE.status, CustomResponseBodyKey: 'rateLimited' });
    expect(JSON.parse(acl.Properties!.CustomResponseBodies.rateLimited.Content)).toEqual(RATE_LIMITED_RESPONSE.body);
    const associations = resourcesOfType(apiTemplate(stage), 'AWS::WAFv2::WebACLAssociation');
    expect(associations).toHaveLength(1);
    const [, association] = associations[0];
    expect(referencedLogicalId(association.Properties!.WebACLArn)).toBe(aclId);
    expect(referencedLogicalId(association.Properties!.ResourceArn)).toBe(graphqlApi()[0]);
  });

  test('an API key for customer links, valid for the configured days', () => {
    const keys = resourcesOfType(apiTemplate(stage), 'AWS::AppSync::ApiKey');
    expect(keys).toHaveLength(1);
    const expires = keys[0][1].Properties!.Expires as number;
    const nowSeconds = Date.now() / 1000;
    expect(expires).toBeGreaterThan(nowSeconds + (config.apiKeyValidityDays - 1) * 86_400);
    expect(expires).toBeLessThanOrEqual(nowSeconds + config.apiKeyValidityDays * 86_400);
  });

  test('query depth and resolver count limits from the manifest; field logs and X-Ray', () => {
    const [, api] = graphqlApi();
    expect(api.Properties).toMatchObject({
      Name: physicalName(stage, 'api'),
      QueryDepthLimit: QUERY_DEPTH_LIMIT,
      ResolverCountLimit: RESOLVER_COUNT_LIMIT,
      XrayEnabled: true,
      LogConfig: { FieldLogLevel: config.appSyncFieldLogLevel, ExcludeVerboseContent: true },
    });
  });

  test('one unit resolver per manifest entry and no others', () => {
    const fields = resourcesOfType(apiTemplate(stage), 'AWS::AppSync::Resolver').map(([, resolver]) => `${resolver.Properties!.TypeName}.${resolver.Properties!.FieldName}`);
    expect(fields.sort()).toEqual(RESOLVERS.map((resolver) => `${resolver.typeName}.${resolver.fieldName}`).sort());
  });

  test.each(RESOLVERS.map((resolver) => [`${resolver.typeName}.${resolver.fieldName}`, resolver] as const))(
    '%s: the bundled code, on APPSYNC_JS, with the manifest’s data source',
    (_, resolver) => {
      const [, deployed] = resourcesOfType(apiTemplate(stage), 'AWS::AppSync::Resolver').find(
        ([, candidate]) => candidate.Properties!.TypeName === resolver.typeName && candidate.Properties!.FieldName === resolver.fieldName,
      )!;
      expect(deployed.Properties).toMatchObject({ Kind: 'UNIT', Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' }, DataSourceName: resolver.dataSource });
      expect(deployed.Properties!.Code).toBe(bundleOf(resolver.code));
      // DataSourceName is a plain name, so the resolver must wait for its data source and the schema.
      const [dataSourceId] = dataSource(resolver.dataSource);
      const [schemaId] = resourcesOfType(apiTemplate(stage), 'AWS::AppSync::GraphQLSchema')[0];
      expect(deployed.DependsOn).toEqual(expect.arrayContaining([dataSourceId, schemaId]));
    },
  );

  test.each(Object.entries(DATA_SOURCES))('data source %s is what the manifest describes', (id, definition) => {
    const [, deployed] = dataSource(id as DataSourceId);
    const properties = deployed.Properties!;
    if (definition.kind === 'NONE') {
      expect(properties.Type).toBe('NONE');
      return;
    }
    const statements = roleStatements(apiTemplate(stage), referencedLogicalId(properties.ServiceRoleArn));
    if (definition.kind === 'DYNAMODB') {
      expect(properties.Type).toBe('AMAZON_DYNAMODB');
      const [tableId] = resourceNamed(templates.get(`courier-${stage}-data`), 'AWS::DynamoDB::GlobalTable', 'TableName', physicalName(stage, definition.table));
      expect(render(properties.DynamoDBConfig.TableName)).toBe(`\${courier-${stage}-data/${tableId}}`);
      const tableArn = `\${courier-${stage}-data/${tableId}.Arn}`;
      for (const statement of statements) for (const resource of resourcesOf(statement)) expect(render(resource).replace(/\/index\/\*$/, '')).toBe(tableArn);
      // Scoped by what the resolvers using it do.
      const access = combinedAccess(RESOLVERS.filter((resolver) => resolver.dataSource === id).map((resolver) => dynamoDbAccessOf(bundleOf(resolver.code))));
      const actions = statements.flatMap((statement) => actionsOf(statement));
      expect(actions).toContain('dynamodb:GetItem');
      for (const action of WRITE_ACTIONS) expect(actions.includes(action)).toBe(access === 'readWrite');
      return;
    }
    expect(properties.Type).toBe('AWS_LAMBDA');
    const functionArn = `${arnPrefix('lambda')}function:${physicalName(stage, definition.function)}`;
    expect(render(properties.LambdaConfig.LambdaFunctionArn)).toBe(functionArn);
    // The ARN is written from the function's name; the workflows stack must deploy that name.
    resourceNamed(templates.get(`courier-${stage}-workflows`), 'AWS::Lambda::Function', 'FunctionName', physicalName(stage, definition.function));
    expect(statements.flatMap((statement) => actionsOf(statement))).toEqual(['lambda:InvokeFunction']);
    expect(statements.flatMap((statement) => resourcesOf(statement).map(render)).sort()).toEqual([functionArn, `${functionArn}:*`]);
  });
});

describe('DynamoDB access a resolver bundle needs', () => {
  const bundle = (imports: string, body = '') => `import { util } from "@aws-appsync/utils";\nimport { ${imports} } from "@aws-appsync/utils/dynamodb";\n${body}`;

  test('read helpers and read operations only read', () => {
    expect(dynamoDbAccessOf(bundle('get, query'))).toBe('read');
    expect(dynamoDbAccessOf(bundle('scan as list'))).toBe('read');
    expect(dynamoDbAccessOf('function request() { return { operation: "GetItem", key: {} }; }')).toBe('read');
  });

  test('write helpers, write operations and anything unprovable need write access', () => {
    expect(dynamoDbAccessOf(bundle('get, put'))).toBe('readWrite');
    expect(dynamoDbAccessOf(bundle('update as change'))).toBe('readWrite');
    expect(dynamoDbAccessOf('import * as ddb from "@aws-appsync/utils/dynamodb";')).toBe('readWrite');
    expect(dynamoDbAccessOf('function request() { return { operation: "PutItem", key: {} }; }')).toBe('readWrite');
    expect(dynamoDbAccessOf('function request(ctx) { return { operation: ctx.args.op }; }')).toBe('readWrite');
  });

  test('a data source needs write access if any of its resolvers writes', () => {
    expect(combinedAccess(['read', 'read'])).toBe('read');
    expect(combinedAccess(['read', 'readWrite'])).toBe('readWrite');
  });
});

describe('facts read from the schema', () => {
  const schema = `
    schema { query: Q mutation: M subscription: S }
    type Q { a: Int }
    type M { publishA: Int publishB: Int other: Int }
    type S {
      onA: Int @aws_subscribe(mutations: ["publishA"])
      onAB: Int @aws_subscribe(mutations: ["publishB", "publishA"])
    }`;

  test('publishing mutations are the ones subscriptions listen to, on the schema’s own root types', () => {
    expect(publishMutationFields(schema)).toEqual(['publishA', 'publishB']);
    expect(mutationTypeName(schema)).toBe('M');
  });
});
