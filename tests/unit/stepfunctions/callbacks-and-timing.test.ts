// Task tokens (.waitForTaskToken), heartbeats and timeouts under a time scale, scaled Wait states
// and retry intervals, and states:startExecution — all through @aws-sdk/client-sfn.
import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { definition, eventually, FunctionError, historyOf, startHarness, uniqueName, waitForExecution, type Harness } from './support';

/** 1 simulated hour = 360 ms. */
const TIME_SCALE = 0.0001;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ withDynamoDb: false, timeScale: TIME_SCALE });
}, 60_000);
afterAll(async () => harness?.stop());
afterEach(() => harness.stepFunctions.setTimeScale(TIME_SCALE));

function register(states: Record<string, unknown>, startAt: string, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): string {
  return harness.stepFunctions.registerStateMachine({ name: uniqueName('sm'), definition: definition(states, startAt), type });
}

async function start(stateMachineArn: string, input: unknown = {}): Promise<string> {
  const { executionArn } = await harness.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return executionArn!;
}

/** A handler that records the task tokens it is given (the way a notifier Lambda would send them out). */
function tokenCollector(): { functionName: string; tokens: string[] } {
  const functionName = uniqueName('notify');
  const tokens: string[] = [];
  harness.handlers.set(functionName, (event) => {
    tokens.push((event as { taskToken: string }).taskToken);
    return { sent: true };
  });
  return { functionName, tokens };
}

function waitForCustomer(functionName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: functionName, Payload: { 'taskToken.$': '$$.Task.Token', 'reference.$': '$.reference' } },
    ResultPath: '$.answer',
    ...extra,
  };
}

