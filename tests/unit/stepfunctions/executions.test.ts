// Executions driven through @aws-sdk/client-sfn: idempotent starts, Lambda results and errors,
// Retry/Catch, history, stop, synchronous Express executions.
import {
  CreateStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import fc from 'fast-check';
import { definition, FunctionError, historyOf, startHarness, uniqueName, waitForExecution, type Harness } from './support';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ withDynamoDb: false, timeScale: 0.001 });
}, 60_000);
afterAll(async () => harness?.stop());

function register(
  states: Record<string, unknown>,
  startAt: string,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
  extra: Record<string, unknown> = {}
): string {
  return harness.stepFunctions.registerStateMachine({ name: uniqueName('sm'), definition: definition(states, startAt, extra), type });
}

async function run(stateMachineArn: string, input: unknown = {}, name?: string) {
  const { executionArn } = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }));
  return waitForExecution(harness.sfn, executionArn!);
}

describe('StartExecution idempotency by name', () => {
  // A 1-hour Wait keeps the execution running for the whole test (time scale 0.001 → 3.6 s).
  const longRunning = { Hold: { Type: 'Wait', Seconds: 3600, End: true } };

  it('returns the running execution for the same name and input, and refuses a different input', async () => {
    const stateMachineArn = register(longRunning, 'Hold');
    const name = uniqueName('booking');
    const first = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: '{"reference":"BK-1","n":1}' }));
    // Same JSON value, different key order and spacing.
    const again = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: '{ "n": 1, "reference": "BK-1" }' }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());

    await expect(harness.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: '{"reference":"BK-2"}' }))).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    const listed = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions?.map((execution) => execution.name)).toEqual([name]);
    await harness.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  it('refuses the name of a closed execution even with the same input, as the API reference says', async () => {
    const stateMachineArn = register({ Done: { Type: 'Pass', End: true } }, 'Done');
    const name = uniqueName('closed');
    const done = await run(stateMachineArn, { a: 1 }, name);
    expect(done.status).toBe('SUCCEEDED');
    await expect(harness.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: '{"a":1}' }))).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('refuses invalid names and input, and unknown state machines', async () => {
    const stateMachineArn = register({ Done: { Type: 'Pass', End: true } }, 'Done');
    await expect(harness.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'has space' }))).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{not json' }))).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(harness.sfn.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}-missing` }))).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    await expect(harness.sfn.send(new StartExecutionCommand({ stateMachineArn: 'not-an-arn' }))).rejects.toMatchObject({ name: 'InvalidArn' });
  });
});

