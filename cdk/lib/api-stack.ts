// The GraphQL API of cdk/artifacts/api.ts: the schema file, its data sources and the
// bundled APPSYNC_JS resolvers, byte for byte what the local AppSync engine serves.
import path from 'node:path';
import { Duration, Expiration, Stack, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { API_KEY_RATE_LIMIT, AUTH_MODES, DATA_SOURCES, QUERY_DEPTH_LIMIT, RATE_LIMITED_RESPONSE, RESOLVER_COUNT_LIMIT, RESOLVERS, SCHEMA_FILE, type DataSourceId } from '../artifacts/api';
import { physicalName } from '../artifacts/naming';
import { REPOSITORY_ROOT, bundleResolver } from '../artifacts/resolver-bundles';
import type { TableId } from '../artifacts/tables';
import { combinedAccess, dynamoDbAccessOf } from './resolver-access';
import { functionArn } from './resource-names';
import type { StageConfig } from './stage-config';

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  userPool: cognito.IUserPool;
  tables: Readonly<Record<TableId, dynamodb.ITableV2>>;
}

type AuthMode = (typeof AUTH_MODES)[number];

export class ApiStack extends Stack {
  readonly api: appsync.GraphqlApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;

    const [defaultMode, ...additionalModes] = AUTH_MODES.map((mode) => this.authorizationMode(mode, props));
    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: physicalName(config.stage, 'api'),
      definition: appsync.Definition.fromFile(path.join(REPOSITORY_ROOT, SCHEMA_FILE)),
      authorizationConfig: { defaultAuthorization: defaultMode, additionalAuthorizationModes: additionalModes },
      queryDepthLimit: QUERY_DEPTH_LIMIT,
      resolverCountLimit: RESOLVER_COUNT_LIMIT,
      logConfig: {
        fieldLogLevel: config.appSyncFieldLogLevel === 'ALL' ? appsync.FieldLogLevel.ALL : appsync.FieldLogLevel.ERROR,
        // Verbose content includes request headers, which carry users' tokens.
        excludeVerboseContent: true,
        retention: config.logRetentionDays,
      },
      xrayEnabled: true,
    });

    this.limitApiKeyRequests(config);

    // Bundled once per file: several fields share resolvers/invoke-lambda.ts.
    const bundles = new Map<string, string>();
    const bundleOf = (file: string): string => {
      let code = bundles.get(file);
      if (code === undefined) bundles.set(file, (code = bundleResolver(file)));
      return code;
    };

    const dataSources = new Map<DataSourceId, appsync.BaseDataSource>();
    for (const [dataSourceId, definition] of Object.entries(DATA_SOURCES) as [DataSourceId, (typeof DATA_SOURCES)[DataSourceId]][]) {
      const construct = `${dataSourceId[0].toUpperCase()}${dataSourceId.slice(1)}DataSource`;
      switch (definition.kind) {
        case 'NONE':
          dataSources.set(dataSourceId, this.api.addNoneDataSource(construct, { name: dataSourceId }));
          break;
        case 'DYNAMODB': {
          const resolverCode = RESOLVERS.filter((resolver) => resolver.dataSource === dataSourceId).map((resolver) => bundleOf(resolver.code));
          dataSources.set(
            dataSourceId,
            new appsync.DynamoDbDataSource(this, construct, {
              api: this.api,
              name: dataSourceId,
              table: props.tables[definition.table],
              readOnlyAccess: combinedAccess(resolverCode.map(dynamoDbAccessOf)) === 'read',
            }),
          );
          break;
        }
        case 'LAMBDA': {
          // The function lives in the workflows stack, which needs this API's URL; naming it by
          // its deterministic ARN keeps the dependency one-way (see courier-stage.ts).
          const target = lambda.Function.fromFunctionAttributes(this, `${construct}Function`, {
            functionArn: functionArn(this, config.stage, definition.function),
            sameEnvironment: true,
          });
          dataSources.set(dataSourceId, this.api.addLambdaDataSource(construct, target, { name: dataSourceId }));
          break;
        }
      }
    }

    for (const resolver of RESOLVERS) {
      const dataSource = dataSources.get(resolver.dataSource);
      if (!dataSource) throw new Error(`${resolver.typeName}.${resolver.fieldName} uses unknown data source ${resolver.dataSource}`);
      new appsync.Resolver(this, `${resolver.typeName}${resolver.fieldName[0].toUpperCase()}${resolver.fieldName.slice(1)}Resolver`, {
        api: this.api,
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        dataSource,
        runtime: appsync.FunctionRuntime.JS_1_0_0,
        code: appsync.Code.fromInline(bundleOf(resolver.code)),
      });
    }
  }

  /**
   * The public customer-link pages call with the API key; AppSync has no per-client limit of its
   * own, so a WAF rate-based rule counts API-key requests per IP address (API_KEY_RATE_LIMIT, the
   * same rule the local engine applies) and answers the excess with RATE_LIMITED_RESPONSE.
   */
  private limitApiKeyRequests(config: StageConfig): void {
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: physicalName(config.stage, name) });
    const webAcl = new wafv2.CfnWebACL(this, 'ApiWebAcl', {
      name: physicalName(config.stage, 'api-waf'),
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('api-waf'),
      customResponseBodies: {
        rateLimited: { contentType: 'APPLICATION_JSON', content: JSON.stringify(RATE_LIMITED_RESPONSE.body) },
      },
      rules: [
        {
          name: 'ApiKeyRequestsPerAddress',
          priority: 0,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: API_KEY_RATE_LIMIT.limit,
              evaluationWindowSec: API_KEY_RATE_LIMIT.windowSeconds,
              scopeDownStatement: {
                sizeConstraintStatement: {
                  fieldToMatch: { singleHeader: { Name: 'x-api-key' } },
                  comparisonOperator: 'GT',
                  size: 0,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          action: { block: { customResponse: { responseCode: RATE_LIMITED_RESPONSE.status, customResponseBodyKey: 'rateLimited' } } },
          visibilityConfig: metric('api-key-rate'),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'ApiWebAclAssociation', { resourceArn: this.api.arn, webAclArn: webAcl.attrArn });
  }

  private authorizationMode(mode: AuthMode, props: ApiStackProps): appsync.AuthorizationMode {
    switch (mode) {
      case 'AMAZON_COGNITO_USER_POOLS':
        return { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: props.userPool } };
      case 'API_KEY':
        return {
          authorizationType: appsync.AuthorizationType.API_KEY,
          apiKeyConfig: {
            name: 'CustomerLinks',
            description: 'Customer tracking and failed-delivery link pages',
            expires: Expiration.after(Duration.days(props.config.apiKeyValidityDays)),
          },
        };
      case 'AWS_IAM':
        return { authorizationType: appsync.AuthorizationType.IAM };
    }
  }
}
