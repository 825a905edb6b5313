// Classifies a Task state's `Resource` ARN into the integrations the local service can run.
// Followed: "Integrating services with Step Functions" and "Discover service integration
// patterns" in the Step Functions developer guide — a Lambda function ARN is the legacy direct
// invocation; `arn:aws:states:::<service>:<action>[.suffix]` is an optimized integration and
// `arn:aws:states:::aws-sdk:<service>:<apiAction>[.suffix]` an AWS SDK integration. The pattern
// suffix is `.waitForTaskToken` (callback), `.sync`/`.sync:2` (run a job), or none (request-response).

export type IntegrationPattern = 'request-response' | 'wait-for-task-token' | 'sync' | 'sync:2';

export interface LambdaFunctionResource {
  kind: 'lambda-function';
  functionArn: string;
  functionName: string;
}

export interface ServiceIntegrationResource {
  kind: 'lambda-invoke' | 'dynamodb' | 'aws-sdk-dynamodb' | 'states-start-execution';
  /** The API action, e.g. `invoke`, `putItem`, `transactWriteItems`, `startExecution`. */
  action: string;
  pattern: IntegrationPattern;
  /** What AWS reports as `resourceType` in Task* history events: `lambda`, `dynamodb`, `aws-sdk:dynamodb`, `states`. */
  resourceType: string;
  /** What AWS reports as `resource`: the action plus the pattern suffix, e.g. `invoke.waitForTaskToken`. */
  resourceName: string;
}

export type TaskResource = LambdaFunctionResource | ServiceIntegrationResource;

/** The resource is well formed but the local service has no integration for it (or AWS would refuse the pattern). */
export class UnsupportedResourceError extends Error {
  constructor(readonly resource: string, readonly reason: string) {
    super(reason);
    this.name = 'UnsupportedResourceError';
  }
}

export const DYNAMODB_OPTIMIZED_ACTIONS = ['getItem', 'putItem', 'updateItem', 'deleteItem'] as const;

const LAMBDA_FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,140})(?::[A-Za-z0-9_$-]{1,128})?$/;
const INTEGRATION_ARN = /^arn:aws[a-z-]*:states:::(.+)$/;
const SDK_INTEGRATION = /^aws-sdk:([a-z0-9-]+):([a-z][A-Za-z0-9]*)(?:\.(waitForTaskToken|sync|sync:2))?$/;
const OPTIMIZED_INTEGRATION = /^([a-z0-9-]+):([a-z][A-Za-z0-9]*)(?:\.(waitForTaskToken|sync|sync:2))?$/;

function patternFromSuffix(suffix: string | undefined): IntegrationPattern {
  if (suffix === undefined) return 'request-response';
  if (suffix === 'waitForTaskToken') return 'wait-for-task-token';
  return suffix as 'sync' | 'sync:2';
}

function requirePattern(resource: string, pattern: IntegrationPattern, allowed: readonly IntegrationPattern[], what: string): void {
  if (!allowed.includes(pattern)) {
    throw new UnsupportedResourceError(
      resource,
      `${what} supports the ${allowed.join(', ')} integration pattern(s), not ${pattern} (AWS refuses it too)`
    );
  }
}

export function parseTaskResource(resource: string): TaskResource {
  const lambda = LAMBDA_FUNCTION_ARN.exec(resource);
  if (lambda) return { kind: 'lambda-function', functionArn: resource, functionName: lambda[1] };

  const integration = INTEGRATION_ARN.exec(resource);
  if (!integration) {
    throw new UnsupportedResourceError(
      resource,
      resource.includes('${')
        ? 'it still contains a ${...} placeholder; substitute definitionSubstitutions before registering'
        : 'it is neither a Lambda function ARN nor an arn:aws:states::: service integration'
    );
  }
  const body = integration[1];

  const sdk = SDK_INTEGRATION.exec(body);
  if (sdk) {
    const [, service, action, suffix] = sdk;
    if (service !== 'dynamodb') {
      throw new UnsupportedResourceError(resource, `AWS SDK integrations are only available locally for dynamodb, not ${service}`);
    }
    const pattern = patternFromSuffix(suffix);
    // AWS SDK integrations offer request-response and callback, never .sync (developer guide, "AWS SDK integrations").
    requirePattern(resource, pattern, ['request-response', 'wait-for-task-token'], 'The AWS SDK integration');
    return { kind: 'aws-sdk-dynamodb', action, pattern, resourceType: `aws-sdk:${service}`, resourceName: suffix ? `${action}.${suffix}` : action };
  }

  const optimized = OPTIMIZED_INTEGRATION.exec(body);
  if (optimized) {
    const [, service, action, suffix] = optimized;
    const pattern = patternFromSuffix(suffix);
    const resourceName = suffix ? `${action}.${suffix}` : action;
    if (service === 'lambda' && action === 'invoke') {
      requirePattern(resource, pattern, ['request-response', 'wait-for-task-token'], 'lambda:invoke');
      return { kind: 'lambda-invoke', action, pattern, resourceType: 'lambda', resourceName };
    }
    if (service === 'dynamodb' && (DYNAMODB_OPTIMIZED_ACTIONS as readonly string[]).includes(action)) {
      // The optimized DynamoDB integration is request-response only.
      requirePattern(resource, pattern, ['request-response'], `dynamodb:${action}`);
      return { kind: 'dynamodb', action, pattern, resourceType: 'dynamodb', resourceName };
    }
    if (service === 'states' && action === 'startExecution') {
      return { kind: 'states-start-execution', action, pattern, resourceType: 'states', resourceName };
    }
  }
  throw new UnsupportedResourceError(
    resource,
    'the local service runs Lambda function ARNs, lambda:invoke, dynamodb:getItem|putItem|updateItem|deleteItem, aws-sdk:dynamodb:<action> and states:startExecution'
  );
}

/**
 * The function name inside a `FunctionName` parameter, which AWS accepts as a name, a
 * `name:qualifier`, a partial ARN (`123456789012:function:name`) or a full ARN with or without qualifier.
 */
export function lambdaFunctionName(functionNameParameter: string): string {
  const parts = functionNameParameter.split(':');
  if (parts[0] === 'arn') return parts[6] ?? '';
  if (parts[1] === 'function') return parts[2] ?? '';
  return parts[0];
}