describe('Lambda tasks', () => {
  it('passes the effective input to a function ARN resource and the context object through Parameters', async () => {
    const fn = uniqueName('echo');
    harness.handlers.set(fn, (event) => ({ received: event }));
    const stateMachineArn = register(
      {
        Echo: {
          Type: 'Task',
          Resource: harness.functionArn(fn),
          Parameters: {
            'value.$': '$.value',
            'executionId.$': '$$.Execution.Id',
            'executionName.$': '$$.Execution.Name',
            'startedAt.$': '$$.Execution.StartTime',
            'machine.$': '$$.StateMachine.Name',
            'input.$': '$$.Execution.Input',
          },
          ResultPath: '$.echo',
          End: true,
        },
      },
      'Echo'
    );
    const execution = await run(stateMachineArn, { value: 42 }, uniqueName('ctx'));
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    expect(output.value).toBe(42);
    expect(output.echo.received).toMatchObject({
      value: 42,
      executionId: execution.executionArn,
      executionName: execution.name,
      machine: stateMachineArn.split(':').pop(),
      input: { value: 42 },
    });
    // The engine stamps StartTime itself, within the same millisecond-scale moment the service records.
    expect(Math.abs(Date.parse(output.echo.received.startedAt) - execution.startDate!.getTime())).toBeLessThan(1000);
  });

  it('shapes lambda:invoke results like AWS and accepts a qualified function ARN as FunctionName', async () => {
    const fn = uniqueName('quote');
    harness.handlers.set(fn, (event) => ({ priceCents: 1234, for: event }));
    const stateMachineArn = register(
      {
        Quote: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: `${harness.functionArn(fn)}:live`, 'Payload.$': '$' },
          End: true,
        },
      },
      'Quote'
    );
    const execution = await run(stateMachineArn, { parcel: 'small' });
    expect(execution.status).toBe('SUCCEEDED');
    const result = JSON.parse(execution.output!);
    expect(Object.keys(result).sort()).toEqual(['ExecutedVersion', 'Payload', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StatusCode']);
    expect(result).toMatchObject({ ExecutedVersion: '$LATEST', StatusCode: 200, Payload: { priceCents: 1234, for: { parcel: 'small' } } });
    expect(result.SdkHttpMetadata.HttpStatusCode).toBe(200);
    expect(typeof result.SdkResponseMetadata.RequestId).toBe('string');
    expect(harness.invocations.at(-1)?.functionName).toBe(fn);
  });

  it('fails a lambda:invoke task with the errorType as Error and the runtime error JSON as Cause', async () => {
    const fn = uniqueName('broken');
    harness.handlers.set(fn, () => {
      throw new FunctionError('AddressNotFound', 'No such street');
    });
    const stateMachineArn = register(
      { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fn, 'Payload.$': '$' }, End: true } },
      'Call'
    );
    const execution = await run(stateMachineArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'AddressNotFound' });
    const cause = JSON.parse(execution.cause!);
    expect(cause).toMatchObject({ errorType: 'AddressNotFound', errorMessage: 'No such street' });
    expect(Array.isArray(cause.trace)).toBe(true);
    const types = (await historyOf(harness.sfn, execution.executionArn!)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
  });

  it('retries by error name, then catches with the error and cause in the Catch output', async () => {
    // For any number of failures and any MaxAttempts: the task is tried min(failures, MaxAttempts) + 1
    // times, succeeds when failures ≤ MaxAttempts, and otherwise is caught with the last error.
    const fn = uniqueName('flaky');
    // Registering validates the definition (~250 ms each): one machine per MaxAttempts value.
    const machines = new Map<number, string>();
    const machineFor = (maxAttempts: number): string => {
      const known = machines.get(maxAttempts);
      if (known) return known;
      const arn = register(
        {
          Reserve: {
            Type: 'Task',
            Resource: harness.functionArn(fn),
            Retry: [
              { ErrorEquals: ['SomethingElse'], MaxAttempts: 5 },
              { ErrorEquals: ['CapacityContention'], IntervalSeconds: 1, MaxAttempts: maxAttempts, BackoffRate: 2, JitterStrategy: 'FULL' },
            ],
            Catch: [{ ErrorEquals: ['CapacityContention'], ResultPath: '$.failure', Next: 'Compensate' }],
            ResultPath: '$.capacity',
            Next: 'Done',
          },
          Compensate: { Type: 'Pass', Result: 'released', ResultPath: '$.compensation', End: true },
          Done: { Type: 'Succeed' },
        },
        'Reserve'
      );
      machines.set(maxAttempts, arn);
      return arn;
    };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), async (failures, maxAttempts) => {
        let calls = 0;
        harness.handlers.set(fn, () => {
          calls += 1;
          if (calls <= failures) throw new FunctionError('CapacityContention', `attempt ${calls} lost the race`);
          return { reserved: true };
        });
        const execution = await run(machineFor(maxAttempts), { booking: 'BK' });
        expect(execution.status).toBe('SUCCEEDED');
        expect(calls).toBe(Math.min(failures, maxAttempts) + 1);
        const output = JSON.parse(execution.output!);
        if (failures <= maxAttempts) {
          expect(output.capacity).toEqual({ reserved: true });
          expect(output.compensation).toBeUndefined();
        } else {
          expect(output.compensation).toBe('released');
          expect(output.failure.Error).toBe('CapacityContention');
          expect(JSON.parse(output.failure.Cause)).toMatchObject({ errorType: 'CapacityContention', errorMessage: `attempt ${calls} lost the race` });
        }
        const events = await historyOf(harness.sfn, execution.executionArn!);
        expect(events.filter((event) => event.type === 'LambdaFunctionScheduled')).toHaveLength(calls);
        expect(events.filter((event) => event.type === 'LambdaFunctionFailed')).toHaveLength(Math.min(failures, maxAttempts + 1));
      }),
      { numRuns: 12 }
    );
  });

  it('times out a slow function after TimeoutSeconds in real time, whatever the time scale', async () => {
    const fn = uniqueName('slow');
    let finished = false;
    harness.handlers.set(fn, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      finished = true;
      return { late: true };
    });
    const stateMachineArn = register({ Slow: { Type: 'Task', Resource: harness.functionArn(fn), TimeoutSeconds: 1, End: true } }, 'Slow');
    const execution = await run(stateMachineArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(finished).toBe(false);
    const types = (await historyOf(harness.sfn, execution.executionArn!)).map((event) => event.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
      'ExecutionFailed',
    ]);
  });

  it('lets States.TaskFailed catch function errors', async () => {
    const fn = uniqueName('fails');
    harness.handlers.set(fn, () => {
      throw new FunctionError('PaymentDeclined', 'card refused');
    });
    const stateMachineArn = register(
      {
        Charge: { Type: 'Task', Resource: harness.functionArn(fn), Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Refused' }], End: true },
        Refused: { Type: 'Fail', Error: 'BookingRefused', Cause: 'payment' },
      },
      'Charge'
    );
    const execution = await run(stateMachineArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'BookingRefused', cause: 'payment' });
  });
});

