import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  AWS_DEFAULT_TASK_TIMEOUT_SECONDS,
  compileDefinition,
  instantiateLocalDefinition,
  LOCAL_WAIT_RESOURCE,
  LONGEST_TIMER_SECONDS,
} from '../../../local/stepfunctions/definition';
import { InvalidDefinitionError } from '../../../local/stepfunctions/errors';

const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const body = (states: Record<string, unknown>, startAt: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ StartAt: startAt, States: states, ...extra });

describe('compileDefinition', () => {
  it('accepts every state machine file in the repository once its placeholders are substituted', () => {
    const directory = path.join(__dirname, '../../../state-machines');
    const files = fs.readdirSync(directory).filter((file) => file.endsWith('.asl.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // Local ARNs for every ${Placeholder}, as the local cloud substitutes them.
      const text = fs.readFileSync(path.join(directory, file), 'utf8').replace(/\$\{(\w+)\}/g, (_, name: string) => lambdaArn(name));
      const compiled = compileDefinition(text);
      expect(compiled.definitionText).toBe(text);
      expect(compiled.states.size).toBeGreaterThan(0);
    }
  });

  it('refuses JSON that is not a definition, and ASL the validator rejects', () => {
    expect(() => compileDefinition('{')).toThrow(/not valid JSON/);
    expect(() => compileDefinition('[]')).toThrow(/JSON object/);
    expect(() => compileDefinition(body({ A: { Type: 'Pass', Next: 'Missing' } }, 'A'))).toThrow(InvalidDefinitionError);
  });

  it('refuses JSONata wherever it appears', () => {
    const jsonataStates: Record<string, unknown>[] = [
      { Type: 'Pass', QueryLanguage: 'JSONata', End: true },
      { Type: 'Pass', Assign: { a: 1 }, End: true },
      { Type: 'Pass', Output: '{% $states.input %}', End: true },
      { Type: 'Task', Resource: lambdaArn('f'), Arguments: {}, End: true },
      { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'B' }] },
      { Type: 'Pass', Parameters: { deep: { list: ['x', '  {% 1 + 1 %}  '] } }, End: true },
    ];
    for (const state of jsonataStates) {
      const states = { A: state, B: { Type: 'Succeed' } };
      expect(() => compileDefinition(body(states, 'A'))).toThrow(
        expect.objectContaining({ name: 'InvalidDefinition', message: expect.stringContaining("'A'") })
      );
    }
    expect(() => compileDefinition(body({ A: { Type: 'Pass', End: true } }, 'A', { QueryLanguage: 'JSONata' }))).toThrow(/JSONata/);
    // Inside a Parallel branch too.
    const nested = {
      P: { Type: 'Parallel', Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Assign: { x: 1 }, End: true } } }], End: true },
    };
    expect(() => compileDefinition(body(nested, 'P'))).toThrow(/State 'In' uses 'Assign'/);
  });

  it('refuses duplicate state names across branches and distributed Map', () => {
    const duplicate = {
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } },
          { StartAt: 'Same', States: { Same: { Type: 'Pass', End: true } } },
        ],
        End: true,
      },
    };
    expect(() => compileDefinition(body(duplicate, 'P'))).toThrow(/(DUPLICATE_STATE_NAMES|used more than once).*Same|'Same' is used more than once/);
    const distributed = {
      M: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'X',
          States: { X: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    };
    expect(() => compileDefinition(body(distributed, 'M'))).toThrow(/distributed Map/);
  });

  it('plans Tasks, including nested ones, with their integration and timing fields', () => {
    const compiled = compileDefinition(
      body(
        {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
            TimeoutSecondsPath: '$.limits.timeout',
            HeartbeatSeconds: 60,
            Next: 'Each',
          },
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: {
              StartAt: 'Put',
              States: { Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't' }, End: true } },
            },
            End: true,
          },
        },
        'Ask'
      )
    );
    expect(compiled.states.get('Ask')).toMatchObject({
      type: 'Task',
      waitForTaskToken: true,
      timeoutSecondsPath: '$.limits.timeout',
      heartbeatSeconds: 60,
      hasParameters: true,
      resource: { kind: 'lambda-invoke' },
    });
    expect(compiled.states.get('Put')).toMatchObject({ type: 'Task', waitForTaskToken: false, resource: { kind: 'dynamodb', action: 'putItem' } });
    expect(compiled.states.get('Each')).toMatchObject({ type: 'Map', itemsPath: '$.items' });
    // The path travels to the override as a hidden Parameters key the engine resolves.
    const ask = (compiled.localTemplate.States as Record<string, Record<string, unknown>>).Ask;
    expect(ask.TimeoutSecondsPath).toBeUndefined();
    expect(ask.Parameters).toMatchObject({ '__localStepFunctionsTimeoutSeconds.$': '$.limits.timeout' });
  });

  it('rewrites Wait states into Tasks for the local override, keeping their paths and transitions', () => {
    const original = {
      Hold: { Type: 'Wait', SecondsPath: '$.s', InputPath: '$.in', OutputPath: '$.out', Comment: 'why', Next: 'Done' },
      Done: { Type: 'Succeed' },
    };
    const compiled = compileDefinition(body(original, 'Hold'));
    expect(compiled.states.get('Hold')).toEqual({
      type: 'Wait',
      name: 'Hold',
      secondsPath: '$.s',
      seconds: undefined,
      timestamp: undefined,
      timestampPath: undefined,
    });
    expect((compiled.localTemplate.States as Record<string, unknown>).Hold).toEqual({
      Type: 'Task',
      Resource: LOCAL_WAIT_RESOURCE,
      Comment: 'why',
      InputPath: '$.in',
      OutputPath: '$.out',
      Next: 'Done',
    });
    // The registered text is untouched.
    expect(JSON.parse(compiled.definitionText).States.Hold).toEqual(original.Hold);
  });
});

describe('instantiateLocalDefinition', () => {
  it('reads Task timeouts from the override and scales retry intervals with the current time scale', () => {
    const compiled = compileDefinition(
      body(
        {
          T: {
            Type: 'Task',
            Resource: lambdaArn('f'),
            TimeoutSeconds: 30,
            Retry: [{ ErrorEquals: ['A'], IntervalSeconds: 10, MaxDelaySeconds: 40 }, { ErrorEquals: ['B'] }],
            End: true,
          },
        },
        'T',
        { TimeoutSeconds: 10 * LONGEST_TIMER_SECONDS }
      )
    );
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: 1, max: AWS_DEFAULT_TASK_TIMEOUT_SECONDS, noNaN: true }),
        (scale, timeout) => {
          const local = instantiateLocalDefinition(compiled, { timeScale: () => scale, taskTimeoutSeconds: () => timeout });
          const task = local.States.T as unknown as { TimeoutSeconds: number; Retry: { IntervalSeconds: number; MaxDelaySeconds?: number }[] };
          expect(task.TimeoutSeconds).toBe(timeout);
          expect(task.Retry[0].IntervalSeconds).toBeCloseTo(10 * scale);
          expect(task.Retry[0].MaxDelaySeconds).toBeCloseTo(40 * scale);
          // The engine's defaults: a 1 s interval, no delay cap.
          expect(task.Retry[1].IntervalSeconds).toBeCloseTo(scale);
          expect(task.Retry[1].MaxDelaySeconds).toBeUndefined();
          // Node cannot arm timers beyond ~24.8 days, so the execution timeout is capped.
          expect(local.TimeoutSeconds).toBe(LONGEST_TIMER_SECONDS);
        }
      )
    );
  });
});
