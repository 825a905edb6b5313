// Every state machine is valid Amazon States Language (asl-validator) and JSONPath only
// (asl-rules.ts), checked on the definition the local cloud runs: the ASL file with its
// ${Placeholder}s filled in with local ARNs and names.
import fs from 'node:fs';
import path from 'node:path';
import { physicalName } from '../../cdk/artifacts/naming';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';
import { STATE_MACHINES, type StateMachineArtifact, type Substitution } from '../../cdk/artifacts/state-machines';
import { localStateMachineDefinition } from '../../local/artifacts';
import { testSettings } from '../../local/settings';
import { jsonPathOnlyViolations } from './asl-rules';

interface AslValidation {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
type AslValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => AslValidation;
// asl-validator ships no type declarations.
const aslValidator = require('asl-validator') as AslValidator;

const STATE_MACHINE_DIR = path.join(REPOSITORY_ROOT, 'state-machines');
const { region, accountId } = testSettings();

/** The values the local cloud substitutes (local/cloud.ts). */
function localValue(substitution: Substitution): string {
  if ('functionArn' in substitution) return `arn:aws:lambda:${region}:${accountId}:function:${physicalName('local', substitution.functionArn)}`;
  if ('tableName' in substitution) return physicalName('local', substitution.tableName);
  return `arn:aws:states:${region}:${accountId}:stateMachine:${physicalName('local', substitution.stateMachineArn)}`;
}

/** A fresh parse each time: asl-validator writes default QueryLanguage values into what it checks. */
function definitionOf(artifact: StateMachineArtifact): unknown {
  return JSON.parse(localStateMachineDefinition(artifact, localValue));
}

function validate(definition: unknown): string[] {
  const result = aslValidator(definition, { checkPaths: true, checkArn: true });
  return result.isValid ? [] : result.errorsText('\n').split('\n');
}

test('every ASL file is a state machine of the manifest', () => {
  const files = fs
    .readdirSync(STATE_MACHINE_DIR)
    .filter((file) => file.endsWith('.asl.json'))
    .map((file) => `state-machines/${file}`)
    .sort();
  expect(files.length).toBeGreaterThan(0);
  expect(STATE_MACHINES.map((artifact) => artifact.file).sort()).toEqual(files);
});

describe.each(STATE_MACHINES.map((artifact) => [artifact.file, artifact] as const))('%s', (_file, artifact) => {
  test('is valid ASL once its placeholders are substituted', () => {
    const text = localStateMachineDefinition(artifact, localValue);
    expect(text).not.toMatch(/\$\{[A-Za-z0-9_]+\}/);
    expect(validate(JSON.parse(text))).toEqual([]);
  });

  test('uses JSONPath only (no JSONata, no variables)', () => {
    expect(jsonPathOnlyViolations(definitionOf(artifact))).toEqual([]);
  });
});

describe('asl-validator rejects a broken definition', () => {
  test('a transition to a missing state', () => {
    expect(validate({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } }).join('\n')).toMatch(/MISSING_TRANSITION_TARGET/);
  });

  test('a Task whose Resource is not an ARN', () => {
    const broken = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'not-an-arn', End: true } } };
    expect(validate(broken)).not.toEqual([]);
  });
});

describe('the JSONPath-only rule', () => {
  const pass = { Type: 'Pass', End: true };
  const paths = (definition: unknown) => jsonPathOnlyViolations(definition).map((violation) => violation.path);

  test('accepts a plain JSONPath machine with Map, Parallel, Choice and intrinsics', () => {
    const definition = {
      QueryLanguage: 'JSONPath',
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'msg.$': "States.Format('{} items', $.count)", 'id.$': '$$.Execution.Id' }, End: true } } }],
          ResultPath: '$.fan',
          Next: 'Each',
        },
        Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'I', States: { I: pass } }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.ok', BooleanEquals: true }], Next: 'Done' }], Default: 'Done' },
        Done: { Type: 'Succeed', OutputPath: '$.fan' },
      },
    };
    expect(jsonPathOnlyViolations(definition)).toEqual([]);
  });

  test('rejects QueryLanguage JSONata on the machine and on a state', () => {
    expect(paths({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: pass } })).toEqual(['$.QueryLanguage']);
    expect(paths({ StartAt: 'A', States: { A: { ...pass, QueryLanguage: 'JSONata' } } })).toEqual(['$.States.A.QueryLanguage']);
  });

  test('rejects Assign, Arguments and Output on a state', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { total: 1 }, Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Arguments: { x: 1 }, Output: '{% $states.result %}', End: true },
      },
    };
    expect(paths(definition).sort()).toEqual(['$.States.A.Assign', '$.States.B.Arguments', '$.States.B.Output']);
  });

  test('finds them inside Map processors, legacy Iterators and Parallel branches', () => {
    const definition = {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: 'X', States: { X: { ...pass, Assign: { a: 1 } } } }, Next: 'L' },
        L: { Type: 'Map', Iterator: { StartAt: 'Y', States: { Y: { ...pass, Output: {} } } }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Z', States: { Z: { Type: 'Parallel', Branches: [{ StartAt: 'Deep', States: { Deep: { ...pass, QueryLanguage: 'JSONata' } } }], End: true } } }],
          End: true,
        },
      },
    };
    expect(paths(definition).sort()).toEqual([
      '$.States.L.Iterator.States.Y.Output',
      '$.States.M.ItemProcessor.States.X.Assign',
      '$.States.P.Branches[0].States.Z.Branches[0].States.Deep.QueryLanguage',
    ]);
  });

  test('rejects Assign and JSONata Conditions in Choice rules and Catch clauses', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.ok %}', Assign: { seen: true }, Next: 'T' }], Default: 'T' },
        T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failed: true }, Next: 'D' }], End: true },
        D: pass,
      },
    };
    expect(paths(definition).sort()).toEqual(['$.States.C.Choices[0].Assign', '$.States.C.Choices[0].Condition', '$.States.T.Catch[0].Assign']);
  });

  test('rejects reading a variable through a path', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'total.$': '$total', 'n.$': 'States.ArrayLength($items)' }, Next: 'B' },
        B: { Type: 'Choice', Choices: [{ Not: { Variable: '$flag', IsPresent: true }, Next: 'C' }], Default: 'C' },
        C: { Type: 'Pass', InputPath: '$input', End: true },
      },
    };
    expect(paths(definition).sort()).toEqual(['$.States.A.Parameters["n.$"]', '$.States.A.Parameters["total.$"]', '$.States.B.Choices[0].Not.Variable', '$.States.C.InputPath']);
  });
});