describe('GetExecutionHistory', () => {
  it('reports AWS event types and detail shapes for each kind of state', async () => {
    const fn = uniqueName('assign');
    harness.handlers.set(fn, () => ({ courier: 'C-7' }));
    const stateMachineArn = register(
      {
        Prepare: { Type: 'Pass', Result: { seconds: 5 }, ResultPath: '$.wait', Next: 'Pause' },
        Pause: { Type: 'Wait', SecondsPath: '$.wait.seconds', Next: 'Assign' },
        Assign: { Type: 'Task', Resource: harness.functionArn(fn), TimeoutSeconds: 30, ResultPath: '$.assignment', Next: 'Route' },
        Route: { Type: 'Choice', Choices: [{ Variable: '$.assignment.courier', IsPresent: true, Next: 'Fan' }], Default: 'Nope' },
        Fan: {
          Type: 'Map',
          ItemsPath: '$.stops',
          ItemProcessor: { StartAt: 'Visit', States: { Visit: { Type: 'Pass', End: true } } },
          ResultPath: '$.visited',
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Pass', Result: 'l', End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Pass', Result: 'r', End: true } } },
          ],
          ResultPath: '$.both',
          Next: 'Done',
        },
        Nope: { Type: 'Fail', Error: 'NoCourier' },
        Done: { Type: 'Succeed' },
      },
      'Prepare'
    );
    const execution = await run(stateMachineArn, { stops: ['a', 'b'] });
    expect(execution.status).toBe('SUCCEEDED');
    const events = await historyOf(harness.sfn, execution.executionArn!);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    const types = events.map((event) => event.type);
    expect(types.slice(0, 11)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
    ]);
    expect(types).toEqual(
      expect.arrayContaining([
        'MapStateEntered',
        'MapStateStarted',
        'MapIterationStarted',
        'MapIterationSucceeded',
        'MapStateSucceeded',
        'MapStateExited',
      ])
    );
    const parallel = types.slice(types.indexOf('ParallelStateEntered'));
    expect(parallel[1]).toBe('ParallelStateStarted');
    const succeededAt = parallel.indexOf('ParallelStateSucceeded');
    expect(parallel.slice(succeededAt, succeededAt + 2)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited']);
    expect(JSON.parse(execution.output!).both).toEqual(['l', 'r']);
    expect(types.slice(-3)).toEqual(['SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded']);

    const started = events[0].executionStartedEventDetails!;
    expect(JSON.parse(started.input!)).toEqual({ stops: ['a', 'b'] });
    expect(started.roleArn).toMatch(/^arn:aws:iam::/);
    const scheduled = events.find((event) => event.type === 'LambdaFunctionScheduled')!.lambdaFunctionScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resource: harness.functionArn(fn), timeoutInSeconds: 30 });
    const mapStarted = events.find((event) => event.type === 'MapStateStarted')!;
    expect(mapStarted.mapStateStartedEventDetails?.length).toBe(2);
    const waitExited = events.find((event) => event.type === 'WaitStateExited')!.stateExitedEventDetails!;
    expect(waitExited.name).toBe('Pause');
    expect(JSON.parse(waitExited.output!)).toEqual({ stops: ['a', 'b'], wait: { seconds: 5 } });
    expect(JSON.parse(events.at(-1)!.executionSucceededEventDetails!.output!)).toEqual(JSON.parse(execution.output!));
  });

  it('pages forwards and backwards with maxResults and nextToken', async () => {
    const stateMachineArn = register(
      Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`Step${i}`, { Type: 'Pass', ...(i < 5 ? { Next: `Step${i + 1}` } : { End: true }) }])),
      'Step0'
    );
    const execution = await run(stateMachineArn);
    const all = await historyOf(harness.sfn, execution.executionArn!);
    expect(all).toHaveLength(1 + 6 * 2 + 1);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.boolean(), async (maxResults, reverseOrder) => {
        const ids: number[] = [];
        let nextToken: string | undefined;
        do {
          const page = await harness.sfn.send(
            new GetExecutionHistoryCommand({ executionArn: execution.executionArn, maxResults, reverseOrder, nextToken })
          );
          expect(page.events!.length).toBeLessThanOrEqual(maxResults);
          ids.push(...page.events!.map((event) => event.id!));
          nextToken = page.nextToken;
        } while (nextToken);
        const expected = all.map((event) => event.id!);
        expect(ids).toEqual(reverseOrder ? expected.reverse() : expected);
      }),
      { numRuns: 15 }
    );
    await expect(
      harness.sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn, nextToken: 'bogus' }))
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('omits inputs and outputs when includeExecutionData is false', async () => {
    const stateMachineArn = register({ Done: { Type: 'Pass', End: true } }, 'Done');
    const execution = await run(stateMachineArn, { secret: 'x' });
    const page = await harness.sfn.send(new GetExecutionHistoryCommand({ executionArn: execution.executionArn, includeExecutionData: false }));
    expect(JSON.stringify(page.events)).not.toContain('secret');
    expect(page.events!.map((event) => event.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });
});

