// Least-privilege grants derived from a function's `uses` in cdk/artifacts/functions.ts:
// a function may touch exactly the resources its manifest entry names, in the way it names.
// (`payments` needs no grant: the only gateway so far is the in-process test gateway.)
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Access, FunctionDefinition, StateMachineId } from '../artifacts/functions';
import type { Stage } from '../artifacts/naming';
import type { TableId } from '../artifacts/tables';
import { executionsArn } from './resource-names';
import type { PublishMutations } from './schema-analysis';

export interface GrantableResources {
  /** The stack the grants are written in; ARNs are formatted for its account and region. */
  scope: Construct;
  stage: Stage;
  tables: Readonly<Record<TableId, dynamodb.ITableV2>>;
  /** ARNs of the state machines this stage deploys. */
  stateMachineArns: Readonly<Partial<Record<StateMachineId, string>>>;
  api: appsync.IGraphqlApi;
  /** The mutations a publishing function may call (the schema's @aws_subscribe targets). */
  publishMutations: PublishMutations;
  geo: { placeIndexArn: string; routeCalculatorArn: string };
  /** Only when the stage sends real email and SMS. */
  sesSender?: { senderEmail: string };
  proofBucket: s3.IBucket;
  /** The key of a bucket encrypted with a customer-managed key. */
  proofBucketKey?: kms.IKey;
}

/** Where proof files live in the bucket; functions get nothing outside it. */
export const PROOF_PREFIX = 'proof/';

export function grantFunctionUses(grantee: lambda.IFunction, fn: FunctionDefinition, resources: GrantableResources): void {
  const role = grantee.grantPrincipal;
  const { uses } = fn;

  for (const [tableId, access] of Object.entries(uses.tables ?? {}) as [TableId, Access][]) {
    const table = resources.tables[tableId];
    if (access === 'read') table.grantReadData(grantee);
    else if (access === 'write') table.grantWriteData(grantee);
    else table.grantReadWriteData(grantee);
  }

  for (const machineId of uses.stateMachines ?? []) {
    const machineArn = resources.stateMachineArns[machineId];
    if (!machineArn) throw new Error(`${fn.id} uses state machine ${machineId}, which this stage does not deploy`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: `Start${pascal(machineId)}`, actions: ['states:StartExecution'], resources: [machineArn] }),
    );
    // Execution ARNs are "...:execution:<machine name>:<execution name>".
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: `Describe${pascal(machineId)}Executions`,
        actions: ['states:DescribeExecution'],
        resources: [executionsArn(resources.scope, resources.stage, machineId)],
      }),
    );
  }

  for (const machineId of uses.sendsTaskResults ?? []) {
    const machineArn = resources.stateMachineArns[machineId];
    if (!machineArn) throw new Error(`${fn.id} resumes state machine ${machineId}, which this stage does not deploy`);
    // Task tokens carry the execution; IAM scopes SendTaskSuccess to the state machine that issued them.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: `Resume${pascal(machineId)}`, actions: ['states:SendTaskSuccess'], resources: [machineArn] }));
  }

  if (uses.files) {
    const objects = resources.proofBucket.arnForObjects(`${PROOF_PREFIX}*`);
    // Listed one by one: the bucket grant helpers hand out wildcard actions (s3:GetObject*, s3:List*).
    const actions = uses.files === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ProofFiles', actions, resources: [objects] }));
    if (resources.proofBucketKey) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ProofFilesKey',
          actions: uses.files === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [resources.proofBucketKey.keyArn],
        }),
      );
    }
  }

  if (uses.appSyncMutations) {
    const { typeName, fields } = resources.publishMutations;
    if (fields.length === 0) throw new Error(`${fn.id} publishes to AppSync, but no subscription listens to any mutation`);
    resources.api.grant(grantee, appsync.IamResource.ofType(typeName, ...fields), 'appsync:GraphQL');
  }

  if (uses.geo) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'Geocode',
        actions: ['geo:SearchPlaceIndexForText', 'geo:SearchPlaceIndexForPosition'],
        resources: [resources.geo.placeIndexArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'Route',
        actions: ['geo:CalculateRoute', 'geo:CalculateRouteMatrix'],
        resources: [resources.geo.routeCalculatorArn],
      }),
    );
  }

  if (uses.notifications && resources.sesSender) {
    const { senderEmail } = resources.sesSender;
    const stack = Stack.of(resources.scope);
    const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendEmailAsSender',
        actions: ['ses:SendEmail'],
        // SES checks the verified identity: the address itself or its whole domain.
        resources: [identity(senderEmail), identity(senderEmail.split('@')[1])],
        conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendSms',
        actions: ['sns:Publish'],
        // An SMS sent straight to a phone number has no resource ARN to scope the grant to.
        resources: ['*'],
      }),
    );
  }
}

function pascal(id: string): string {
  return `${id[0].toUpperCase()}${id.slice(1)}`;
}