describe('.waitForTaskToken', () => {
  it('waits for SendTaskSuccess and continues with its output', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register({ AskCustomer: { ...waitForCustomer(functionName), End: true } }, 'AskCustomer');
    const executionArn = await start(stateMachineArn, { reference: 'BK-9' });
    const token = await eventually(() => tokens[0]);
    expect(harness.invocations.find((invocation) => invocation.functionName === functionName)?.event).toEqual({
      taskToken: token,
      reference: 'BK-9',
    });

    // Submitted but not answered: still running.
    await eventually(async () => ((await historyOf(harness.sfn, executionArn)).some((event) => event.type === 'TaskSubmitted') ? true : undefined));
    expect((await harness.sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ choice: 'redeliver', window: 'W-2' }) }));
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ reference: 'BK-9', answer: { choice: 'redeliver', window: 'W-2' } });

    const events = await historyOf(harness.sfn, executionArn);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = events[2].taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', region: 'us-east-1' });
    expect(JSON.parse(scheduled.parameters!).Payload.taskToken).toBe(token);
    expect(JSON.parse(events[4].taskSubmittedEventDetails!.output!).Payload).toEqual({ sent: true });
  });

  it('fails the task with the error and cause given to SendTaskFailure', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register(
      {
        AskCustomer: {
          ...waitForCustomer(functionName),
          Catch: [{ ErrorEquals: ['CustomerDeclined'], ResultPath: '$.declined', Next: 'Return' }],
          End: true,
        },
        Return: { Type: 'Pass', Result: 'return-to-sender', ResultPath: '$.action', End: true },
      },
      'AskCustomer'
    );
    const executionArn = await start(stateMachineArn, { reference: 'BK-3' });
    const token = await eventually(() => tokens[0]);
    await harness.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'CustomerDeclined', cause: 'No longer wanted' }));
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(JSON.parse(execution.output!)).toEqual({
      reference: 'BK-3',
      declined: { Error: 'CustomerDeclined', Cause: 'No longer wanted' },
      action: 'return-to-sender',
    });
    const failed = (await historyOf(harness.sfn, executionArn)).find((event) => event.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({
      error: 'CustomerDeclined',
      cause: 'No longer wanted',
      resource: 'invoke.waitForTaskToken',
    });
  });

  it('refuses a second answer with the same token, malformed and unknown tokens, and invalid JSON', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register({ AskCustomer: { ...waitForCustomer(functionName), End: true } }, 'AskCustomer');
    const executionArn = await start(stateMachineArn, { reference: 'BK-4' });
    const token = await eventually(() => tokens[0]);

    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{oops' }))).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
    await harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"first"' }));
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"second"' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(harness.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: 'not a token', output: '{}' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: 'A'.repeat(64), output: '{}' }))).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });

    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(JSON.parse(execution.output!).answer).toBe('first');
  });

  it('mints a fresh token for every attempt and closes the previous one', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register(
      { AskCustomer: { ...waitForCustomer(functionName), Retry: [{ ErrorEquals: ['TryAgain'], IntervalSeconds: 1000, MaxAttempts: 2 }], End: true } },
      'AskCustomer'
    );
    const executionArn = await start(stateMachineArn, { reference: 'BK-5' });
    await harness.sfn.send(new SendTaskFailureCommand({ taskToken: await eventually(() => tokens[0]), error: 'TryAgain' }));
    // Retry intervals of 1000 and 2000 simulated seconds pass in 100 and 200 ms.
    await harness.sfn.send(new SendTaskFailureCommand({ taskToken: await eventually(() => tokens[1]), error: 'TryAgain' }));
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: await eventually(() => tokens[2]), output: '"third time"' }));
    expect(new Set(tokens).size).toBe(3);
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!).answer).toBe('third time');
  });

  it('times out after TimeoutSeconds × time scale with States.Timeout, which States.TaskFailed does not match', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register(
      {
        AskCustomer: {
          ...waitForCustomer(functionName, { TimeoutSeconds: 1800 }),
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.wrong', Next: 'WrongHandler' },
            { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Reattempt' },
          ],
          End: true,
        },
        WrongHandler: { Type: 'Fail', Error: 'CaughtByTaskFailed' },
        Reattempt: { Type: 'Pass', Result: 'automatic-reattempt', ResultPath: '$.action', End: true },
      },
      'AskCustomer'
    );
    const executionArn = await start(stateMachineArn, { reference: 'BK-6' });
    const token = await eventually(() => tokens[0]);
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    expect(output.action).toBe('automatic-reattempt');
    expect(output.timeout.Error).toBe('States.Timeout');

    const events = await historyOf(harness.sfn, executionArn);
    const timedOut = events.find((event) => event.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toMatchObject({ error: 'States.Timeout', resource: 'invoke.waitForTaskToken' });
    expect(events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(1800);
    expect(events.map((event) => event.type)).not.toContain('TaskSucceeded');
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('fails with States.HeartbeatTimeout when no heartbeat arrives within HeartbeatSeconds × time scale', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register(
      {
        AwaitAck: {
          ...waitForCustomer(functionName, { TimeoutSeconds: 360_000, HeartbeatSeconds: 600 }),
          Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.missed', Next: 'Escalate' }],
          End: true,
        },
        Escalate: { Type: 'Pass', Result: 'tier-2', ResultPath: '$.escalation', End: true },
      },
      'AwaitAck'
    );
    const executionArn = await start(stateMachineArn, { reference: 'CMP-1' });
    const token = await eventually(() => tokens[0]);
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(JSON.parse(execution.output!)).toMatchObject({ escalation: 'tier-2', missed: { Error: 'States.HeartbeatTimeout' } });
    const events = await historyOf(harness.sfn, executionArn);
    expect(events.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe('States.HeartbeatTimeout');
    expect(events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({
      timeoutInSeconds: 360_000,
      heartbeatInSeconds: 600,
    });
    await expect(harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('keeps a task alive while heartbeats arrive more often than HeartbeatSeconds', async () => {
    const { functionName, tokens } = tokenCollector();
    // 3000 s × 0.0001 = a 300 ms heartbeat window; heartbeats every 30 ms for two windows.
    const stateMachineArn = register(
      { Work: { ...waitForCustomer(functionName, { TimeoutSeconds: 360_000, HeartbeatSeconds: 3000 }), End: true } },
      'Work'
    );
    const executionArn = await start(stateMachineArn, { reference: 'JOB-1' });
    const token = await eventually(() => tokens[0]);
    for (let beat = 0; beat < 20; beat += 1) {
      await harness.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"done"' }));
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('resolves TimeoutSecondsPath and HeartbeatSecondsPath from the input without leaking them into Parameters', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register(
      {
        AskCustomer: {
          ...waitForCustomer(functionName, { TimeoutSecondsPath: '$.limits.answerWithin', HeartbeatSecondsPath: '$.limits.heartbeat' }),
          End: true,
        },
      },
      'AskCustomer'
    );
    const executionArn = await start(stateMachineArn, { reference: 'BK-7', limits: { answerWithin: 7200, heartbeat: 1800 } });
    await eventually(() => tokens[0]);
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.HeartbeatTimeout');
    const scheduled = (await historyOf(harness.sfn, executionArn)).find((event) => event.type === 'TaskScheduled')!.taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ timeoutInSeconds: 7200, heartbeatInSeconds: 1800 });
    expect(Object.keys(JSON.parse(scheduled.parameters!))).toEqual(['FunctionName', 'Payload']);
  });

  it('gives concurrent Map iterations their own tokens', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register(
      {
        AskEach: {
          Type: 'Map',
          ItemsPath: '$.stops',
          ItemSelector: { 'reference.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: 'AskStop', States: { AskStop: { ...waitForCustomer(functionName), ResultPath: '$.answer', End: true } } },
          End: true,
        },
      },
      'AskEach'
    );
    const stops = ['S-1', 'S-2', 'S-3'];
    const executionArn = await start(stateMachineArn, { stops });
    await eventually(() => (tokens.length === stops.length ? true : undefined));
    expect(new Set(tokens).size).toBe(stops.length);
    // Answer each token with the reference its invocation carried.
    for (const invocation of harness.invocations.filter((entry) => entry.functionName === functionName)) {
      const { taskToken, reference } = invocation.event as { taskToken: string; reference: string };
      await harness.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(`ok ${reference}`) }));
    }
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(JSON.parse(execution.output!)).toEqual(stops.map((reference) => ({ reference, answer: `ok ${reference}` })));
  });

  it('closes the token when the execution is stopped', async () => {
    const { functionName, tokens } = tokenCollector();
    const stateMachineArn = register({ AskCustomer: { ...waitForCustomer(functionName), End: true } }, 'AskCustomer');
    const executionArn = await start(stateMachineArn, { reference: 'BK-8' });
    const token = await eventually(() => tokens[0]);
    await harness.sfn.send(new StopExecutionCommand({ executionArn }));
    await expect(harness.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    expect((await waitForExecution(harness.sfn, executionArn)).status).toBe('ABORTED');
  });
});

describe('scaled Wait states', () => {
  it('waits SecondsPath × time scale, keeping InputPath and OutputPath', async () => {
    harness.stepFunctions.setTimeScale(0.000002);
    const stateMachineArn = register(
      {
        HoldUntilRedelivery: { Type: 'Wait', InputPath: '$.redelivery', SecondsPath: '$.delaySeconds', OutputPath: '$.window', Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
      'HoldUntilRedelivery'
    );
    // 48 hours at 2e-6 last about 0.35 s.
    const executionArn = await start(stateMachineArn, { redelivery: { delaySeconds: 48 * 3600, window: { id: 'W-9' } }, other: true });
    const execution = await waitForExecution(harness.sfn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ id: 'W-9' });
    const types = (await historyOf(harness.sfn, executionArn)).map((event) => event.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('waits until a TimestampPath scaled from now, and reads $$ paths', async () => {
    harness.stepFunctions.setTimeScale(0.000002);
    const stateMachineArn = register(
      {
        UntilTomorrow: { Type: 'Wait', TimestampPath: '$$.Execution.Input.at', Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
      'UntilTomorrow'
    );
    const executionArn = await start(stateMachineArn, { at: new Date(Date.now() + 24 * 3600 * 1000).toISOString() });
    expect((await waitForExecution(harness.sfn, executionArn)).status).toBe('SUCCEEDED');
  });

  it('fails with States.Runtime when SecondsPath does not hold a non-negative integer', async () => {
    const stateMachineArn = register({ Hold: { Type: 'Wait', SecondsPath: '$.seconds', End: true } }, 'Hold');
    for (const seconds of ['soon', -1, 1.5]) {
      const execution = await waitForExecution(harness.sfn, await start(stateMachineArn, { seconds }));
      expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    }
  });
});

describe('states:startExecution', () => {
  it('starts a child execution and, with .sync:2, returns its JSON output or fails with States.TaskFailed', async () => {
    const fn = uniqueName('child-work');
    harness.handlers.set(fn, (event) => {
      const { n } = event as { n: number };
      if (n < 0) throw new FunctionError('Negative', 'n < 0');
      return { doubled: n * 2 };
    });
    const childArn = register({ Work: { Type: 'Task', Resource: harness.functionArn(fn), End: true } }, 'Work');
    const parentArn = register(
      {
        Fire: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution',
          Parameters: { StateMachineArn: childArn, Input: { n: 1, 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
          ResultPath: '$.fired',
          Next: 'RunAndWait',
        },
        RunAndWait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: childArn, 'Input.$': '$.child' },
          ResultSelector: { 'output.$': '$.Output', 'status.$': '$.Status' },
          ResultPath: '$.result',
          Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.childFailure', Next: 'ChildFailed' }],
          End: true,
        },
        ChildFailed: { Type: 'Pass', End: true },
      },
      'Fire'
    );
    const ok = await waitForExecution(harness.sfn, await start(parentArn, { child: { n: 21 } }));
    const output = JSON.parse(ok.output!);
    expect(output.fired.ExecutionArn).toMatch(/:execution:/);
    expect(typeof output.fired.StartDate).toBe('number');
    expect(output.result).toEqual({ output: { doubled: 42 }, status: 'SUCCEEDED' });

    const failed = await waitForExecution(harness.sfn, await start(parentArn, { child: { n: -1 } }));
    const failure = JSON.parse(failed.output!).childFailure;
    expect(failure.Error).toBe('States.TaskFailed');
    expect(JSON.parse(failure.Cause)).toMatchObject({ Status: 'FAILED', Error: 'Negative' });
    const types = (await historyOf(harness.sfn, failed.executionArn!)).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['TaskSubmitted', 'TaskFailed']));
  });
});