describe('StopExecution', () => {
  it('aborts a running execution with the given error and cause', async () => {
    const stateMachineArn = register({ Hold: { Type: 'Wait', Seconds: 86_400, Next: 'Never' }, Never: { Type: 'Pass', End: true } }, 'Hold');
    const { executionArn } = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await waitForExecution(harness.sfn, executionArn!, () => true);
    const stopped = await harness.sfn.send(new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'customer called' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const execution = await waitForExecution(harness.sfn, executionArn!);
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'customer called' });
    const events = await historyOf(harness.sfn, executionArn!);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Cancelled', cause: 'customer called' } });
    expect(events.map((event) => event.type)).not.toContain('PassStateEntered');

    const aborted = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
    expect(aborted.executions?.map((item) => item.executionArn)).toEqual([executionArn]);
    const running = await harness.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
  });
});

describe('execution timeout', () => {
  it('times out the execution after the definition TimeoutSeconds, in real time', async () => {
    // The Wait lasts 3.6 s at this file's time scale; the execution may run for 1 s.
    const stateMachineArn = register(
      { Hold: { Type: 'Wait', Seconds: 3600, Next: 'Never' }, Never: { Type: 'Pass', End: true } },
      'Hold',
      'STANDARD',
      {
        TimeoutSeconds: 1,
      }
    );
    const execution = await run(stateMachineArn);
    expect(execution).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const types = (await historyOf(harness.sfn, execution.executionArn!)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });
});

describe('Express state machines', () => {
  it('runs StartSyncExecution to completion and reports output or error like AWS', async () => {
    const fn = uniqueName('price');
    harness.handlers.set(fn, (event) => {
      const { km } = event as { km: number };
      if (km < 0) throw new FunctionError('InvalidDistance', 'negative distance');
      return { cents: km * 100 };
    });
    const stateMachineArn = register({ Price: { Type: 'Task', Resource: harness.functionArn(fn), End: true } }, 'Price', 'EXPRESS');
    const ok = await harness.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"km":3}' }));
    expect(ok).toMatchObject({ status: 'SUCCEEDED', output: '{"cents":300}', inputDetails: { included: true } });
    expect(ok.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:/);
    expect(ok.billingDetails?.billedDurationInMilliseconds).toBeGreaterThanOrEqual(100);

    const failed = await harness.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"km":-1}' }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'InvalidDistance' });
    expect(failed.output).toBeUndefined();
  });

  it('refuses StartSyncExecution for STANDARD machines', async () => {
    const stateMachineArn = register({ Done: { Type: 'Pass', End: true } }, 'Done');
    await expect(harness.sfn.send(new StartSyncExecutionCommand({ stateMachineArn }))).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
  });
});

