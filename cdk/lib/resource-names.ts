// Physical names and ARNs that CDK stacks and the local cloud agree on. Everything is named
// by cdk/artifacts/naming.ts, so an ARN can be written down in a stack that does not own the
// resource without a cross-stack reference (see courier-stage.ts for why that matters).
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { physicalName, resourcePrefix, type Stage } from '../artifacts/naming';

/** Stacks per stage, by concern; also their CloudFormation stack name suffix. */
export type StackConcern = 'data' | 'auth' | 'geo' | 'api' | 'workflows' | 'monitoring' | 'voice';

export function stackName(stage: Stage, concern: StackConcern): string {
  return `${resourcePrefix(stage)}-${concern}`;
}

/** Lambda functions are named after their manifest id, like the local cloud's in-process functions. */
export function functionName(stage: Stage, functionId: string): string {
  return physicalName(stage, functionId);
}

export function functionArn(scope: Construct, stage: Stage, functionId: string): string {
  return Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: functionName(stage, functionId),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export function stateMachineName(stage: Stage, stateMachineId: string): string {
  return physicalName(stage, stateMachineId);
}

export function stateMachineArn(scope: Construct, stage: Stage, stateMachineId: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineName(stage, stateMachineId),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** Every execution of a state machine (DescribeExecution authorizes on the execution, not the machine). */
export function executionsArn(scope: Construct, stage: Stage, stateMachineId: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${stateMachineName(stage, stateMachineId)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
