import fc from 'fast-check';
import { evaluateReferencePath, parseReferencePath, ReferencePathError } from '../../../local/stepfunctions/reference-path';

const fieldName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/);
const step = fc.oneof(fieldName, fc.integer({ min: 0, max: 4 }));

/** Renders steps as a reference path, choosing dot or bracket notation for each field. */
function render(root: '$' | '$$', steps: (string | number)[], bracketed: boolean[]): string {
  return (
    root +
    steps.map((item, index) => (typeof item === 'number' ? `[${item}]` : bracketed[index % bracketed.length] ? `['${item}']` : `.${item}`)).join('')
  );
}

/** Builds a value in which `steps` lead to `leaf`. */
function build(steps: (string | number)[], leaf: unknown): unknown {
  if (steps.length === 0) return leaf;
  const [head, ...rest] = steps;
  if (typeof head === 'number') {
    const array: unknown[] = Array.from({ length: head + 1 }, () => null);
    array[head] = build(rest, leaf);
    return array;
  }
  return { [head]: build(rest, leaf), sibling: 'noise' };
}

describe('reference paths', () => {
  it('finds the value at any path of fields and indexes, in dot or bracket notation', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.jsonValue(),
        (steps, bracketed, leaf) => {
          const document = build(steps, leaf);
          const path = render('$', steps, bracketed);
          expect(parseReferencePath(path)).toEqual({ root: 'input', steps });
          expect(evaluateReferencePath(path, document, {})).toEqual({ found: true, value: leaf });
          // The same path on the context object needs `$$`.
          expect(evaluateReferencePath(render('$$', steps, bracketed), {}, document)).toEqual({ found: true, value: leaf });
        }
      )
    );
  });

  it('reports a missing value instead of guessing', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), (steps) => {
        const document = build(steps.slice(0, -1), 'not a container of the last step');
        expect(evaluateReferencePath(render('$', steps, [false]), document, {})).toEqual({ found: false });
      })
    );
    expect(evaluateReferencePath('$.a[3]', { a: [1, 2] }, {})).toEqual({ found: false });
    expect(evaluateReferencePath('$.a.b', { a: [1] }, {})).toEqual({ found: false });
    expect(evaluateReferencePath('$.toString', {}, {})).toEqual({ found: false });
  });

  it('refuses paths outside the reference-path grammar', () => {
    for (const path of ['a.b', '$.', '$..a', '$.a[*]', '$[?(@.x)]', '$.a[-1]', "$['a]", '$ .a']) {
      expect(() => parseReferencePath(path)).toThrow(ReferencePathError);
    }
  });
});