describe('state machine management', () => {
  it('refuses JSONata and variables with InvalidDefinition, through the API and in process', async () => {
    const jsonata = [
      { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { total: 1 }, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Pass', Output: { x: 1 }, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f' }, End: true } } },
      { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': '$.x', y: '{% $states.input.y %}' }, End: true } } },
    ];
    for (const body of jsonata) {
      await expect(
        harness.sfn.send(
          new CreateStateMachineCommand({ name: uniqueName('bad'), definition: JSON.stringify(body), roleArn: 'arn:aws:iam::000000000000:role/r' })
        )
      ).rejects.toMatchObject({ name: 'InvalidDefinition' });
      expect(() =>
        harness.stepFunctions.registerStateMachine({ name: uniqueName('bad'), definition: JSON.stringify(body), type: 'STANDARD' })
      ).toThrow(expect.objectContaining({ name: 'InvalidDefinition', message: expect.stringMatching(/JSONata|JSONPath/) }));
    }
  });

  it('refuses a Task resource it cannot run, naming the state and the resource', async () => {
    const body = definition(
      { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { Message: 'hi' }, End: true } },
      'Notify'
    );
    expect(() => harness.stepFunctions.registerStateMachine({ name: uniqueName('sns'), definition: body, type: 'STANDARD' })).toThrow(
      /State 'Notify' uses Resource 'arn:aws:states:::sns:publish'/
    );
  });

  it('keeps the definition an execution started with after an update', async () => {
    const name = uniqueName('versioned');
    const first = definition({ Hold: { Type: 'Wait', Seconds: 3600, End: true } }, 'Hold');
    const stateMachineArn = harness.stepFunctions.registerStateMachine({ name, definition: first, type: 'STANDARD' });
    const { executionArn } = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const second = definition({ Done: { Type: 'Pass', End: true } }, 'Done');
    expect(harness.stepFunctions.registerStateMachine({ name, definition: second, type: 'STANDARD' })).toBe(stateMachineArn);
    const described = await harness.sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(described.definition).toBe(first);
    const fresh = await run(stateMachineArn);
    expect(fresh.status).toBe('SUCCEEDED');
    await harness.sfn.send(new StopExecutionCommand({ executionArn }));
  });

  it('is idempotent for CreateStateMachine with the same definition and refuses a different one', async () => {
    const name = uniqueName('created');
    const body = definition({ Done: { Type: 'Pass', End: true } }, 'Done');
    const roleArn = 'arn:aws:iam::000000000000:role/r';
    const created = await harness.sfn.send(new CreateStateMachineCommand({ name, definition: body, roleArn }));
    const again = await harness.sfn.send(new CreateStateMachineCommand({ name, definition: body, roleArn }));
    expect(again.stateMachineArn).toBe(created.stateMachineArn);
    await expect(
      harness.sfn.send(new CreateStateMachineCommand({ name, definition: definition({ Other: { Type: 'Pass', End: true } }, 'Other'), roleArn }))
    ).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
  });
});
