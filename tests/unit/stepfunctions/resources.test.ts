import fc from 'fast-check';
import { lambdaFunctionName, parseTaskResource, UnsupportedResourceError } from '../../../local/stepfunctions/resources';

const region = fc.constantFrom('us-east-1', 'eu-west-2', 'ap-southeast-2');
const account = fc.stringMatching(/^\d{12}$/);
const functionName = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const qualifier = fc.oneof(fc.constant('$LATEST'), fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/), fc.integer({ min: 1, max: 99 }).map(String));
const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov');

describe('Task resource ARNs', () => {
  it('reads the function name from any Lambda function ARN, with or without qualifier', () => {
    fc.assert(
      fc.property(partition, region, account, functionName, fc.option(qualifier, { nil: undefined }), (p, r, a, name, q) => {
        const arn = `arn:${p}:lambda:${r}:${a}:function:${name}${q ? `:${q}` : ''}`;
        expect(parseTaskResource(arn)).toEqual({ kind: 'lambda-function', functionArn: arn, functionName: name });
      })
    );
  });

  it('classifies each integration with the resourceType/resource AWS reports in history', () => {
    const cases: [string, object][] = [
      ['arn:aws:states:::lambda:invoke', { kind: 'lambda-invoke', pattern: 'request-response', resourceType: 'lambda', resourceName: 'invoke' }],
      [
        'arn:aws:states:::lambda:invoke.waitForTaskToken',
        { kind: 'lambda-invoke', pattern: 'wait-for-task-token', resourceName: 'invoke.waitForTaskToken' },
      ],
      ['arn:aws:states:::dynamodb:putItem', { kind: 'dynamodb', action: 'putItem', resourceType: 'dynamodb', resourceName: 'putItem' }],
      [
        'arn:aws:states:::aws-sdk:dynamodb:transactWriteItems',
        { kind: 'aws-sdk-dynamodb', resourceType: 'aws-sdk:dynamodb', resourceName: 'transactWriteItems' },
      ],
      [
        'arn:aws:states:::aws-sdk:dynamodb:query.waitForTaskToken',
        { kind: 'aws-sdk-dynamodb', pattern: 'wait-for-task-token', resourceName: 'query.waitForTaskToken' },
      ],
      [
        'arn:aws:states:::states:startExecution.sync:2',
        { kind: 'states-start-execution', pattern: 'sync:2', resourceType: 'states', resourceName: 'startExecution.sync:2' },
      ],
      ['arn:aws:states:::states:startExecution.sync', { kind: 'states-start-execution', pattern: 'sync' }],
      ['arn:aws-us-gov:states:::dynamodb:getItem', { kind: 'dynamodb', action: 'getItem' }],
    ];
    for (const [arn, expected] of cases) expect(parseTaskResource(arn)).toMatchObject(expected);
  });

  it('refuses resources it cannot run, with the reason', () => {
    const refused: [string, RegExp][] = [
      ['arn:aws:states:::sns:publish', /lambda:invoke/],
      ['arn:aws:states:::aws-sdk:s3:getObject', /only available locally for dynamodb/],
      ['arn:aws:states:::dynamodb:putItem.waitForTaskToken', /request-response/],
      ['arn:aws:states:::lambda:invoke.sync', /not sync/],
      ['arn:aws:states:::aws-sdk:dynamodb:putItem.sync', /not sync/],
      ['arn:aws:states:us-east-1:000000000000:activity:approve', /neither a Lambda function ARN/],
      ['${ValidateBookingFunctionArn}', /placeholder/],
    ];
    for (const [arn, reason] of refused) {
      expect(() => parseTaskResource(arn)).toThrow(UnsupportedResourceError);
      expect(() => parseTaskResource(arn)).toThrow(reason);
    }
  });

  it('reads FunctionName parameters in every form lambda:invoke accepts', () => {
    fc.assert(
      fc.property(region, account, functionName, qualifier, (r, a, name, q) => {
        for (const form of [
          name,
          `${name}:${q}`,
          `${a}:function:${name}`,
          `${a}:function:${name}:${q}`,
          `arn:aws:lambda:${r}:${a}:function:${name}`,
          `arn:aws:lambda:${r}:${a}:function:${name}:${q}`,
        ]) {
          expect(lambdaFunctionName(form)).toBe(name);
        }
      })
    );
  });
});
